/** The closed lists a pass code carries as small numbers; the order is part of the QR format. */
export const VISITOR_TYPES = ['trade-buyer', 'importer', 'general', 'press', 'exhibitor-staff'] as const;
export type VisitorType = (typeof VISITOR_TYPES)[number];

export const ENTRY_POLICIES = ['single', 're-entry', 'once-per-day'] as const;
export type EntryPolicy = (typeof ENTRY_POLICIES)[number];

export const VISITOR_LANGS = ['vi', 'en'] as const;

/** General visitors enter once a day (a day ticket); buyers, press and staff come and go. */
export function defaultEntryPolicy(type: VisitorType): EntryPolicy {
  return type === 'general' ? 'once-per-day' : 're-entry';
}

export const VISITOR_TYPE_LABELS: Record<VisitorType, { vi: string; en: string }> = {
  'trade-buyer': { vi: 'Khách mua hàng', en: 'Trade buyer' },
  importer: { vi: 'Nhà nhập khẩu', en: 'Importer' },
  general: { vi: 'Khách tham quan', en: 'Visitor' },
  press: { vi: 'Báo chí', en: 'Press' },
  'exhibitor-staff': { vi: 'Nhân viên đơn vị trưng bày', en: 'Exhibitor staff' },
};
