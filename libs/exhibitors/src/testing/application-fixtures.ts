import type { BoothKind } from '@fair/fairs';

/** A valid application body for the public endpoint; `i` makes tax number and email unique. */
export function applicationBody(i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    legalName: `Test Manufacturing ${i} Co., Ltd.`,
    country: 'JP',
    taxId: `JP${String(1_000_000 + i)}`,
    address: `${i} Industrial Road, Osaka`,
    website: 'https://example.jp',
    sectors: ['mechanical'],
    products: 'precision parts',
    contactName: `Contact ${i}`,
    email: `applicant-${i}@example.jp`,
    phone: '+81 6-1234-5678',
    booths: [{ kind: 'international', count: 1 }],
    placement: { nearPartners: [], awayFrom: [] },
    consent: true,
    lang: 'en',
    ...overrides,
  };
}

const FOREIGN = [
  { country: 'JP', phone: '+81 3-5555-0100', lang: 'en' },
  { country: 'KR', phone: '+82 2-312-3456', lang: 'en' },
  { country: 'TW', phone: '+886 2 2345 6789', lang: 'en' },
  { country: 'TH', phone: '+66 2 123 4567', lang: 'en' },
  { country: 'SG', phone: '+65 6123 4567', lang: 'en' },
  { country: 'DE', phone: '+49 30 123456', lang: 'en' },
] as const;
const SECTORS = ['mechanical', 'electronics', 'supporting-industries', 'automation', 'plastics-rubber', 'moulds-dies', 'automotive-parts', 'materials'];

/**
 * The reference fair's 138 exhibitors as application bodies: 55 foreign companies asking for
 * 57 international booths (two ask for 2), 82 Vietnamese ones asking for 83 domestic booths
 * (one asks for 2), and the industry network operator asking for all 40 technical booths.
 */
export function referenceApplications(): { body: Record<string, unknown>; booths: Partial<Record<BoothKind, number>> }[] {
  const out: { body: Record<string, unknown>; booths: Partial<Record<BoothKind, number>> }[] = [];
  for (let i = 0; i < 55; i++) {
    const f = FOREIGN[i % FOREIGN.length]!;
    const count = i < 2 ? 2 : 1;
    out.push({
      booths: { international: count },
      body: applicationBody(i, {
        legalName: `${f.country} Precision ${i + 1} Co., Ltd.`,
        country: f.country,
        phone: f.phone,
        lang: f.lang,
        taxId: `${f.country}${String(7_000_000 + i)}`,
        email: `intl-${i + 1}@ref-fair.example`,
        sectors: [SECTORS[i % SECTORS.length]!],
        booths: [{ kind: 'international', count }],
        placement: i === 0 ? { nearPartners: [`${FOREIGN[1]!.country} Precision 2 Co., Ltd.`], awayFrom: [], hall: 'A', corner: true } : undefined,
      }),
    });
  }
  for (let i = 0; i < 82; i++) {
    const count = i === 0 ? 2 : 1;
    out.push({
      booths: { domestic: count },
      body: applicationBody(1000 + i, {
        legalName: `Công ty TNHH Cơ khí Hà Nội ${i + 1}`,
        nameEn: `Hanoi Mechanical ${i + 1} LLC`,
        country: 'VN',
        phone: `09${String(10_000_000 + i).slice(-8)}`,
        lang: 'vi',
        taxId: `0101${String(100_000 + i)}`,
        email: `dom-${i + 1}@ref-fair.example`,
        address: `${i + 1} Phố Huế, Hà Nội`,
        sectors: [SECTORS[(i + 3) % SECTORS.length]!, 'supporting-industries'],
        booths: [{ kind: 'domestic', count }],
        placement: i === 1 ? { nearPartners: [], awayFrom: ['Công ty TNHH Cơ khí Hà Nội 3'] } : undefined,
      }),
    });
  }
  out.push({
    booths: { 'technical-matchmaking': 20, 'technical-workshop': 20 },
    body: applicationBody(5000, {
      legalName: 'Mạng lưới các nhà công nghiệp chế tạo Hà Nội',
      nameEn: "Hanoi Manufacturers' Network",
      country: 'VN',
      phone: '024 3825 1234',
      lang: 'vi',
      taxId: '0109999999',
      email: 'network@ref-fair.example',
      address: 'Hà Nội',
      sectors: ['supporting-industries', 'services'],
      booths: [
        { kind: 'technical-matchmaking', count: 20 },
        { kind: 'technical-workshop', count: 20 },
      ],
    }),
  });
  return out;
}
