import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leads: an exhibitor's staff scanned a visitor's pass at their booth. One row per exhibitor,
 * visitor and fair-local day (unique): a second scan that day updates the note and rating.
 * `contact_consent` is the visitor's yes, given at the booth, to share email and phone.
 */
export class Leads1790000600000 implements MigrationInterface {
  name = 'Leads1790000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE leads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        exhibitor_id uuid NOT NULL REFERENCES exhibitors(id) ON DELETE CASCADE,
        visitor_id uuid NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
        pass_id uuid NOT NULL REFERENCES passes(id) ON DELETE CASCADE,
        scanned_by uuid REFERENCES users(id) ON DELETE SET NULL,
        scanned_on date NOT NULL,
        first_scanned_at timestamptz NOT NULL DEFAULT now(),
        last_scanned_at timestamptz NOT NULL DEFAULT now(),
        scans integer NOT NULL DEFAULT 1 CHECK (scans >= 1),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        rating smallint CHECK (rating BETWEEN 0 AND 5),
        contact_consent boolean NOT NULL DEFAULT false,
        UNIQUE (exhibitor_id, visitor_id, scanned_on)
      )`);
    await q.query(`CREATE INDEX leads_fair_exhibitor_idx ON leads (fair_id, exhibitor_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS leads`);
  }
}
