import { existsSync, readFileSync } from 'node:fs';
// @ts-expect-error fontkit 2 ships no types; pdfkit accepts the font object create() returns
import { create } from 'fontkit';
import PDFDocument from 'pdfkit';
import { qrMatrix, type QrMatrix } from '../qr/qr-image';
import { buildTemplate, renderBadge, type FkFont } from './badge-template';

/**
 * A printable A6 badge: fair, name, company, visitor type, the QR drawn as vector squares
 * (sharp at any printer resolution, and no PNG to embed). Vietnamese needs a Unicode font:
 * DejaVu Sans where the system has it; otherwise Helvetica with the accents removed.
 */
const FONT_PATHS = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'];
const fontPath = FONT_PATHS.find((p) => existsSync(p));
const fontData = fontPath ? readFileSync(fontPath) : undefined;
// Parsed once per process: given the file, pdfkit re-parses 700 KB per badge (~80 ms, 12 badges/s).
const parseFont = create as (data: Uint8Array) => { layout(text: string): unknown };
const font = fontData ? parseFont(fontData) : undefined;
// The fixed part of every badge (font subset, widths, ToUnicode), built on first use.
let template: ReturnType<typeof buildTemplate> | undefined;

export interface BadgeInput {
  fairName: string;
  name: string;
  company: string;
  typeLabel: string;
  code: string;
  serial: number;
  dates: string;
  /** The QR symbol of `code` when the caller has it already (the e-mail's PNG is drawn from it too). */
  qr?: QrMatrix;
}

const plain = (s: string) => (fontData ? s : s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'));

export function badgePdf(input: BadgeInput): Promise<Buffer> {
  const qr = input.qr ?? qrMatrix(input.code);
  if (font) {
    template ??= buildTemplate(font as unknown as FkFont);
    const pdf = renderBadge(template, input, qr);
    if (pdf) return Promise.resolve(pdf);
  }
  return badgePdfKit(input, qr);
}

/** The same badge through pdfkit: text outside the template's characters, or no DejaVu Sans on the system. */
export function badgePdfKit(input: BadgeInput, m: QrMatrix = qrMatrix(input.code)): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A6', margin: 24, compress: true, info: { Title: plain(`${input.fairName} - ${input.name}`) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (font) doc.font(font as unknown as string);
  const width = doc.page.width - 48;
  doc.fontSize(11).fillColor('#0b5cad').text(plain(input.fairName), { width, align: 'center' });
  doc.fontSize(8).fillColor('#555').text(plain(input.dates), { width, align: 'center' });
  doc.moveDown(0.6);
  doc.fontSize(16).fillColor('#000').text(plain(input.name), { width, align: 'center' });
  if (input.company) doc.fontSize(10).text(plain(input.company), { width, align: 'center' });
  doc.moveDown(0.3);
  doc.fontSize(10).fillColor('#0b5cad').text(plain(input.typeLabel.toUpperCase()), { width, align: 'center' });
  const size = 150;
  const cell = size / m.size;
  const left = (doc.page.width - size) / 2;
  const top = doc.y + 10;
  doc.fillColor('#000');
  for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.dark(r, c)) doc.rect(left + c * cell, top + r * cell, cell, cell);
  doc.fill();
  doc.fontSize(7).fillColor('#555').text(`#${input.serial}`, 24, top + size + 6, { width, align: 'center' });
  doc.end();
  return done;
}
