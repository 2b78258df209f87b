import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, AuditService } from '@fair/auth';
import { inTransaction, pgCode, pgConstraint, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION } from '@fair/db';
import { FairsService } from '@fair/fairs';
import { MatchmakingErrors } from './matchmaking.errors';

export interface MeetingTable {
  id: string;
  name: string;
  boothId: string | null;
  ownerParticipantId: string | null;
  active: boolean;
}

const COLUMNS = `id, name, booth_id AS "boothId", owner_participant_id AS "ownerParticipantId", active`;

/** one shared table per technical-matchmaking booth of the fair, named by the booth code (idempotent) */
export async function insertDefaultTables(m: EntityManager, fairId: string): Promise<number> {
  const rows: unknown[] = await m.query(
    `INSERT INTO mm_tables (fair_id, name, booth_id)
     SELECT b.fair_id, b.code, b.id FROM booths b
      WHERE b.fair_id = $1 AND b.kind = 'technical-matchmaking'
        AND NOT EXISTS (SELECT 1 FROM mm_tables t WHERE t.fair_id = b.fair_id AND (t.booth_id = b.id OR t.name = b.code))
      ORDER BY b.code
     RETURNING id`,
    [fairId],
  );
  return rows.length;
}

/** Meeting places: organisers list, add and remove tables. */
@Injectable()
export class TablesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly audit: AuditService,
  ) {}

  async list(fairRef: string): Promise<MeetingTable[]> {
    const fair = await this.fairs.get(fairRef);
    return this.db.query(`SELECT ${COLUMNS} FROM mm_tables WHERE fair_id = $1 ORDER BY owner_participant_id NULLS FIRST, name`, [fair.id]);
  }

  async add(actor: Actor, fairRef: string, input: { name: string; boothId?: string }): Promise<MeetingTable> {
    const fair = await this.fairs.get(fairRef);
    try {
      return await inTransaction(this.db, async (m) => {
        const [row] = await m.query(`INSERT INTO mm_tables (fair_id, name, booth_id) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [
          fair.id,
          input.name.trim(),
          input.boothId ?? null,
        ]);
        await this.audit.record(m, actor, { action: 'matchmaking.table.add', entity: 'mm_table', entityId: row.id, fairId: fair.id, after: row });
        return row as MeetingTable;
      });
    } catch (err) {
      if (pgCode(err) === PG_UNIQUE_VIOLATION) throw pgConstraint(err) === 'mm_tables_booth_key' ? MatchmakingErrors.MM_TABLE_BOOTH_TAKEN() : MatchmakingErrors.MM_TABLE_NAME_TAKEN({ name: input.name });
      if (pgCode(err) === PG_FOREIGN_KEY_VIOLATION) throw MatchmakingErrors.MM_BOOTH_NOT_FOUND();
      throw err;
    }
  }

  /**
   * Removes a table that holds no scheduled meeting. A table that held meetings in the past is
   * deactivated (kept for their record); one that never did is deleted. The row lock conflicts
   * with the key-share lock a placement's foreign key check takes, so a meeting placed at this
   * table at the same moment is either seen here (409) or refused there (the table is gone).
   */
  async remove(actor: Actor, fairRef: string, tableId: string): Promise<{ removed: 'deleted' | 'deactivated' }> {
    const fair = await this.fairs.get(fairRef);
    return inTransaction(this.db, async (m) => {
      const [table] = await m.query(`SELECT ${COLUMNS} FROM mm_tables WHERE id = $1 AND fair_id = $2 FOR UPDATE`, [tableId, fair.id]);
      if (!table) throw MatchmakingErrors.MM_TABLE_NOT_FOUND();
      const [use] = await m.query(
        `SELECT count(*) FILTER (WHERE status = 'scheduled')::int AS scheduled, count(*)::int AS total FROM mm_meetings WHERE table_id = $1`,
        [tableId],
      );
      if (use.scheduled > 0) throw MatchmakingErrors.MM_TABLE_IN_USE({ count: use.scheduled });
      if (use.total > 0) await m.query(`UPDATE mm_tables SET active = false WHERE id = $1`, [tableId]);
      else await m.query(`DELETE FROM mm_tables WHERE id = $1`, [tableId]);
      await this.audit.record(m, actor, { action: 'matchmaking.table.remove', entity: 'mm_table', entityId: tableId, fairId: fair.id, before: table });
      return { removed: use.total > 0 ? 'deactivated' : 'deleted' };
    });
  }
}
