import { defineErrors } from '@fair/core';

export const ReportErrors = defineErrors({
  REPORT_NOT_FOUND: { status: 404, en: 'Report not found', vi: 'Không tìm thấy báo cáo' },
  REPORT_NOT_READY: {
    status: 409,
    en: 'The report is not ready yet ({status}, {progress}%)',
    vi: 'Báo cáo chưa sẵn sàng ({status}, {progress}%)',
  },
});
