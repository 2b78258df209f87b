import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Exhibitor applications (one row per company per fair), their one-time tokens and staff. */
export class Exhibitors1790000100000 implements MigrationInterface {
  name = 'Exhibitors1790000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exhibitors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'email_confirmed', 'under_review', 'approved',
                                               'rejected', 'changes_requested', 'withdrawn')),
        legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 300),
        name_vi text CHECK (length(name_vi) <= 300),
        name_en text CHECK (length(name_en) <= 300),
        country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        origin text NOT NULL CHECK (origin IN ('international', 'domestic')),
        origin_overridden boolean NOT NULL DEFAULT false,
        -- normalised (upper case, no spaces, dots or dashes) so "0101 234-567" equals "0101234567"
        tax_id text NOT NULL CHECK (tax_id ~ '^[A-Z0-9]{4,40}$'),
        address text NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
        website text CHECK (length(website) <= 300),
        sectors jsonb NOT NULL DEFAULT '[]'::jsonb,
        products text NOT NULL DEFAULT '' CHECK (length(products) <= 2000),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
        logo_url text CHECK (length(logo_url) <= 500),
        contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 200),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        phone text NOT NULL CHECK (phone ~ '^\\+[0-9]{6,15}$'),
        lang text NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
        booth_requests jsonb NOT NULL DEFAULT '{}'::jsonb,
        placement jsonb NOT NULL DEFAULT '{}'::jsonb,
        consent_at timestamptz NOT NULL,
        -- argon2 hash of a password chosen at application; moved to the user at confirmation
        pending_password_hash text,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        review_note text CHECK (length(review_note) <= 2000),
        source text NOT NULL DEFAULT 'online' CHECK (source IN ('online', 'import')),
        submitted_at timestamptz,
        email_confirmed_at timestamptz,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One live application per company per fair: same tax number or same email. Rejected and
    // withdrawn ones no longer count, so a company may apply again after either.
    await q.query(`CREATE UNIQUE INDEX exhibitors_live_tax_key ON exhibitors (fair_id, tax_id)
                   WHERE status NOT IN ('rejected', 'withdrawn')`);
    await q.query(`CREATE UNIQUE INDEX exhibitors_live_email_key ON exhibitors (fair_id, lower(email))
                   WHERE status NOT IN ('rejected', 'withdrawn')`);
    await q.query(`CREATE INDEX exhibitors_fair_status_idx ON exhibitors (fair_id, status, created_at)`);
    await q.query(`CREATE INDEX exhibitors_user_idx ON exhibitors (user_id) WHERE user_id IS NOT NULL`);

    // Only the id is stored; the link carries id + HMAC(APP_SECRET), so a database leak yields no links.
    await q.query(`
      CREATE TABLE exhibitor_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exhibitor_id uuid REFERENCES exhibitors(id) ON DELETE CASCADE,
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('confirm-email', 'magic-link', 'draft')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CHECK (exhibitor_id IS NOT NULL OR user_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX exhibitor_tokens_exhibitor_idx ON exhibitor_tokens (exhibitor_id)`);

    await q.query(`
      CREATE TABLE exhibitor_staff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exhibitor_id uuid NOT NULL REFERENCES exhibitors(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role text NOT NULL DEFAULT '' CHECK (length(role) <= 100),
        email text CHECK (length(email) <= 254),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX exhibitor_staff_exhibitor_idx ON exhibitor_staff (exhibitor_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['exhibitor_staff', 'exhibitor_tokens', 'exhibitors']) await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
  }
}
