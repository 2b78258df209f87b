import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { JobProducer, type JobPayloads } from '@fair/jobs';
import { scan, setupGates, type GateSetup } from './checkin.fixtures';

/**
 * After a burst of concurrent entries and exits at several gates, the Redis tallies (fed by
 * tallies.visits jobs, one per scan statement) equal a recount of the check-in table.
 */
describe('visit tallies', () => {
  let sys: TestSystem;
  let s: GateSetup;

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true });
    const types = ['trade-buyer', 'importer', 'general', 'press', 'exhibitor-staff'];
    s = await setupGates(sys, 'tallies-e2e', 4, Array.from({ length: 60 }, (_, i) => [`t${i}@x.vn`, types[i % 5]!, 're-entry'] as [string, string, string]));
  });
  afterAll(() => sys.close());

  it('equal a recount of checkin_scans and checkin_presence after a burst', async () => {
    const codes = [...s.codes.values()].map((c) => c.code);
    // Each visitor: in at some gate (twice at once, one is refused), out, in again; some stay out.
    const round = (direction: 'in' | 'out', subset: string[]) =>
      Promise.all(subset.flatMap((c, i) => [scan(sys, s.devices[i % 4]!, c, { direction }), ...(direction === 'in' ? [scan(sys, s.devices[(i + 1) % 4]!, c)] : [])]));
    await round('in', codes);
    await round('out', codes.slice(0, 40));
    await round('in', codes.slice(0, 25));

    const recount = async () => {
      const [hours, gates, types, inside] = await Promise.all([
        sys.dataSource.query(
          `SELECT to_char(scanned_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24') AS k, count(*)::int AS n FROM checkin_scans
            WHERE fair_id = $1 AND verdict IN ('admitted', 're-entry') GROUP BY 1`,
          [s.fair.id],
        ),
        sys.dataSource.query(`SELECT gate_id AS k, count(*)::int AS n FROM checkin_scans WHERE fair_id = $1 AND verdict IN ('admitted', 're-entry') GROUP BY 1`, [s.fair.id]),
        sys.dataSource.query(`SELECT visitor_type AS k, count(*)::int AS n FROM checkin_scans WHERE fair_id = $1 AND verdict IN ('admitted', 're-entry') GROUP BY 1`, [s.fair.id]),
        sys.dataSource.query(`SELECT count(*)::int AS n FROM checkin_presence WHERE fair_id = $1 AND inside`, [s.fair.id]),
      ]);
      const map = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.k, r.n]));
      return { byHour: map(hours), byGate: map(gates), byVisitorType: map(types), insideNow: inside[0].n as number };
    };
    const expected = await recount();
    expect(expected.insideNow).toBe(60 - 40 + 25);
    expect(Object.values(expected.byGate).reduce((a, b) => a + b, 0)).toBe(60 + 25);

    // Wait until every tally job of the burst has run, then compare (no timing assumption).
    await eventually(async () => (await sys.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'tallies.visits' AND completed_at IS NULL`))[0].n === 0, 30_000);
    const tallies = (await sys.http('GET', `/api/checkin/fairs/${s.fair.slug}/tallies`, { token: s.org })).body;
    expect(tallies).toEqual(expected);

    // Every counted scan is in exactly one job (concurrent scans share a statement, so fewer jobs than scans)...
    const jobs: { payload: JobPayloads['tallies.visits'] }[] = await sys.dataSource.query(`SELECT payload FROM outbox WHERE job_name = 'tallies.visits'`);
    const counted: { id: string }[] = await sys.dataSource.query(`SELECT id::text FROM checkin_scans WHERE fair_id = $1 AND verdict IN ('admitted', 're-entry', 'exited')`, [s.fair.id]);
    const inJobs = jobs.flatMap((j) => j.payload.scans.map((x) => x.scanId));
    expect(inJobs.sort()).toEqual(counted.map((c) => c.id).sort());
    expect(inJobs.length).toBe(60 + 40 + 25);
    expect(jobs.length).toBeLessThan(inJobs.length);
    // ...and running every tally job again (as a crash-retry would) changes nothing: idempotent per statement.
    const producer = sys.api.get(JobProducer);
    for (const j of jobs) await producer.add('tallies.visits', j.payload);
    await eventually(async () => {
      const c = await producer.queue('tallies').getJobCounts('waiting', 'active', 'delayed');
      return c.waiting + c.active + c.delayed === 0;
    });
    expect((await sys.http('GET', `/api/checkin/fairs/${s.fair.slug}/tallies`, { token: s.org })).body).toEqual(expected);
  });
});

