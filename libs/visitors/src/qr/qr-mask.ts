/**
 * QR mask selection, the same choice qrcode makes, in about a tenth of its time.
 *
 * qrcode picks the mask by applying each of the 8 patterns to its BitMatrix and scoring it
 * with generic get(row, col) calls: ~75 % of the time to build an invitation's symbol, and
 * the symbol is built for every invitation (docs/decisions/017). Here the symbol is built once
 * with a given mask (so qrcode does all the encoding), the mask is taken off again, and the 8
 * candidates are scored on flat arrays with qrcode's own penalty rules (N1..N4 exactly as
 * qrcode/lib/core/mask-pattern.js counts them, including its tie-break: the first lowest
 * wins). The result is the module matrix qrcode would have produced; the unit test checks that
 * on thousands of random codes.
 */

/** The 15 format-information bits: level and mask, BCH(15,5) protected, XOR 0x5412 (ISO/IEC 18004 7.9). */
function formatBits(levelBit: number, mask: number): number {
  const data = (levelBit << 3) | mask;
  const G15 = 0x537;
  let d = data << 10;
  for (let shift = 4; shift >= 0; shift--) if (d & (1 << (shift + 10))) d ^= G15 << shift;
  return ((data << 10) | d) ^ 0x5412;
}

export interface QrModules {
  size: number;
  data: Uint8Array;
  reservedBit: Uint8Array;
}

const MASKS: ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_i, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

/** Per mask, a 0/1 array over the matrix: 1 where the mask flips a (non-reserved) module. */
const maskCache = new Map<number, Uint8Array[]>();
function maskArrays(size: number, reserved: Uint8Array): Uint8Array[] {
  // the reserved area depends on the version only, i.e. on the size
  let arrays = maskCache.get(size);
  if (arrays) return arrays;
  arrays = MASKS.map((f) => {
    const a = new Uint8Array(size * size);
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) a[r * size + c] = !reserved[r * size + c] && f(r, c) ? 1 : 0;
    return a;
  });
  maskCache.set(size, arrays);
  return arrays;
}

/** Writes the 15 format bits for (level, mask) where qrcode's setupFormatInfo puts them. */
function setFormat(m: Uint8Array, size: number, levelBit: number, mask: number): void {
  const bits = formatBits(levelBit, mask);
  for (let i = 0; i < 15; i++) {
    const mod = (bits >> i) & 1;
    const vRow = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    m[vRow * size + 8] = mod;
    const hCol = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    m[8 * size + hCol] = mod;
  }
  m[(size - 8) * size + 8] = 1;
}

/**
 * qrcode's penalty score (N1 + N2 + N3 + N4) of a masked matrix: rows in one pass over memory
 * in order (runs, finder-like patterns, 2x2 blocks with the next row, dark count), columns in a
 * second pass (runs, finder-like patterns). The exact score; or, when the rows alone already
 * reach `limit`, that partial score (a lower bound, enough to know the candidate loses).
 */
export function penalty(m: Uint8Array, size: number, limit = Infinity): number {
  let n1 = 0;
  let n2 = 0;
  let n3 = 0;
  let dark = 0;
  for (let r = 0; r < size; r++) {
    const row = r * size;
    const next = row + size;
    const hasNext = r < size - 1;
    let run = 0;
    let last = -1;
    let bits = 0;
    for (let c = 0; c < size; c++) {
      const v = m[row + c]!;
      dark += v;
      if (v === last) run++;
      else {
        if (run >= 5) n1 += run - 2;
        last = v;
        run = 1;
      }
      bits = ((bits << 1) & 0x7ff) | v;
      if (c >= 10 && (bits === 0x5d0 || bits === 0x05d)) n3++;
      if (hasNext && c < size - 1) {
        const s = v + m[row + c + 1]! + m[next + c]! + m[next + c + 1]!;
        if (s === 4 || s === 0) n2++;
      }
    }
    if (run >= 5) n1 += run - 2;
  }
  // Every part is >= 0, so the rows' part is a lower bound: a candidate already at or above the
  // best score so far cannot win (qrcode keeps the first lowest), and its columns are skipped.
  const rowsPart = n1 + n2 * 3 + n3 * 40 + Math.abs(Math.ceil((dark * 100) / m.length / 5) - 10) * 10;
  if (rowsPart >= limit) return rowsPart;
  for (let c = 0; c < size; c++) {
    let run = 0;
    let last = -1;
    let bits = 0;
    for (let r = 0, i = c; r < size; r++, i += size) {
      const v = m[i]!;
      if (v === last) run++;
      else {
        if (run >= 5) n1 += run - 2;
        last = v;
        run = 1;
      }
      bits = ((bits << 1) & 0x7ff) | v;
      if (r >= 10 && (bits === 0x5d0 || bits === 0x05d)) n3++;
    }
    if (run >= 5) n1 += run - 2;
  }
  const k = Math.abs(Math.ceil((dark * 100) / m.length / 5) - 10);
  return n1 + n2 * 3 + n3 * 40 + k * 10;
}

/**
 * The best-masked matrix of a symbol that qrcode built with mask `builtWith`: the same modules
 * qrcode would build without a given mask, and that mask.
 */
export function remask(modules: QrModules, levelBit: number, builtWith: number): { data: Uint8Array; mask: number } {
  const { size, reservedBit } = modules;
  const masks = maskArrays(size, reservedBit);
  const unmasked = new Uint8Array(modules.data.length);
  const undo = masks[builtWith]!;
  for (let i = 0; i < unmasked.length; i++) unmasked[i] = modules.data[i]! ^ undo[i]!;
  // two buffers: the candidate being scored and the best so far, swapped when the candidate wins
  let candidate = new Uint8Array(unmasked.length);
  let best = new Uint8Array(unmasked.length);
  let bestMask = 0;
  let lowest = Infinity;
  for (let p = 0; p < 8; p++) {
    const mask = masks[p]!;
    for (let i = 0; i < candidate.length; i++) candidate[i] = unmasked[i]! ^ mask[i]!;
    setFormat(candidate, size, levelBit, p);
    const score = penalty(candidate, size, lowest);
    if (score < lowest) {
      lowest = score;
      [best, candidate] = [candidate, best];
      bestMask = p;
    }
  }
  return { data: best, mask: bestMask };
}
