import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { IsString } from 'class-validator';
import { DomainError, FastCheck, fastCheckOf } from '@fair/core';
import { OfflineScanDto, ScanDto } from '../../../../libs/checkin/src/http/checkin.dto';
import { validationPipe, validationPipeOptions } from './validation';

const fast = validationPipe();
const plain = new ValidationPipe(validationPipeOptions());
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype, data: '' });
const nonce = 'k3j4h5g6f7d8';

/** What the API would answer: the DomainError's code, status, texts and per-field list (or what else was thrown). */
async function outcome(pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata) {
  try {
    return { ok: await pipe.transform(value, metadata) };
  } catch (err) {
    if (!(err instanceof DomainError)) return { thrown: String(err) };
    return { error: { code: err.code, status: err.status, text: err.text, details: err.details } };
  }
}

/**
 * A fresh copy for each pipe, as the full pipe strips prototype keys from the value in place.
 * Not structuredClone: under jest its copies have another realm's Object.prototype, which the
 * fast check refuses, so the fast path would never be tried.
 */
const copy = (value: unknown): unknown => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

describe('validationPipe fast path', () => {
  it('answers a plainly valid scan with a ScanDto holding the same fields, as the full pipe does', async () => {
    const valid = [
      { code: 'QR1', nonce },
      { code: '', nonce, direction: 'out' },
      { nonce, direction: 'in', code: 'x'.repeat(16_384) },
      Object.assign(Object.create(null) as object, { code: 'QR1', nonce, direction: undefined }),
    ];
    for (const value of valid) {
      expect(fastCheckOf(ScanDto)?.(value)).toBe(true);
      const got = await fast.transform(value, body(ScanDto));
      expect(got).toBeInstanceOf(ScanDto);
      expect(got).toStrictEqual(await plain.transform({ ...value }, body(ScanDto)));
      expect({ ...(got as object) }).toEqual(value);
    }
  });

  /** A check that lets everything through shows which path a value took. */
  @FastCheck(() => true)
  class Lenient {
    @IsString() name: string;
  }

  it('skips class-validator when the check passes, so the check alone decides', async () => {
    expect(await fast.transform({ name: 42 }, body(Lenient))).toStrictEqual(Object.assign(new Lenient(), { name: 42 }));
    expect((await outcome(plain, { name: 42 }, body(Lenient))).error?.details).toEqual({
      fields: [expect.objectContaining({ field: 'name', constraint: 'isString' })],
    });
  });

  it('gives every invalid or unusual scan body exactly what the full pipe gives', async () => {
    const others: unknown[] = [
      { code: 'QR1', nonce, extra: 1 },
      { code: 'QR1', nonce: 'short' },
      { code: 'QR1', nonce: 'a'.repeat(7) },
      { code: 'QR1', nonce: 'a'.repeat(101) },
      { code: 'QR1', nonce, direction: 'sideways' },
      { code: 'QR1', nonce, direction: null }, // valid (IsOptional), but not a shape the gates send
      { code: 42, nonce },
      { code: ['QR1'], nonce },
      { code: 'x'.repeat(16_385), nonce },
      { nonce },
      {},
      [{ code: 'QR1', nonce }],
      [],
      null,
      undefined,
      'QR1',
      7,
      JSON.parse(`{"code":"QR1","nonce":"${nonce}","__proto__":{"admin":true}}`),
    ];
    for (const value of others) {
      const expected = await outcome(plain, copy(value), body(ScanDto));
      const got = await outcome(fast, copy(value), body(ScanDto));
      expect({ value, ...got }).toStrictEqual({ value, ...expected });
    }
    // No body parser makes these, but they would look plain by their prototype alone.
    const exotic = () => [[], new Uint8Array(0)].map((o) => Object.assign(Object.setPrototypeOf(o, null) as object, { code: 'QR1', nonce }));
    const [expected, got] = [await Promise.all(exotic().map((v) => outcome(plain, v, body(ScanDto)))), await Promise.all(exotic().map((v) => outcome(fast, v, body(ScanDto))))];
    expect(got).toStrictEqual(expected);
    expect((await outcome(fast, { code: 'QR1', nonce, extra: 1 }, body(ScanDto))).error).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
  });

  it("does not use a parent's check for a subclass, whose rules ask for more", async () => {
    const missing = await outcome(fast, { code: 'QR1', nonce }, body(OfflineScanDto));
    expect(missing).toStrictEqual(await outcome(plain, { code: 'QR1', nonce }, body(OfflineScanDto)));
    expect(missing.error?.status).toBe(422);
  });

  it('leaves parameters other than the body to the full pipe', async () => {
    const query: ArgumentMetadata = { type: 'query', metatype: Lenient, data: '' };
    const got = await outcome(fast, { name: 42 }, query);
    expect(got).toStrictEqual(await outcome(plain, { name: 42 }, query));
    expect(got.error?.status).toBe(422);
  });
});
