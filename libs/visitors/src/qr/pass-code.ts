import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import sodium from 'sodium-native';
import { base45Decode, base45Encode } from './base45';
import { CODE_BYTES, PAYLOAD_BYTES, packPayload, unpackPayload, type PassPayload } from './pass-payload';

/** Longest text a gate even tries to decode: a valid code is 147 characters. */
export const MAX_CODE_CHARS = 200;

// Signed bytes = this context + payload, so a signature made for anything else never fits.
const CONTEXT = Buffer.from('fair-pass:v1:');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length);
}

// Raw 32-byte keys for libsodium, exported once per KeyObject (the callers cache their KeyObjects).
const rawKeys = new WeakMap<KeyObject, Buffer>();

/**
 * Ed25519 verification with libsodium rather than node:crypto: the same algorithm, but Node 20's
 * OpenSSL 3.0 spends ~2x as long per verify (provider lookups and a fresh context per call), and
 * verification is the largest single cost of a gate scan (docs/decisions/017). libsodium is also
 * the stricter of the two (it refuses small-order keys and non-canonical signatures), which only
 * ever rejects codes nobody signed with our keys; signing stays with node:crypto.
 */
function verifyEd25519(message: Buffer, signature: Uint8Array, key: KeyObject): boolean {
  if (key.asymmetricKeyType !== 'ed25519' || key.type !== 'public') return false;
  let raw = rawKeys.get(key);
  if (!raw) rawKeys.set(key, (raw = rawPublicKey(key)));
  return sodium.crypto_sign_verify_detached(Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength), message, raw);
}

export function privateKeyFromDer(der: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
}

/** Signs a payload with the fair's current private key; returns the Base45 text for the QR. */
export function encodePassCode(payload: PassPayload, privateKey: KeyObject): string {
  const body = packPayload(payload);
  const signature = sign(null, Buffer.concat([CONTEXT, body]), privateKey);
  return base45Encode(Buffer.concat([body, signature]));
}

export type DecodeFailure = 'malformed' | 'wrong-fair' | 'unknown-key' | 'bad-signature';
export type DecodeResult = { ok: true; payload: PassPayload } | { ok: false; reason: DecodeFailure };

/** Finds the public key for (fair, key id); undefined when the fair has no such key. */
export type PublicKeyLookup = (fairId: string, keyId: number) => KeyObject | undefined;

/**
 * Verifies a scanned text offline: only public keys are needed. Never throws, whatever the
 * input (the fuzz test holds it to that); anything not signed by the fair's key is refused.
 */
export function decodePassCode(text: unknown, expectedFairId: string | null, keys: PublicKeyLookup): DecodeResult {
  if (typeof text !== 'string' || text.length > MAX_CODE_CHARS) return { ok: false, reason: 'malformed' };
  // No trim: the space is a Base45 digit, so trimming would alter codes, not clean them.
  const bytes = base45Decode(text);
  if (!bytes || bytes.length !== CODE_BYTES) return { ok: false, reason: 'malformed' };
  const payload = unpackPayload(bytes.subarray(0, PAYLOAD_BYTES));
  if (!payload) return { ok: false, reason: 'malformed' };
  if (expectedFairId && payload.fairId !== expectedFairId.toLowerCase()) return { ok: false, reason: 'wrong-fair' };
  const key = keys(payload.fairId, payload.keyId);
  if (!key) return { ok: false, reason: 'unknown-key' };
  const signed = Buffer.concat([CONTEXT, bytes.subarray(0, PAYLOAD_BYTES)]);
  let valid = false;
  try {
    valid = verifyEd25519(signed, bytes.subarray(PAYLOAD_BYTES), key);
  } catch {
    valid = false;
  }
  return valid ? { ok: true, payload } : { ok: false, reason: 'bad-signature' };
}
