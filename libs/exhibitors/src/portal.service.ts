import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CommonErrors } from '@fair/core';
import { inTransaction } from '@fair/db';
import { AuditService, type Actor } from '@fair/auth';
import { FairsService } from '@fair/fairs';
import { ExhibitorBoothCodes } from './exhibitor-booth-codes';
import { ExhibitorEntity } from './exhibitor.entity';
import { ExhibitorErrors } from './exhibitors.errors';
import { ExhibitorStaffEntity } from './exhibitor-staff.entity';
import { isUuid } from './exhibitor-transitions.service';
import { exhibitorView, type ExhibitorView } from './exhibitor.view';
import { rowsOf } from './sql-rows';

export interface ProfilePatch {
  nameVi?: string | null;
  nameEn?: string | null;
  website?: string | null;
  description?: string;
  products?: string;
  logoUrl?: string | null;
  sectors?: string[];
}

const PROFILE_COLUMNS: Record<keyof ProfilePatch, string> = {
  nameVi: 'name_vi',
  nameEn: 'name_en',
  website: 'website',
  description: 'description',
  products: 'products',
  logoUrl: 'logo_url',
  sectors: 'sectors',
};

export const MAX_STAFF = 50;

/**
 * The exhibitor's own records. Every query carries `user_id = <the signed-in user>`, so another
 * exhibitor's id answers 404 exactly like an id that does not exist.
 */
@Injectable()
export class PortalService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly audit: AuditService,
    private readonly boothCodes: ExhibitorBoothCodes,
  ) {}

  async mine(actor: Actor): Promise<ExhibitorView[]> {
    const rows = await this.db.getRepository(ExhibitorEntity).find({ where: { userId: actor.userId! }, order: { createdAt: 'DESC' } });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async get(actor: Actor, id: string): Promise<ExhibitorView> {
    return this.view(await this.own(actor, id));
  }

  /** The row when it belongs to the actor; otherwise APPLICATION_NOT_FOUND. */
  async own(actor: Actor, id: string): Promise<ExhibitorEntity> {
    const row = isUuid(id) && actor.userId ? await this.db.getRepository(ExhibitorEntity).findOne({ where: { id, userId: actor.userId } }) : null;
    if (!row) throw ExhibitorErrors.APPLICATION_NOT_FOUND();
    return row;
  }

  async updateProfile(actor: Actor, id: string, patch: ProfilePatch): Promise<ExhibitorView> {
    const current = await this.own(actor, id);
    if (patch.sectors) {
      const allowed = (await this.fairs.get(current.fairId)).sectors.map((s) => s.code);
      const unknown = patch.sectors.filter((s) => !allowed.includes(s));
      if (unknown.length || patch.sectors.length === 0) {
        throw CommonErrors.VALIDATION_FAILED({
          fields: [{ field: 'sectors', constraint: 'isIn', en: `sectors must be among: ${allowed.join(', ')}`, vi: `ngành hàng phải thuộc: ${allowed.join(', ')}` }],
        });
      }
    }
    const keys = (Object.keys(patch) as (keyof ProfilePatch)[]).filter((k) => patch[k] !== undefined);
    if (keys.length === 0) return this.view(current);
    const sets = keys.map((k, i) => `${PROFILE_COLUMNS[k]} = $${i + 3}${k === 'sectors' ? '::jsonb' : ''}`);
    const values = keys.map((k) => (k === 'sectors' ? JSON.stringify([...new Set(patch.sectors)]) : (patch[k] as string | null)));
    await inTransaction(this.db, async (m) => {
      const [row] = rowsOf<{ id: string }>(
        await m.query(`UPDATE exhibitors SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 AND user_id = $2 RETURNING id`, [id, actor.userId, ...values]),
      );
      if (!row) throw ExhibitorErrors.APPLICATION_NOT_FOUND();
      const before = Object.fromEntries(keys.map((k) => [k, current[k]]));
      await this.audit.record(m, actor, { action: 'exhibitor.profile', entity: 'exhibitor', entityId: id, fairId: current.fairId, before, after: patch });
    });
    return this.get(actor, id);
  }

  async staff(actor: Actor, id: string): Promise<ExhibitorStaffEntity[]> {
    await this.own(actor, id);
    return this.db.getRepository(ExhibitorStaffEntity).find({ where: { exhibitorId: id }, order: { createdAt: 'ASC' } });
  }

  async addStaff(actor: Actor, id: string, input: { name: string; role?: string; email?: string }): Promise<ExhibitorStaffEntity> {
    const ex = await this.own(actor, id);
    return inTransaction(this.db, async (m) => {
      // The exhibitor row lock serialises concurrent additions, so the limit holds.
      await m.query(`SELECT 1 FROM exhibitors WHERE id = $1 FOR UPDATE`, [id]);
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM exhibitor_staff WHERE exhibitor_id = $1`, [id])) as { n: number }[];
      if (n >= MAX_STAFF) throw ExhibitorErrors.STAFF_LIMIT({ max: MAX_STAFF });
      const rows: { id: string }[] = await m.query(
        `INSERT INTO exhibitor_staff (exhibitor_id, name, role, email) VALUES ($1, $2, $3, $4) RETURNING id`,
        [id, input.name.trim(), (input.role ?? '').trim(), input.email?.trim().toLowerCase() || null],
      );
      await this.audit.record(m, actor, { action: 'exhibitor.staff-add', entity: 'exhibitor_staff', entityId: rows[0]!.id, fairId: ex.fairId, after: input });
      return (await m.getRepository(ExhibitorStaffEntity).findOneByOrFail({ id: rows[0]!.id }));
    });
  }

  async removeStaff(actor: Actor, id: string, staffId: string): Promise<void> {
    const ex = await this.own(actor, id);
    if (!isUuid(staffId)) throw ExhibitorErrors.STAFF_NOT_FOUND();
    await inTransaction(this.db, async (m) => {
      const [row] = rowsOf<{ id: string; name: string }>(
        await m.query(`DELETE FROM exhibitor_staff WHERE id = $1 AND exhibitor_id = $2 RETURNING id, name`, [staffId, id]),
      );
      if (!row) throw ExhibitorErrors.STAFF_NOT_FOUND();
      await this.audit.record(m, actor, { action: 'exhibitor.staff-remove', entity: 'exhibitor_staff', entityId: staffId, fairId: ex.fairId, before: row });
    });
  }

  private async view(e: ExhibitorEntity): Promise<ExhibitorView> {
    const codes = await this.boothCodes.codes(e.fairId, [e.id]);
    return exhibitorView(e, codes.get(e.id) ?? []);
  }
}
