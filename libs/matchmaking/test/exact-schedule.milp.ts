import highsLoader from 'highs';
import type { SchedulerInput } from '../src/scheduler';

/**
 * The exact optimum (most meetings placed) as a 0-1 program solved by HiGHS, for instances small
 * enough (a few thousand variables). x[m,s] = meeting m in slot s; tables are interchangeable
 * per slot except own booths, which are free whenever their owner is (see scheduler.types.ts).
 */
export async function exactMaxPlaced(input: SchedulerInput, timeLimitSec = 60): Promise<{ optimum: number; proven: boolean }> {
  const { slots, participants, meetings, tables } = input;
  const owns = new Set(tables.filter((t) => t.owner !== undefined).map((t) => t.owner!));
  const shared = tables.length - owns.size;
  const ok = (p: number, s: number) => !participants[p].available || participants[p].available![s] === 1;
  const vars: { m: number; s: number; name: string }[] = [];
  meetings.forEach((m, i) => {
    slots.forEach((_, s) => {
      if (ok(m.a, s) && ok(m.b, s)) vars.push({ m: i, s, name: `x${i}_${s}` });
    });
  });
  if (!vars.length) return { optimum: 0, proven: true };
  const rows: string[] = [];
  const perPS = new Map<string, string[]>();
  const perPD = new Map<string, string[]>();
  const perM = new Map<number, string[]>();
  const perShared = new Map<number, string[]>();
  for (const v of vars) {
    const m = meetings[v.m];
    perM.set(v.m, [...(perM.get(v.m) ?? []), v.name]);
    for (const p of [m.a, m.b]) {
      const ks = `${p}:${v.s}`;
      perPS.set(ks, [...(perPS.get(ks) ?? []), v.name]);
      const kd = `${p}:${slots[v.s].day}`;
      perPD.set(kd, [...(perPD.get(kd) ?? []), v.name]);
    }
    if (!owns.has(m.a) && !owns.has(m.b)) perShared.set(v.s, [...(perShared.get(v.s) ?? []), v.name]);
  }
  for (const names of perM.values()) if (names.length > 1) rows.push(`${names.join(' + ')} <= 1`);
  for (const names of perPS.values()) if (names.length > 1) rows.push(`${names.join(' + ')} <= 1`);
  for (const [k, names] of perPD) {
    const lim = participants[+k.split(':')[0]].perDayLimit;
    if (names.length > lim) rows.push(`${names.join(' + ')} <= ${lim}`);
  }
  for (const names of perShared.values()) if (names.length > shared) rows.push(`${names.join(' + ')} <= ${shared}`);
  if (!rows.length) rows.push(`${vars[0].name} <= 1`);
  const lp = [
    'Maximize',
    ` obj: ${vars.map((v) => v.name).join(' + ')}`,
    'Subject To',
    ...rows.map((r, i) => ` c${i}: ${r}`),
    'Binary',
    ` ${vars.map((v) => v.name).join(' ')}`,
    'End',
  ].join('\n');
  const highs = await highsLoader();
  const sol = highs.solve(lp, { time_limit: timeLimitSec, output_flag: false } as never);
  const optimum = Math.round(Object.values(sol.Columns).reduce((n, c) => n + ((c as { Primal: number }).Primal > 0.5 ? 1 : 0), 0));
  return { optimum, proven: sol.Status === 'Optimal' };
}
