import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { inTransaction } from '@fair/db';
import { AuditService, type Actor } from '@fair/auth';
import { FairsService, type BoothKind } from '@fair/fairs';
import type { Origin } from './application-input';
import { ExhibitorEntity } from './exhibitor.entity';
import { ExhibitorErrors } from './exhibitors.errors';
import type { ExhibitorStatus } from './exhibitor-status';
import { isUuid } from './exhibitor-transitions.service';
import { rowsOf } from './sql-rows';

export interface ApplicationFilter {
  status?: ExhibitorStatus;
  country?: string;
  origin?: Origin;
  /** Applications that request at least one booth of this kind. */
  kind?: BoothKind;
  sector?: string;
  /** Submitted on or after / before (YYYY-MM-DD, inclusive, fair time zone). */
  from?: string;
  to?: string;
  /** Words in the name, tax number, email or contact person. */
  q?: string;
  limit?: number;
  offset?: number;
}

/** What organisers see of applications: the list with filters, and one in full. */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly audit: AuditService,
  ) {}

  async list(fairRef: string, f: ApplicationFilter): Promise<{ total: number; items: ExhibitorEntity[] }> {
    const fair = await this.fairs.get(fairRef);
    const qb = this.db.getRepository(ExhibitorEntity).createQueryBuilder('e').where('e.fair_id = :fairId', { fairId: fair.id });
    if (f.status) qb.andWhere('e.status = :status', { status: f.status });
    if (f.country) qb.andWhere('e.country = :country', { country: f.country.toUpperCase() });
    if (f.origin) qb.andWhere('e.origin = :origin', { origin: f.origin });
    if (f.kind) qb.andWhere(`COALESCE(CAST(e.booth_requests ->> :kind AS int), 0) > 0`, { kind: f.kind });
    if (f.sector) qb.andWhere('e.sectors @> CAST(:sector AS jsonb)', { sector: JSON.stringify([f.sector]) });
    // Dates are the fair's calendar days, not UTC ones.
    if (f.from) qb.andWhere(`CAST(COALESCE(e.submitted_at, e.created_at) AT TIME ZONE :tz AS date) >= CAST(:from AS date)`, { from: f.from, tz: fair.timeZone });
    if (f.to) qb.andWhere(`CAST(COALESCE(e.submitted_at, e.created_at) AT TIME ZONE :tz AS date) <= CAST(:to AS date)`, { to: f.to, tz: fair.timeZone });
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        `(e.legal_name ILIKE :like OR e.name_vi ILIKE :like OR e.name_en ILIKE :like OR e.tax_id ILIKE :like OR e.email ILIKE :like OR e.contact_name ILIKE :like)`,
        { like },
      );
    }
    qb.orderBy('e.created_at', 'ASC').addOrderBy('e.id', 'ASC').take(f.limit ?? 50).skip(f.offset ?? 0);
    const [items, total] = await qb.getManyAndCount();
    return { total, items };
  }

  async get(id: string): Promise<ExhibitorEntity> {
    const row = isUuid(id) ? await this.db.getRepository(ExhibitorEntity).findOne({ where: { id } }) : null;
    if (!row) throw ExhibitorErrors.APPLICATION_NOT_FOUND();
    return row;
  }

  /** The organiser decides international vs domestic when the country alone says the wrong thing. */
  async overrideOrigin(actor: Actor, id: string, origin: Origin): Promise<ExhibitorEntity> {
    const before = await this.get(id);
    await inTransaction(this.db, async (m) => {
      const [row] = rowsOf<{ id: string }>(
        await m.query(`UPDATE exhibitors SET origin = $2, origin_overridden = true, updated_at = now() WHERE id = $1 RETURNING id`, [id, origin]),
      );
      if (!row) throw ExhibitorErrors.APPLICATION_NOT_FOUND();
      await this.audit.record(m, actor, { action: 'exhibitor.override-origin', entity: 'exhibitor', entityId: id, fairId: before.fairId, before: { origin: before.origin }, after: { origin } });
    });
    return this.get(id);
  }
}
