import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matchmaking in operation: a shared table per booth at most (default tables come from the fair's
 * technical-matchmaking booths), proposals that can be discarded, and how each side of a meeting
 * checked in (pass scanned at the table by staff, or confirmed in the app).
 */
export class MatchmakingOperations1790000410001 implements MigrationInterface {
  name = 'MatchmakingOperations1790000410001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mm_tables ADD CONSTRAINT mm_tables_booth_fk FOREIGN KEY (fair_id, booth_id) REFERENCES booths (fair_id, id) ON DELETE SET NULL (booth_id)`);
    await q.query(`CREATE UNIQUE INDEX mm_tables_booth_key ON mm_tables (fair_id, booth_id) WHERE booth_id IS NOT NULL AND owner_participant_id IS NULL`);
    await q.query(`ALTER TABLE mm_proposals ADD COLUMN discarded_at timestamptz, ADD CONSTRAINT mm_proposals_one_outcome CHECK (published_at IS NULL OR discarded_at IS NULL)`);
    await q.query(`
      ALTER TABLE mm_meetings
        ADD COLUMN a_checked_via text CHECK (a_checked_via IN ('scan', 'app')),
        ADD COLUMN b_checked_via text CHECK (b_checked_via IN ('scan', 'app')),
        ADD CONSTRAINT mm_meetings_a_checked CHECK ((a_checked_at IS NULL) = (a_checked_via IS NULL)),
        ADD CONSTRAINT mm_meetings_b_checked CHECK ((b_checked_at IS NULL) = (b_checked_via IS NULL)),
        ADD CONSTRAINT mm_meetings_held_both CHECK (status <> 'held' OR (a_checked_at IS NOT NULL AND b_checked_at IS NOT NULL))`);
    await q.query(`CREATE INDEX mm_meetings_table ON mm_meetings (table_id) WHERE table_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS mm_meetings_table`);
    await q.query(`ALTER TABLE mm_meetings DROP CONSTRAINT mm_meetings_held_both, DROP CONSTRAINT mm_meetings_b_checked, DROP CONSTRAINT mm_meetings_a_checked, DROP COLUMN b_checked_via, DROP COLUMN a_checked_via`);
    await q.query(`ALTER TABLE mm_proposals DROP CONSTRAINT mm_proposals_one_outcome, DROP COLUMN discarded_at`);
    await q.query(`DROP INDEX IF EXISTS mm_tables_booth_key`);
    await q.query(`ALTER TABLE mm_tables DROP CONSTRAINT mm_tables_booth_fk`);
  }
}
