import 'reflect-metadata';
import { inspect } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fastCheckOf, seededRandom } from '@fair/core';
import { ScanDto } from './checkin.dto';

/**
 * ScanDto's fast check against class-validator, on many random bodies: plainly valid ones and
 * mutations of them at the edges of each rule. Whatever the check lets through must be what the
 * full validation accepts (the API would skip it otherwise), and every plainly valid body must
 * get through (or the fast path saves nothing). Seeded, so a failure repeats.
 */
const SEEDS = [1, 2024, 0x5ca1ab1e];
const BODIES_PER_SEED = 7000;
const CODE_MAX = 16_384;

const NONCE_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'];
/** Text a QR code may hold, and what may trip a length count: accents, CJK, surrogate pairs (whole and lone), variation selectors. */
const CODE_CHARS = ['a', 'Z', '7', ' ', '/', '{', '"', '\n', '\0', 'ă', 'Ư', 'đ', '中', '😀', '𝄞', '\uD83D', '\uDE00', '\uFE0F', '\uFE0E', '❤'];
const BAD_NONCE_CHARS = [' ', '.', '+', '/', '=', 'é', '\n', '\0', '😀', '\uD83D', 'Ａ'];
const EXTRA_KEYS = ['extra', 'Code', 'NONCE', 'direction ', '__proto__', 'constructor', 'prototype', '', '0', 'scannedAt', 'localVerdict', 'toString', 'hasOwnProperty'];

class Elsewhere {
  code = 'QR1';
}

function generator(seed: number) {
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const text = (chars: readonly string[], n: number) => Array.from({ length: n }, () => pick(chars)).join('');

  /** Exactly `units` UTF-16 units (cutting may leave a lone surrogate, which is still a string). */
  function code(units: number): string {
    if (units === 0) return '';
    const chunk = text(CODE_CHARS, 1 + int(64));
    return chunk.repeat(Math.ceil(units / chunk.length) + 1).slice(0, units);
  }
  const validCodeLength = () => pick([0, 1, 2, int(50), int(600), CODE_MAX - 1, CODE_MAX]);
  const validNonceLength = () => pick([8, 9, 8 + int(93), 99, 100]);

  function anyValue(depth = 0): unknown {
    switch (int(depth > 1 ? 14 : 17)) {
      case 0: return null;
      case 1: return undefined;
      case 2: return int(1000) - 500;
      case 3: return pick([NaN, Infinity, -0, 1.5]);
      case 4: return chance(0.5);
      case 5: return code(int(20));
      case 6: return text(NONCE_CHARS, validNonceLength());
      case 7: return pick(['in', 'out']);
      case 8: return new String(pick(['in', 'abcdefgh']));
      case 9: return BigInt(int(10));
      case 10: return new Date(0);
      case 11: return Symbol('s');
      case 12: return () => 'in';
      case 13: return new Map();
      case 14: return [anyValue(depth + 1)];
      case 15: return { code: anyValue(depth + 1) };
      default: return Object.create({ nonce: 'abcdefgh' }) as object;
    }
  }

  function badNonce(): unknown {
    switch (int(5)) {
      case 0: return text(NONCE_CHARS, pick([0, 1, 7, 101, 102, 1000]));
      case 1: {
        const ok = text(NONCE_CHARS, validNonceLength());
        const at = int(ok.length + 1);
        return ok.slice(0, at) + pick(BAD_NONCE_CHARS) + ok.slice(at);
      }
      case 2: return text(NONCE_CHARS, validNonceLength()) + '\n';
      default: return anyValue();
    }
  }
  function badCode(): unknown {
    if (chance(0.5)) return anyValue();
    // Over the limit in UTF-16 units; with surrogate pairs some are within it in code points.
    return code(pick([CODE_MAX + 1, CODE_MAX + 2, 20_000, 2 * CODE_MAX]));
  }
  const badDirection = () => pick<unknown>(['IN', 'Out', 'in ', ' out', '', 'inout', null, 0, 1, true, ['in'], {}, new String('in'), anyValue()]);

  /** Defined, not assigned: a body may have `__proto__` or an inherited getter by now. */
  const define = (o: object, key: PropertyKey, value: unknown, enumerable = true) =>
    Object.defineProperty(o, key, { value, enumerable, writable: true, configurable: true });

  /** One mutation; most make the body invalid, some only unusual. */
  function mutate(body: Record<PropertyKey, unknown>): unknown {
    switch (int(12)) {
      case 0: define(body, 'nonce', badNonce()); return body;
      case 1: define(body, 'code', badCode()); return body;
      case 2: define(body, 'direction', badDirection()); return body;
      case 3: define(body, pick(EXTRA_KEYS), anyValue()); return body;
      case 4: define(body, text(NONCE_CHARS, 1 + int(12)), anyValue()); return body;
      case 5: delete body[pick(['code', 'nonce'])]; return body;
      case 6: define(body, Symbol('extra'), anyValue()); return body;
      case 7: define(body, pick(['code', 'nonce', 'direction']), body[pick(['code', 'nonce'])], false); return body;
      case 8: {
        const key = pick(['code', 'nonce', 'direction']);
        const value = body[key];
        return Object.defineProperty(body, key, { get: () => value, enumerable: true, configurable: true });
      }
      case 9: {
        const protos = [{ code: 'QR1', direction: 'sideways' }, Object.create(null) as object, new Elsewhere(), [], Object.prototype];
        const moved: Record<PropertyKey, unknown> = Object.create(pick(protos)) as Record<PropertyKey, unknown>;
        for (const key of Reflect.ownKeys(body)) if (chance(0.8)) define(moved, key, body[key]);
        return moved;
      }
      case 10: return Object.assign([], body);
      default: return pick<unknown>([null, undefined, 0, 42, '', 'QR1', true, [body], [], new Map(Object.entries(body)), new Date(0), new String('x')]);
    }
  }

  return function next(): { body: unknown; plain: boolean } {
    const fields: [string, unknown][] = [
      ['code', code(validCodeLength())],
      ['nonce', text(NONCE_CHARS, validNonceLength())],
    ];
    const direction = int(4);
    if (direction === 1) fields.push(['direction', undefined]);
    if (direction > 1) fields.push(['direction', pick(['in', 'out'])]);
    fields.sort(() => rnd() - 0.5);
    const body = Object.assign(chance(0.9) ? {} : (Object.create(null) as object), Object.fromEntries(fields)) as Record<PropertyKey, unknown>;
    if (chance(0.35)) return { body, plain: true };
    // Up to three mutations, until one puts something else in the body's place.
    let mutated: unknown = body;
    for (let n = 1 + int(3); n > 0 && mutated === body; n--) mutated = mutate(body);
    return { body: mutated, plain: false };
  };
}

