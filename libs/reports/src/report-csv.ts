import { stringify } from 'csv-stringify/sync';
import type { PostFairReport } from './post-fair-report';
import { LABELS } from './report-labels';

/**
 * The report as one CSV (UTF-8 with BOM): a `section` column names each block, so a spreadsheet
 * can filter; headings in the report's language, keys (hours, codes) as in the JSON.
 */
export function reportCsv(r: PostFairReport): string {
  const L = LABELS[r.lang];
  const h = r.headline;
  const rows: unknown[][] = [
    ['section', 'key', 'label', 'value', 'value2', 'value3'],
    ['headline', 'companies', L.exhibitors, h.companies],
    ['headline', 'booths', L.total, h.booths.total],
    ['headline', 'booths.international', L.kinds['international'], h.booths.international],
    ['headline', 'booths.domestic', L.kinds['domestic'], h.booths.domestic],
    ['headline', 'booths.technical', 'technical', h.booths.technical],
    ['headline', 'booths.technical-matchmaking', L.kinds['technical-matchmaking'], h.booths.technicalMatchmaking],
    ['headline', 'booths.technical-workshop', L.kinds['technical-workshop'], h.booths.technicalWorkshop],
    ['headline', 'visits', L.visits, h.visits],
    ['headline', 'trade-meetings', L.held, h.tradeMeetings],
    ...r.headlineText.map((t, i) => ['headline-text', String(i + 1), t]),
    ...r.arrivalCurve.map((a) => ['arrivals', a.hour, L.hour, a.visits]),
    ...r.topSectors.map((s) => ['top-sectors', s.sector, s.label, s.exhibitors, s.visitors]),
    ...r.topCountries.map((c) => ['top-countries', c.country, c.country, c.exhibitors, c.visits]),
    ...r.meetingsPerDay.map((d) => ['meetings-per-day', d.day, L.day, d.scheduled, d.held, d.noShow]),
    ...r.boothOccupancy.map((o) => ['booth-occupancy', o.kind, o.label, o.total, o.assigned, o.rate]),
  ];
  return '\uFEFF' + stringify(rows, { record_delimiter: '\r\n' });
}
