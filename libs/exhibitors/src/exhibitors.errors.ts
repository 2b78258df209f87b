import { defineErrors } from '@fair/core';

export const ExhibitorErrors = defineErrors({
  APPLICATION_NOT_FOUND: { status: 404, en: 'Application not found', vi: 'Không tìm thấy hồ sơ đăng ký' },
  DUPLICATE_APPLICATION: {
    status: 409,
    en: 'This company ({by}) already has an application for this fair, sent on {submittedOn}; it is {statusEn}',
    vi: 'Doanh nghiệp này ({byVi}) đã có hồ sơ đăng ký hội chợ này, gửi ngày {submittedOn}; hồ sơ đang ở trạng thái: {statusVi}',
  },
  ILLEGAL_TRANSITION: {
    status: 409,
    en: 'Cannot {action} an application that is {statusEn}',
    vi: 'Không thể thực hiện "{action}" với hồ sơ ở trạng thái: {statusVi}',
  },
  NOT_EDITABLE: {
    status: 409,
    en: 'An application that is {statusEn} cannot be edited; only drafts and applications with changes requested can',
    vi: 'Không thể sửa hồ sơ ở trạng thái: {statusVi}; chỉ sửa được bản nháp hoặc hồ sơ được yêu cầu bổ sung',
  },
  TOKEN_INVALID: { status: 410, en: 'This link is invalid, already used or expired', vi: 'Liên kết không hợp lệ, đã được dùng hoặc đã hết hạn' },
  EMAIL_BELONGS_TO_STAFF: {
    status: 409,
    en: 'This email belongs to a staff account; use another email for the exhibitor',
    vi: 'Email này thuộc tài khoản nhân viên ban tổ chức; vui lòng dùng email khác cho doanh nghiệp',
  },
  EXHIBITOR_IMPORT_INVALID: {
    status: 422,
    en: 'The exhibitor file has {count} bad rows; nothing was imported',
    vi: 'Tệp danh sách doanh nghiệp có {count} dòng lỗi; không có dữ liệu nào được nhập',
  },
  STAFF_NOT_FOUND: { status: 404, en: 'Staff member not found', vi: 'Không tìm thấy nhân viên' },
  STAFF_LIMIT: { status: 409, en: 'At most {max} staff members per exhibitor', vi: 'Mỗi doanh nghiệp có tối đa {max} nhân viên' },
});
