import { cell, parseCsv, RowErrorList } from '@fair/core';
import { ENTRY_POLICIES, VISITOR_TYPES, type EntryPolicy, type VisitorType } from './visitor-types';

export interface VisitorInput {
  name: string;
  company: string;
  country: string;
  email: string;
  phone: string | null;
  visitorType: VisitorType;
  sectors: string[];
  lang: 'vi' | 'en';
  entryPolicy?: EntryPolicy;
}

export interface VisitorCsvRow extends VisitorInput {
  line: number;
}

export const VISITOR_CSV_COLUMNS = ['name', 'email', 'country', 'visitor_type'];
export const VISITOR_CSV_OPTIONAL = ['company', 'phone', 'sectors', 'lang', 'entry_policy'];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const PHONE = /^\+?[0-9 ().-]{6,30}$/;
const SECTOR = /^[a-z0-9-]{2,40}$/;

/**
 * Reads an invitation list. Every bad row is reported with its line; duplicates within the
 * file and emails already registered for the fair (`existingEmails`, lower-case) too.
 */
export function readVisitorCsv(text: string, existingEmails: Set<string>): VisitorCsvRow[] {
  const rows = parseCsv(text, { required: VISITOR_CSV_COLUMNS, maxRows: 50_000 });
  const errors = new RowErrorList();
  const seen = new Map<string, number>();
  const out: VisitorCsvRow[] = [];
  for (const row of rows) {
    const name = cell.text(errors, row, 'name', { required: true, max: 200 });
    const email = cell.text(errors, row, 'email', { required: true, max: 254, pattern: EMAIL });
    const country = cell.text(errors, row, 'country', { required: true, pattern: COUNTRY });
    const company = cell.text(errors, row, 'company', { max: 200 });
    const phone = cell.text(errors, row, 'phone', { pattern: PHONE });
    const type = oneOf(errors, row.line, 'visitor_type', row.values['visitor_type'] ?? '', VISITOR_TYPES, true);
    const policy = oneOf(errors, row.line, 'entry_policy', row.values['entry_policy'] ?? '', ENTRY_POLICIES, false);
    const lang = oneOf(errors, row.line, 'lang', (row.values['lang'] ?? '').toLowerCase() || 'vi', ['vi', 'en'] as const, true);
    const sectors = (row.values['sectors'] ?? '').split(/[|;]/).map((s) => s.trim().toLowerCase()).filter(Boolean);
    const badSector = sectors.find((s) => !SECTOR.test(s));
    if (badSector) errors.add(row.line, 'sectors', `sectors: "${badSector}" is not a sector code`, `sectors: "${badSector}" không phải mã ngành`);
    if (email) {
      const key = email.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) errors.add(row.line, 'email', `email ${email} already appears on line ${first}`, `email ${email} đã có ở dòng ${first}`);
      else if (existingEmails.has(key)) errors.add(row.line, 'email', `email ${email} is already registered for this fair`, `email ${email} đã được đăng ký cho hội chợ này`);
      seen.set(key, first ?? row.line);
    }
    if (name === undefined || !email || !country || company === undefined || phone === undefined || !type || !lang || badSector) continue;
    out.push({
      line: row.line,
      name,
      email,
      country: country.toUpperCase(),
      company,
      phone: phone || null,
      visitorType: type,
      entryPolicy: policy ?? undefined,
      sectors,
      lang,
    });
  }
  errors.throwIfAny();
  return out;
}

function oneOf<T extends string>(errors: RowErrorList, line: number, field: string, raw: string, allowed: readonly T[], required: boolean): T | null {
  const value = raw.trim().toLowerCase();
  if (!value && !required) return null;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.add(line, field, `${field}: "${raw}" must be one of ${allowed.join(', ')}`, `${field}: "${raw}" phải là một trong: ${allowed.join(', ')}`);
  return null;
}
