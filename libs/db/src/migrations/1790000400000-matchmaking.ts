import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * B2B matchmaking: settings per fair, participants (profiles), tables, requests, meetings with
 * their seats, scheduler proposals. No participant and no table can hold two overlapping
 * scheduled meetings: exclusion constraints (btree_gist) on the seats and the meetings.
 */
export class Matchmaking1790000400000 implements MigrationInterface {
  name = 'Matchmaking1790000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE mm_settings (
        fair_id uuid PRIMARY KEY REFERENCES fairs(id) ON DELETE CASCADE,
        slot_minutes integer NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 5 AND 240),
        per_day_limit integer NOT NULL DEFAULT 12 CHECK (per_day_limit BETWEEN 1 AND 100),
        request_expiry_hours integer NOT NULL DEFAULT 72 CHECK (request_expiry_hours BETWEEN 1 AND 2160),
        mode text NOT NULL DEFAULT 'immediate' CHECK (mode IN ('immediate', 'batch')),
        utc_offset text NOT NULL DEFAULT '+07:00' CHECK (utc_offset ~ '^[+-][0-9]{2}:[0-9]{2}$'),
        sessions jsonb NOT NULL DEFAULT '[]'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE mm_participants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        exhibitor_id uuid REFERENCES exhibitors(id) ON DELETE CASCADE,
        visitor_id uuid REFERENCES visitors(id) ON DELETE CASCADE,
        company_key text NOT NULL,
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        company text NOT NULL DEFAULT '',
        email text NOT NULL,
        lang text NOT NULL CHECK (lang IN ('vi', 'en')),
        country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        sectors text[] NOT NULL DEFAULT '{}',
        offers text[] NOT NULL DEFAULT '{}',
        seeks text[] NOT NULL DEFAULT '{}',
        company_size text NOT NULL CHECK (company_size IN ('micro', 'small', 'medium', 'large')),
        countries text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        availability jsonb NOT NULL DEFAULT '[]'::jsonb,
        token_hash bytea NOT NULL UNIQUE,
        opted_in_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((exhibitor_id IS NULL) <> (visitor_id IS NULL)),
        UNIQUE (fair_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX mm_participants_exhibitor_key ON mm_participants (fair_id, exhibitor_id) WHERE exhibitor_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX mm_participants_visitor_key ON mm_participants (fair_id, visitor_id) WHERE visitor_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE mm_tables (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        booth_id uuid,
        owner_participant_id uuid,
        active boolean NOT NULL DEFAULT true,
        UNIQUE (fair_id, name),
        FOREIGN KEY (fair_id, owner_participant_id) REFERENCES mm_participants (fair_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE mm_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        from_id uuid NOT NULL,
        to_id uuid NOT NULL,
        message text NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
        preferred_starts timestamptz[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        answered_at timestamptz,
        CHECK (from_id <> to_id),
        CHECK ((status = 'pending') = (answered_at IS NULL)),
        FOREIGN KEY (fair_id, from_id) REFERENCES mm_participants (fair_id, id) ON DELETE CASCADE,
        FOREIGN KEY (fair_id, to_id) REFERENCES mm_participants (fair_id, id) ON DELETE CASCADE
      )`);
    // one live request per pair, whichever way round: a second one is a clear 409, never a twin
    await q.query(`
      CREATE UNIQUE INDEX mm_requests_live_pair ON mm_requests (fair_id, least(from_id, to_id), greatest(from_id, to_id))
      WHERE status IN ('pending', 'accepted')`);
    await q.query(`CREATE INDEX mm_requests_pending_expiry ON mm_requests (expires_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE mm_meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        request_id uuid NOT NULL UNIQUE REFERENCES mm_requests(id) ON DELETE CASCADE,
        a_id uuid NOT NULL,
        b_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'scheduled', 'held', 'no-show', 'cancelled')),
        table_id uuid REFERENCES mm_tables(id),
        during tstzrange,
        a_checked_at timestamptz,
        b_checked_at timestamptz,
        held_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (a_id <> b_id),
        CHECK ((status IN ('scheduled', 'held', 'no-show')) = (during IS NOT NULL AND table_id IS NOT NULL)),
        CHECK ((status = 'held') = (held_at IS NOT NULL)),
        FOREIGN KEY (fair_id, a_id) REFERENCES mm_participants (fair_id, id) ON DELETE CASCADE,
        FOREIGN KEY (fair_id, b_id) REFERENCES mm_participants (fair_id, id) ON DELETE CASCADE,
        CONSTRAINT mm_meetings_table_overlap EXCLUDE USING gist (table_id WITH =, during WITH &&)
          WHERE (during IS NOT NULL AND status <> 'cancelled')
      )`);
    // one seat per participant of a scheduled meeting: a participant is never in two places at once
    await q.query(`
      CREATE TABLE mm_seats (
        meeting_id uuid NOT NULL REFERENCES mm_meetings(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES mm_participants(id) ON DELETE CASCADE,
        during tstzrange NOT NULL,
        PRIMARY KEY (meeting_id, participant_id),
        CONSTRAINT mm_seats_participant_overlap EXCLUDE USING gist (participant_id WITH =, during WITH &&)
      )`);
    await q.query(`CREATE INDEX mm_meetings_fair_status ON mm_meetings (fair_id, status)`);

    await q.query(`
      CREATE TABLE mm_proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        placed integer NOT NULL,
        considered integer NOT NULL,
        upper_bound integer NOT NULL,
        placements jsonb NOT NULL,
        unplaced jsonb NOT NULL,
        published_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['mm_proposals', 'mm_seats', 'mm_meetings', 'mm_requests', 'mm_tables', 'mm_participants', 'mm_settings']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
