import type { TestSystem } from '@fair/testing';
import { ReferenceFairSeeder } from '@fair/fairs';

export const REF_FAIR = 'hanoi-manufacturers-network-2018';

let counter = 0;

export interface ExhibitorSpec {
  origin?: 'international' | 'domestic';
  status?: string;
  booths?: Record<string, number>;
  placement?: Record<string, unknown>;
  legalName?: string;
  lang?: 'vi' | 'en';
}

/**
 * Exhibitor rows written straight into the database (the application flow has its own tests);
 * returns their ids and emails, in order.
 */
export async function insertExhibitors(sys: TestSystem, fairId: string, specs: ExhibitorSpec[]): Promise<{ id: string; email: string }[]> {
  const rows = specs.map((s) => {
    const i = ++counter;
    const origin = s.origin ?? 'international';
    return {
      status: s.status ?? 'approved',
      legal_name: s.legalName ?? `Booth Test ${process.pid}-${i} Co.`,
      country: origin === 'international' ? 'JP' : 'VN',
      origin,
      tax_id: `T${process.pid}X${i}`,
      email: `ex-${process.pid}-${i}@booths.test`,
      lang: s.lang ?? (origin === 'international' ? 'en' : 'vi'),
      booth_requests: JSON.stringify(s.booths ?? { [origin]: 1 }),
      placement: JSON.stringify(s.placement ?? {}),
    };
  });
  const out: { id: string; email: string }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const inserted: { id: string; email: string }[] = await sys.dataSource.query(
      `INSERT INTO exhibitors (fair_id, status, legal_name, country, origin, tax_id, address, contact_name, email, phone, lang, booth_requests, placement, consent_at, submitted_at, decided_at)
       SELECT $1, s, n, c, o, t, 'Hanoi', 'Contact', e, '+84912345678', l, b::jsonb, p::jsonb, now(), now(), clock_timestamp()
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
              WITH ORDINALITY AS x(s, n, c, o, t, e, l, b, p, ord)
        ORDER BY ord
       RETURNING id, email`,
      [fairId, ...(['status', 'legal_name', 'country', 'origin', 'tax_id', 'email', 'lang', 'booth_requests', 'placement'] as const).map((k) => chunk.map((r) => r[k]))],
    );
    out.push(...inserted);
  }
  return out;
}

export async function seedReferenceFair(sys: TestSystem): Promise<string> {
  return (await sys.api.get(ReferenceFairSeeder).seed()).fairId;
}

/** A small second fair with booths D1..Dn (domestic) and I1..In (international) in one hall. */
export async function createSmallFair(sys: TestSystem, organiser: string, slug: string, perKind = 4): Promise<string> {
  const fair = await sys.http('POST', '/api/fairs', { token: organiser, body: { slug, nameVi: `Hội chợ ${slug}`, nameEn: `Fair ${slug}`, startsOn: '2027-03-01', endsOn: '2027-03-03' } });
  if (fair.status >= 300) throw new Error(`fair: ${fair.status} ${JSON.stringify(fair.body)}`);
  const lines = ['hall,code,kind,area_m2,corner,price_vnd,x,y,width,height'];
  for (let i = 0; i < perKind; i++) lines.push(`H,D${i + 1},domestic,9,${i === 0},1000,${i * 3},0,3,3`);
  for (let i = 0; i < perKind; i++) lines.push(`H,I${i + 1},international,9,false,1000,${i * 3},12,3,3`);
  const plan = await sys.http('POST', `/api/fairs/${slug}/floor-plan`, { token: organiser, body: { csv: lines.join('\n') } });
  if (plan.status >= 300) throw new Error(`plan: ${plan.status} ${JSON.stringify(plan.body)}`);
  return fair.body.id;
}

/** Live allocations per booth that has more than one: must always be empty. */
export async function doubleBookings(sys: TestSystem): Promise<{ booth_id: string; n: number }[]> {
  return sys.dataSource.query(
    `SELECT booth_id, count(*)::int AS n FROM booth_allocations WHERE status IN ('held', 'assigned') GROUP BY booth_id HAVING count(*) > 1`,
  );
}

export const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
