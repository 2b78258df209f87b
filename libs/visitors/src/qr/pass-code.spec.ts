import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, verify } from 'node:crypto';
import { base45Decode, base45Encode } from './base45';
import { decodePassCode, encodePassCode, publicKeyFromRaw, rawPublicKey } from './pass-code';
import { decryptPrivateKey, encryptPrivateKey, newSigningKeyPair } from './key-encryption';
import { privateKeyFromDer } from './pass-code';
import type { PassPayload } from './pass-payload';
import { qrMatrix, qrPng } from './qr-image';
import { testKeyRing } from './test-keys';

const FAIR = '0b7c2b8e-1d2f-4a3b-9c4d-5e6f7a8b9c0d';
const payload: PassPayload = {
  keyId: 1,
  fairId: FAIR,
  serial: 4_000_123,
  issue: 2,
  visitorType: 'importer',
  entryPolicy: 'once-per-day',
  validFrom: 1_790_000_000,
  validUntil: 1_790_400_000,
};

describe('pass code', () => {
  const ring = testKeyRing(FAIR, [1, 2]);

  it('round-trips every field and stays compact', () => {
    const code = encodePassCode(payload, ring.privateKeys.get(1)!);
    expect(code).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    expect(code.length).toBe(147);
    expect(decodePassCode(code, FAIR, ring.lookup)).toEqual({ ok: true, payload });
  });

  it('verifies codes signed with an older key after rotation', () => {
    const old = encodePassCode(payload, ring.privateKeys.get(1)!);
    const fresh = encodePassCode({ ...payload, keyId: 2 }, ring.privateKeys.get(2)!);
    expect(decodePassCode(old, FAIR, ring.lookup).ok).toBe(true);
    expect(decodePassCode(fresh, FAIR, ring.lookup).ok).toBe(true);
  });

  it('refuses a code whose key id names another key than the one that signed it', () => {
    const lying = encodePassCode({ ...payload, keyId: 2 }, ring.privateKeys.get(1)!);
    expect(decodePassCode(lying, FAIR, ring.lookup)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a code of another fair and one signed by a stranger', () => {
    const code = encodePassCode(payload, ring.privateKeys.get(1)!);
    expect(decodePassCode(code, '11111111-1111-4111-8111-111111111111', ring.lookup)).toEqual({ ok: false, reason: 'wrong-fair' });
    const forged = encodePassCode(payload, newSigningKeyPair().privateKey);
    expect(decodePassCode(forged, FAIR, ring.lookup)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rebuilds keys from their stored forms (raw public key, sealed private key)', () => {
    const pair = newSigningKeyPair();
    const pub = publicKeyFromRaw(rawPublicKey(pair.publicKey));
    const secret = 'x'.repeat(40);
    const sealed = encryptPrivateKey(secret, pair.privateKey, `${FAIR}:1`);
    const priv = privateKeyFromDer(decryptPrivateKey(secret, sealed, `${FAIR}:1`));
    const code = encodePassCode(payload, priv);
    expect(decodePassCode(code, FAIR, () => pub).ok).toBe(true);
    expect(() => decryptPrivateKey('y'.repeat(40), sealed, `${FAIR}:1`)).toThrow();
    expect(() => decryptPrivateKey(secret, sealed, `${FAIR}:2`)).toThrow();
  });

  it('renders a level-Q symbol and a PNG of it', () => {
    const code = encodePassCode(payload, ring.privateKeys.get(1)!);
    const m = qrMatrix(code);
    expect(m.size).toBeGreaterThanOrEqual(45); // version 7+ for 147 alphanumeric characters at Q
    const png = qrPng(code);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('verification with libsodium', () => {
  const ring = testKeyRing(FAIR, [1]);
  const CONTEXT = Buffer.from('fair-pass:v1:');
  // Ed25519's group order L, little-endian: a signature's S and S + L verify the same maths,
  // so a verifier must refuse S >= L or signatures become malleable.
  const L = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');

  it('agrees with node:crypto on valid codes and on every single-bit flip of one', () => {
    const code = encodePassCode(payload, ring.privateKeys.get(1)!);
    const bytes = Buffer.from(base45Decode(code)!);
    const publicKey = ring.lookup(FAIR, 1)!;
    const nodeSays = (b: Buffer) => verify(null, Buffer.concat([CONTEXT, b.subarray(0, 34)]), publicKey, b.subarray(34));
    expect(nodeSays(bytes)).toBe(true);
    let accepted = 0;
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const ours = decodePassCode(base45Encode(flipped), FAIR, ring.lookup);
      if (ours.ok) accepted++;
      if (!ours.ok && ours.reason === 'bad-signature') expect(nodeSays(flipped)).toBe(false);
    }
    expect(accepted).toBe(0);
  });

  it('refuses a malleated signature (S + L) and a key of another type', () => {
    const bytes = Buffer.from(base45Decode(encodePassCode(payload, ring.privateKeys.get(1)!))!);
    const s = bytes.subarray(34 + 32);
    let carry = 0;
    for (let i = 0; i < 32; i++) {
      const sum = s[i]! + L[i]! + carry;
      s[i] = sum & 0xff;
      carry = sum >> 8;
    }
    expect(decodePassCode(base45Encode(bytes), FAIR, ring.lookup)).toEqual({ ok: false, reason: 'bad-signature' });
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const code = encodePassCode(payload, ring.privateKeys.get(1)!);
    expect(decodePassCode(code, FAIR, () => ecKey)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});

describe('qr png', () => {
  it('draws the dark modules black and the quiet zone white', async () => {
    const { decode } = await import('fast-png');
    const text = 'HELLO WORLD 123';
    const m = qrMatrix(text);
    const png = decode(qrPng(text, { scale: 2, margin: 4 }));
    expect(png.width).toBe((m.size + 8) * 2);
    const bitAt = (x: number, y: number) => {
      const rowBytes = Math.ceil(png.width / 8);
      return (png.data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
    };
    expect(bitAt(0, 0)).toBe(1); // quiet zone is white
    for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) expect(bitAt((c + 4) * 2, (r + 4) * 2)).toBe(m.dark(r, c) ? 0 : 1);
  });
});
