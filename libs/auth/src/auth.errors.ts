import { defineErrors } from '@fair/core';

export const AuthErrors = defineErrors({
  INVALID_CREDENTIALS: { status: 401, en: 'Email or password is wrong', vi: 'Email hoặc mật khẩu không đúng' },
  SESSION_EXPIRED: { status: 401, en: 'Your session has ended; sign in again', vi: 'Phiên làm việc đã hết hạn; vui lòng đăng nhập lại' },
  ROLE_REQUIRED: { status: 403, en: 'This needs the role: {roles}', vi: 'Cần vai trò: {roles}' },
  EMAIL_TAKEN: { status: 409, en: 'A user with this email already exists', vi: 'Đã có người dùng với email này' },
  WEAK_PASSWORD: { status: 422, en: 'The password needs at least 10 characters', vi: 'Mật khẩu cần ít nhất 10 ký tự' },
});
