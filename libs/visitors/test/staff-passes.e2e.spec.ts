import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import PostalMime from 'postal-mime';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { ReferenceFairSeeder } from '@fair/fairs';
import { confirmedApplicant } from '../../exhibitors/test/applicant';

/** Exhibitor staff listed in the portal get passes through the same pass and mail path as visitors. */
describe('staff passes from the exhibitor portal', () => {
  let sys: TestSystem;
  let organiser: string;

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    await sys.api.get(ReferenceFairSeeder).seed();
    organiser = await sys.signIn('organiser');
  });
  afterAll(() => sys?.close());

  const as = (token: string) => (method: string, path: string, body?: unknown) => sys.http(method, path, { token, body });
  const decide = async (id: string, action: string) => {
    const res = await sys.http('POST', `/api/exhibitor-applications/${id}/${action}`, { token: organiser, body: {} });
    expect([action, res.status]).toEqual([action, 200]);
  };

  it('refuses before approval, then issues one pass per staff member with an email, once', async () => {
    const ex = await confirmedApplicant(sys, 71, { legalName: 'Gamma Moulds', country: 'JP' });
    const call = as(ex.session);
    const sato = (await call('POST', `/api/exhibitors/${ex.id}/staff`, { name: 'Sato Ken', role: 'Sales', email: 'sato@gamma.example' })).body;
    const noEmail = (await call('POST', `/api/exhibitors/${ex.id}/staff`, { name: 'Booth helper' })).body;

    const early = await call('POST', `/api/exhibitors/${ex.id}/staff-passes`);
    expect([early.status, early.body.code]).toEqual([409, 'STAFF_PASSES_NOT_APPROVED']);
    expect(await sys.dataSource.query(`SELECT 1 FROM visitors WHERE exhibitor_id = $1`, [ex.id])).toEqual([]);

    await decide(ex.id, 'start-review');
    await decide(ex.id, 'approve');
    const sent = sys.smtp!.messages.length;
    // Two clicks at the same moment issue once.
    const [first, second] = await Promise.all([call('POST', `/api/exhibitors/${ex.id}/staff-passes`), call('POST', `/api/exhibitors/${ex.id}/staff-passes`)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const issued = [...first.body.issued, ...second.body.issued];
    expect(issued.map((x: { staffId: string }) => x.staffId)).toEqual([sato.id]);
    expect([...first.body.skipped, ...second.body.skipped]).toEqual(
      expect.arrayContaining([{ staffId: noEmail.id, name: 'Booth helper', reason: 'no-email' }, { staffId: sato.id, name: 'Sato Ken', reason: 'has-pass' }]),
    );

    const rows = await sys.dataSource.query(
      `SELECT v.name, v.company, v.country, v.visitor_type, v.source, p.serial FROM visitors v JOIN passes p ON p.visitor_id = v.id WHERE v.exhibitor_id = $1`,
      [ex.id],
    );
    expect(rows).toEqual([{ name: 'Sato Ken', company: 'Gamma Moulds', country: 'JP', visitor_type: 'exhibitor-staff', source: 'exhibitor', serial: String(issued[0].passSerial) }]);
    const mail = await eventually(async () => {
      for (const m of sys.smtp!.messages.slice(sent)) if (m.to.includes('sato@gamma.example')) return PostalMime.parse(m.raw);
      return null;
    });
    expect(mail.attachments.some((a) => a.mimeType === 'image/png')).toBe(true);
    const audit = await sys.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exhibitor.staff-passes' AND entity_id = $1`, [ex.id]);
    expect(audit).toEqual([{ n: 1 }]);
  });

  it('answers 404 for another exhibitor and 403 for organisers', async () => {
    const a = await confirmedApplicant(sys, 72);
    const b = await confirmedApplicant(sys, 73);
    expect((await as(a.session)('POST', `/api/exhibitors/${b.id}/staff-passes`)).status).toBe(404);
    expect((await as(organiser)('POST', `/api/exhibitors/${b.id}/staff-passes`)).status).toBe(403);
  });
});
