import { deflateSync } from 'node:zlib';
import { unhintTrueType } from './ttf-unhint';
import type { QrMatrix } from '../qr/qr-image';

/**
 * The badge PDF written directly, with everything that is the same on every badge built once per
 * process: the font (a DejaVu Sans subset covering ASCII, the Vietnamese letters and a little
 * punctuation, compressed), its widths, its ToUnicode map (so the text can be searched and
 * copied). A badge then costs its content stream (a few lines of text by glyph id and the QR as
 * filled rectangles, one per run of dark modules), a deflate and a join: well under a
 * millisecond, where pdfkit subsets and compresses the font again for every document (~9 ms).
 * Text outside the repertoire returns null and the caller falls back to pdfkit.
 */

/** The fontkit objects this needs (fontkit 2 ships no types). */
interface FkGlyph {
  id: number;
  advanceWidth: number;
}
export interface FkFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  xHeight: number;
  italicAngle: number;
  postscriptName: string;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  glyphForCodePoint(cp: number): FkGlyph;
  createSubset(): { includeGlyph(g: FkGlyph): number; encode(): Uint8Array };
}

const VIETNAMESE = 'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư';
const PUNCTUATION = '–—‘’“”…•·©®°±×';
function repertoire(): number[] {
  const cps: number[] = [];
  for (let cp = 0x20; cp <= 0x7e; cp++) cps.push(cp);
  for (const ch of VIETNAMESE + PUNCTUATION) cps.push(ch.codePointAt(0)!);
  for (let cp = 0x1ea0; cp <= 0x1ef9; cp++) cps.push(cp); // Latin Extended Additional: ạ ả ấ … ỹ
  return cps;
}

interface Template {
  /** code point → glyph id in the embedded subset, and its advance in 1/1000 em */
  glyph: Map<number, { id: number; width: number }>;
  ascent: number;
  /** objects 5..9, already serialised: font, CID font, descriptor, font file, ToUnicode */
  fontObjects: Buffer[];
}

const W = 297.64; // A6, points
const H = 419.53;
const MARGIN = 24;

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const num = (n: number) => (Math.round(n * 100) / 100).toString();

function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
}

export function buildTemplate(font: FkFont): Template {
  const scale = 1000 / font.unitsPerEm;
  const subset = font.createSubset();
  const glyph = new Map<number, { id: number; width: number }>();
  const widths: number[] = [Math.round(font.glyphForCodePoint(0).advanceWidth * scale)];
  const toUnicode: string[] = [];
  for (const cp of repertoire()) {
    const g = font.glyphForCodePoint(cp);
    if (!g || g.id === 0) continue;
    const id = subset.includeGlyph(g);
    const width = Math.round(g.advanceWidth * scale);
    widths[id] = width;
    glyph.set(cp, { id, width });
    toUnicode.push(`<${hex4(id)}> <${hex4(cp)}>`);
  }
  const name = `FAIRBD+${font.postscriptName.replace(/[^A-Za-z0-9-]/g, '_')}`;
  const fontFile = unhintTrueType(Buffer.from(subset.encode()));
  const b = font.bbox;
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
  ];
  for (let i = 0; i < toUnicode.length; i += 100) {
    const chunk = toUnicode.slice(i, i + 100);
    cmap.push(`${chunk.length} beginbfchar`, ...chunk, 'endbfchar');
  }
  cmap.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
  const fontObjects = [
    Buffer.from(`<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 9 0 R >>`, 'latin1'),
    Buffer.from(
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
        `/FontDescriptor 7 0 R /W [0 [${Array.from(widths, (w) => w ?? 0).join(' ')}]] /CIDToGIDMap /Identity >>`,
      'latin1',
    ),
    Buffer.from(
      `<< /Type /FontDescriptor /FontName /${name} /Flags 4 /FontBBox [${[b.minX, b.minY, b.maxX, b.maxY].map((v) => num(v * scale)).join(' ')}] ` +
        `/ItalicAngle ${font.italicAngle} /Ascent ${num(font.ascent * scale)} /Descent ${num(font.descent * scale)} ` +
        `/CapHeight ${num((font.capHeight || font.ascent) * scale)} /XHeight ${num((font.xHeight || 0) * scale)} /StemV 0 /FontFile2 8 0 R >>`,
      'latin1',
    ),
    stream(`/Filter /FlateDecode /Length1 ${fontFile.length}`, deflateSync(fontFile)),
    stream('/Filter /FlateDecode', deflateSync(Buffer.from(cmap.join('\n'), 'latin1'))),
  ];
  return { glyph, ascent: font.ascent * scale, fontObjects };
}

