import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@fair/auth';
import { FairsService } from './fairs.service';
import { REFERENCE_FAIR, REFERENCE_SECTORS, referenceFloorPlan } from './reference-fair';

/**
 * Creates the reference fair and its 180 booths once. Seeding again changes nothing: the fair
 * is found by slug, and booths are only inserted into a fair that has none.
 */
@Injectable()
export class ReferenceFairSeeder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
  ) {}

  async seed(): Promise<{ fairId: string; created: boolean; boothsCreated: number }> {
    return this.db.transaction(async (m) => {
      // Serialises concurrent seeders (api start + cli) on one advisory key.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('seed:reference-fair'))`);
      const found: { id: string }[] = await m.query(`SELECT id FROM fairs WHERE slug = $1`, [REFERENCE_FAIR.slug]);
      let fairId = found[0]?.id;
      const created = !fairId;
      if (!fairId) {
        fairId = (await this.fairs.create(SYSTEM_ACTOR, { ...REFERENCE_FAIR, sectors: REFERENCE_SECTORS }, m)).id;
      }
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM booths WHERE fair_id = $1`, [fairId])) as { n: number }[];
      let boothsCreated = 0;
      if (n === 0) {
        const plan = referenceFloorPlan();
        await this.fairs.insertBooths(m, fairId, plan);
        boothsCreated = plan.length;
      }
      return { fairId, created, boothsCreated };
    });
  }
}
