import { describe, expect, it } from '@jest/globals';
import { randomBytes, randomInt } from 'node:crypto';
import { base45Decode, base45Encode } from './base45';
import { decodePassCode, encodePassCode } from './pass-code';
import { newSigningKeyPair } from './key-encryption';
import { testKeyRing } from './test-keys';

const FAIR = '0b7c2b8e-1d2f-4a3b-9c4d-5e6f7a8b9c0d';
const OTHER_FAIR = '9f9f9f9f-1d2f-4a3b-9c4d-5e6f7a8b9c0d';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/**
 * Thousands of hostile inputs against the gate's verifier: none may be accepted, none may
 * throw. Accepting means decodePassCode returned ok for a text that is not the genuine code.
 */
describe('pass code fuzz', () => {
  const ring = testKeyRing(FAIR, [1]);
  const otherRing = testKeyRing(OTHER_FAIR, [1]);
  const base = { keyId: 1, serial: 77, issue: 1, visitorType: 'press' as const, entryPolicy: 'single' as const, validFrom: 1_790_000_000, validUntil: 1_790_100_000 };
  const genuine = encodePassCode({ ...base, fairId: FAIR }, ring.privateKeys.get(1)!);
  const genuineBytes = Buffer.from(base45Decode(genuine)!);

  const mutants: unknown[] = [];
  const add = (x: unknown) => mutants.push(x);
  for (let i = 0; i < 3000; i++) {
    // one to three flipped bits anywhere in payload or signature
    const b = Buffer.from(genuineBytes);
    for (let k = 0; k <= randomInt(3); k++) {
      const bit = randomInt(b.length * 8);
      b[bit >> 3]! ^= 1 << (bit & 7);
    }
    add(base45Encode(b));
  }
  for (let i = 0; i < 2000; i++) add(genuine.slice(0, randomInt(genuine.length))); // truncated
  for (let i = 0; i < 2000; i++) add(base45Encode(randomBytes(randomInt(200)))); // random bytes, valid Base45
  for (let i = 0; i < 2000; i++) add(Array.from({ length: randomInt(300) }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')); // random text
  for (let i = 0; i < 1000; i++) {
    // one character replaced
    const at = randomInt(genuine.length);
    const ch = ALPHABET[randomInt(ALPHABET.length)]!;
    if (ch !== genuine[at]) add(genuine.slice(0, at) + ch + genuine.slice(at + 1));
  }
  for (let i = 0; i < 500; i++) add(genuine + ALPHABET[randomInt(ALPHABET.length)]!.repeat(randomInt(1, 6))); // extended
  for (let i = 0; i < 500; i++) {
    // a real signature of another payload spliced onto this one
    const other = Buffer.from(base45Decode(encodePassCode({ ...base, fairId: FAIR, serial: 1000 + i }, ring.privateKeys.get(1)!))!);
    add(base45Encode(Buffer.concat([genuineBytes.subarray(0, 34), other.subarray(34)])));
    add(base45Encode(Buffer.concat([other.subarray(0, 34), genuineBytes.subarray(34)])));
  }
  for (let i = 0; i < 500; i++) add(encodePassCode({ ...base, serial: i, fairId: FAIR }, newSigningKeyPair().privateKey)); // forged
  for (let i = 0; i < 300; i++) add(encodePassCode({ ...base, serial: i, fairId: OTHER_FAIR }, otherRing.privateKeys.get(1)!)); // wrong fair, valid there
  add('A'.repeat(5000));
  add(genuine.repeat(30)); // over 4 KB
  add(randomBytes(5000).toString('latin1'));
  add('');
  add(null);
  add(undefined);
  add(12345);
  add({ code: genuine });
  add(genuine.toLowerCase());
  add('\u0000'.repeat(147));

  it(`accepts none of ${mutants.length} mutated codes and never throws`, () => {
    const accepted = mutants.filter((m) => m !== genuine && decodePassCode(m, FAIR, ring.lookup).ok);
    expect(mutants.length).toBeGreaterThan(10_000);
    expect(accepted).toEqual([]);
    // the genuine code still passes, so the test can tell acceptance from universal refusal
    expect(decodePassCode(genuine, FAIR, ring.lookup).ok).toBe(true);
  });
});
