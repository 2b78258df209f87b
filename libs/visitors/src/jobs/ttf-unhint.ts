/**
 * A TrueType font without its hinting: glyph instructions emptied, the `fpgm`, `prep` and
 * `cvt ` tables (and the device-metric tables computed from hinting) left out.
 *
 * Hinting tunes outlines to screen pixels at small sizes; PDF viewers and printers render the
 * badge's few lines from outlines and do not need it. In the DejaVu Sans subset the badge embeds
 * (265 glyphs), instructions were 49 % of the glyph bytes. Dropping them makes every invitation
 * ~25 % smaller, which is CPU for nodemailer, the SMTP server and the network per email
 * (docs/decisions/017). Outlines, metrics, cmap and names are untouched. The badge test reads the
 * text back with poppler and checks the font has no instructions left.
 */
const DROPPED = new Set(['fpgm', 'prep', 'cvt ', 'hdmx', 'LTSH', 'VDMX']);

export function unhintTrueType(font: Buffer): Buffer {
  const numTables = font.readUInt16BE(4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const tag = font.toString('latin1', rec, rec + 4);
    const offset = font.readUInt32BE(rec + 8);
    const length = font.readUInt32BE(rec + 12);
    tables.set(tag, font.subarray(offset, offset + length));
  }
  const head = tables.get('head');
  const maxp = tables.get('maxp');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  if (!head || !maxp || !loca || !glyf) return font; // not a TrueType-outline font: leave it as it is
  const numGlyphs = maxp.readUInt16BE(4);
  const longLoca = head.readInt16BE(50) === 1;
  const offsetOf = (i: number) => (longLoca ? loca.readUInt32BE(4 * i) : loca.readUInt16BE(2 * i) * 2);

  const glyphs: Buffer[] = [];
  for (let i = 0; i < numGlyphs; i++) glyphs.push(withoutInstructions(glyf.subarray(offsetOf(i), offsetOf(i + 1))));
  const newLoca = Buffer.alloc(4 * (numGlyphs + 1));
  let at = 0;
  glyphs.forEach((g, i) => {
    newLoca.writeUInt32BE(at, 4 * i);
    at += g.length + ((4 - (g.length % 4)) % 4);
  });
  newLoca.writeUInt32BE(at, 4 * numGlyphs);
  const newGlyf = Buffer.alloc(at);
  glyphs.forEach((g, i) => g.copy(newGlyf, newLoca.readUInt32BE(4 * i)));

  const newHead = Buffer.from(head);
  newHead.writeInt16BE(1, 50); // long loca offsets
  newHead.writeUInt32BE(0, 8); // checkSumAdjustment, set below
  tables.set('head', newHead);
  tables.set('loca', newLoca);
  tables.set('glyf', newGlyf);
  for (const tag of DROPPED) tables.delete(tag);
  return assemble(font.readUInt32BE(0), tables);
}

/** A glyph's bytes with an empty instruction program (simple glyphs) or none (composites). */
function withoutInstructions(g: Buffer): Buffer {
  if (g.length === 0) return g;
  const contours = g.readInt16BE(0);
  if (contours >= 0) {
    const lengthAt = 10 + 2 * contours;
    const instructions = g.readUInt16BE(lengthAt);
    return Buffer.concat([g.subarray(0, lengthAt), Buffer.alloc(2), g.subarray(lengthAt + 2 + instructions)]);
  }
  // composite: walk the components, clear WE_HAVE_INSTRUCTIONS, cut what follows the last one
  const out = Buffer.from(g);
  let p = 10;
  for (;;) {
    const flags = out.readUInt16BE(p);
    out.writeUInt16BE(flags & ~0x0100, p);
    p += 4 + (flags & 0x0001 ? 4 : 2); // flags, glyph index, arguments (words or bytes)
    if (flags & 0x0008) p += 2; // WE_HAVE_A_SCALE
    else if (flags & 0x0040) p += 4; // WE_HAVE_AN_X_AND_Y_SCALE
    else if (flags & 0x0080) p += 8; // WE_HAVE_A_TWO_BY_TWO
    if (!(flags & 0x0020)) break; // MORE_COMPONENTS
  }
  return out.subarray(0, p);
}

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = data.length % 4 ? Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]) : data;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** An sfnt file from its tables: directory sorted by tag, tables 4-byte aligned, checksums set. */
function assemble(sfntVersion: number, tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(sfntVersion, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(n * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const rec = 12 + 16 * i;
    header.write(tag, rec, 'latin1');
    header.writeUInt32BE(checksum(data), rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(data.length, rec + 12);
    const pad = (4 - (data.length % 4)) % 4;
    parts.push(data, Buffer.alloc(pad));
    offset += data.length + pad;
  });
  const file = Buffer.concat(parts);
  const headAt = file.readUInt32BE(12 + 16 * tags.indexOf('head') + 8);
  file.writeUInt32BE((0xb1b0afba - checksum(file)) >>> 0, headAt + 8);
  return file;
}
