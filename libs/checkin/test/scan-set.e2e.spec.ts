import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';
import type { EntryPolicy } from '@fair/visitors';
import { ScanRecorder, scanColumns, scanFunctionSql, type ScanContext } from '../src/scan-recorder';
import { onlineScan, setupGates, type GateSetup } from './checkin.fixtures';

/**
 * checkin_record_scans takes a statement of online scans as a set when no two of them touch the
 * same row (migration 1790000630000) and scan by scan otherwise. The two paths must leave the
 * same rows and give the same answers: each runs here on the same state (in a transaction that is
 * rolled back) with a statement holding every verdict, and the results are compared after
 * replacing the scan ids, which differ between the runs, by the scan's place in the statement.
 */
describe('a statement of scans recorded as a set equals the same scans recorded one by one', () => {
  let sys: TestSystem;
  let s: GateSetup;
  const recorder = new ScanRecorder();
  const HOUR = 3600;
  const now = Math.floor(Date.now() / 1000);

  const emails = [
    'single-used', 'reentry-inside', 'reentry-inside-2', 'reentry-out', 'reentry-never', 'daily-today',
    'fresh-single', 'fresh-daily', 'fresh-reentry', 'revoked', 'reissued', 'future-issue', 'not-yet', 'expired', 'replayed',
  ];
  const policyOf = (e: string): EntryPolicy => (e.includes('single') ? 'single' : e.includes('daily') ? 'once-per-day' : 're-entry');

  beforeAll(async () => {
    sys = await startTestSystem();
    s = await setupGates(sys, 'scan-set', 2, emails.map((e) => [`${e}@x.vn`, 'trade-buyer', policyOf(e)]));
  });
  afterAll(() => sys.close());

  const ctx = (
    email: string,
    { issue = 1, validFrom = now - HOUR, validUntil = now + 24 * HOUR, ...over }: Partial<ScanContext> & { issue?: number; validFrom?: number; validUntil?: number; device?: number } = {},
  ): ScanContext =>
    onlineScan(s, { serial: s.codes.get(`${email}@x.vn`)?.serial ?? 987_654_321, visitorType: 'trade-buyer', entryPolicy: policyOf(email), issue, validFrom, validUntil }, over);

  /** Runs `fn` on the statement in a transaction that is rolled back, and returns what it did. */
  async function runPath(fn: string, ctxs: ScanContext[]) {
    const qr = sys.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const before = Number((await qr.query(`SELECT coalesce(max(id), 0) AS m FROM checkin_scans`))[0].m);
      const rows: { i: number; scan_id: string; replayed: boolean }[] = await qr.query(scanFunctionSql(fn), scanColumns(ctxs));
      const place = new Map(rows.filter((r) => !r.replayed).map((r) => [String(r.scan_id), `#${r.i}`]));
      const id = (v: unknown) => (v === null ? null : (place.get(String(v)) ?? 'earlier'));
      const answers = rows.map((r) => ({ ...r, scan_id: id(r.scan_id) }));
      const presence = (await qr.query(`SELECT * FROM checkin_presence WHERE fair_id = $1 ORDER BY pass_id`, [s.fair.id])).map(
        (p: Record<string, unknown>) => ({ ...p, last_admission_scan_id: id(p.last_admission_scan_id) }),
      );
      const scans = (await qr.query(`SELECT * FROM checkin_scans WHERE id > $1`, [before]))
        .map(({ id: scanId, received_at: _r, ...rest }: Record<string, unknown>) => ({ ...rest, place: id(scanId) }))
        .sort((a: { place: string }, b: { place: string }) => a.place.localeCompare(b.place));
      const jobs = (await qr.query(`SELECT job_name, payload, dedupe_key FROM outbox WHERE dedupe_key = ANY($1)`, [[...place.keys()].map((k) => `tallies:${k}`)])).map(
        (j: { job_name: string; payload: { scans: { scanId: string }[] }; dedupe_key: string }) => ({
          ...j,
          dedupe_key: id(j.dedupe_key.replace('tallies:', '')),
          payload: { ...j.payload, scans: j.payload.scans.map((x) => ({ ...x, scanId: id(x.scanId) })) },
        }),
      );
      return { answers, presence, scans, jobs };
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  }

  it('every verdict, both gates, a replay: same answers, presence rows, scan rows and tally job', async () => {
    const rec = (c: ScanContext) => recorder.record(sys.dataSource.manager, c);
    await rec(ctx('single-used'));
    await rec(ctx('reentry-inside'));
    await rec(ctx('reentry-inside-2'));
    await rec(ctx('reentry-out'));
    await rec(ctx('reentry-out', { direction: 'out' }));
    await rec(ctx('daily-today'));
    const replayed = ctx('replayed', { device: 1 });
    const first = await rec(replayed);
    await sys.dataSource.query(`UPDATE passes SET status = 'revoked' WHERE id = $1`, [s.codes.get('revoked@x.vn')!.passId]);
    await sys.dataSource.query(`UPDATE passes SET issue = 2 WHERE id = $1`, [s.codes.get('reissued@x.vn')!.passId]);

    const statement: ScanContext[] = [
      ctx('single-used'),
      ctx('reentry-inside', { device: 1 }),
      ctx('reentry-inside-2', { direction: 'out' }),
      ctx('reentry-out'),
      ctx('reentry-never', { direction: 'out', device: 1 }),
      ctx('daily-today'),
      ctx('fresh-single', { device: 1 }),
      ctx('fresh-daily'),
      ctx('fresh-reentry'),
      ctx('revoked'),
      ctx('reissued'),
      ctx('future-issue', { issue: 2 }),
      ctx('nobody'),
      ctx('not-yet', { validFrom: now + HOUR }),
      ctx('expired', { validUntil: now - 60 }),
      { ...ctx('fresh-single'), decoded: { ok: false, reason: 'bad-signature' } },
      { ...replayed, at: new Date() },
    ];
    const set = await runPath('checkin_record_scans_set', statement);
    const each = await runPath('checkin_record_scans_each', statement);

    expect(set.answers.map((a) => [a.verdict, (a as { reason: string | null }).reason, a.replayed])).toEqual([
      ['already-inside', 'single-entry-used', false],
      ['already-inside', 'inside', false],
      ['exited', null, false],
      ['re-entry', null, false],
      ['not-inside', null, false],
      ['already-inside', 'used-today', false],
      ['admitted', null, false],
      ['admitted', null, false],
      ['admitted', null, false],
      ['revoked', 'cancelled', false],
      ['revoked', 'reissued', false],
      ['invalid', 'unknown-pass', false],
      ['invalid', 'unknown-pass', false],
      ['not-valid-yet', null, false],
      ['expired', null, false],
      ['invalid', 'bad-signature', false],
      ['admitted', null, true],
    ]);
    expect(set.answers.at(-1)!.scan_id).toBe('earlier');
    expect(set.scans).toHaveLength(statement.length - 1);
    expect(set.jobs).toHaveLength(1);
    expect(set.jobs[0]!.payload.scans.map((x) => x.scanId)).toEqual(['#3', '#4', '#7', '#8', '#9']);
    expect(set).toEqual(each);
    // the replay's first copy is untouched
    expect(first.verdict).toBe('admitted');
  });

  it('the dispatcher scans one by one when a statement touches a row twice', async () => {
    const twice = [ctx('fresh-reentry'), ctx('fresh-reentry', { device: 1 })];
    const outcomes = await recorder.recordMany(sys.dataSource.manager, twice);
    expect(outcomes.map((o) => o.verdict)).toEqual(['admitted', 'already-inside']);
    const resent = ctx('fresh-daily');
    const again = await recorder.recordMany(sys.dataSource.manager, [resent, { ...resent }]);
    expect(again.map((o) => [o.verdict, o.replayed])).toEqual([['admitted', false], ['admitted', true]]);
    expect(again[1]!.scanId).toBe(again[0]!.scanId);
    const [presence] = await sys.dataSource.query(`SELECT admissions FROM checkin_presence WHERE pass_id = $1`, [s.codes.get('fresh-reentry@x.vn')!.passId]);
    expect(presence.admissions).toBe(1);
  });
});
