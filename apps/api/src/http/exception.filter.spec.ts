import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { CommonErrors } from '@fair/core';
import { AllExceptionsFilter } from './exception.filter';

/** What the filter answers for `exception` to a request with these headers and query. */
function answer(exception: unknown, headers: Record<string, string> = {}, query: Record<string, string> = {}) {
  const sent: { status?: number; body?: Record<string, unknown> } = {};
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header() {
      return reply;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ headers, query, method: 'POST', url: '/api/x' }) }) } as unknown as ArgumentsHost;
  const filter = new AllExceptionsFilter();
  (filter as unknown as { logger: { error(): void; warn(): void } }).logger = { error: () => undefined, warn: () => undefined };
  filter.catch(exception, host);
  return sent;
}

const invalid = () =>
  CommonErrors.VALIDATION_FAILED({
    fields: [
      { field: 'email', constraint: 'isEmail', en: 'email must be an email', vi: 'email không phải là địa chỉ email hợp lệ' },
      { field: 'name', constraint: 'minLength', en: 'name must be longer than or equal to 1 characters', vi: 'name phải có ít nhất 1 ký tự' },
    ],
  });

describe('API error bodies: the message in the language asked for, and the text in both', () => {
  it('a domain error with per-field errors: message and field messages in English, every text in both languages', () => {
    expect(answer(invalid(), { 'accept-language': 'en-GB,en;q=0.9' })).toEqual({
      status: 422,
      body: {
        statusCode: 422,
        code: 'VALIDATION_FAILED',
        message: 'Some fields are not valid',
        text: { vi: 'Một số trường không hợp lệ', en: 'Some fields are not valid' },
        fields: [
          { field: 'email', constraint: 'isEmail', message: 'email must be an email', text: { vi: 'email không phải là địa chỉ email hợp lệ', en: 'email must be an email' } },
          { field: 'name', constraint: 'minLength', message: 'name must be longer than or equal to 1 characters', text: { vi: 'name phải có ít nhất 1 ký tự', en: 'name must be longer than or equal to 1 characters' } },
        ],
      },
    });
  });

  it('the same error asked for in Vietnamese (?lang=vi): only the messages change', () => {
    const en = answer(invalid(), { 'accept-language': 'en' });
    const vi = answer(invalid(), { 'accept-language': 'en' }, { lang: 'vi' });
    expect(vi.body?.message).toBe('Một số trường không hợp lệ');
    expect((vi.body?.fields as { message: string }[]).map((f) => f.message)).toEqual(['email không phải là địa chỉ email hợp lệ', 'name phải có ít nhất 1 ký tự']);
    const strip = (b: Record<string, unknown> | undefined) => ({ ...b, message: undefined, fields: (b?.fields as Record<string, unknown>[]).map((f) => ({ ...f, message: undefined })) });
    expect(strip(vi.body)).toEqual(strip(en.body));
  });

  it('framework errors, values the database refused and unexpected failures carry both texts too', () => {
    expect(answer(new NotFoundException(), { 'accept-language': 'vi' }).body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy', text: { vi: 'Không tìm thấy', en: 'Not found' } });
    expect(answer(Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }), { 'accept-language': 'en' }).body).toEqual({
      statusCode: 400,
      code: 'INVALID_INPUT',
      message: 'The request contains a value that is not valid',
      text: { vi: 'Dữ liệu gửi lên không hợp lệ', en: 'The request contains a value that is not valid' },
    });
    const failed = answer(new Error('boom'), {});
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Lỗi hệ thống; vui lòng thử lại sau',
      text: { vi: 'Lỗi hệ thống; vui lòng thử lại sau', en: 'Something went wrong on our side; try again later' },
      correlationId: expect.any(String),
    });
  });
});
