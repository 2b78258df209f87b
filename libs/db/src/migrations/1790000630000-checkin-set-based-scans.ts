import type { MigrationInterface, QueryRunner } from 'typeorm';

const ARRAY_ARGS = `p_fair uuid[], p_device uuid[], p_gate uuid[], p_nonce text[], p_direction text[], p_at timestamptz[],
        p_offline boolean[], p_staff uuid[], p_gate_admitted boolean[], p_tz text[],
        p_decode_reason text[], p_serial bigint[], p_issue integer[], p_valid_from bigint[], p_valid_until bigint[], p_policy text[]`;
const ARRAY_TYPES = 'uuid[], uuid[], uuid[], text[], text[], timestamptz[], boolean[], uuid[], boolean[], text[], text[], bigint[], integer[], bigint[], bigint[], text[]';
const PASS_ARGS = 'p_fair, p_device, p_gate, p_nonce, p_direction, p_at, p_offline, p_staff, p_gate_admitted, p_tz, p_decode_reason, p_serial, p_issue, p_valid_from, p_valid_until, p_policy';
const RESULT = `TABLE (i integer, scan_id bigint, verdict text, reason text, replayed boolean, conflict boolean,
                     visitor_name text, company text, visitor_type text, serial bigint)`;

/**
 * A statement of online scans recorded as a set (docs/decisions/019-set-based-scan-statement.md):
 * the per-scan function ran four or five SQL statements for each scan (replay lookup, pass, presence,
 * scan row), each with its own executor start-up; here each of those is one statement for all of
 * the scans. Same verdicts, rows and tally job as the per-scan loop (a test compares the two).
 *
 * The set is only exact when no two scans of the statement touch the same row: each pass at most
 * once, each device + nonce at most once, and no offline scans (whose conflicts depend on the
 * order). `checkin_record_scans` checks that and otherwise runs the loop, now named
 * `checkin_record_scans_each` (unchanged; migration 1790000620000).
 */
export class CheckinSetBasedScans1790000630000 implements MigrationInterface {
  name = 'CheckinSetBasedScans1790000630000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION checkin_record_scans(${ARRAY_TYPES}) RENAME TO checkin_record_scans_each`);

    // A copy of a scan committed by another transaction after this statement's snapshot: the
    // same answer the loop gives (40001, retried, then answered as replayed).
    await q.query(`
      CREATE FUNCTION checkin_scan_raced(p_device uuid, p_nonce text) RETURNS bigint LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'scan % of device % was recorded concurrently', p_nonce, p_device USING ERRCODE = '40001';
      END
      $fn$`);

