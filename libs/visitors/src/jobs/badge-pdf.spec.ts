import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { decode as decodePng } from 'fast-png';
import jsQR from 'jsqr';
// @ts-expect-error fontkit 2 ships no types
import { create as createFont } from 'fontkit';
import { badgePdf } from './badge-pdf';
import { buildTemplate, type FkFont } from './badge-template';

const pdftoppm = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].find((p) => existsSync(p));
if (!pdftoppm) process.stderr.write('[badge-pdf] pdftoppm (Debian package poppler-utils) not found: the badge\'s QR is not read back from a rendering\n');

/** The badge printed (rendered by poppler at 150 dpi, grey) and its QR read back with jsQR. */
function qrOnRenderedBadge(pdf: Buffer): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'badge-'));
  try {
    writeFileSync(join(dir, 'b.pdf'), pdf);
    execFileSync(pdftoppm!, ['-png', '-gray', '-r', '150', '-singlefile', join(dir, 'b.pdf'), join(dir, 'page')]);
    const img = decodePng(readFileSync(join(dir, 'page.png')));
    const rgba = new Uint8ClampedArray(img.width * img.height * 4);
    for (let i = 0; i < img.width * img.height; i++) {
      const v = img.data[i * img.channels]!;
      rgba.set([v, v, v, 255], i * 4);
    }
    return jsQR(rgba, img.width, img.height)?.data ?? null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const input = {
  fairName: 'Hội chợ Thương mại Quốc tế Việt Nam',
  name: 'Nguyễn Thị Thủy Tiên',
  company: 'Công ty TNHH Đông Á',
  typeLabel: 'Nhà nhập khẩu',
  code: 'NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOOA5/K9ZUQF7Q4',
  serial: 4711,
  dates: '2026-11-20 – 2026-11-23',
};

/** Objects by number, from the xref table: each offset must point at "<n> 0 obj". */
function objects(pdf: Buffer): Map<number, Buffer> {
  const text = pdf.toString('latin1');
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  const xref = text.slice(start).split('\n');
  expect(xref[0]).toBe('xref');
  const count = Number(xref[1]!.split(' ')[1]);
  const out = new Map<number, Buffer>();
  for (let n = 1; n < count; n++) {
    const offset = Number(xref[2 + n]!.slice(0, 10));
    expect(text.startsWith(`${n} 0 obj\n`, offset)).toBe(true);
    out.set(n, pdf.subarray(offset, text.indexOf('\nendobj\n', offset)));
  }
  return out;
}

function streamOf(obj: Buffer): Buffer {
  const s = obj.indexOf('stream\n') + 7;
  return inflateSync(obj.subarray(s, obj.lastIndexOf('\nendstream')));
}

describe.each(existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') || existsSync('/usr/share/fonts/dejavu/DejaVuSans.ttf') ? ['DejaVu Sans'] : [])(
  'badge PDF from the template (%s)',
  () => {
    it('writes Vietnamese text with the embedded subset, findable through ToUnicode, and the QR', async () => {
      const pdf = await badgePdf(input);
      const objs = objects(pdf);
      expect(objs.get(5)!.toString('latin1')).toContain('/Subtype /Type0');
      expect(objs.get(8)!.toString('latin1')).toContain('/Length1');
      // glyph id -> code point, from the ToUnicode map
      const toUnicode = new Map<string, string>();
      for (const m of streamOf(objs.get(9)!).toString('latin1').matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})>/g)) toUnicode.set(m[1]!, String.fromCodePoint(parseInt(m[2]!, 16)));
      const content = streamOf(objs.get(4)!).toString('latin1');
      const shown = [...content.matchAll(/<([0-9a-f]+)> Tj/g)].map((m) => m[1]!.match(/.{4}/g)!.map((g) => toUnicode.get(g) ?? '?').join(''));
      expect(shown).toEqual([input.fairName, input.dates, input.name, input.company, 'NHÀ NHẬP KHẨU', '#4711']);
      expect((content.match(/ re$/gm) ?? []).length).toBeGreaterThan(50); // the QR's runs of dark modules
    });

    (pdftoppm ? it : it.skip)('prints a QR that reads back as the pass code (a full-length code, rendered by poppler)', async () => {
      const code = 'NCFOXN%TSMAHN-HWWK2RL99TEZ-O5:JW4ZS2JW2E60F1JWVIP01HXPQ3*C0KCFK2%UJQ5/3+J3D9K9N7R74O11CO2H+I6PG4K5VN3E4E/3D2B9J0ZRDS0Q2:HFU0C1EI+*7J0GYOQ4-2ZF3P.J9YS0AD44W';
      expect(qrOnRenderedBadge(await badgePdf({ ...input, code }))).toBe(code);
      expect(qrOnRenderedBadge(await badgePdf(input))).toBe(input.code);
    });

    it('embeds the font without hinting but with every outline and advance of the original glyphs', () => {
      const path = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'].find((p) => existsSync(p))!;
      type Glyph = { path: { toSVG(): string }; advanceWidth: number };
      const original = createFont(readFileSync(path)) as FkFont;
      const t = buildTemplate(original);
      const file = streamOf(t.fontObjects[3]!);
      const tags = Array.from({ length: file.readUInt16BE(4) }, (_, i) => file.toString('latin1', 12 + 16 * i, 16 + 16 * i));
      expect(tags).toEqual(expect.arrayContaining(['glyf', 'loca', 'head', 'hmtx', 'maxp']));
      for (const hinting of ['fpgm', 'prep', 'cvt ']) expect(tags).not.toContain(hinting);
      const embedded = createFont(file) as { getGlyph(id: number): Glyph };
      expect(t.glyph.size).toBeGreaterThan(200); // ASCII, Vietnamese letters, punctuation
      for (const [cp, { id }] of t.glyph) {
        const a = original.glyphForCodePoint(cp) as unknown as Glyph;
        const b = embedded.getGlyph(id);
        if (b.path.toSVG() !== a.path.toSVG() || b.advanceWidth !== a.advanceWidth) throw new Error(`glyph of U+${cp.toString(16)} differs`);
      }
      // and no glyph program is left: every simple glyph's instruction length is 0
      const table = (tag: string) => {
        const i = tags.indexOf(tag);
        return file.subarray(file.readUInt32BE(12 + 16 * i + 8), file.readUInt32BE(12 + 16 * i + 8) + file.readUInt32BE(12 + 16 * i + 12));
      };
      const glyf = table('glyf');
      const loca = table('loca');
      let simple = 0;
      for (let i = 0; i + 1 < loca.length / 4; i++) {
        const g = glyf.subarray(loca.readUInt32BE(4 * i), loca.readUInt32BE(4 * i + 4));
        if (g.length === 0 || g.readInt16BE(0) < 0) continue;
        simple++;
        expect(g.readUInt16BE(10 + 2 * g.readInt16BE(0))).toBe(0);
      }
      expect(simple).toBeGreaterThan(100);
    });

    (pdftoppm ? it : it.skip)('poppler reads the Vietnamese text back from the badge', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'badge-'));
      try {
        writeFileSync(join(dir, 'b.pdf'), await badgePdf(input));
        const text = execFileSync(pdftoppm!.replace(/pdftoppm$/, 'pdftotext'), [join(dir, 'b.pdf'), '-'], { encoding: 'utf8' });
        for (const line of [input.fairName, input.name, input.company, 'NHÀ NHẬP KHẨU', '#4711']) expect(text).toContain(line);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('falls back to pdfkit for characters the subset lacks', async () => {
      const pdf = await badgePdf({ ...input, name: '王小明' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).not.toContain('/Producer (fair badge)');
    });
  },
);
