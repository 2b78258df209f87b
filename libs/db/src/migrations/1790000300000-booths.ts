import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Booth allocation: who holds or has a booth (history kept), solver proposals, self-selection
 * rounds and the waitlist. "Never double-booked" is the partial unique index on live rows.
 */
export class Booths1790000300000 implements MigrationInterface {
  name = 'Booths1790000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE booth_allocations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL,
        booth_id uuid NOT NULL,
        exhibitor_id uuid NOT NULL REFERENCES exhibitors(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('held', 'assigned', 'released', 'expired')),
        expires_at timestamptz,
        source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'proposal', 'round', 'waitlist')),
        kind_override_reason text CHECK (length(kind_override_reason) <= 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        -- the booth must be of this fair
        FOREIGN KEY (fair_id, booth_id) REFERENCES booths(fair_id, id) ON DELETE CASCADE,
        CHECK (status <> 'held' OR expires_at IS NOT NULL),
        CHECK ((status IN ('held', 'assigned')) = (ended_at IS NULL))
      )`);
    // At most one live (held or assigned) row per booth: the database refuses a double booking.
    await q.query(`CREATE UNIQUE INDEX booth_allocations_live_key ON booth_allocations (fair_id, booth_id)
                   WHERE status IN ('held', 'assigned')`);
    await q.query(`CREATE INDEX booth_allocations_exhibitor_idx ON booth_allocations (exhibitor_id) WHERE status IN ('held', 'assigned')`);

    await q.query(`
      CREATE TABLE booth_proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'applied', 'discarded')),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        changes jsonb NOT NULL,
        score jsonb NOT NULL,
        unmet jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
    await q.query(`CREATE INDEX booth_proposals_fair_idx ON booth_proposals (fair_id, created_at)`);

    await q.query(`
      CREATE TABLE booth_rounds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        turn_minutes integer NOT NULL CHECK (turn_minutes BETWEEN 1 AND 10080),
        current_position integer,
        turn_ends_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    // One open round per fair at a time.
    await q.query(`CREATE UNIQUE INDEX booth_rounds_open_key ON booth_rounds (fair_id) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE booth_round_turns (
        round_id uuid NOT NULL REFERENCES booth_rounds(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        exhibitor_id uuid NOT NULL REFERENCES exhibitors(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'picking', 'picked', 'missed')),
        ended_at timestamptz,
        PRIMARY KEY (round_id, position),
        UNIQUE (round_id, exhibitor_id)
      )`);

    // Exhibitors waiting for a booth of a kind; a booth that comes free is offered (held) to the first.
    await q.query(`
      CREATE TABLE booth_waitlist (
        id bigserial PRIMARY KEY,
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        exhibitor_id uuid NOT NULL REFERENCES exhibitors(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('international', 'domestic', 'technical-matchmaking', 'technical-workshop')),
        created_at timestamptz NOT NULL DEFAULT now(),
        offered_allocation_id uuid REFERENCES booth_allocations(id) ON DELETE SET NULL,
        left_at timestamptz,
        UNIQUE (fair_id, exhibitor_id, kind)
      )`);
    await q.query(`CREATE INDEX booth_waitlist_queue_idx ON booth_waitlist (fair_id, kind, id) WHERE left_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['booth_waitlist', 'booth_round_turns', 'booth_rounds', 'booth_proposals', 'booth_allocations']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
  }
}
