import { parse } from 'csv-parse/sync';
import { defineErrors } from './domain-error';

/** One problem in an imported file, located by its line so a person can fix the file. */
export interface RowError {
  line: number;
  field?: string;
  en: string;
  vi: string;
}

export const CsvErrors = defineErrors({
  CSV_UNREADABLE: { status: 422, en: 'The file is not valid CSV: {reason}', vi: 'Tệp không đúng định dạng CSV: {reason}' },
  CSV_MISSING_COLUMNS: { status: 422, en: 'Missing columns: {columns}', vi: 'Thiếu cột: {columns}' },
  CSV_EMPTY: { status: 422, en: 'The file has no data rows', vi: 'Tệp không có dòng dữ liệu nào' },
  CSV_TOO_LARGE: { status: 413, en: 'The file is too large (at most {max} rows)', vi: 'Tệp quá lớn (tối đa {max} dòng)' },
  CSV_ROWS_INVALID: {
    status: 422,
    en: '{count} rows have errors; nothing was imported',
    vi: '{count} dòng có lỗi; không có dữ liệu nào được nhập',
  },
});

export interface CsvRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/**
 * Parses CSV with a header row (comma or semicolon, optional BOM, quoted fields). Column names
 * are trimmed and lower-cased. Throws CsvErrors for unreadable files or missing columns.
 */
export function parseCsv(text: string, options: { required: string[]; maxRows?: number }): CsvRow[] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(source, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (err) {
    throw CsvErrors.CSV_UNREADABLE({ reason: (err as Error).message.slice(0, 200) });
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = options.required.filter((c) => !header.includes(c));
  if (missing.length) throw CsvErrors.CSV_MISSING_COLUMNS({ columns: missing.join(', '), missingColumns: missing });
  const rows: CsvRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const cells = records[i]!;
    if (cells.every((c) => c === '')) continue;
    const values: Record<string, string> = {};
    header.forEach((h, j) => (values[h] = cells[j] ?? ''));
    rows.push({ line: i + 1, values });
  }
  if (rows.length === 0) throw CsvErrors.CSV_EMPTY();
  const max = options.maxRows ?? 100_000;
  if (rows.length > max) throw CsvErrors.CSV_TOO_LARGE({ max });
  return rows;
}

/** Collects row errors; `throwIfAny` raises one 422 listing all of them (first 500). */
export class RowErrorList {
  readonly errors: RowError[] = [];

  add(line: number, field: string | undefined, en: string, vi: string): void {
    this.errors.push({ line, field, en, vi });
  }

  get size(): number {
    return this.errors.length;
  }

  throwIfAny(): void {
    if (this.errors.length === 0) return;
    const lines = new Set(this.errors.map((e) => e.line));
    throw CsvErrors.CSV_ROWS_INVALID({ count: lines.size, rows: this.errors.slice(0, 500) });
  }
}

/** Cell parsers that report into a RowErrorList and return undefined when the cell is bad. */
export const cell = {
  number(errors: RowErrorList, row: CsvRow, field: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const raw = row.values[field] ?? '';
    const n = Number(raw.replace(/\s/g, ''));
    if (raw === '' || !Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
      errors.add(row.line, field, `${field}: "${raw}" is not a ${opts.integer ? 'whole ' : ''}number`, `${field}: "${raw}" không phải là số${opts.integer ? ' nguyên' : ''}`);
      return undefined;
    }
    if (opts.min !== undefined && n < opts.min) {
      errors.add(row.line, field, `${field} must be at least ${opts.min}`, `${field} phải từ ${opts.min} trở lên`);
      return undefined;
    }
    if (opts.max !== undefined && n > opts.max) {
      errors.add(row.line, field, `${field} must be at most ${opts.max}`, `${field} không được lớn hơn ${opts.max}`);
      return undefined;
    }
    return n;
  },
  boolean(errors: RowErrorList, row: CsvRow, field: string): boolean | undefined {
    const raw = (row.values[field] ?? '').toLowerCase();
    if (['', '0', 'false', 'no', 'n', 'không', 'khong'].includes(raw)) return false;
    if (['1', 'true', 'yes', 'y', 'x', 'có', 'co'].includes(raw)) return true;
    errors.add(row.line, field, `${field}: "${raw}" is not yes/no`, `${field}: "${raw}" không phải có/không`);
    return undefined;
  },
  text(errors: RowErrorList, row: CsvRow, field: string, opts: { required?: boolean; max?: number; pattern?: RegExp } = {}): string | undefined {
    const raw = row.values[field] ?? '';
    if (!raw) {
      if (opts.required) {
        errors.add(row.line, field, `${field} is required`, `${field} là bắt buộc`);
        return undefined;
      }
      return '';
    }
    if (opts.max && raw.length > opts.max) {
      errors.add(row.line, field, `${field} is longer than ${opts.max} characters`, `${field} dài quá ${opts.max} ký tự`);
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(raw)) {
      errors.add(row.line, field, `${field}: "${raw}" has an invalid format`, `${field}: "${raw}" sai định dạng`);
      return undefined;
    }
    return raw;
  },
};
