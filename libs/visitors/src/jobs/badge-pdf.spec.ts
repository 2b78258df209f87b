import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { badgePdf } from './badge-pdf';

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

    it('falls back to pdfkit for characters the subset lacks', async () => {
      const pdf = await badgePdf({ ...input, name: '王小明' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).not.toContain('/Producer (fair badge)');
    });
  },
);
