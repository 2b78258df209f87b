import { base45Decode } from '../../../../libs/visitors/src/qr/base45';
import type { OfflineKit, Verdict, VisitorType } from '../api/views';

/** Layout of docs/qr-format.md (version 1), read in the browser for offline gates and the pass page. */
const TYPES: VisitorType[] = ['trade-buyer', 'importer', 'general', 'press', 'exhibitor-staff'];
const POLICIES = ['single', 're-entry', 'once-per-day'] as const;
export type EntryPolicy = (typeof POLICIES)[number];
const PAYLOAD = 34;
const DOMAIN = new TextEncoder().encode('fair-pass:v1:');

export interface PassPayload {
  visitorType: VisitorType;
  entryPolicy: EntryPolicy;
  keyId: number;
  fairId: string;
  serial: number;
  issue: number;
  validFrom: number;
  validUntil: number;
  signed: Uint8Array;
  signature: Uint8Array;
}

function uuid(bytes: Uint8Array): string {
  const h = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Structural decoding (step 1 of the verification order); null when the text is not a pass. */
export function decodePass(text: string): PassPayload | null {
  if (text.length > 200) return null;
  const bytes = base45Decode(text);
  if (!bytes || bytes.length !== PAYLOAD + 64 || bytes[0] !== 1) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = bytes[1]!;
  const visitorType = TYPES[flags & 0b111];
  const entryPolicy = POLICIES[(flags >> 3) & 0b11];
  if (!visitorType || !entryPolicy || flags >> 5 !== 0) return null;
  const p: PassPayload = {
    visitorType,
    entryPolicy,
    keyId: view.getUint16(2),
    fairId: uuid(bytes.subarray(4, 20)),
    serial: view.getUint32(20),
    issue: view.getUint16(24),
    validFrom: view.getUint32(26),
    validUntil: view.getUint32(30),
    signed: bytes.slice(0, PAYLOAD),
    signature: bytes.slice(PAYLOAD),
  };
  return p.validUntil >= p.validFrom ? p : null;
}

const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const keyCache = new Map<string, Promise<CryptoKey>>();

/** Ed25519 through WebCrypto (Chromium 137+, Firefox 129+, Safari 17+). */
async function verifySignature(publicKeyB64: string, p: PassPayload): Promise<boolean> {
  let key = keyCache.get(publicKeyB64);
  if (!key) {
    key = crypto.subtle.importKey('raw', b64(publicKeyB64) as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    keyCache.set(publicKeyB64, key);
  }
  const message = new Uint8Array(DOMAIN.length + p.signed.length);
  message.set(DOMAIN);
  message.set(p.signed, DOMAIN.length);
  return crypto.subtle.verify({ name: 'Ed25519' }, await key, p.signature as BufferSource, message as BufferSource);
}

export interface LocalVerdict {
  verdict: Verdict;
  pass: PassPayload | null;
}

/** What this gate saw of one pass (offline it cannot know other gates: the server flags those conflicts). */
export interface SeenPass {
  day: string;
  inside: boolean;
  admissions: number;
}

/**
 * The offline verification order of docs/qr-format.md: structure, fair, signature, revocation,
 * validity window, then the entry policy against what this gate saw, with the server's rules:
 * single = one admission ever, re-entry = again after an exit, once-per-day = once per fair day.
 */
export async function verifyOffline(text: string, kit: OfflineKit, seen: Record<string, SeenPass>, now = new Date(), direction: 'in' | 'out' = 'in'): Promise<LocalVerdict> {
  const p = decodePass(text);
  if (!p || p.fairId !== kit.fairId) return { verdict: 'invalid', pass: p };
  const key = kit.keys.find((k) => k.keyId === p.keyId);
  if (!key || !(await verifySignature(key.publicKey, p).catch(() => false))) return { verdict: 'invalid', pass: null };
  if (kit.revocations.some((r) => r.serial === p.serial && r.issue >= p.issue)) return { verdict: 'revoked', pass: p };
  const t = Math.floor(now.getTime() / 1000);
  if (t < p.validFrom) return { verdict: 'not-valid-yet', pass: p };
  if (t > p.validUntil) return { verdict: 'expired', pass: p };
  const last = seen[String(p.serial)];
  if (direction === 'out') return { verdict: last?.inside ? 'exited' : 'not-inside', pass: p };
  if (!last || last.admissions === 0) return { verdict: 'admitted', pass: p };
  const day = now.toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  if (p.entryPolicy === 're-entry' && !last.inside) return { verdict: 're-entry', pass: p };
  if (p.entryPolicy === 'once-per-day' && last.day !== day) return { verdict: 'admitted', pass: p };
  return { verdict: 'already-inside', pass: p };
}
