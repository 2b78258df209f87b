import type { TestSystem } from '@fair/testing';

/** An exhibitor row straight in SQL (the application flow has its own tests); optionally linked to a signed-in user. */
export async function insertExhibitor(sys: TestSystem, fairId: string, i: number, o: { status: string; country: string; sectors: string[]; userEmail?: string }): Promise<string> {
  const [row] = await sys.dataSource.query(
    `INSERT INTO exhibitors (fair_id, status, legal_name, country, origin, tax_id, address, contact_name, email, phone, sectors, consent_at, booth_requests, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, 'Hà Nội', 'Liên hệ', $7, '+84912345678', $8::jsonb, now(), '{"domestic": 1}'::jsonb,
             (SELECT id FROM users WHERE email = $9))
     RETURNING id`,
    [fairId, o.status, `Công ty Báo cáo ${i}`, o.country, o.country === 'VN' ? 'domestic' : 'international', `RPT${1000 + i}`, `ex-${i}@report.vn`, JSON.stringify(o.sectors), o.userEmail ?? null],
  );
  return row.id;
}

/** The fair-local hour key of now, as the tallies write it. */
export const localHourNow = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 13);
