import { describe, expect, it } from '@jest/globals';
import { statementIncrements, visitIncrements } from './visit-tallies';

const fairId = 'f';
const timeZone = 'Asia/Ho_Chi_Minh';
const scan = (scanId: string, verdict: string, gateId = 'g1', visitorType = 'importer', at = '2026-11-20T02:15:00.000Z') => ({ scanId, gateId, visitorType, verdict, at });

/** Sums per counter, as Redis would hold them after the increments. */
function apply(incs: { key: string; field: string; by: number }[]) {
  const out: Record<string, number> = {};
  for (const i of incs) out[`${i.key}/${i.field}`] = (out[`${i.key}/${i.field}`] ?? 0) + i.by;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== 0));
}

describe('statementIncrements', () => {
  it('counts a statement exactly as one job per scan would', () => {
    const scans = [scan('1', 'admitted'), scan('2', 're-entry', 'g2', 'press'), scan('3', 'exited'), scan('4', 'admitted', 'g1', 'importer', '2026-11-20T03:01:00.000Z'), scan('5', 'exited', 'g2')];
    const perScan = apply(scans.flatMap((s) => visitIncrements({ ...s, fairId, timeZone })));
    expect(apply(statementIncrements({ fairId, timeZone, scans }))).toEqual(perScan);
    expect(perScan).toEqual({
      'visits:f:hour/2026-11-20T09': 2,
      'visits:f:hour/2026-11-20T10': 1,
      'visits:f:gate/g1': 2,
      'visits:f:gate/g2': 1,
      'visits:f:type/importer': 2,
      'visits:f:type/press': 1,
      'visits:f:inside/now': 1,
    });
  });

  it('sends one increment per counter, and none for counters that cancel out', () => {
    const incs = statementIncrements({ fairId, timeZone, scans: [scan('1', 'admitted'), scan('2', 'exited'), scan('3', 'admitted')] });
    const keys = incs.map((i) => `${i.key}/${i.field}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(statementIncrements({ fairId, timeZone, scans: [scan('1', 'admitted'), scan('2', 'exited')] }).find((i) => i.key.endsWith(':inside'))).toBeUndefined();
  });
});
