import { cell, type CsvRow, parseCsv, RowErrorList } from '@fair/core';
import { BOOTH_KINDS, type BoothKind } from './booth-kind';

export interface FloorPlanBoothRow {
  line: number;
  hall: string;
  hallNameVi?: string;
  hallNameEn?: string;
  code: string;
  kind: BoothKind;
  areaM2: number;
  isCorner: boolean;
  priceVnd: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export const FLOOR_PLAN_COLUMNS = ['hall', 'code', 'kind', 'area_m2', 'corner', 'price_vnd', 'x', 'y', 'width', 'height'];
export const FLOOR_PLAN_OPTIONAL_COLUMNS = ['hall_name_vi', 'hall_name_en'];

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;
const HALL = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;

/**
 * Reads a floor-plan CSV. Every bad row is reported with its line number; the caller writes
 * nothing unless the list comes back whole. `existingCodes` are booth codes already in the fair.
 */
export function readFloorPlanCsv(text: string, existingCodes: Set<string>): FloorPlanBoothRow[] {
  const rows = parseCsv(text, { required: FLOOR_PLAN_COLUMNS, maxRows: 50_000 });
  const errors = new RowErrorList();
  const seen = new Map<string, number>();
  const out: FloorPlanBoothRow[] = [];
  for (const row of rows) {
    const parsed = readRow(errors, row);
    if (!parsed) continue;
    const key = parsed.code.toUpperCase();
    const first = seen.get(key);
    if (first !== undefined) {
      errors.add(row.line, 'code', `booth code ${parsed.code} repeats line ${first}`, `mã gian ${parsed.code} trùng với dòng ${first}`);
      continue;
    }
    seen.set(key, row.line);
    if (existingCodes.has(key)) {
      errors.add(row.line, 'code', `booth ${parsed.code} already exists in this fair`, `gian ${parsed.code} đã có trong hội chợ này`);
      continue;
    }
    out.push(parsed);
  }
  errors.throwIfAny();
  return out;
}

function readRow(errors: RowErrorList, row: CsvRow): FloorPlanBoothRow | undefined {
  const before = errors.size;
  const hall = cell.text(errors, row, 'hall', { required: true, pattern: HALL });
  const code = cell.text(errors, row, 'code', { required: true, pattern: CODE });
  const kindRaw = (row.values['kind'] ?? '').toLowerCase();
  if (!(BOOTH_KINDS as readonly string[]).includes(kindRaw)) {
    errors.add(row.line, 'kind', `kind "${kindRaw}" must be one of ${BOOTH_KINDS.join(', ')}`, `loại gian "${kindRaw}" phải là một trong ${BOOTH_KINDS.join(', ')}`);
  }
  const areaM2 = cell.number(errors, row, 'area_m2', { min: 0.01, max: 100_000 });
  const isCorner = cell.boolean(errors, row, 'corner');
  const priceVnd = cell.number(errors, row, 'price_vnd', { min: 0, max: 1e13, integer: true });
  const x = cell.number(errors, row, 'x', { min: -1e6, max: 1e6 });
  const y = cell.number(errors, row, 'y', { min: -1e6, max: 1e6 });
  const width = cell.number(errors, row, 'width', { min: 0.01, max: 1e5 });
  const height = cell.number(errors, row, 'height', { min: 0.01, max: 1e5 });
  const hallNameVi = cell.text(errors, row, 'hall_name_vi', { max: 200 });
  const hallNameEn = cell.text(errors, row, 'hall_name_en', { max: 200 });
  if (errors.size > before) return undefined;
  return {
    line: row.line,
    hall: hall!,
    hallNameVi: hallNameVi || undefined,
    hallNameEn: hallNameEn || undefined,
    code: code!,
    kind: kindRaw as BoothKind,
    areaM2: areaM2!,
    isCorner: isCorner!,
    priceVnd: priceVnd!,
    x: x!,
    y: y!,
    width: width!,
    height: height!,
  };
}

/** The same format, for exports and for the seed. */
export function writeFloorPlanCsv(rows: Omit<FloorPlanBoothRow, 'line'>[]): string {
  const header = [...FLOOR_PLAN_COLUMNS, ...FLOOR_PLAN_OPTIONAL_COLUMNS].join(',');
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = rows.map((r) =>
    [r.hall, r.code, r.kind, r.areaM2, r.isCorner ? 'yes' : 'no', r.priceVnd, r.x, r.y, r.width, r.height, q(r.hallNameVi ?? ''), q(r.hallNameEn ?? '')].join(','),
  );
  return [header, ...lines].join('\n') + '\n';
}
