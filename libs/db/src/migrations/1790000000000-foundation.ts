import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, sessions, audit log, outbox; fairs, halls and booth floor plans. */
export class Foundation1790000000000 implements MigrationInterface {
  name = 'Foundation1790000000000';

  async up(q: QueryRunner): Promise<void> {
    // btree_gist lets exclusion constraints mix equality on ids with range overlap (meetings).
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('organiser', 'gate', 'exhibitor')),
        password_hash text,
        lang text NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);

    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        user_agent text
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        actor_role text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        fair_id uuid,
        before jsonb,
        after jsonb,
        reason text
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id)`);
    await q.query(`CREATE INDEX audit_log_fair_idx ON audit_log (fair_id, at)`);

    // Side effects that must happen once are written here in the same transaction as the
    // change that causes them; the relay moves them to BullMQ with jobId = outbox id.
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        relay_count integer NOT NULL DEFAULT 0,
        completed_at timestamptz,
        failed_at timestamptz,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (available_at, id) WHERE relayed_at IS NULL`);
    // Relayed but not finished: the sweeper re-relays these when Redis lost the job.
    await q.query(`CREATE INDEX outbox_inflight_idx ON outbox (relayed_at) WHERE relayed_at IS NOT NULL AND completed_at IS NULL AND failed_at IS NULL`);

    // Every email the system sends: rendered and sent by the mail.send job, at most once per row.
    await q.query(`
      CREATE TABLE mail_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        to_address text NOT NULL,
        lang text NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
        template text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        fair_id uuid,
        batch_id uuid,
        dedupe_key text UNIQUE,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
        subject text,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX mail_messages_batch_idx ON mail_messages (batch_id, status) WHERE batch_id IS NOT NULL`);
    await q.query(`CREATE INDEX mail_messages_to_idx ON mail_messages (lower(to_address), created_at)`);

    await q.query(`
      CREATE TABLE fairs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
        name_vi text NOT NULL CHECK (length(name_vi) BETWEEN 1 AND 300),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 300),
        venue_vi text NOT NULL DEFAULT '',
        venue_en text NOT NULL DEFAULT '',
        organiser_vi text NOT NULL DEFAULT '',
        organiser_en text NOT NULL DEFAULT '',
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        time_zone text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
        sectors jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on)
      )`);

    await q.query(`
      CREATE TABLE halls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$'),
        name_vi text NOT NULL,
        name_en text NOT NULL,
        UNIQUE (fair_id, code),
        UNIQUE (fair_id, id)
      )`);

    await q.query(`
      CREATE TABLE booths (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        hall_id uuid NOT NULL,
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$'),
        kind text NOT NULL CHECK (kind IN ('international', 'domestic', 'technical-matchmaking', 'technical-workshop')),
        area_m2 numeric(8,2) NOT NULL CHECK (area_m2 > 0),
        is_corner boolean NOT NULL DEFAULT false,
        price_vnd bigint NOT NULL DEFAULT 0 CHECK (price_vnd >= 0),
        x numeric(10,2) NOT NULL,
        y numeric(10,2) NOT NULL,
        width numeric(10,2) NOT NULL CHECK (width > 0),
        height numeric(10,2) NOT NULL CHECK (height > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (fair_id, code),
        UNIQUE (fair_id, id),
        -- a booth's hall must belong to the same fair
        FOREIGN KEY (fair_id, hall_id) REFERENCES halls(fair_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX booths_fair_kind_idx ON booths (fair_id, kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['booths', 'halls', 'fairs', 'mail_messages', 'outbox', 'audit_log', 'sessions', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
  }
}
