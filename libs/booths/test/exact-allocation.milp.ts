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
  // Exact reduction: when every kind has booths for everyone, a company asking for one booth,
  // with no wishes and named in nobody's wishes, earns booth + priority wherever it goes and
  // touches no pair term; it is left out of the MILP and its (constant) value added back.
  const supply = new Array<number>(m.kinds.length).fill(0);
  const demand = new Array<number>(m.kinds.length).fill(0);
  for (let b = 0; b < m.nB; b++) supply[m.boothKind[b]!]++;
  for (let c = 0; c < m.nC; c++) m.requested[c]!.forEach((r, k) => (demand[k] += m.allowed[c]![k] ? r : 0));
  const named = new Set<number>();
  for (let c = 0; c < m.nC; c++) for (const e of [...m.partnersOf[c]!, ...m.awayOf[c]!]) named.add(e);
  const plain = (c: number) =>
    m.requested[c]!.reduce((t, r, k) => t + (m.allowed[c]![k] ? r : 0), 0) === 1 &&
    m.hall[c] === null && !m.wantsCorner[c] && !m.partnersOf[c]!.length && !m.awayOf[c]!.length && !named.has(c);
  const reducible = supply.every((s, k) => s >= demand[k]!);
  let constant = 0;
  const skip = new Uint8Array(m.nC);
  if (reducible) {
    for (let c = 0; c < m.nC; c++) {
      if (!plain(c)) continue;
      skip[c] = 1;
      constant += unary(m, c, 0);
    }
  }
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
      if (skip[c] || !m.allowed[c]![k] || m.requested[c]![k]! === 0) continue;
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
          // one company on two booths needs a request of two or more
          if (c === e && m.requested[c]!.reduce((s, r) => s + r, 0) < 2) continue;
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
  // LP files keep lines short: long sums are broken over several lines
  const wrap = (terms: string[]) => terms.reduce<string[]>((lines, t, i) => (i % 8 ? (lines[lines.length - 1] += ` ${t}`) : lines.push(`   ${t}`), lines), []).join('\n');
  const lp = [
    'Maximize',
    ` obj:\n${wrap(obj)}`,
    'Subject To',
    ...rows.map((r, i) => ` r${i}:\n${wrap(r.split(' + ').map((t, j) => (j ? `+ ${t}` : t)))}`),
    'Bounds',
    ...cont.map((v) => ` 0 <= ${v} <= 1`),
    'Binary',
    wrap(bin),
    'End',
  ].join('\n');
  const highs = await highsLoader();
  const sol = highs.solve(lp, { time_limit: timeLimitSec, output_flag: false, mip_rel_gap: 1e-7 } as never);
  return { optimum: sol.ObjectiveValue + constant, proven: sol.Status === 'Optimal' };
}
