import { parseCsv, RowErrorList } from '@fair/core';
import { BOOTH_KINDS } from '@fair/fairs';
import type { FairFacts, NormalisedApplication } from './application-input';
import { checkApplication } from './application.rules';

export const EXHIBITOR_CSV_COLUMNS = ['legal_name', 'country', 'tax_id', 'address', 'contact_name', 'email', 'phone', 'sectors'] as const;
/** Booth counts per kind, e.g. booths_international; empty means 0. */
export const BOOTH_COLUMNS = BOOTH_KINDS.map((k) => `booths_${k.replace(/-/g, '_')}`);
export const EXHIBITOR_CSV_OPTIONAL = ['name_vi', 'name_en', 'website', 'products', 'lang', ...BOOTH_COLUMNS] as const;

export interface ImportedRow {
  line: number;
  app: NormalisedApplication;
}

/**
 * Reads an exhibitor list (a delegation, a partner's list). Each row passes the same rules as
 * the online form; sectors are separated by "|". All problems come back at once by line.
 */
export function readExhibitorCsv(csv: string, fair: FairFacts, taken: { taxIds: Set<string>; emails: Set<string> }): ImportedRow[] {
  const rows = parseCsv(csv, { required: [...EXHIBITOR_CSV_COLUMNS], maxRows: 5000 });
  const errors = new RowErrorList();
  const out: ImportedRow[] = [];
  const seenTax = new Map<string, number>();
  const seenEmail = new Map<string, number>();
  for (const row of rows) {
    const v = row.values;
    const booths: { kind: string; count: number }[] = [];
    BOOTH_KINDS.forEach((kind, i) => {
      const raw = (v[BOOTH_COLUMNS[i]!] ?? '').trim();
      if (raw === '' || raw === '0') return;
      booths.push({ kind, count: /^\d+$/.test(raw) ? Number(raw) : NaN });
    });
    const { value, issues } = checkApplication(
      {
        legalName: v.legal_name ?? '',
        nameVi: v.name_vi,
        nameEn: v.name_en,
        country: v.country ?? '',
        taxId: v.tax_id ?? '',
        address: v.address ?? '',
        website: v.website,
        sectors: (v.sectors ?? '').split('|').map((s) => s.trim()).filter(Boolean),
        products: v.products,
        contactName: v.contact_name ?? '',
        email: v.email ?? '',
        phone: v.phone ?? '',
        booths,
        // The organiser importing the list has collected the companies' consent.
        consent: true,
        lang: v.lang === 'en' ? 'en' : 'vi',
      },
      fair,
    );
    for (const i of issues) errors.add(row.line, csvField(i.field), i.en, i.vi);
    if (!value) continue;
    const dupTax = seenTax.get(value.taxId);
    const dupEmail = seenEmail.get(value.email);
    if (taken.taxIds.has(value.taxId)) errors.add(row.line, 'tax_id', 'this tax number already has a live application for this fair', 'mã số thuế này đã có hồ sơ đăng ký hội chợ này');
    else if (dupTax) errors.add(row.line, 'tax_id', `same tax number as line ${dupTax}`, `trùng mã số thuế với dòng ${dupTax}`);
    if (taken.emails.has(value.email)) errors.add(row.line, 'email', 'this email already has a live application for this fair', 'email này đã có hồ sơ đăng ký hội chợ này');
    else if (dupEmail) errors.add(row.line, 'email', `same email as line ${dupEmail}`, `trùng email với dòng ${dupEmail}`);
    seenTax.set(value.taxId, seenTax.get(value.taxId) ?? row.line);
    seenEmail.set(value.email, seenEmail.get(value.email) ?? row.line);
    out.push({ line: row.line, app: value });
  }
  errors.throwIfAny();
  return out;
}

/** The CSV column a rule's field name stands for. */
function csvField(field: string): string {
  const booth = field.match(/^booths\[\d+\]/);
  if (booth || field === 'booths') return 'booths_*';
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
