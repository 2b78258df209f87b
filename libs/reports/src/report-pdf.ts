import { existsSync, readFileSync } from 'node:fs';
// @ts-expect-error fontkit 2 ships no types; pdfkit accepts the font object create() returns
import { create } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { PostFairReport } from './post-fair-report';
import { LABELS } from './report-labels';

// Vietnamese needs a Unicode font (as the visitor badges): DejaVu Sans, parsed once per process.
const FONT_PATHS = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'];
const fontPath = FONT_PATHS.find((p) => existsSync(p));
const parseFont = create as (data: Uint8Array) => { layout(text: string): unknown };
const font = fontPath ? parseFont(readFileSync(fontPath)) : undefined;
const plain = (s: string) => (font ? s : s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'));

type Doc = InstanceType<typeof PDFDocument>;

function table(doc: Doc, head: string[], rows: (string | number)[][]) {
  const width = doc.page.width - 100;
  const col = width / head.length;
  const line = (cells: (string | number)[], bold: boolean) => {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    doc.fontSize(9).fillColor(bold ? '#0b5cad' : '#000');
    cells.forEach((c, i) => doc.text(plain(String(c)), 50 + i * col, y, { width: col - 4, lineBreak: false }));
    doc.x = 50;
    doc.y = y + 14;
  };
  line(head, true);
  for (const r of rows) line(r, false);
  doc.moveDown(0.8);
}

/** Horizontal bars for the arrival curve, scaled to the busiest hour. */
function bars(doc: Doc, points: { hour: string; visits: number }[]) {
  const max = Math.max(1, ...points.map((p) => p.visits));
  const width = doc.page.width - 190;
  for (const p of points) {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    doc.fontSize(8).fillColor('#000').text(p.hour.replace('T', ' ') + 'h', 50, y, { width: 80, lineBreak: false });
    doc.rect(132, y + 1, Math.max(1, (p.visits / max) * width), 8).fill('#0b5cad');
    doc.fillColor('#000').text(String(p.visits), 136 + (p.visits / max) * width, y, { lineBreak: false });
    doc.x = 50;
    doc.y = y + 12;
  }
  doc.moveDown(0.8);
}

/** The post-fair report as an A4 PDF in the report's language. */
export function reportPdf(r: PostFairReport): Promise<Buffer> {
  const L = LABELS[r.lang];
  const doc = new PDFDocument({ size: 'A4', margin: 50, compress: true, info: { Title: plain(`${L.title} - ${r.fair.name}`) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (font) doc.font(font as unknown as string);
  const heading = (t: string) => doc.fontSize(13).fillColor('#0b5cad').text(plain(t), 50).moveDown(0.3);

  doc.fontSize(18).fillColor('#000').text(plain(L.title));
  doc.fontSize(12).text(plain(r.fair.name));
  doc.fontSize(9).fillColor('#555').text(plain(`${r.fair.venue} · ${r.fair.startsOn} – ${r.fair.endsOn} · ${L.generated} ${r.generatedAt}`)).moveDown();
  heading(L.headline);
  doc.fontSize(11).fillColor('#000');
  for (const t of r.headlineText) doc.text(plain(`• ${t}`));
  doc.moveDown();
  heading(L.arrivals);
  bars(doc, r.arrivalCurve);
  heading(L.topSectors);
  table(doc, [L.sector, L.exhibitors, L.visitors], r.topSectors.map((s) => [s.label, s.exhibitors, s.visitors]));
  heading(L.topCountries);
  table(doc, [L.country, L.exhibitors, L.visits], r.topCountries.map((c) => [c.country, c.exhibitors, c.visits]));
  heading(L.meetingsPerDay);
  table(doc, [L.day, L.scheduled, L.held, L.noShow], r.meetingsPerDay.map((d) => [d.day, d.scheduled, d.held, d.noShow]));
  heading(L.occupancy);
  table(doc, [L.kind, L.total, L.assigned, L.rate], r.boothOccupancy.map((o) => [o.label, o.total, o.assigned, `${Math.round(o.rate * 100)}%`]));
  doc.end();
  return done;
}
