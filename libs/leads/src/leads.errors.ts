import { defineErrors } from '@fair/core';

export const LeadErrors = defineErrors({
  LEAD_NOT_EXHIBITOR: {
    status: 403,
    en: 'Only an approved exhibitor of this fair can scan leads',
    vi: 'Chỉ doanh nghiệp trưng bày đã được duyệt của hội chợ này mới quét được khách',
  },
  LEAD_BAD_PASS: {
    status: 422,
    en: 'This is not a valid, current pass of this fair',
    vi: 'Đây không phải thẻ tham quan hợp lệ, còn hiệu lực của hội chợ này',
  },
});
