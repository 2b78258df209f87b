import { describe, expect, it } from '@jest/globals';
import { ScanBatcher } from './scan-batcher';
import type { ScanContext, ScanOutcome } from './scan-recorder';

const ctx = (nonce: string, serial: number | null): ScanContext =>
  ({
    nonce,
    decoded: serial === null ? { ok: false, reason: 'garbage' } : { ok: true, payload: { serial } },
  }) as unknown as ScanContext;

const outcomeFor = (c: ScanContext) => ({ scanId: c.nonce }) as ScanOutcome;

describe('ScanBatcher', () => {
  it('writes the scans that arrive while statements run together, in serial order, and answers each its own', async () => {
    const calls: string[][] = [];
    const batcher = new ScanBatcher(async (ctxs) => {
      calls.push(ctxs.map((c) => c.nonce));
      await new Promise((r) => setTimeout(r, 5));
      return ctxs.map(outcomeFor);
    }, 1);
    const serials = [7, 3, 9, 3, null, 1];
    const results = await Promise.all(serials.map((s, i) => batcher.submit(ctx(`n${i}`, s))));
    expect(results.map((r) => r.scanId)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    // the first goes at once; the rest wait for it and go as one statement, sorted by serial (stable)
    expect(calls).toEqual([['n0'], ['n4', 'n5', 'n1', 'n3', 'n2']]);
  });

  it('retries a failed statement scan by scan, so only the bad scan fails', async () => {
    const batcher = new ScanBatcher(async (ctxs) => {
      await new Promise((r) => setTimeout(r, 1));
      if (ctxs.some((c) => c.nonce === 'bad')) throw new Error('boom');
      return ctxs.map(outcomeFor);
    }, 1);
    const settled = await Promise.allSettled(['a', 'b', 'bad', 'c'].map((n, i) => batcher.submit(ctx(n, i))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });

  it('retries a deadlocked statement as a whole', async () => {
    let attempts = 0;
    const batcher = new ScanBatcher(async (ctxs) => {
      if (attempts++ === 0) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return ctxs.map(outcomeFor);
    });
    expect((await batcher.submit(ctx('x', 1))).scanId).toBe('x');
    expect(attempts).toBe(2);
  });
});
