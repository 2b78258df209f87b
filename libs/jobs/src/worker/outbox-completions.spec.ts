import { describe, expect, it } from '@jest/globals';
import { OutboxCompletions } from './outbox-completions';

/** A markCompleted whose calls finish when the test says so. */
function controlled() {
  const calls: { ids: string[]; finish(err?: Error): void }[] = [];
  const mark = (ids: string[]) => new Promise<void>((resolve, reject) => calls.push({ ids, finish: (err) => (err ? reject(err) : resolve()) }));
  return { calls, mark };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('OutboxCompletions', () => {
  it('marks a row at once when nothing is running, and the ones finishing meanwhile together in the next statement', async () => {
    const { calls, mark } = controlled();
    const c = new OutboxCompletions(mark);
    const done: string[] = [];
    const first = c.complete('1').then(() => done.push('1'));
    expect(calls.map((x) => x.ids)).toEqual([['1']]);
    const rest = ['2', '3', '4'].map((id) => c.complete(id).then(() => done.push(id)));
    expect(calls).toHaveLength(1); // they wait for the running statement
    calls[0]!.finish();
    await first;
    await tick();
    expect(calls.map((x) => x.ids)).toEqual([['1'], ['2', '3', '4']]);
    expect(done).toEqual(['1']); // not completed before their own statement finished
    calls[1]!.finish();
    await Promise.all(rest);
    expect(done).toEqual(['1', '2', '3', '4']);
  });

  it('fails every job of a failed statement (BullMQ retries them) and carries on with the next', async () => {
    const { calls, mark } = controlled();
    const c = new OutboxCompletions(mark);
    const a = c.complete('1');
    const b = c.complete('2');
    const d = c.complete('3');
    calls[0]!.finish();
    await a;
    await tick();
    calls[1]!.finish(new Error('connection lost'));
    await expect(b).rejects.toThrow('connection lost');
    await expect(d).rejects.toThrow('connection lost');
    const e = c.complete('4');
    expect(calls[2]!.ids).toEqual(['4']);
    calls[2]!.finish();
    await expect(e).resolves.toBeUndefined();
  });

  it('caps a statement at maxBatch rows', async () => {
    const { calls, mark } = controlled();
    const c = new OutboxCompletions(mark, 2);
    const all = ['1', '2', '3', '4', '5'].map((id) => c.complete(id));
    for (let i = 0; i < 3; i++) {
      calls[i]!.finish();
      await tick();
    }
    await Promise.all(all);
    expect(calls.map((x) => x.ids)).toEqual([['1'], ['2', '3'], ['4', '5']]);
  });
});
