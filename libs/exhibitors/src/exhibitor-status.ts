/**
 * The life of an application. Organisers move it through review; the applicant confirms its
 * email, resubmits after a change request, or withdraws. Anything not listed here is refused.
 */
export const EXHIBITOR_STATUSES = [
  'draft',
  'submitted',
  'email_confirmed',
  'under_review',
  'approved',
  'rejected',
  'changes_requested',
  'withdrawn',
] as const;
export type ExhibitorStatus = (typeof EXHIBITOR_STATUSES)[number];

/** Statuses that still hold the company's place: the duplicate rule counts these. */
export const LIVE_STATUSES: readonly ExhibitorStatus[] = EXHIBITOR_STATUSES.filter((s) => s !== 'rejected' && s !== 'withdrawn');

export type ExhibitorAction = 'submit' | 'confirm-email' | 'start-review' | 'approve' | 'reject' | 'request-changes' | 'resubmit' | 'withdraw';

/** action -> the statuses it may start from, and where it leads. */
export const TRANSITIONS: Record<ExhibitorAction, { from: readonly ExhibitorStatus[]; to: ExhibitorStatus }> = {
  submit: { from: ['draft'], to: 'submitted' },
  'confirm-email': { from: ['submitted'], to: 'email_confirmed' },
  'start-review': { from: ['email_confirmed'], to: 'under_review' },
  approve: { from: ['under_review'], to: 'approved' },
  reject: { from: ['under_review'], to: 'rejected' },
  'request-changes': { from: ['under_review'], to: 'changes_requested' },
  resubmit: { from: ['changes_requested'], to: 'under_review' },
  withdraw: { from: ['draft', 'submitted', 'email_confirmed', 'under_review', 'changes_requested', 'approved'], to: 'withdrawn' },
};

/**
 * Statuses in which the applicant may still change its application, and what proves it is the
 * applicant: a draft has no account yet (its resume token), a change request has one.
 */
export const EDITABLE: Partial<Record<ExhibitorStatus, 'resume-token' | 'account'>> = {
  draft: 'resume-token',
  changes_requested: 'account',
};

export const STATUS_LABELS: Record<ExhibitorStatus, { vi: string; en: string }> = {
  draft: { vi: 'bản nháp', en: 'draft' },
  submitted: { vi: 'đã gửi, chờ xác nhận email', en: 'submitted, waiting for email confirmation' },
  email_confirmed: { vi: 'đã xác nhận email, chờ xét duyệt', en: 'email confirmed, waiting for review' },
  under_review: { vi: 'đang xét duyệt', en: 'under review' },
  approved: { vi: 'đã được duyệt', en: 'approved' },
  rejected: { vi: 'bị từ chối', en: 'rejected' },
  changes_requested: { vi: 'cần bổ sung, chỉnh sửa', en: 'changes requested' },
  withdrawn: { vi: 'đã rút đơn', en: 'withdrawn' },
};
