import highsLoader from 'highs';
import { buildModel, pairValue, unary } from '../src/solver/model';
import type { SolverInput } from '../src/solver/solver-types';

/**
 * The exact optimum of the solver's objective by MILP (HiGHS): x[c,b] binary; products of two
 * placements linearised (y <= x1, y <= x2 for gains; z >= x1 + x2 - 1 for penalties).
 * For small instances in tests and the benchmark; fixed booths are not supported here.
 */
export async function exactOptimum(input: SolverInput, timeLimitSec = 60): Promise<{ optimum: number; proven: boolean }> {
  const { model: m } = buildModel(input);
  const x = new Map<string, string>();
  const name = (c: number, b: number) => x.get(`${c}:${b}`);
  const obj: string[] = [];
  const rows: string[] = [];
  const bin: string[] = [];
  const cont: string[] = [];
  const term = (coef: number, v: string) => `${coef >= 0 ? '+' : '-'} ${Math.abs(coef).toFixed(6)} ${v}`;
  for (let b = 0; b < m.nB; b++) {
    const k = m.boothKind[b]!;
    const here: string[] = [];
    for (let c = 0; c < m.nC; c++) {
      if (!m.allowed[c]![k] || m.requested[c]![k]! === 0) continue;
      const v = `x_${c}_${b}`;
      x.set(`${c}:${b}`, v);
      bin.push(v);
      here.push(v);
      obj.push(term(unary(m, c, b), v));
    }
    if (here.length) rows.push(`${here.join(' + ')} <= 1`);
  }
  for (let c = 0; c < m.nC; c++) {
    for (let k = 0; k < m.kinds.length; k++) {
      const vs: string[] = [];
      for (let b = 0; b < m.nB; b++) if (m.boothKind[b] === k && name(c, b)) vs.push(name(c, b)!);
      if (vs.length) rows.push(`${vs.join(' + ')} <= ${m.requested[c]![k]}`);
    }
  }
  let aux = 0;
  for (let b = 0; b < m.nB; b++) {
    const nb = m.near[b]!;
    for (let i = 0; i < nb.length; i++) {
      const n = nb[i]!;
      if (n < b) continue;
      for (let c = 0; c < m.nC; c++) {
        const xb = name(c, b);
        if (!xb) continue;
        for (let e = 0; e < m.nC; e++) {
          const xn = name(e, n);
          if (!xn) continue;
          const v = pairValue(m, c, e, b, i);
          if (v === 0) continue;
          const y = `p_${aux++}`;
          cont.push(y);
          obj.push(term(v, y));
          if (v > 0) rows.push(`${y} - ${xb} <= 0`, `${y} - ${xn} <= 0`);
          else rows.push(`${y} - ${xb} - ${xn} >= -1`);
        }
      }
    }
  }
  const lp = [
    'Maximize',
    ` obj: ${obj.join(' ') || '0 x_none'}`,
    'Subject To',
    ...rows.map((r, i) => ` r${i}: ${r}`),
    'Bounds',
    ...cont.map((v) => ` 0 <= ${v} <= 1`),
    'Binary',
    ` ${bin.join(' ')}`,
    'End',
  ].join('\n');
  const highs = await highsLoader();
  const sol = highs.solve(lp, { time_limit: timeLimitSec, output_flag: false, mip_rel_gap: 1e-7 } as never);
  return { optimum: sol.ObjectiveValue, proven: sol.Status === 'Optimal' };
}
