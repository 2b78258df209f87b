import { defineErrors } from '@fair/core';

export const FairErrors = defineErrors({
  FAIR_NOT_FOUND: { status: 404, en: 'Fair not found', vi: 'Không tìm thấy hội chợ' },
  FAIR_SLUG_TAKEN: { status: 409, en: 'A fair with the short name "{slug}" already exists', vi: 'Đã có hội chợ với tên rút gọn "{slug}"' },
  HALL_CODE_TAKEN: { status: 409, en: 'Hall {code} already exists in this fair', vi: 'Nhà triển lãm {code} đã có trong hội chợ này' },
  FLOOR_PLAN_INVALID: {
    status: 422,
    en: 'The floor plan file has {count} bad rows; nothing was imported',
    vi: 'Tệp sơ đồ gian hàng có {count} dòng lỗi; không có dữ liệu nào được nhập',
  },
});
