import { defineErrors } from '@fair/core';

export const BoothErrors = defineErrors({
  BOOTH_NOT_FOUND: { status: 404, en: 'Booth {booth} not found in this fair', vi: 'Không tìm thấy gian hàng {booth} trong hội chợ này' },
  BOOTH_TAKEN: {
    status: 409,
    en: 'Booth {booth} is already held or assigned to another exhibitor',
    vi: 'Gian hàng {booth} đã được giữ chỗ hoặc phân bổ cho doanh nghiệp khác',
  },
  BOOTH_NOT_ALLOCATED: { status: 409, en: 'Booth {booth} is not held or assigned', vi: 'Gian hàng {booth} chưa được giữ chỗ hoặc phân bổ' },
  EXHIBITOR_NOT_FOUND: { status: 404, en: 'Exhibitor not found in this fair', vi: 'Không tìm thấy doanh nghiệp trong hội chợ này' },
  EXHIBITOR_NOT_APPROVED: {
    status: 409,
    en: 'This exhibitor is not approved (it is {status}); only approved exhibitors get booths',
    vi: 'Doanh nghiệp chưa được duyệt (trạng thái: {status}); chỉ doanh nghiệp đã được duyệt mới được phân gian hàng',
  },
  KIND_NOT_ALLOWED: {
    status: 409,
    en: 'Booth {booth} ({kindEn}) is not of a kind this {origin} exhibitor asked for or may have; an organiser may still give it with a reason for the exception',
    vi: 'Gian {booth} ({kindVi}) không thuộc loại mà doanh nghiệp {originVi} này đã đăng ký hoặc được nhận; ban tổ chức vẫn có thể phân gian này kèm lý do ngoại lệ',
  },
  /** The same rule met by the exhibitor itself (self-selection): it cannot override, so it is told what to do instead. */
  KIND_NOT_REQUESTED: {
    status: 409,
    en: 'You cannot take booth {booth} ({kindEn}): your application did not ask for booths of this kind. Choose booths of the kinds you asked for, or contact the organisers.',
    vi: 'Bạn không thể chọn gian {booth} ({kindVi}): hồ sơ của bạn không đăng ký loại gian này. Vui lòng chọn gian đúng loại đã đăng ký hoặc liên hệ ban tổ chức.',
  },
  TOO_MANY_BOOTHS: {
    status: 409,
    en: 'This exhibitor asked for {requested} {kind} booth(s) and already has {has}',
    vi: 'Doanh nghiệp đăng ký {requested} gian loại {kindVi} và đã có {has} gian',
  },
  EXPIRY_IN_PAST: { status: 422, en: 'The hold expiry must be in the future', vi: 'Thời hạn giữ chỗ phải ở tương lai' },
  HOLD_NOT_YOURS: { status: 403, en: 'This booth is not held for you', vi: 'Gian hàng này không được giữ cho bạn' },
  PROPOSAL_NOT_FOUND: { status: 404, en: 'Allocation proposal not found', vi: 'Không tìm thấy phương án phân bổ' },
  PROPOSAL_CLOSED: {
    status: 409,
    en: 'This proposal was already {status}',
    vi: 'Phương án này đã được {statusVi}',
  },
  ROUND_EMPTY: { status: 422, en: 'A round needs at least one exhibitor', vi: 'Vòng chọn gian cần ít nhất một doanh nghiệp' },
  ROUND_DUPLICATE_EXHIBITOR: { status: 422, en: 'An exhibitor appears twice in the round', vi: 'Một doanh nghiệp xuất hiện hai lần trong vòng chọn' },
  ROUND_ALREADY_OPEN: { status: 409, en: 'A self-selection round is already open for this fair', vi: 'Hội chợ đang có một vòng chọn gian hàng chưa kết thúc' },
  ROUND_NOT_FOUND: { status: 404, en: 'Self-selection round not found', vi: 'Không tìm thấy vòng chọn gian hàng' },
  NOT_YOUR_TURN: { status: 409, en: 'It is not your turn to pick booths', vi: 'Chưa đến lượt bạn chọn gian hàng' },
  NO_EXHIBITOR_ACCOUNT: { status: 403, en: 'You have no exhibitor record for this fair', vi: 'Bạn chưa có hồ sơ doanh nghiệp cho hội chợ này' },
});
