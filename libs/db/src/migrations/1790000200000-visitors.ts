import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Visitors, their passes (signed QR codes), the fairs' signing keys, revocations, invitation batches. */
export class Visitors1790000200000 implements MigrationInterface {
  name = 'Visitors1790000200000';

  async up(q: QueryRunner): Promise<void> {
    // One active signing key per fair (partial unique index); retired keys still verify.
    await q.query(`
      CREATE TABLE qr_keys (
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        key_id integer NOT NULL CHECK (key_id BETWEEN 1 AND 65535),
        public_key bytea NOT NULL CHECK (length(public_key) = 32),
        private_key_sealed bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        PRIMARY KEY (fair_id, key_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX qr_keys_one_active_key ON qr_keys (fair_id) WHERE retired_at IS NULL`);

    await q.query(`
      CREATE TABLE visitors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        company text NOT NULL DEFAULT '' CHECK (length(company) <= 200),
        country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        phone text CHECK (length(phone) <= 40),
        visitor_type text NOT NULL CHECK (visitor_type IN ('trade-buyer', 'importer', 'general', 'press', 'exhibitor-staff')),
        sectors jsonb NOT NULL DEFAULT '[]'::jsonb,
        lang text NOT NULL CHECK (lang IN ('vi', 'en')),
        consent_at timestamptz NOT NULL,
        source text NOT NULL CHECK (source IN ('registration', 'organiser', 'import', 'exhibitor')),
        exhibitor_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (fair_id, id)
      )`);
    // One registration per person and fair: a second attempt is a clear 409, never a twin.
    await q.query(`CREATE UNIQUE INDEX visitors_fair_email_key ON visitors (fair_id, lower(email))`);
    await q.query(`CREATE INDEX visitors_fair_type_idx ON visitors (fair_id, visitor_type)`);

    // Serials come from one sequence: unique across fairs, no per-fair counter row to contend on.
    await q.query(`CREATE SEQUENCE pass_serial_seq MINVALUE 1 MAXVALUE 4294967295`);
    await q.query(`
      CREATE TABLE passes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        visitor_id uuid NOT NULL UNIQUE,
        serial bigint NOT NULL UNIQUE DEFAULT nextval('pass_serial_seq'),
        issue integer NOT NULL DEFAULT 1 CHECK (issue BETWEEN 1 AND 65535),
        visitor_type text NOT NULL,
        entry_policy text NOT NULL CHECK (entry_policy IN ('single', 're-entry', 'once-per-day')),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        key_id integer NOT NULL,
        code text NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_until >= valid_from),
        FOREIGN KEY (fair_id, visitor_id) REFERENCES visitors(fair_id, id) ON DELETE CASCADE,
        FOREIGN KEY (fair_id, key_id) REFERENCES qr_keys(fair_id, key_id),
        UNIQUE (fair_id, serial)
      )`);

    await q.query(`
      CREATE TABLE pass_revocations (
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        serial bigint NOT NULL,
        issue integer NOT NULL,
        reason text NOT NULL CHECK (reason IN ('reissued', 'cancelled')),
        revoked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fair_id, serial, issue)
      )`);

    await q.query(`
      CREATE TABLE invitation_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        filter jsonb NOT NULL DEFAULT '{}'::jsonb,
        total integer NOT NULL DEFAULT 0,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX invitation_batches_fair_idx ON invitation_batches (fair_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['invitation_batches', 'pass_revocations', 'passes', 'visitors', 'qr_keys']) await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    await q.query(`DROP SEQUENCE IF EXISTS pass_serial_seq`);
  }
}
