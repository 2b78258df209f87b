import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Gates, gate devices, scans (one row per device and nonce), who is inside, offline conflicts. */
export class Checkin1790000210000 implements MigrationInterface {
  name = 'Checkin1790000210000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$'),
        name_vi text NOT NULL CHECK (length(name_vi) BETWEEN 1 AND 200),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (fair_id, code),
        UNIQUE (fair_id, id)
      )`);

    // A device belongs to one gate of one fair; the gate staff member signed in on it is recorded.
    await q.query(`
      CREATE TABLE gate_devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL,
        gate_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        staff_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        signed_in_at timestamptz,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (fair_id, gate_id) REFERENCES gates(fair_id, id) ON DELETE CASCADE,
        UNIQUE (fair_id, id)
      )`);

    // One row per pass: admissions happen by a conditional UPDATE of this row, so two gates
    // scanning the same code at once serialize on its row lock and only one WHERE still holds.
    await q.query(`
      CREATE TABLE checkin_presence (
        pass_id uuid PRIMARY KEY REFERENCES passes(id) ON DELETE CASCADE,
        fair_id uuid NOT NULL,
        inside boolean NOT NULL DEFAULT false,
        admissions integer NOT NULL DEFAULT 0,
        last_admitted_on date,
        last_in_at timestamptz,
        last_out_at timestamptz,
        last_admission_scan_id bigint
      )`);
    await q.query(`CREATE INDEX checkin_presence_inside_idx ON checkin_presence (fair_id) WHERE inside`);

    // Every scan, online or uploaded later; (device, nonce) unique so a re-sent scan is stored once.
    await q.query(`
      CREATE TABLE checkin_scans (
        id bigserial PRIMARY KEY,
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        device_id uuid NOT NULL,
        gate_id uuid NOT NULL,
        nonce text NOT NULL CHECK (length(nonce) BETWEEN 8 AND 100),
        direction text NOT NULL CHECK (direction IN ('in', 'out')),
        pass_id uuid,
        serial bigint,
        issue integer,
        visitor_type text,
        verdict text NOT NULL CHECK (verdict IN ('admitted', 're-entry', 'already-inside', 'not-valid-yet', 'expired', 'revoked', 'invalid', 'exited', 'not-inside')),
        reason text,
        scanned_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        offline boolean NOT NULL DEFAULT false,
        staff_user_id uuid,
        FOREIGN KEY (fair_id, device_id) REFERENCES gate_devices(fair_id, id),
        UNIQUE (device_id, nonce)
      )`);
    await q.query(`CREATE INDEX checkin_scans_fair_time_idx ON checkin_scans (fair_id, scanned_at)`);
    await q.query(`CREATE INDEX checkin_scans_pass_idx ON checkin_scans (pass_id, scanned_at) WHERE pass_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE checkin_conflicts (
        id bigserial PRIMARY KEY,
        fair_id uuid NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
        pass_id uuid NOT NULL,
        scan_id bigint NOT NULL UNIQUE REFERENCES checkin_scans(id) ON DELETE CASCADE,
        earlier_scan_id bigint REFERENCES checkin_scans(id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('double-admission', 'admitted-while-invalid')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX checkin_conflicts_fair_idx ON checkin_conflicts (fair_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['checkin_conflicts', 'checkin_scans', 'checkin_presence', 'gate_devices', 'gates']) await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
  }
}
