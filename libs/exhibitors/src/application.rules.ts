import { isEmail, isISO31661Alpha2, isURL } from 'class-validator';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { BOOTH_KINDS, BOOTH_KIND_LABELS, type BoothKind } from '@fair/fairs';
import type { ApplicationInput, FairFacts, FieldIssue, NormalisedApplication, Origin } from './application-input';

export const HOME_COUNTRY = 'VN';

export const LIMITS = {
  legalName: 300,
  nameVi: 300,
  nameEn: 300,
  address: 500,
  website: 300,
  products: 2000,
  contactName: 200,
  email: 254,
  phone: 40,
  taxId: 40,
  placementName: 200,
  placementList: 10,
  placementNote: 1000,
  sectors: 20,
} as const;

/** Domestic means a Vietnamese company; an organiser may override this per application. */
export function originOf(country: string): Origin {
  return country.toUpperCase() === HOME_COUNTRY ? 'domestic' : 'international';
}

/** Tax and registration numbers are compared without spaces, dots, dashes or slashes. */
export function normaliseTaxId(raw: string): string {
  return raw.replace(/[\s.\-/]/g, '').toUpperCase();
}

/**
 * Checks an application against the fair and normalises it. Used by the public form and by
 * the CSV import, so both accept and refuse the same things. Returns every problem at once.
 */
export function checkApplication(input: ApplicationInput, fair: FairFacts): { value?: NormalisedApplication; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const add = (field: string, constraint: string, en: string, vi: string) => issues.push({ field, constraint, en, vi });
  const text = (field: keyof typeof LIMITS, raw: string | undefined, required: boolean): string | null => {
    const v = (raw ?? '').trim();
    if (!v) {
      if (required) add(field, 'isNotEmpty', `${field} is required`, `${field} là bắt buộc`);
      return null;
    }
    if (v.length > LIMITS[field]) add(field, 'maxLength', `${field} must be at most ${LIMITS[field]} characters`, `${field} không được dài quá ${LIMITS[field]} ký tự`);
    return v;
  };

  const legalName = text('legalName', input.legalName, true);
  const nameVi = text('nameVi', input.nameVi, false);
  const nameEn = text('nameEn', input.nameEn, false);
  const address = text('address', input.address, true);
  const contactName = text('contactName', input.contactName, true);
  const products = text('products', input.products, false) ?? '';

  const country = (input.country ?? '').trim().toUpperCase();
  if (!isISO31661Alpha2(country)) add('country', 'isISO31661Alpha2', `country "${input.country}" is not an ISO 3166-1 country code`, `country "${input.country}" không phải mã quốc gia ISO 3166-1`);

  const taxRaw = text('taxId', input.taxId, true);
  const taxId = taxRaw ? normaliseTaxId(taxRaw) : '';
  if (taxRaw && !/^[A-Z0-9]{4,40}$/.test(taxId)) {
    add('taxId', 'matches', 'taxId must be 4 to 40 letters or digits', 'taxId phải gồm 4 đến 40 chữ cái hoặc chữ số');
  }

  const website = text('website', input.website, false);
  if (website && !isURL(website, { protocols: ['http', 'https'], require_protocol: true })) {
    add('website', 'isUrl', 'website must be an http(s) address', 'website phải là địa chỉ web hợp lệ (http/https)');
  }

  const email = (text('email', input.email, true) ?? '').toLowerCase();
  if (email && !isEmail(email)) add('email', 'isEmail', 'email must be an email', 'email không phải là địa chỉ email hợp lệ');

  const phoneRaw = text('phone', input.phone, true);
  let phone = '';
  if (phoneRaw) {
    // Numbers without +country are read as numbers of the company's own country.
    const parsed = parsePhoneNumberFromString(phoneRaw, isISO31661Alpha2(country) ? (country as CountryCode) : undefined);
    if (parsed?.isValid()) phone = parsed.number;
    else add('phone', 'isPhoneNumber', `phone "${phoneRaw}" is not a valid phone number`, `phone "${phoneRaw}" không phải là số điện thoại hợp lệ`);
  }

  const sectors = [...new Set((input.sectors ?? []).map((s) => String(s).trim()))];
  if (sectors.length === 0) add('sectors', 'arrayMinSize', 'choose at least one sector', 'cần chọn ít nhất một ngành hàng');
  if (sectors.length > LIMITS.sectors) add('sectors', 'arrayMaxSize', `at most ${LIMITS.sectors} sectors`, `tối đa ${LIMITS.sectors} ngành hàng`);
  const unknown = sectors.filter((s) => !fair.sectorCodes.includes(s));
  if (unknown.length) {
    add('sectors', 'isIn', `unknown sectors: ${unknown.join(', ')} (allowed: ${fair.sectorCodes.join(', ')})`, `ngành hàng không có trong hội chợ: ${unknown.join(', ')} (được chọn: ${fair.sectorCodes.join(', ')})`);
  }

  const boothRequests = checkBooths(input.booths ?? [], fair, add);
  const placement = checkPlacement(input.placement ?? {}, add);

  if (input.consent !== true) {
    add('consent', 'equals', 'consent to the processing of contact data is required', 'cần đồng ý cho phép xử lý dữ liệu liên hệ');
  }

  if (issues.length) return { issues };
  return {
    issues,
    value: {
      legalName: legalName!,
      nameVi,
      nameEn,
      country,
      origin: originOf(country),
      taxId,
      address: address!,
      website,
      sectors,
      products,
      contactName: contactName!,
      email,
      phone,
      boothRequests,
      placement,
      lang: input.lang === 'en' ? 'en' : 'vi',
    },
  };
}