    await q.query(`
      CREATE FUNCTION checkin_record_scans_set(${ARRAY_ARGS}) RETURNS ${RESULT}
      LANGUAGE plpgsql
      -- The plan is made once per connection and kept. Made while checkin_scans was still small
      -- (the morning of the fair, a fresh database) it looked for re-sent scans with a hash join
      -- over a sequential scan, and kept doing so as the table grew: measured 0.26 ms per scan
      -- after 4,000 scans, 1 ms after 16,000. Every lookup here is by a unique key of at most 64
      -- rows, so index lookups in nested loops are right at every table size.
      SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
      AS $fn$
      #variable_conflict use_column
      -- plpgsql, not sql: plpgsql keeps the statement's plan between calls, an SQL function
      -- (before PostgreSQL 18) plans it again on every call.
      BEGIN
      RETURN QUERY
      WITH inp AS MATERIALIZED (
        SELECT u.*, CASE WHEN u.decode_reason IS NULL THEN u.code_serial END AS serial_ok
          FROM unnest(${PASS_ARGS}) WITH ORDINALITY
               AS u(fair, device, gate, nonce, direction, at, offline, staff, gate_admitted, tz, decode_reason, code_serial, issue, valid_from, valid_until, policy, k)
      ),
      -- Re-sent scans get their first answer and change nothing.
      prior AS MATERIALIZED (
        SELECT i.k, s.id, s.verdict, s.reason, EXISTS (SELECT 1 FROM checkin_conflicts c WHERE c.scan_id = s.id) AS conflict,
               v.name, v.company, v.visitor_type, s.serial
          FROM inp i JOIN checkin_scans s ON s.device_id = i.device AND s.nonce = i.nonce
          LEFT JOIN passes p ON p.id = s.pass_id LEFT JOIN visitors v ON v.id = p.visitor_id
      ),
      -- The verdicts the pass alone decides; null where the presence row decides. The scan's id
      -- first: an admission records it in the presence row.
      fresh AS MATERIALIZED (
        SELECT i.*, nextval('checkin_scans_id_seq') AS scan_id, p.id AS pass_id, v.name, v.company, v.visitor_type AS vtype,
               CASE WHEN i.decode_reason IS NOT NULL OR p.id IS NULL OR i.issue > p.issue THEN 'invalid'
                    WHEN p.status = 'revoked' OR i.issue < p.issue THEN 'revoked'
                    WHEN extract(epoch FROM i.at) < i.valid_from THEN 'not-valid-yet'
                    WHEN extract(epoch FROM i.at) > i.valid_until THEN 'expired' END AS static_verdict,
               CASE WHEN i.decode_reason IS NOT NULL THEN i.decode_reason
                    WHEN p.id IS NULL OR i.issue > p.issue THEN 'unknown-pass'
                    WHEN p.status = 'revoked' THEN 'cancelled'
                    WHEN i.issue < p.issue THEN 'reissued' END AS static_reason
          FROM inp i
          LEFT JOIN passes p ON i.decode_reason IS NULL AND p.fair_id = i.fair AND p.serial = i.code_serial
          LEFT JOIN visitors v ON v.id = p.visitor_id
         WHERE NOT EXISTS (SELECT 1 FROM prior WHERE prior.k = i.k)
         ORDER BY i.k
      ),
      entering AS MATERIALIZED (
        SELECT f.pass_id, f.fair, (f.at AT TIME ZONE f.tz)::date AS on_date, f.at, f.scan_id, f.policy, f.code_serial
          FROM fresh f WHERE f.static_verdict IS NULL AND f.direction <> 'out'
      ),
      -- One upsert per entry policy, because ON CONFLICT's WHERE sees only the row and EXCLUDED.
      -- Two gates at once: the second waits on the row lock and re-checks the WHERE against the
      -- first one's committed row. Rows in serial order, like the loop and the API's batches.
      in_single AS (
        INSERT INTO checkin_presence AS cp (pass_id, fair_id, inside, admissions, last_admitted_on, last_in_at, last_admission_scan_id)
        SELECT e.pass_id, e.fair, true, 1, e.on_date, e.at, e.scan_id FROM entering e WHERE e.policy = 'single' ORDER BY e.code_serial
        ON CONFLICT (pass_id) DO UPDATE SET inside = true, admissions = cp.admissions + 1, last_admitted_on = EXCLUDED.last_admitted_on,
               last_in_at = EXCLUDED.last_in_at, last_admission_scan_id = EXCLUDED.last_admission_scan_id
         WHERE cp.admissions = 0
        RETURNING cp.pass_id, cp.admissions
      ),
      in_reentry AS (
        INSERT INTO checkin_presence AS cp (pass_id, fair_id, inside, admissions, last_admitted_on, last_in_at, last_admission_scan_id)
        SELECT e.pass_id, e.fair, true, 1, e.on_date, e.at, e.scan_id FROM entering e WHERE e.policy = 're-entry' ORDER BY e.code_serial
        ON CONFLICT (pass_id) DO UPDATE SET inside = true, admissions = cp.admissions + 1, last_admitted_on = EXCLUDED.last_admitted_on,
               last_in_at = EXCLUDED.last_in_at, last_admission_scan_id = EXCLUDED.last_admission_scan_id
         WHERE NOT cp.inside
        RETURNING cp.pass_id, cp.admissions
      ),
      in_daily AS (
        INSERT INTO checkin_presence AS cp (pass_id, fair_id, inside, admissions, last_admitted_on, last_in_at, last_admission_scan_id)
        SELECT e.pass_id, e.fair, true, 1, e.on_date, e.at, e.scan_id FROM entering e
         WHERE e.policy IS DISTINCT FROM 'single' AND e.policy IS DISTINCT FROM 're-entry' ORDER BY e.code_serial
        ON CONFLICT (pass_id) DO UPDATE SET inside = true, admissions = cp.admissions + 1, last_admitted_on = EXCLUDED.last_admitted_on,
               last_in_at = EXCLUDED.last_in_at, last_admission_scan_id = EXCLUDED.last_admission_scan_id
         WHERE cp.last_admitted_on IS DISTINCT FROM EXCLUDED.last_admitted_on
        RETURNING cp.pass_id, cp.admissions
      ),
      exits AS (
        UPDATE checkin_presence cp SET inside = false, last_out_at = f.at
          FROM fresh f
         WHERE f.static_verdict IS NULL AND f.direction = 'out' AND cp.pass_id = f.pass_id AND cp.inside
        RETURNING cp.pass_id
      ),
      admitted AS (
        SELECT * FROM in_single UNION ALL SELECT * FROM in_reentry UNION ALL SELECT * FROM in_daily
      ),
      decided AS MATERIALIZED (
        SELECT f.*,
               CASE WHEN f.static_verdict IS NOT NULL THEN f.static_verdict
                    WHEN f.direction = 'out' THEN CASE WHEN x.pass_id IS NOT NULL THEN 'exited' ELSE 'not-inside' END
                    WHEN a.admissions IS NULL THEN 'already-inside'
                    WHEN f.policy = 're-entry' AND a.admissions > 1 THEN 're-entry'
                    ELSE 'admitted' END AS verdict,
               CASE WHEN f.static_verdict IS NOT NULL THEN f.static_reason
                    WHEN f.direction <> 'out' AND a.admissions IS NULL THEN
                      CASE f.policy WHEN 'single' THEN 'single-entry-used' WHEN 'once-per-day' THEN 'used-today' ELSE 'inside' END
               END AS reason
          FROM fresh f
          LEFT JOIN admitted a ON f.direction <> 'out' AND a.pass_id = f.pass_id
          LEFT JOIN exits x ON f.direction = 'out' AND x.pass_id = f.pass_id
      ),
      -- Written once, with its verdict; a copy another transaction recorded meanwhile wins.
      stored AS (
        INSERT INTO checkin_scans (id, fair_id, device_id, gate_id, nonce, direction, verdict, reason, scanned_at, offline, staff_user_id,
                                   pass_id, serial, issue, visitor_type)
        SELECT d.scan_id, d.fair, d.device, d.gate, d.nonce, d.direction, d.verdict, d.reason, d.at, d.offline, d.staff,
               d.pass_id, d.serial_ok, CASE WHEN d.decode_reason IS NULL THEN d.issue END, d.vtype
          FROM decided d
        ON CONFLICT (device_id, nonce) DO NOTHING
        RETURNING id
      ),
      -- Same row shape OutboxService.enqueue writes; one job per fair for this statement's scans.
      tally AS (
        INSERT INTO outbox (job_name, payload, dedupe_key, available_at)
        SELECT 'tallies.visits',
               jsonb_build_object('fairId', d.fair, 'timeZone', min(d.tz),
                 'scans', jsonb_agg(jsonb_build_object('scanId', d.scan_id::text, 'gateId', d.gate, 'visitorType', d.vtype, 'verdict', d.verdict,
                                                       'at', to_char(d.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                                    ORDER BY d.scan_id)),
               'tallies:' || min(d.scan_id), now()
          FROM decided d WHERE d.verdict IN ('admitted', 're-entry', 'exited')
         GROUP BY d.fair
        ON CONFLICT (dedupe_key) DO NOTHING
      )
      SELECT r.k::integer, r.scan_id, r.verdict, r.reason, r.replayed, r.conflict, r.name, r.company, r.visitor_type, r.serial
        FROM (SELECT p.k, p.id AS scan_id, p.verdict, p.reason, true AS replayed, p.conflict, p.name, p.company, p.visitor_type, p.serial
                FROM prior p
              UNION ALL
              SELECT d.k, CASE WHEN s.id IS NULL THEN checkin_scan_raced(d.device, d.nonce) ELSE d.scan_id END,
                     d.verdict, d.reason, false, false, d.name, d.company, d.vtype, d.serial_ok
                FROM decided d LEFT JOIN stored s ON s.id = d.scan_id) r
       ORDER BY r.k;
      END
      $fn$`);

