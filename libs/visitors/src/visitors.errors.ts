import { defineErrors } from '@fair/core';

export const VisitorErrors = defineErrors({
  VISITOR_EMAIL_TAKEN: {
    status: 409,
    en: 'The email {email} is already registered for this fair',
    vi: 'Email {email} đã được đăng ký cho hội chợ này',
  },
  CONSENT_REQUIRED: {
    status: 422,
    en: 'Please agree to the processing of your data to register',
    vi: 'Vui lòng đồng ý cho phép xử lý dữ liệu cá nhân để đăng ký',
  },
  VISITOR_NOT_FOUND: { status: 404, en: 'Visitor not found', vi: 'Không tìm thấy khách tham quan' },
  PASS_NOT_FOUND: { status: 404, en: 'Pass not found', vi: 'Không tìm thấy thẻ vào cửa' },
  PASS_REVOKED: { status: 409, en: 'This pass has been cancelled', vi: 'Thẻ vào cửa này đã bị huỷ' },
  PASS_ISSUE_LIMIT: { status: 409, en: 'This pass has been reissued too many times', vi: 'Thẻ vào cửa này đã được cấp lại quá nhiều lần' },
  BATCH_NOT_FOUND: { status: 404, en: 'Invitation batch not found', vi: 'Không tìm thấy đợt gửi thư mời' },
  NOTHING_TO_SEND: {
    status: 422,
    en: 'No visitor matches; no invitation was queued',
    vi: 'Không có khách nào phù hợp; chưa có thư mời nào được xếp hàng gửi',
  },
  STAFF_PASSES_NOT_APPROVED: {
    status: 409,
    en: 'Staff passes are issued once the exhibitor is approved',
    vi: 'Thẻ nhân viên chỉ được cấp sau khi đơn vị trưng bày được duyệt',
  },
});
