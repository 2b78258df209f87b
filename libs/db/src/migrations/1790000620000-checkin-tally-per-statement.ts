import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CheckinScanBatch1790000230000 } from './1790000230000-checkin-scan-batch';

/**
 * Less work per gate scan (docs/decisions/018-scan-statement-costs.md):
 * - `checkin_record_scan` writes each scan row once, with its verdict: it looks for a re-sent copy
 *   (device + nonce) first, decides the verdict (pass, then the presence row under its lock), then
 *   inserts the scan. Before, it inserted the scan, then updated its verdict. A copy recorded
 *   concurrently by another transaction makes this one fail as a serialization failure (40001),
 *   which the API retries; the retry answers with the copy. It no longer writes an outbox row,
 *   and returns one record (OUT parameters) instead of a set.
 * - `checkin_record_scans` (now the only way scans are recorded) collects the scans that counted
 *   (admitted, re-entry, exited; never a replay) and writes one `tallies.visits` outbox row per
 *   fair in the same transaction, so the tally job exists exactly when its scans do. Its
 *   dedupe key is the lowest scan id of the group: a scan belongs to exactly one statement.
 */
export class CheckinTallyPerStatement1790000620000 implements MigrationInterface {
  name = 'CheckinTallyPerStatement1790000620000';

  async up(q: QueryRunner): Promise<void> {
    // A plain function with OUT parameters now (no RETURNS TABLE): the caller gets a record
    // without a set-returning call and its tuplestore per scan. Nothing else calls it.
    await q.query(`DROP FUNCTION IF EXISTS checkin_record_scans`);
    await q.query(`DROP FUNCTION IF EXISTS checkin_record_scan`);
    await q.query(`
      CREATE FUNCTION checkin_record_scan(
        p_fair uuid, p_device uuid, p_gate uuid, p_nonce text, p_direction text, p_at timestamptz,
        p_offline boolean, p_staff uuid, p_gate_admitted boolean, p_tz text,
        p_decode_reason text, p_serial bigint, p_issue integer, p_valid_from bigint, p_valid_until bigint, p_policy text,
        OUT o_scan bigint, OUT o_verdict text, OUT o_reason text, OUT o_replayed boolean, OUT o_conflict boolean,
        OUT o_name text, OUT o_company text, OUT o_type text, OUT o_serial bigint)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_adm integer; v_pass uuid; v_issue integer; v_status text;
        v_decided boolean := true;
      BEGIN
        -- A re-sent scan gets its first answer and changes nothing.
        SELECT s.id, s.verdict, s.reason, EXISTS (SELECT 1 FROM checkin_conflicts c WHERE c.scan_id = s.id), v.name, v.company, v.visitor_type, s.serial
          INTO o_scan, o_verdict, o_reason, o_conflict, o_name, o_company, o_type, o_serial
          FROM checkin_scans s LEFT JOIN passes p ON p.id = s.pass_id LEFT JOIN visitors v ON v.id = p.visitor_id
         WHERE s.device_id = p_device AND s.nonce = p_nonce;
        IF FOUND THEN
          o_replayed := true;
          RETURN;
        END IF;
        o_replayed := false; o_conflict := false; -- the SELECT above set them to null

        o_serial := CASE WHEN p_decode_reason IS NULL THEN p_serial END;
        -- Reading the pass changes nothing; the verdicts that need no presence row are known here.
        IF p_decode_reason IS NOT NULL THEN
          o_verdict := 'invalid'; o_reason := p_decode_reason;
        ELSE
          SELECT p.id, p.issue, p.status, v.name, v.company, v.visitor_type
            INTO v_pass, v_issue, v_status, o_name, o_company, o_type
            FROM passes p JOIN visitors v ON v.id = p.visitor_id WHERE p.fair_id = p_fair AND p.serial = p_serial;
          IF v_pass IS NULL OR p_issue > v_issue THEN
            o_verdict := 'invalid'; o_reason := 'unknown-pass';
          ELSIF v_status = 'revoked' OR p_issue < v_issue THEN
            o_verdict := 'revoked'; o_reason := CASE WHEN v_status = 'revoked' THEN 'cancelled' ELSE 'reissued' END;
          ELSIF extract(epoch FROM p_at) < p_valid_from THEN
            o_verdict := 'not-valid-yet';
          ELSIF extract(epoch FROM p_at) > p_valid_until THEN
            o_verdict := 'expired';
          ELSE
            v_decided := false; -- decided by the presence row below
          END IF;
        END IF;

        -- The scan's id first: an admission records it in the presence row.
        o_scan := nextval('checkin_scans_id_seq');
        IF NOT v_decided THEN
          IF p_direction = 'out' THEN
            UPDATE checkin_presence SET inside = false, last_out_at = p_at WHERE pass_id = v_pass AND inside;
            o_verdict := CASE WHEN FOUND THEN 'exited' ELSE 'not-inside' END;
          ELSE
            -- Two gates at once: the second waits on the row lock (taken even when the WHERE below
            -- refuses) and re-checks the WHERE against the first one's committed row.
            INSERT INTO checkin_presence AS cp (pass_id, fair_id, inside, admissions, last_admitted_on, last_in_at, last_admission_scan_id)
            VALUES (v_pass, p_fair, true, 1, (p_at AT TIME ZONE p_tz)::date, p_at, o_scan)
            ON CONFLICT (pass_id) DO UPDATE SET inside = true, admissions = cp.admissions + 1,
                   last_admitted_on = EXCLUDED.last_admitted_on, last_in_at = EXCLUDED.last_in_at,
                   last_admission_scan_id = EXCLUDED.last_admission_scan_id
             WHERE CASE p_policy WHEN 'single' THEN cp.admissions = 0
                                 WHEN 're-entry' THEN NOT cp.inside
                                 ELSE cp.last_admitted_on IS DISTINCT FROM EXCLUDED.last_admitted_on END
            RETURNING cp.admissions INTO v_adm;
            IF v_adm IS NOT NULL THEN
              o_verdict := CASE WHEN p_policy = 're-entry' AND v_adm > 1 THEN 're-entry' ELSE 'admitted' END;
            ELSE
              o_verdict := 'already-inside';
              o_reason := CASE p_policy WHEN 'single' THEN 'single-entry-used' WHEN 'once-per-day' THEN 'used-today' ELSE 'inside' END;
            END IF;
          END IF;
        END IF;

        -- Written once, with its verdict. A copy of this scan (same device and nonce) that another
        -- transaction recorded meanwhile wins: this transaction is retried as a serialization
        -- failure (rolling back any presence change above), and the retry answers with that copy.
        INSERT INTO checkin_scans (id, fair_id, device_id, gate_id, nonce, direction, verdict, reason, scanned_at, offline, staff_user_id,
                                   pass_id, serial, issue, visitor_type)
        VALUES (o_scan, p_fair, p_device, p_gate, p_nonce, p_direction, o_verdict, o_reason, p_at, p_offline, p_staff,
                v_pass, o_serial, CASE WHEN p_decode_reason IS NULL THEN p_issue END, o_type)
        ON CONFLICT (device_id, nonce) DO NOTHING;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'scan % of device % was recorded concurrently', p_nonce, p_device USING ERRCODE = '40001';
        END IF;

        -- An offline gate let someone through whom the server would not have: the organisers' report.
        IF p_offline AND p_gate_admitted AND v_pass IS NOT NULL AND o_verdict NOT IN ('admitted', 're-entry') THEN
          INSERT INTO checkin_conflicts (fair_id, pass_id, scan_id, earlier_scan_id, kind)
          SELECT p_fair, v_pass, o_scan, (SELECT last_admission_scan_id FROM checkin_presence WHERE pass_id = v_pass),
                 CASE WHEN o_verdict = 'already-inside' THEN 'double-admission' ELSE 'admitted-while-invalid' END;
          o_conflict := true;
        END IF;
      END
      $fn$`);

    await q.query(`
      CREATE FUNCTION checkin_record_scans(
        p_fair uuid[], p_device uuid[], p_gate uuid[], p_nonce text[], p_direction text[], p_at timestamptz[],
        p_offline boolean[], p_staff uuid[], p_gate_admitted boolean[], p_tz text[],
        p_decode_reason text[], p_serial bigint[], p_issue integer[], p_valid_from bigint[], p_valid_until bigint[], p_policy text[])
      RETURNS TABLE (i integer, scan_id bigint, verdict text, reason text, replayed boolean, conflict boolean,
                     visitor_name text, company text, visitor_type text, serial bigint)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        r record;
        v_counted jsonb[] := '{}';
      BEGIN
        FOR k IN 1 .. coalesce(array_length(p_nonce, 1), 0) LOOP
          r := checkin_record_scan(p_fair[k], p_device[k], p_gate[k], p_nonce[k], p_direction[k], p_at[k],
            p_offline[k], p_staff[k], p_gate_admitted[k], p_tz[k], p_decode_reason[k], p_serial[k], p_issue[k],
            p_valid_from[k], p_valid_until[k], p_policy[k]);
          i := k; scan_id := r.o_scan; verdict := r.o_verdict; reason := r.o_reason; replayed := r.o_replayed; conflict := r.o_conflict;
          visitor_name := r.o_name; company := r.o_company; visitor_type := r.o_type; serial := r.o_serial;
          RETURN NEXT;
          IF NOT r.o_replayed AND r.o_verdict IN ('admitted', 're-entry', 'exited') THEN
            v_counted := v_counted || jsonb_build_object('fairId', p_fair[k], 'timeZone', p_tz[k], 'scanId', r.o_scan::text,
              'gateId', p_gate[k], 'visitorType', r.o_type, 'verdict', r.o_verdict,
              'at', to_char(p_at[k] AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
          END IF;
        END LOOP;
        -- Same row shape OutboxService.enqueue writes; one job per fair for this statement's scans.
        INSERT INTO outbox (job_name, payload, dedupe_key, available_at)
        SELECT 'tallies.visits',
               jsonb_build_object('fairId', t->>'fairId', 'timeZone', min(t->>'timeZone'),
                                  'scans', jsonb_agg(t - 'fairId' - 'timeZone' ORDER BY (t->>'scanId')::bigint)),
               'tallies:' || min((t->>'scanId')::bigint), now()
          FROM unnest(v_counted) AS u(t) GROUP BY t->>'fairId'
        ON CONFLICT (dedupe_key) DO NOTHING;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to one outbox row per scan: the previous migration's definitions.
    await q.query(`DROP FUNCTION IF EXISTS checkin_record_scans`);
    await q.query(`DROP FUNCTION IF EXISTS checkin_record_scan`);
    await new CheckinScanBatch1790000230000().up(q);
  }
}
