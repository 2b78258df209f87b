import { defineErrors } from '@fair/core';

export const CheckinErrors = defineErrors({
  GATE_NOT_FOUND: { status: 404, en: 'Gate not found', vi: 'Không tìm thấy cổng' },
  GATE_CODE_TAKEN: { status: 409, en: 'Gate {code} already exists in this fair', vi: 'Cổng {code} đã có trong hội chợ này' },
  DEVICE_NOT_FOUND: { status: 404, en: 'Gate device not found', vi: 'Không tìm thấy thiết bị soát vé' },
  DEVICE_DISABLED: { status: 403, en: 'This gate device has been disabled', vi: 'Thiết bị soát vé này đã bị vô hiệu hoá' },
  DEVICE_NOT_SIGNED_IN: {
    status: 403,
    en: 'Sign in on this gate device before scanning',
    vi: 'Vui lòng đăng nhập trên thiết bị soát vé này trước khi quét mã',
  },
  OFFLINE_BATCH_TOO_LARGE: { status: 413, en: 'At most {max} scans per upload', vi: 'Mỗi lần tải lên tối đa {max} lượt quét' },
});
