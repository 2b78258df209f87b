import type { EntityManager } from 'typeorm';
import { emptyKindCounts, type BoothKind, type FairEntity } from '@fair/fairs';
import type { FairFacts } from './application-input';

/** The fair's sector codes and its booth counts by kind, which bound every booth request. */
export async function loadFairFacts(m: EntityManager, fair: FairEntity): Promise<FairFacts> {
  const counts: { kind: BoothKind; n: number }[] = await m.query(`SELECT kind, count(*)::int AS n FROM booths WHERE fair_id = $1 GROUP BY kind`, [fair.id]);
  const boothsByKind = emptyKindCounts();
  for (const c of counts) boothsByKind[c.kind] = c.n;
  return { sectorCodes: fair.sectors.map((s) => s.code), boothsByKind };
}
