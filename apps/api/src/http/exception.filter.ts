import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, pickLang, type Lang, type LocalizedText } from '@fair/core';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

const HTTP_TEXT: Record<number, { code: string; en: string; vi: string }> = {
  400: { code: 'BAD_REQUEST', en: 'The request could not be read', vi: 'Không đọc được yêu cầu' },
  401: { code: 'UNAUTHENTICATED', en: 'Sign in first', vi: 'Vui lòng đăng nhập' },
  403: { code: 'FORBIDDEN', en: 'You may not do this', vi: 'Bạn không có quyền thực hiện thao tác này' },
  404: { code: 'NOT_FOUND', en: 'Not found', vi: 'Không tìm thấy' },
  405: { code: 'METHOD_NOT_ALLOWED', en: 'Method not allowed', vi: 'Phương thức không được hỗ trợ' },
  413: { code: 'PAYLOAD_TOO_LARGE', en: 'The request is too large', vi: 'Yêu cầu quá lớn' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', en: 'Send JSON (or text/csv for imports)', vi: 'Vui lòng gửi JSON (hoặc text/csv khi nhập tệp)' },
  429: { code: 'TOO_MANY_REQUESTS', en: 'Too many requests; slow down', vi: 'Quá nhiều yêu cầu; vui lòng thử lại sau' },
};

/**
 * The one place errors become HTTP answers: domain errors by their code and status, framework
 * errors by status, anything else as 500 with a correlation id and no stack to the client.
 * Messages are in the caller's language (Accept-Language or ?lang=), Vietnamese by default;
 * `text` (and each field's `text`) carries both languages, so a client can show an error it
 * already has in the other language when its user switches.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<ReplyLike>();
    const req = ctx.getRequest<{ headers: Record<string, string | undefined>; query?: Record<string, string>; method?: string; url?: string }>();
    const lang: Lang = pickLang(req?.headers?.['accept-language'], req?.query?.lang);
    const { status, body } = this.toBody(exception, lang, req);
    const retryAfter = exception instanceof DomainError ? exception.details?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, lang: Lang, req: { method?: string; url?: string }): { status: number; body: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      const { fields, ...details } = exception.details ?? {};
      return {
        status: exception.status,
        body: {
          statusCode: exception.status,
          code: exception.code,
          ...said(exception.text, lang),
          ...(fields ? { fields: (fields as { field: string; en: string; vi: string; constraint: string }[]).map((f) => ({ field: f.field, constraint: f.constraint, ...said(f, lang) })) } : {}),
          ...(Object.keys(details).length ? { details: localizeDetails(details, lang) } : {}),
        },
      };
    }
    if (isPgDataException(exception)) {
      // Class 22 = the database could not take a value (a NUL byte, an invalid uuid, a number out
      // of range): the input was bad even if no validator caught it first.
      this.logger.warn(`${req?.method ?? ''} ${req?.url ?? ''}: input refused by the database: ${(exception as Error).message}`);
      return { status: 400, body: { statusCode: 400, code: 'INVALID_INPUT', ...said({ vi: 'Dữ liệu gửi lên không hợp lệ', en: 'The request contains a value that is not valid' }, lang) } };
    }
    const status = exception instanceof HttpException ? exception.getStatus() : statusOfFastifyError(exception);
    if (status && status < 500) {
      const text = HTTP_TEXT[status] ?? HTTP_TEXT[400]!;
      return { status, body: { statusCode: status, code: text.code, ...said(text, lang) } };
    }
    const correlationId = randomUUID();
    this.logger.error(`${correlationId} ${req?.method ?? ''} ${req?.url ?? ''}: ${(exception as Error)?.stack ?? String(exception)}`);
    return {
      status: 500,
      body: {
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        ...said({ vi: 'Lỗi hệ thống; vui lòng thử lại sau', en: 'Something went wrong on our side; try again later' }, lang),
        correlationId,
      },
    };
  }
}

/** A message in the caller's language, and the text in both. */
function said(text: LocalizedText, lang: Lang): { message: string; text: LocalizedText } {
  return { message: text[lang], text: { vi: text.vi, en: text.en } };
}

function isPgDataException(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode. */
function statusOfFastifyError(err: unknown): number | undefined {
  const code = (err as { statusCode?: unknown })?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : undefined;
}

/** Row errors of imports carry both languages; the caller gets its own. */
function localizeDetails(details: Record<string, unknown>, lang: Lang): Record<string, unknown> {
  const out: Record<string, unknown> = { ...details };
  if (Array.isArray(details.rows)) {
    out.rows = (details.rows as { line: number; field?: string; en: string; vi: string }[]).map((r) => ({
      line: r.line,
      field: r.field,
      message: r[lang],
    }));
  }
  return out;
}