export interface BadgeText {
  fairName: string;
  dates: string;
  name: string;
  company: string;
  typeLabel: string;
  serial: number;
}

/** Greedy word wrap to `width` points at `size`; null when a character is not in the font subset. */
function wrap(t: Template, text: string, size: number, width: number): { glyphs: string; width: number }[] | null {
  const advance = (s: string) => {
    let w = 0;
    for (const ch of s) {
      const g = t.glyph.get(ch.codePointAt(0)!);
      if (!g) return NaN;
      w += g.width;
    }
    return (w * size) / 1000;
  };
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (Number.isNaN(advance(next))) return null;
    if (line && advance(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.map((l) => ({ glyphs: Array.from(l, (ch) => hex4(t.glyph.get(ch.codePointAt(0)!)!.id)).join(''), width: advance(l) }));
}

const pdfString = (s: string) =>
  `<feff${Array.from(s)
    .map((ch) => {
      const cp = ch.codePointAt(0)!;
      if (cp <= 0xffff) return hex4(cp);
      const v = cp - 0x10000;
      return hex4(0xd800 | (v >> 10)) + hex4(0xdc00 | (v & 0x3ff));
    })
    .join('')}>`;

/** The badge (layout as the pdfkit version: A6, centred lines, 150 pt QR), or null if some text is outside the font subset. */
export function renderBadge(t: Template, input: BadgeText, qr: QrMatrix): Buffer | null {
  const width = W - 2 * MARGIN;
  const ops: string[] = [];
  let y = MARGIN; // from the top, like pdfkit
  const lineGap = 1.164; // DejaVu Sans: (ascent - descent) / em
  const text = (s: string, size: number, rgb: string): boolean => {
    const lines = wrap(t, s.normalize('NFC'), size, width);
    if (!lines) return false;
    for (const l of lines) {
      const baseline = y + (t.ascent * size) / 1000;
      ops.push(`BT ${rgb} rg /F1 ${size} Tf ${num(MARGIN + (width - l.width) / 2)} ${num(H - baseline)} Td <${l.glyphs}> Tj ET`);
      y += size * lineGap;
    }
    return true;
  };
  const BLUE = '0.043 0.361 0.678';
  const GREY = '0.333 0.333 0.333';
  if (!text(input.fairName, 11, BLUE) || !text(input.dates, 8, GREY)) return null;
  y += 0.6 * 8 * lineGap;
  if (!text(input.name, 16, '0 0 0')) return null;
  if (input.company && !text(input.company, 10, '0 0 0')) return null;
  y += 0.3 * 10 * lineGap;
  if (!text(input.typeLabel.normalize('NFC').toUpperCase(), 10, BLUE)) return null;

  const size = 150;
  const cell = size / qr.size;
  const left = (W - size) / 2;
  const top = y + 10;
  // In module units: the matrix maps module (column, row) to the page (y downwards), so every
  // rectangle is small integers, cheap to write and to deflate.
  ops.push(`q 0 0 0 rg ${num(cell)} 0 0 ${num(-cell)} ${num(left)} ${num(H - top)} cm`);
  for (let r = 0; r < qr.size; r++) {
    for (let c = 0; c < qr.size; ) {
      if (!qr.dark(r, c)) {
        c++;
        continue;
      }
      let end = c;
      while (end < qr.size && qr.dark(r, end)) end++;
      ops.push(`${c} ${r} ${end - c} 1.04 re`); // 4 % taller: no hairline seams between rows when anti-aliased
      c = end;
    }
  }
  ops.push('f Q');
  y = top + size + 6;
  if (!text(`#${input.serial}`, 7, GREY)) return null;

  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 'latin1'),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`, 'latin1'),
    // level 1: the page's operators (~13 KB, mostly QR rectangles) deflate to ~3.6 KB instead of ~2.7 KB
    // in ~40 % of the time of the default level, per badge; the font, built once, keeps the default
    stream('/Filter /FlateDecode', deflateSync(Buffer.from(ops.join('\n'), 'latin1'), { level: 1 })),
    ...t.fontObjects,
    Buffer.from(`<< /Title ${pdfString(`${input.fairName} - ${input.name}`)} /Producer (fair badge) >>`, 'latin1'),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const head = Buffer.from(`${i + 1} 0 obj\n`, 'latin1');
    const tail = Buffer.from('\nendobj\n', 'latin1');
    parts.push(head, body, tail);
    offset += head.length + body.length + tail.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
