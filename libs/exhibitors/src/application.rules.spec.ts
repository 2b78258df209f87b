import { describe, expect, it } from '@jest/globals';
import type { ApplicationInput, FairFacts } from './application-input';
import { checkApplication, normaliseTaxId, originOf } from './application.rules';

const fair: FairFacts = {
  sectorCodes: ['mechanical', 'electronics', 'handicrafts'],
  boothsByKind: { international: 57, domestic: 83, 'technical-matchmaking': 20, 'technical-workshop': 20 },
};

const good: ApplicationInput = {
  legalName: 'Tanaka Seiki Co., Ltd.',
  country: 'jp',
  taxId: '1234-5678-9012',
  address: '1-2-3 Chiyoda, Tokyo',
  sectors: ['mechanical'],
  contactName: 'Tanaka Hiroshi',
  email: 'Tanaka@Example.JP',
  phone: '+81 3-1234-5678',
  booths: [{ kind: 'international', count: 2 }],
  consent: true,
  lang: 'en',
};

const fieldsOf = (input: Partial<ApplicationInput>) => checkApplication({ ...good, ...input }, fair).issues.map((i) => i.field);

describe('application rules', () => {
  it('normalises a good application and derives the origin from the country', () => {
    const { value, issues } = checkApplication(good, fair);
    expect(issues).toEqual([]);
    expect(value).toMatchObject({ country: 'JP', origin: 'international', taxId: '123456789012', email: 'tanaka@example.jp', phone: '+81312345678', boothRequests: { international: 2 } });
    expect(originOf('vn')).toBe('domestic');
  });

  it('reads a Vietnamese number without +84 as Vietnamese', () => {
    expect(checkApplication({ ...good, country: 'VN', phone: '0912 345 678' }, fair).value?.phone).toBe('+84912345678');
  });

  it('names each bad field', () => {
    expect(fieldsOf({ email: 'not-an-email' })).toEqual(['email']);
    expect(fieldsOf({ phone: '12' })).toEqual(['phone']);
    expect(fieldsOf({ country: 'XX' })).toEqual(['country']);
    expect(fieldsOf({ sectors: ['mechanical', 'space-travel'] })).toEqual(['sectors']);
    expect(fieldsOf({ legalName: 'x'.repeat(301) })).toEqual(['legalName']);
    expect(fieldsOf({ booths: [{ kind: 'international', count: 58 }] })).toEqual(['booths[0].count']);
    expect(fieldsOf({ booths: [{ kind: 'castle', count: 1 }] })).toEqual(['booths[0].kind']);
    expect(fieldsOf({ booths: [] })).toEqual(['booths']);
    expect(fieldsOf({ consent: false })).toEqual(['consent']);
    expect(fieldsOf({ taxId: '!!' })).toEqual(['taxId']);
    expect(fieldsOf({ placement: { nearPartners: Array(11).fill('A') } })).toEqual(['placement.nearPartners']);
  });

  it('keeps script tags as plain text', () => {
    expect(checkApplication({ ...good, products: '<script>alert(1)</script>' }, fair).value?.products).toBe('<script>alert(1)</script>');
  });

  it('compares tax numbers without separators', () => {
    expect(normaliseTaxId(' 0101-234.567/ab ')).toBe('0101234567AB');
  });
});
