import { describe, expect, it } from '@jest/globals';
import { Coalescer } from './coalescer';

/** A markCompleted whose calls finish when the test says so. */
function controlled() {
  const calls: { ids: string[]; finish(err?: Error): void }[] = [];
  const mark = (ids: string[]) => new Promise<string[]>((resolve, reject) => calls.push({ ids, finish: (err) => (err ? reject(err) : resolve(ids.map((id) => `done ${id}`))) }));
  return { calls, mark };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('Coalescer', () => {
  it('runs up to maxInFlight statements at once; later calls wait for a free one', async () => {
    const { calls, mark } = controlled();
    const c = new Coalescer(mark, { maxInFlight: 2 });
    const all = ['1', '2', '3', '4'].map((id) => c.submit(id));
    expect(calls.map((x) => x.ids)).toEqual([['1'], ['2']]);
    calls[1]!.finish();
    await tick();
    expect(calls.map((x) => x.ids)).toEqual([['1'], ['2'], ['3', '4']]);
    calls[0]!.finish();
    calls[2]!.finish();
    expect(await Promise.all(all)).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
  });

  it('runs a call at once when nothing is running, and the ones arriving meanwhile together in the next statement, each with its own result', async () => {
    const { calls, mark } = controlled();
    const c = new Coalescer(mark);
    const done: string[] = [];
    const first = c.submit('1').then((r) => done.push(r));
    expect(calls.map((x) => x.ids)).toEqual([['1']]);
    const rest = ['2', '3', '4'].map((id) => c.submit(id).then((r) => done.push(r)));
    expect(calls).toHaveLength(1); // they wait for the running statement
    calls[0]!.finish();
    await first;
    await tick();
    expect(calls.map((x) => x.ids)).toEqual([['1'], ['2', '3', '4']]);
    expect(done).toEqual(['done 1']); // not completed before their own statement finished
    calls[1]!.finish();
    await Promise.all(rest);
    expect(done).toEqual(['done 1', 'done 2', 'done 3', 'done 4']); // each caller gets its own result
  });

  it('fails every caller of a failed statement and carries on with the next', async () => {
    const { calls, mark } = controlled();
    const c = new Coalescer(mark);
    const a = c.submit('1');
    const b = c.submit('2');
    const d = c.submit('3');
    calls[0]!.finish();
    await a;
    await tick();
    calls[1]!.finish(new Error('connection lost'));
    await expect(b).rejects.toThrow('connection lost');
    await expect(d).rejects.toThrow('connection lost');
    const e = c.submit('4');
    expect(calls[2]!.ids).toEqual(['4']);
    calls[2]!.finish();
    await expect(e).resolves.toBe('done 4');
  });

  it('caps a statement at maxBatch items', async () => {
    const { calls, mark } = controlled();
    const c = new Coalescer(mark, { maxBatch: 2 });
    const all = ['1', '2', '3', '4', '5'].map((id) => c.submit(id));
    for (let i = 0; i < 3; i++) {
      calls[i]!.finish();
      await tick();
    }
    await Promise.all(all);
    expect(calls.map((x) => x.ids)).toEqual([['1'], ['2', '3'], ['4', '5']]);
  });
});