const validationErrors = (body: unknown) =>
  validateSync(plainToInstance(ScanDto, body) as object, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });

const show = (body: unknown) => inspect(body, { maxStringLength: 60, depth: 3, showHidden: true });

describe('ScanDto fast check', () => {
  const check = fastCheckOf(ScanDto)!;

  it.each(SEEDS)('accepts only what class-validator accepts, and every plainly valid body (seed %i)', (seed) => {
    const next = generator(seed);
    const unsound: string[] = [];
    const missed: string[] = [];
    let passed = 0;
    let refused = 0;
    for (let i = 0; i < BODIES_PER_SEED; i++) {
      const { body, plain } = next();
      if (plain) {
        const errors = validationErrors(body);
        if (errors.length) throw new Error(`generated a plain body class-validator refuses (#${i}): ${show(body)} ${inspect(errors)}`);
      }
      if (!check(body)) {
        refused++;
        if (plain) missed.push(`#${i} ${show(body)}`);
        continue;
      }
      passed++;
      const errors = validationErrors(body);
      if (errors.length) unsound.push(`#${i} ${show(body)} → ${errors.map((e) => Object.keys(e.constraints ?? {}).join()).join('; ')}`);
      // The pipe's fast path copies the enumerable own keys onto a new instance; so does class-transformer.
      const copied = new ScanDto() as unknown as Record<string, unknown>;
      for (const key of Object.keys(body as object)) copied[key] = (body as Record<string, unknown>)[key];
      expect(plainToInstance(ScanDto, body)).toStrictEqual(copied);
    }
    expect(unsound.slice(0, 5)).toEqual([]);
    expect(missed.slice(0, 5)).toEqual([]);
    // Both sides are exercised, not just one.
    expect(passed).toBeGreaterThan(BODIES_PER_SEED / 4);
    expect(refused).toBeGreaterThan(BODIES_PER_SEED / 4);
  });

  it('sits on the edges of each rule', () => {
    const nonce = 'k3j4h5g6f7d8';
    expect(check({ code: 'x'.repeat(CODE_MAX), nonce })).toBe(true);
    expect(check({ code: 'x'.repeat(CODE_MAX + 1), nonce })).toBe(false);
    expect(check({ code: 'QR1', nonce: 'a'.repeat(8) })).toBe(true);
    expect(check({ code: 'QR1', nonce: 'a'.repeat(7) })).toBe(false);
    expect(check({ code: 'QR1', nonce: 'a'.repeat(100) })).toBe(true);
    expect(check({ code: 'QR1', nonce: 'a'.repeat(101) })).toBe(false);
    expect(check({ code: 'QR1', nonce: `${nonce}\n` })).toBe(false);
    expect(check({ code: 'QR1', nonce, direction: 'out' })).toBe(true);
    expect(check({ code: 'QR1', nonce, direction: null })).toBe(false); // valid, but left to the full path
    expect(check(Object.create({ code: 'QR1' }) as object)).toBe(false);
  });
});
