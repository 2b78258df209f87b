/**
 * Base45 (RFC 9285): the alphabet of QR alphanumeric mode, so a code packs 5.5 bits per
 * character instead of 8 in byte mode. Written here (30 lines) rather than taken from npm
 * because decoding must be strict: any character outside the alphabet, a dangling single
 * character, or a triplet above 65535 is refused instead of silently wrapped.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    out += ALPHABET[c]! + ALPHABET[n % 45]! + ALPHABET[(n - (n % 45)) / 45]!;
  }
  if (bytes.length % 2) {
    const n = bytes[bytes.length - 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[(n - (n % 45)) / 45]!;
  }
  return out;
}

/** Returns null for anything that is not canonical Base45. */
export function base45Decode(text: string): Uint8Array | null {
  if (text.length % 3 === 1) return null;
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const digits: number[] = [];
    for (let j = i; j < Math.min(i + 3, text.length); j++) {
      const code = text.charCodeAt(j);
      const v = code < 128 ? VALUE[code]! : -1;
      if (v < 0) return null;
      digits.push(v);
    }
    const n = digits[0]! + digits[1]! * 45 + (digits.length === 3 ? digits[2]! * 2025 : 0);
    if (digits.length === 3) {
      if (n > 0xffff) return null;
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) return null;
      out[o++] = n;
    }
  }
  return out;
}
