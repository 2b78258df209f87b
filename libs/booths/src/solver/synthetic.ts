import { rng } from './improve';
import type { SolverBooth, SolverCompany, SolverInput } from './solver-types';

/**
 * A synthetic fair: halls of 3 m booths in back-to-back rows (like the reference plan), kinds in
 * blocks, companies asking for exactly the booths there are (1 each, the rest spread at random),
 * with some hall, corner, partner and competitor wishes. Same seed, same fair.
 */
export function syntheticFair(opts: { booths: number; companies: number; seed?: number; perHall?: number; perRow?: number; wishRate?: number }): SolverInput {
  const random = rng(opts.seed ?? 7);
  const perHall = opts.perHall ?? 500;
  const perRow = opts.perRow ?? 20;
  const wishRate = opts.wishRate ?? 0.15;
  const kinds = [
    { kind: 'international', share: 0.4, origin: 'international' },
    { kind: 'domestic', share: 0.6, origin: 'domestic' },
  ];
  const booths: SolverBooth[] = [];
  const companies: SolverCompany[] = [];
  let boothsLeft = opts.booths;
  let companiesLeft = opts.companies;
  let hallNo = 0;
  kinds.forEach((k, ki) => {
    const nB = ki === kinds.length - 1 ? boothsLeft : Math.round(opts.booths * k.share);
    const nC = ki === kinds.length - 1 ? companiesLeft : Math.round(opts.companies * k.share);
    boothsLeft -= nB;
    companiesLeft -= nC;
    for (let i = 0; i < nB; i++) {
      if (i % perHall === 0) hallNo++;
      const slot = i % perHall;
      const row = Math.floor(slot / perRow);
      const col = slot % perRow;
      booths.push({
        id: `b${booths.length}`,
        code: `H${hallNo}-${slot + 1}`,
        kind: k.kind,
        hall: `H${hallNo}`,
        x: 3 + col * 3,
        y: Math.floor(row / 2) * 9 + (row % 2) * 3 + 3,
        width: 3,
        height: 3,
        isCorner: col === 0 || col === perRow - 1,
      });
    }
    const sizes = new Array<number>(nC).fill(1);
    for (let extra = nB - nC; extra > 0; extra--) sizes[Math.floor(random() * nC)]!++;
    const first = companies.length;
    const firstHall = hallNo - Math.ceil(nB / perHall) + 1;
    for (let i = 0; i < nC; i++) {
      companies.push({
        id: `c${companies.length}`,
        name: `Company ${companies.length}`,
        requested: { [k.kind]: sizes[i]! },
        allowedKinds: [k.kind, 'technical-matchmaking', 'technical-workshop'],
        rank: companies.length,
        hall: random() < wishRate ? `H${firstHall + Math.floor(random() * Math.ceil(nB / perHall))}` : null,
        corner: random() < wishRate / 2,
      });
    }
    for (let i = 0; i < nC; i++) {
      const c = companies[first + i]!;
      if (random() < wishRate) c.nearPartners = [companies[first + Math.floor(random() * nC)]!.id].filter((id) => id !== c.id);
      if (random() < wishRate) c.awayFrom = [companies[first + Math.floor(random() * nC)]!.id].filter((id) => id !== c.id);
    }
  });
  return { booths, companies };
}