type Add = (field: string, constraint: string, en: string, vi: string) => void;

function checkBooths(booths: { kind: string; count: number }[], fair: FairFacts, add: Add): Partial<Record<BoothKind, number>> {
  const out: Partial<Record<BoothKind, number>> = {};
  if (booths.length === 0) add('booths', 'arrayMinSize', 'request at least one booth', 'cần đăng ký ít nhất một gian hàng');
  booths.forEach((b, i) => {
    const field = `booths[${i}]`;
    if (!(BOOTH_KINDS as readonly string[]).includes(b.kind)) {
      add(`${field}.kind`, 'isIn', `kind must be one of ${BOOTH_KINDS.join(', ')}`, `kind phải là một trong ${BOOTH_KINDS.join(', ')}`);
      return;
    }
    const kind = b.kind as BoothKind;
    if (out[kind] !== undefined) {
      add(`${field}.kind`, 'arrayUnique', `${kind} is listed twice`, `${BOOTH_KIND_LABELS[kind].vi} bị liệt kê hai lần`);
      return;
    }
    if (!Number.isInteger(b.count) || b.count < 1) {
      add(`${field}.count`, 'min', 'count must be a whole number of at least 1', 'count phải là số nguyên từ 1 trở lên');
      return;
    }
    const available = fair.boothsByKind[kind] ?? 0;
    if (b.count > available) {
      add(
        `${field}.count`,
        'max',
        `the fair has only ${available} booths of kind ${kind}; you asked for ${b.count}`,
        `hội chợ chỉ có ${available} ${BOOTH_KIND_LABELS[kind].vi.toLowerCase()}; bạn đăng ký ${b.count}`,
      );
      return;
    }
    out[kind] = b.count;
  });
  return out;
}

function checkPlacement(p: NonNullable<ApplicationInput['placement']>, add: Add): NonNullable<ApplicationInput['placement']> {
  const list = (field: 'nearPartners' | 'awayFrom'): string[] => {
    const values = (p[field] ?? []).map((v) => String(v).trim()).filter(Boolean);
    if (values.length > LIMITS.placementList) add(`placement.${field}`, 'arrayMaxSize', `at most ${LIMITS.placementList} names`, `tối đa ${LIMITS.placementList} tên`);
    values.forEach((v, i) => {
      if (v.length > LIMITS.placementName) add(`placement.${field}[${i}]`, 'maxLength', `at most ${LIMITS.placementName} characters`, `không được dài quá ${LIMITS.placementName} ký tự`);
    });
    return values;
  };
  const hall = (p.hall ?? '').trim();
  if (hall && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/.test(hall)) add('placement.hall', 'matches', 'hall must be a hall code such as "A"', 'hall phải là mã nhà triển lãm, ví dụ "A"');
  const note = (p.note ?? '').trim();
  if (note.length > LIMITS.placementNote) add('placement.note', 'maxLength', `at most ${LIMITS.placementNote} characters`, `không được dài quá ${LIMITS.placementNote} ký tự`);
  return {
    nearPartners: list('nearPartners'),
    awayFrom: list('awayFrom'),
    ...(hall ? { hall: hall.toUpperCase() } : {}),
    ...(p.corner !== undefined ? { corner: p.corner === true } : {}),
    ...(note ? { note } : {}),
  };
}
