import { defineErrors } from '@fair/core';

export const MatchmakingErrors = defineErrors({
  MM_NOT_PARTICIPANT: { status: 404, en: 'This person has not joined matchmaking at this fair', vi: 'Người này chưa tham gia kết nối giao thương tại hội chợ' },
  MM_BAD_TOKEN: { status: 401, en: 'Unknown matchmaking access token', vi: 'Mã truy cập kết nối giao thương không hợp lệ' },
  MM_ALREADY_JOINED: { status: 409, en: 'Already joined matchmaking at this fair', vi: 'Đã tham gia kết nối giao thương tại hội chợ này' },
  MM_SUBJECT_NOT_FOUND: { status: 404, en: 'No such exhibitor or visitor at this fair', vi: 'Không có doanh nghiệp trưng bày hoặc khách tham quan này tại hội chợ' },
  MM_SELF: { status: 422, en: 'You cannot request a meeting with yourself', vi: 'Không thể đặt lịch gặp với chính mình' },
  MM_SAME_COMPANY: { status: 422, en: 'You cannot request a meeting with your own company', vi: 'Không thể đặt lịch gặp với chính doanh nghiệp của mình' },
  MM_PAIR_EXISTS: { status: 409, en: 'A request between you two is already open', vi: 'Đã có một yêu cầu gặp đang mở giữa hai bên' },
  MM_LIMIT_REACHED: {
    status: 409,
    en: '{who} has reached the limit of {limit} meetings',
    vi: '{who} đã đạt giới hạn {limit} cuộc gặp',
  },
  MM_SLOT_OUTSIDE_SESSIONS: {
    status: 422,
    en: 'The time {start} is not a meeting slot of this fair',
    vi: 'Thời điểm {start} không phải là khung giờ gặp của hội chợ',
  },
  MM_NO_SESSIONS: { status: 409, en: 'The organiser has not set matchmaking sessions yet', vi: 'Ban tổ chức chưa thiết lập các phiên kết nối' },
  MM_REQUEST_NOT_FOUND: { status: 404, en: 'Meeting request not found', vi: 'Không tìm thấy yêu cầu gặp' },
  MM_NOT_ADDRESSEE: { status: 403, en: 'Only the invited participant can answer this request', vi: 'Chỉ người được mời mới có thể trả lời yêu cầu này' },
  MM_REQUEST_EXPIRED: { status: 409, en: 'This meeting request has expired', vi: 'Yêu cầu gặp này đã hết hạn' },
  MM_REQUEST_ANSWERED: { status: 409, en: 'This meeting request was already {status}', vi: 'Yêu cầu gặp này đã được xử lý ({status})' },
  MM_DECLINED_BEFORE: { status: 409, en: 'This participant declined a meeting with you before', vi: 'Người này đã từ chối gặp bạn trước đó' },
  MM_BAD_SESSION: { status: 422, en: 'Session {date}: {problem}', vi: 'Phiên {date}: {problem}' },
});
