import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { pgCode, pgConstraint, PG_UNIQUE_VIOLATION } from '@fair/db';
import { AuditService, type Actor } from '@fair/auth';
import { type BoothKind, emptyKindCounts } from './booth-kind';
import { BoothEntity } from './booth.entity';
import { FairEntity, type Sector } from './fair.entity';
import { FairErrors } from './fairs.errors';
import { HallEntity } from './hall.entity';
import { readFloorPlanCsv, type FloorPlanBoothRow } from './floor-plan.csv';

export interface CreateFairInput {
  slug: string;
  nameVi: string;
  nameEn: string;
  venueVi?: string;
  venueEn?: string;
  organiserVi?: string;
  organiserEn?: string;
  startsOn: string;
  endsOn: string;
  timeZone?: string;
  sectors?: Sector[];
}

export interface FairSummary {
  id: string;
  slug: string;
  nameVi: string;
  nameEn: string;
  startsOn: string;
  endsOn: string;
  booths: number;
  boothsByKind: Record<BoothKind, number>;
}

@Injectable()
export class FairsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<FairSummary[]> {
    const fairs = await this.db.getRepository(FairEntity).find({ order: { startsOn: 'DESC', slug: 'ASC' } });
    const counts: { fair_id: string; kind: BoothKind; n: string }[] = await this.db.query(
      `SELECT fair_id, kind, count(*) AS n FROM booths GROUP BY fair_id, kind`,
    );
    return fairs.map((f) => {
      const byKind = emptyKindCounts();
      for (const c of counts) if (c.fair_id === f.id) byKind[c.kind] = Number(c.n);
      return {
        id: f.id,
        slug: f.slug,
        nameVi: f.nameVi,
        nameEn: f.nameEn,
        startsOn: f.startsOn,
        endsOn: f.endsOn,
        booths: Object.values(byKind).reduce((a, b) => a + b, 0),
        boothsByKind: byKind,
      };
    });
  }

  /** By id or slug; throws FAIR_NOT_FOUND. */
  async get(idOrSlug: string, manager: EntityManager = this.db.manager): Promise<FairEntity> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
    // Neither an id nor a possible slug: not found, without asking the database.
    if (!isUuid && !/^[a-z0-9][a-z0-9-]{1,79}$/.test(idOrSlug)) throw FairErrors.FAIR_NOT_FOUND({ fair: idOrSlug.slice(0, 80) });
    const fair = await manager.getRepository(FairEntity).findOne({ where: isUuid ? { id: idOrSlug } : { slug: idOrSlug } });
    if (!fair) throw FairErrors.FAIR_NOT_FOUND({ fair: idOrSlug });
    return fair;
  }

  async create(actor: Actor, input: CreateFairInput, manager?: EntityManager): Promise<FairEntity> {
    const run = async (m: EntityManager) => {
      try {
        const fair = await m.getRepository(FairEntity).save(
          m.getRepository(FairEntity).create({
            venueVi: '',
            venueEn: '',
            organiserVi: '',
            organiserEn: '',
            timeZone: 'Asia/Ho_Chi_Minh',
            sectors: [],
            // A validated body carries each absent optional field as a key set to undefined: drop
            // those, so the defaults above apply and the answer has every field.
            ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
          }),
        );
        await this.audit.record(m, actor, { action: 'fair.create', entity: 'fair', entityId: fair.id, fairId: fair.id, after: input });
        return fair;
      } catch (err) {
        if (pgCode(err) === PG_UNIQUE_VIOLATION) throw FairErrors.FAIR_SLUG_TAKEN({ slug: input.slug });
        throw err;
      }
    };
    return manager ? run(manager) : this.db.transaction(run);
  }

  async halls(fairId: string): Promise<HallEntity[]> {
    return this.db.getRepository(HallEntity).find({ where: { fairId }, order: { code: 'ASC' } });
  }

  async createHall(actor: Actor, fairId: string, input: { code: string; nameVi: string; nameEn: string }): Promise<HallEntity> {
    await this.get(fairId);
    return this.db.transaction(async (m) => {
      try {
        const hall = await m.getRepository(HallEntity).save(m.getRepository(HallEntity).create({ fairId, ...input }));
        await this.audit.record(m, actor, { action: 'hall.create', entity: 'hall', entityId: hall.id, fairId, after: input });
        return hall;
      } catch (err) {
        if (pgCode(err) === PG_UNIQUE_VIOLATION) throw FairErrors.HALL_CODE_TAKEN({ code: input.code });
        throw err;
      }
    });
  }

  async booths(fairId: string, manager: EntityManager = this.db.manager): Promise<BoothEntity[]> {
    return manager.getRepository(BoothEntity).find({ where: { fairId }, order: { code: 'ASC' } });
  }

  /**
   * Imports booths from CSV: all rows or none. Halls named in the file are created when new.
   * Two imports racing on the same codes: the unique (fair_id, code) constraint lets one win.
   */
  async importFloorPlan(actor: Actor, fairId: string, csv: string): Promise<{ imported: number; hallsCreated: number }> {
    const fair = await this.get(fairId);
    return this.db.transaction(async (m) => {
      const existing: { code: string }[] = await m.query(`SELECT upper(code) AS code FROM booths WHERE fair_id = $1`, [fair.id]);
      const rows = readFloorPlanCsv(csv, new Set(existing.map((e) => e.code)));
      const result = await this.insertBooths(m, fair.id, rows).catch((err) => {
        if (pgCode(err) === PG_UNIQUE_VIOLATION && pgConstraint(err)?.includes('code')) {
          throw FairErrors.FLOOR_PLAN_INVALID({ count: 1, reason: 'a booth code was added by someone else meanwhile' });
        }
        throw err;
      });
      await this.audit.record(m, actor, {
        action: 'floor-plan.import',
        entity: 'fair',
        entityId: fair.id,
        fairId: fair.id,
        after: { booths: rows.length, hallsCreated: result.hallsCreated },
      });
      return { imported: rows.length, hallsCreated: result.hallsCreated };
    });
  }

  /** Inserts booths (creating missing halls) inside the caller's transaction. */
  async insertBooths(m: EntityManager, fairId: string, rows: Omit<FloorPlanBoothRow, 'line'>[]): Promise<{ hallsCreated: number }> {
    const halls = new Map((await m.getRepository(HallEntity).find({ where: { fairId } })).map((h) => [h.code.toUpperCase(), h.id]));
    let hallsCreated = 0;
    for (const row of rows) {
      const key = row.hall.toUpperCase();
      if (halls.has(key)) continue;
      const hall = await m.getRepository(HallEntity).save(
        m.getRepository(HallEntity).create({
          fairId,
          code: row.hall,
          nameVi: row.hallNameVi ?? `Nhà ${row.hall}`,
          nameEn: row.hallNameEn ?? `Hall ${row.hall}`,
        }),
      );
      halls.set(key, hall.id);
      hallsCreated++;
    }
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await m.query(
        `INSERT INTO booths (fair_id, hall_id, code, kind, area_m2, is_corner, price_vnd, x, y, width, height)
         SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::numeric[], $6::boolean[], $7::bigint[],
                                  $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[])`,
        [
          fairId,
          chunk.map((r) => halls.get(r.hall.toUpperCase())),
          chunk.map((r) => r.code),
          chunk.map((r) => r.kind),
          chunk.map((r) => r.areaM2),
          chunk.map((r) => r.isCorner),
          chunk.map((r) => r.priceVnd),
          chunk.map((r) => r.x),
          chunk.map((r) => r.y),
          chunk.map((r) => r.width),
          chunk.map((r) => r.height),
        ],
      );
    }
    return { hallsCreated };
  }
}
