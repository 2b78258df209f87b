import { ENTRY_POLICIES, VISITOR_TYPES, type EntryPolicy, type VisitorType } from '../visitor-types';

/**
 * What a pass code says, and nothing personal: ids and rules only. Byte layout in
 * docs/qr-format.md; changing it means a new version byte, never a silent edit.
 */
export interface PassPayload {
  keyId: number;
  fairId: string;
  serial: number;
  issue: number;
  visitorType: VisitorType;
  entryPolicy: EntryPolicy;
  /** Unix seconds, inclusive. */
  validFrom: number;
  /** Unix seconds, inclusive. */
  validUntil: number;
}

export const PAYLOAD_VERSION = 1;
export const PAYLOAD_BYTES = 34;
export const SIGNATURE_BYTES = 64;
export const CODE_BYTES = PAYLOAD_BYTES + SIGNATURE_BYTES;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function packPayload(p: PassPayload): Buffer {
  if (!UUID_RE.test(p.fairId)) throw new RangeError('fairId must be a UUID');
  const typeIndex = VISITOR_TYPES.indexOf(p.visitorType);
  const policyIndex = ENTRY_POLICIES.indexOf(p.entryPolicy);
  if (typeIndex < 0 || policyIndex < 0) throw new RangeError('unknown visitor type or entry policy');
  const b = Buffer.alloc(PAYLOAD_BYTES);
  b.writeUInt8(PAYLOAD_VERSION, 0);
  b.writeUInt8(typeIndex | (policyIndex << 3), 1);
  b.writeUInt16BE(p.keyId, 2);
  Buffer.from(p.fairId.replace(/-/g, ''), 'hex').copy(b, 4);
  b.writeUInt32BE(p.serial, 20);
  b.writeUInt16BE(p.issue, 24);
  b.writeUInt32BE(p.validFrom, 26);
  b.writeUInt32BE(p.validUntil, 30);
  return b;
}

/** Returns null when the bytes are not a well-formed version-1 payload. */
export function unpackPayload(b: Uint8Array): PassPayload | null {
  if (b.length !== PAYLOAD_BYTES) return null;
  const buf = Buffer.from(b.buffer, b.byteOffset, b.length);
  if (buf.readUInt8(0) !== PAYLOAD_VERSION) return null;
  const flags = buf.readUInt8(1);
  const visitorType = VISITOR_TYPES[flags & 0b111];
  const entryPolicy = ENTRY_POLICIES[(flags >> 3) & 0b11];
  if (!visitorType || !entryPolicy || flags >> 5 !== 0) return null;
  const hex = buf.subarray(4, 20).toString('hex');
  const validFrom = buf.readUInt32BE(26);
  const validUntil = buf.readUInt32BE(30);
  if (validUntil < validFrom) return null;
  return {
    keyId: buf.readUInt16BE(2),
    fairId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    serial: buf.readUInt32BE(20),
    issue: buf.readUInt16BE(24),
    visitorType,
    entryPolicy,
    validFrom,
    validUntil,
  };
}
