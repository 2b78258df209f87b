import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { referenceApplications } from '../../exhibitors/src/testing/application-fixtures';
import { doubleBookings, insertExhibitors, REF_FAIR, seedReferenceFair } from './booth-fixtures';

describe('automatic allocation of the reference fair: propose, review, apply or discard', () => {
  let sys: TestSystem;
  let organiser: string;
  let fairId: string;
  let ids: { id: string; email: string }[];
  const post = (path: string, body: unknown = {}) => sys.http('POST', `/api/fairs/${REF_FAIR}${path}`, { token: organiser, body });
  const assigned = async () => ((await sys.dataSource.query(`SELECT count(*)::int AS n FROM booth_allocations WHERE status = 'assigned'`)) as { n: number }[])[0]!.n;

  beforeAll(async () => {
    sys = await startTestSystem();
    fairId = await seedReferenceFair(sys);
    organiser = await sys.signIn('organiser');
    // the 138 exhibitors of the reference fair, approved, with their booth requests and wishes
    ids = await insertExhibitors(
      sys,
      fairId,
      referenceApplications().map((a) => ({
        origin: a.body.country === 'VN' ? ('domestic' as const) : ('international' as const),
        legalName: String(a.body.legalName),
        booths: a.booths as Record<string, number>,
        placement: (a.body.placement as Record<string, unknown>) ?? {},
      })),
    );
  }, 60_000);
  afterAll(() => sys?.close());

  it('proposes a complete assignment (180 booths, 138 companies) with its score and unmet wishes', async () => {
    const p = await post('/booth-proposals', { timeLimitMs: 500 });
    expect(p.status).toBe(201);
    expect(p.body.status).toBe('proposed');
    expect(p.body.changes).toHaveLength(180);
    expect(new Set(p.body.changes.map((c: { exhibitorId: string }) => c.exhibitorId)).size).toBe(138);
    expect(p.body.unmet.filter((u: { wish: string }) => u.wish === 'booths')).toEqual([]);
    expect(p.body.score.booths).toBe(180 * 1000);
    expect(p.body.score.percentOfBound).toBeGreaterThan(99);
    // the network operator's 40 technical booths, the two 2-booth companies: side by side
    const network = ids[ids.length - 1]!.id;
    expect(p.body.changes.filter((c: { exhibitorId: string }) => c.exhibitorId === network)).toHaveLength(40);
    expect(p.body.unmet.filter((u: { wish: string }) => u.wish === 'adjacent')).toEqual([]);
    // proposing writes nothing to the floor
    expect(await assigned()).toBe(0);
  });

  it('fails cleanly with BOOTH_TAKEN when the floor changed meanwhile, then a fresh proposal applies in one go', async () => {
    const p = (await post('/booth-proposals', { timeLimitMs: 300 })).body;
    const first = p.changes[0];
    // an organiser assigns one of the proposed booths by hand to someone else of the right kind
    const kind = ((await sys.dataSource.query(`SELECT kind FROM booths WHERE id = $1`, [first.boothId])) as { kind: string }[])[0]!.kind;
    const [intruder] = await insertExhibitors(sys, fairId, [{ origin: kind === 'domestic' ? 'domestic' : 'international', booths: { [kind]: 1 } }]);
    expect((await post(`/booths/${first.booth}/assign`, { exhibitorId: intruder!.id })).status).toBe(200);
    const applied = await post(`/booth-proposals/${p.id}/apply`);
    expect([applied.status, applied.body.code]).toEqual([409, 'BOOTH_TAKEN']);
    expect(await assigned()).toBe(1); // nothing of the proposal was written
    expect((await sys.http('GET', `/api/fairs/${REF_FAIR}/booth-proposals/${p.id}`, { token: organiser })).body.status).toBe('proposed');
    expect((await post(`/booth-proposals/${p.id}/discard`)).body.status).toBe('discarded');
    expect((await post(`/booth-proposals/${p.id}/apply`)).body.code).toBe('PROPOSAL_CLOSED');

    await post(`/booths/${first.booth}/release`, { reason: 'test' });
    const fresh = (await post('/booth-proposals', { timeLimitMs: 300 })).body;
    expect(fresh.changes).toHaveLength(180);
    const done = await post(`/booth-proposals/${fresh.id}/apply`);
    expect([done.status, done.body.status]).toEqual([200, 'applied']);
    expect(await assigned()).toBe(180);
    expect(await doubleBookings(sys)).toEqual([]);
    // one email per exhibitor listing its booths, and one audit row per booth
    const [{ mails }] = (await sys.dataSource.query(`SELECT count(*)::int AS mails FROM mail_messages WHERE template = 'booth.allocation' AND params->>'event' = 'assigned' AND jsonb_array_length(params->'booths') > 0 AND created_at > now() - interval '1 minute'`)) as { mails: number }[];
    expect(mails).toBeGreaterThanOrEqual(138);
    const [{ n }] = (await sys.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'booth.assign' AND after->>'source' = 'proposal'`)) as { n: number }[];
    expect(n).toBe(180);
    // nothing left to propose: every request is met
    expect((await post('/booth-proposals', { timeLimitMs: 100 })).body.changes).toEqual([]);
  }, 60_000);

  it('unknown proposal ids are 404, malformed options 422', async () => {
    expect((await post('/booth-proposals/00000000-0000-4000-8000-000000000000/apply')).body.code).toBe('PROPOSAL_NOT_FOUND');
    expect((await post('/booth-proposals', { timeLimitMs: 10 ** 9 })).status).toBe(422);
  });
});
