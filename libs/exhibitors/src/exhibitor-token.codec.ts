import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'confirm-email' | 'magic-link' | 'draft';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(secret: string, purpose: TokenPurpose, id: string): string {
  return createHmac('sha256', secret).update(`exhibitor-token:${purpose}:${id}`).digest('base64url');
}

/**
 * A link token is `<row id>.<HMAC>`: the database keeps only the row id (and whether it was used),
 * the worker that renders the email recomputes the MAC from APP_SECRET, and nobody holding only
 * the database can forge or read a working link. One-time use is the row's `used_at`.
 */
export function signToken(secret: string, purpose: TokenPurpose, id: string): string {
  return `${id}.${mac(secret, purpose, id)}`;
}

/** The row id when the token is well formed and its MAC matches this purpose, else null. */
export function verifyToken(secret: string, purpose: TokenPurpose, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.indexOf('.');
  const id = token.slice(0, dot);
  if (dot < 0 || !UUID.test(id)) return null;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(secret, purpose, id));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
