/**
 * Services throw DomainError with a stable code. One exception filter in the API maps it to
 * an HTTP status and a message in the caller's language; nothing else reaches clients.
 */
export type HttpStatusForDomain = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 423 | 429 | 503;

export interface LocalizedText {
  en: string;
  vi: string;
}

export interface ErrorCodeSpec {
  status: HttpStatusForDomain;
  en: string;
  vi: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatusForDomain,
    readonly text: LocalizedText,
    readonly details?: Record<string, unknown>,
  ) {
    super(text.en);
    this.name = 'DomainError';
  }
}

/**
 * Declares a domain's error codes once; returns factories so call sites read
 * `throw BoothErrors.BOOTH_TAKEN({ boothCode })`. `{name}` in a message is filled from details.
 */
export function defineErrors<K extends string>(
  specs: Record<K, ErrorCodeSpec>,
): Record<K, (details?: Record<string, unknown>) => DomainError> {
  const out = {} as Record<K, (details?: Record<string, unknown>) => DomainError>;
  for (const code of Object.keys(specs) as K[]) {
    const spec = specs[code];
    out[code] = (details) =>
      new DomainError(code, spec.status, { en: fill(spec.en, details), vi: fill(spec.vi, details) }, details);
  }
  return out;
}

function fill(template: string, details?: Record<string, unknown>): string {
  if (!details) return template;
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in details ? String(details[key]) : m));
}

/** Errors every domain may raise. */
export const CommonErrors = defineErrors({
  NOT_FOUND: { status: 404, en: '{entity} not found', vi: 'Không tìm thấy {entity}' },
  FORBIDDEN: { status: 403, en: 'You may not do this', vi: 'Bạn không có quyền thực hiện thao tác này' },
  UNAUTHENTICATED: { status: 401, en: 'Sign in first', vi: 'Vui lòng đăng nhập' },
  VALIDATION_FAILED: { status: 422, en: 'Some fields are not valid', vi: 'Một số trường không hợp lệ' },
  CONFLICT: { status: 409, en: 'The data was changed by someone else; try again', vi: 'Dữ liệu vừa bị thay đổi; vui lòng thử lại' },
});
