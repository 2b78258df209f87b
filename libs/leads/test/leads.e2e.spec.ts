import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { exhibitorOf, fairWithVisitors } from './lead-fixtures';

/** Lead scanning at a booth and the consent-limited CSV export, through HTTP. */
describe('leads', () => {
  let sys: TestSystem;
  let g: Awaited<ReturnType<typeof fairWithVisitors>>;
  let staff: string;
  let exhibitorId: string;
  let pendingStaff: string;
  const slug = 'leads-e2e';
  const code = (i: number) => g.codes.get(`lead${i}@x.vn`)!;
  const scanLead = (body: Record<string, unknown>, token = staff) => sys.http('POST', `/api/leads/fairs/${slug}/scans`, { token, body, lang: 'en' });

  beforeAll(async () => {
    sys = await startTestSystem();
    g = await fairWithVisitors(sys, slug, Array.from({ length: 4 }, (_, i) => `lead${i}@x.vn`));
    staff = await sys.signIn('exhibitor', 'lead-staff@ex.vn');
    exhibitorId = await exhibitorOf(sys, g.fair.id, 'lead-staff@ex.vn', 'approved');
    pendingStaff = await sys.signIn('exhibitor', 'pending-staff@ex.vn');
    await exhibitorOf(sys, g.fair.id, 'pending-staff@ex.vn', 'under_review');
  });
  afterAll(() => sys?.close());

  it('records one lead per visitor and day, updates it on a re-scan, and refuses bad input', async () => {
    const first = await scanLead({ code: code(0), note: 'Cần khuôn ép', rating: 4, contactConsent: true });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: true, scans: 1, visitor: { country: 'VN', visitorType: 'trade-buyer' } });
    const again = await scanLead({ code: code(0), rating: 5 });
    expect(again.body).toMatchObject({ leadId: first.body.leadId, created: false, scans: 2 });
    // two devices scanning the same visitor at once still make one lead
    const both = await Promise.all([scanLead({ code: code(1) }), scanLead({ code: code(1) })]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.filter((r) => r.body.created).length).toBe(1);
    expect((await scanLead({ code: code(2), note: 'no contact' })).status).toBe(200);

    expect((await scanLead({ code: 'garbage' })).body.code).toBe('LEAD_BAD_PASS');
    expect((await scanLead({ code: code(3), rating: 6 })).status).toBe(422);
    const pending = await scanLead({ code: code(3) }, pendingStaff);
    expect([pending.status, pending.body.code]).toEqual([403, 'LEAD_NOT_EXHIBITOR']);
    expect((await scanLead({ code: code(3) }, g.org)).status).toBe(403);
    const n = await sys.dataSource.query(`SELECT count(*)::int AS n, sum(scans)::int AS scans FROM leads WHERE exhibitor_id = $1`, [exhibitorId]);
    expect(n[0]).toEqual({ n: 3, scans: 5 });
  });

  it('exports leads as CSV with email and phone only where the visitor consented', async () => {
    const res = await fetch(`${sys.baseUrl}/api/leads/fairs/${slug}/export.csv?lang=vi`, { headers: { authorization: `Bearer ${staff}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows: string[][] = parse((await res.text()).replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['ngày', 'lần quét đầu', 'số lần quét', 'họ tên', 'công ty', 'quốc gia', 'loại khách', 'ngành', 'đánh giá', 'ghi chú', 'email', 'điện thoại']);
    const byEmail = rows.slice(1);
    expect(byEmail.length).toBe(3);
    const consented = byEmail.find((r) => r[10] === 'lead0@x.vn')!;
    expect([consented[2], consented[8], consented[9]]).toEqual(['2', '5', 'Cần khuôn ép']);
    expect(consented[11]).toBe('+84 90 000 000');
    expect(byEmail.filter((r) => r[10] !== '' || r[11] !== '').length).toBe(1);
  });
});
