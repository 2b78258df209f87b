import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pgCode } from '@fair/db';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { ScanRecorder, type ScanContext } from '../src/scan-recorder';
import { withRetry } from '../src/scan-batcher';
import { nonce, onlineScan, setupGates, type GateSetup } from './checkin.fixtures';

/**
 * The same scan (device + nonce) recorded by two transactions at once, as two API processes
 * would when a gate re-sends while the first copy is in flight. The scan row is written after
 * the presence change, so the later copy must fail as a serialization failure (rolling back
 * whatever it did) and its retry must answer with the first copy.
 */
describe('a re-sent scan racing its first copy across transactions', () => {
  let sys: TestSystem;
  let s: GateSetup;
  const recorder = new ScanRecorder();

  beforeAll(async () => {
    sys = await startTestSystem();
    s = await setupGates(sys, 'scan-race', 1, [
      ['race-in@x.vn', 'general', 'single'],
      ['race-out@x.vn', 'general', 're-entry'],
    ]);
  });
  afterAll(() => sys.close());

  const ctx = (email: string, n: string, over: Partial<ScanContext> = {}): ScanContext =>
    onlineScan(s, { serial: s.codes.get(email)!.serial, visitorType: 'general', entryPolicy: over.direction === 'out' ? 're-entry' : 'single' }, { nonce: n, ...over });

  /** `first` recorded and held uncommitted in one transaction while `second` runs in another. */
  async function race(first: ScanContext, second: ScanContext) {
    const a = sys.dataSource.createQueryRunner();
    const b = sys.dataSource.createQueryRunner();
    await a.connect();
    await b.connect();
    try {
      await a.startTransaction();
      const firstOutcome = await recorder.record(a.manager, first);
      await b.startTransaction();
      const secondAttempt = recorder.record(b.manager, second).then(
        (o) => ({ ok: true as const, o }),
        (e: unknown) => ({ ok: false as const, code: pgCode(e) }),
      );
      await new Promise((r) => setTimeout(r, 300)); // b is now waiting on a's locks
      await a.commitTransaction();
      const secondResult = await secondAttempt;
      await b.rollbackTransaction();
      return { firstOutcome, secondResult };
    } finally {
      await a.release();
      await b.release();
    }
  }

  it('an entry: the copy fails with 40001, changes nothing, and its retry answers "replayed"', async () => {
    const n = nonce();
    const { firstOutcome, secondResult } = await race(ctx('race-in@x.vn', n), ctx('race-in@x.vn', n));
    expect(firstOutcome.verdict).toBe('admitted');
    expect(secondResult).toEqual({ ok: false, code: '40001' });
    const retried = await withRetry(() => recorder.record(sys.dataSource.manager, ctx('race-in@x.vn', n)));
    expect(retried).toMatchObject({ scanId: firstOutcome.scanId, verdict: 'admitted', replayed: true });
    const [presence] = await sys.dataSource.query(`SELECT admissions, inside FROM checkin_presence WHERE pass_id = $1`, [s.codes.get('race-in@x.vn')!.passId]);
    expect(presence).toEqual({ admissions: 1, inside: true });
    expect((await sys.dataSource.query(`SELECT count(*)::int AS n FROM checkin_scans WHERE nonce = $1`, [n]))[0].n).toBe(1);
  });

  it('an exit: the copy leaves presence alone and the retry answers with the first exit', async () => {
    await recorder.record(sys.dataSource.manager, ctx('race-out@x.vn', nonce()));
    const n = nonce();
    const { firstOutcome, secondResult } = await race(ctx('race-out@x.vn', n, { direction: 'out' }), ctx('race-out@x.vn', n, { direction: 'out' }));
    expect(firstOutcome.verdict).toBe('exited');
    expect(secondResult).toEqual({ ok: false, code: '40001' });
    const retried = await recorder.record(sys.dataSource.manager, ctx('race-out@x.vn', n, { direction: 'out' }));
    expect(retried).toMatchObject({ scanId: firstOutcome.scanId, verdict: 'exited', replayed: true });
    const [presence] = await sys.dataSource.query(`SELECT admissions, inside FROM checkin_presence WHERE pass_id = $1`, [s.codes.get('race-out@x.vn')!.passId]);
    expect(presence).toEqual({ admissions: 1, inside: false });
  });

  it('an invalid code (no presence row involved) races the same way', async () => {
    const n = nonce();
    const bad = (): ScanContext => ({ ...ctx('race-in@x.vn', n), decoded: { ok: false, reason: 'bad-signature' } });
    const { firstOutcome, secondResult } = await race(bad(), bad());
    expect(firstOutcome).toMatchObject({ verdict: 'invalid', reason: 'bad-signature', replayed: false });
    expect(secondResult).toEqual({ ok: false, code: '40001' });
    expect(await recorder.record(sys.dataSource.manager, bad())).toMatchObject({ scanId: firstOutcome.scanId, verdict: 'invalid', replayed: true });
  });
});
