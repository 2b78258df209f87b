import { upperBound } from './bound';
import { construct, constructionOrder } from './construct';
import { rng, improve } from './improve';
import { buildModel } from './model';
import { scoreOf, unmetWishes } from './score';
import type { SolverInput, SolverResult } from './solver-types';

/**
 * Proposes booths for companies. Hard rules: a booth goes to at most one company, only of a kind
 * the company may have, never more of a kind than it asked for; fixed booths stay as they are.
 * Soft: the objective in model.ts (docs/booth-allocation.md), by greedy construction then swaps.
 */
export function solveAllocation(input: SolverInput): SolverResult & { bound: { total: number; wishes: number } } {
  const t0 = Date.now();
  const { model, initialOwner } = buildModel(input);
  const owner = Int32Array.from(initialOwner);
  const bound = upperBound(model, initialOwner);
  construct(model, owner, constructionOrder(model, owner));
  const t1 = Date.now();
  const deadline = t1 + (input.timeLimitMs ?? 2000);
  const random = rng(input.seed ?? 1);
  let moves = improve(model, owner, deadline, random);
  // Iterated local search: shake a few booths, improve again, keep the result when it is better.
  let best = scoreOf(model, owner).total;
  const movable = [...Array(model.nB).keys()].filter((b) => !model.fixed[b] && owner[b]! >= 0);
  while (Date.now() < deadline && movable.length > 1) {
    const trial = Int32Array.from(owner);
    for (let i = 0; i < 3; i++) {
      const a = movable[Math.floor(random() * movable.length)]!;
      const same = model.near[a]!.filter((n) => model.boothKind[n] === model.boothKind[a] && !model.fixed[n]);
      const b = same.length ? same[Math.floor(random() * same.length)]! : movable[Math.floor(random() * movable.length)]!;
      if (model.boothKind[a] !== model.boothKind[b]) continue;
      [trial[a], trial[b]] = [trial[b]!, trial[a]!];
    }
    moves += improve(model, trial, deadline, random);
    const score = scoreOf(model, trial).total;
    if (score > best + 1e-9) {
      best = score;
      owner.set(trial);
    }
  }
  const t2 = Date.now();
  const assignment: { boothId: string; companyId: string }[] = [];
  for (let b = 0; b < model.nB; b++) {
    if (owner[b]! >= 0 && !model.fixed[b]) assignment.push({ boothId: input.booths[b]!.id, companyId: input.companies[owner[b]!]!.id });
  }
  return {
    assignment,
    score: scoreOf(model, owner),
    unmet: unmetWishes(model, owner, { company: input.companies.map((c) => c.id) }),
    bound,
    stats: { constructMs: t1 - t0, improveMs: t2 - t1, moves },
  };
}