    await q.query(`
      CREATE FUNCTION checkin_record_scans(${ARRAY_ARGS}) RETURNS ${RESULT}
      LANGUAGE plpgsql AS $fn$
      BEGIN
        -- The set is exact only when no two scans of the statement touch the same row.
        IF NOT (true = ANY (p_offline))
           AND (SELECT count(*) = count(DISTINCT (d, n)) FROM unnest(p_device, p_nonce) AS x(d, n))
           AND (SELECT count(*) = count(DISTINCT (f, s)) FROM unnest(p_fair, p_serial, p_decode_reason) AS y(f, s, r) WHERE r IS NULL)
        THEN
          RETURN QUERY SELECT * FROM checkin_record_scans_set(${PASS_ARGS});
        ELSE
          RETURN QUERY SELECT * FROM checkin_record_scans_each(${PASS_ARGS});
        END IF;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION checkin_record_scans(${ARRAY_TYPES})`);
    await q.query(`DROP FUNCTION checkin_record_scans_set(${ARRAY_TYPES})`);
    await q.query(`DROP FUNCTION checkin_scan_raced(uuid, text)`);
    await q.query(`ALTER FUNCTION checkin_record_scans_each(${ARRAY_TYPES}) RENAME TO checkin_record_scans`);
  }
}
