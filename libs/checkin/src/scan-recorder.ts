import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryReturning } from '@fair/db';
import { OutboxService } from '@fair/jobs';
import { PassesService, type DecodeResult, type EntryPolicy, type PassForScan } from '@fair/visitors';
import { localDate } from './local-date';
import { MOVING_VERDICTS, type Direction, type Verdict } from './verdicts';

export interface ScanContext {
  fairId: string;
  timeZone: string;
  deviceId: string;
  gateId: string;
  staffUserId: string | null;
  nonce: string;
  direction: Direction;
  decoded: DecodeResult;
  /** Server time online; the gate's own time for uploaded offline scans. */
  at: Date;
  offline: boolean;
  /** For offline scans: did the gate let the person through? */
  gateAdmitted?: boolean;
}

export interface ScanOutcome {
  scanId: string;
  verdict: Verdict;
  reason: string | null;
  replayed: boolean;
  conflict: boolean;
  visitor: { name: string; company: string; visitorType: string } | null;
  serial: number | null;
}

const ADMITTING: readonly Verdict[] = ['admitted', 're-entry'];

// The entry rule of each policy, as the WHERE of the conditional upsert of the presence row.
// Two gates at once: the second waits on the row lock, re-checks this WHERE, and fails it.
const ENTRY_CONDITION: Record<EntryPolicy, string> = {
  single: 'checkin_presence.admissions = 0',
  're-entry': 'NOT checkin_presence.inside',
  'once-per-day': 'checkin_presence.last_admitted_on IS DISTINCT FROM EXCLUDED.last_admitted_on',
};

/**
 * Records one scan in the caller's transaction: the scan row first (unique device + nonce, so a
 * re-sent scan finds its first answer), then the verdict from the pass and the presence row,
 * then a tally job in the outbox for scans that move someone in or out.
 */
@Injectable()
export class ScanRecorder {
  constructor(
    private readonly passes: PassesService,
    private readonly outbox: OutboxService,
  ) {}

  async record(m: EntityManager, ctx: ScanContext): Promise<ScanOutcome> {
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO checkin_scans (fair_id, device_id, gate_id, nonce, direction, verdict, scanned_at, offline, staff_user_id)
       VALUES ($1, $2, $3, $4, $5, 'invalid', $6, $7, $8)
       ON CONFLICT (device_id, nonce) DO NOTHING RETURNING id`,
      [ctx.fairId, ctx.deviceId, ctx.gateId, ctx.nonce, ctx.direction, ctx.at, ctx.offline, ctx.staffUserId],
    );
    if (!inserted[0]) return this.replay(m, ctx);
    const scanId = inserted[0].id;

    if (!ctx.decoded.ok) return this.finish(m, ctx, scanId, null, 'invalid', ctx.decoded.reason);
    const code = ctx.decoded.payload;
    const pass = await this.passes.findForScan(m, ctx.fairId, code.serial);
    if (!pass || code.issue > pass.issue) return this.finish(m, ctx, scanId, pass ?? null, 'invalid', 'unknown-pass');
    if (pass.status === 'revoked' || code.issue < pass.issue) return this.finish(m, ctx, scanId, pass, 'revoked', pass.status === 'revoked' ? 'cancelled' : 'reissued');
    const seconds = ctx.at.getTime() / 1000;
    if (seconds < code.validFrom) return this.finish(m, ctx, scanId, pass, 'not-valid-yet', null);
    if (seconds > code.validUntil) return this.finish(m, ctx, scanId, pass, 'expired', null);

    if (ctx.direction === 'out') {
      const out = await queryReturning(m, `UPDATE checkin_presence SET inside = false, last_out_at = $2 WHERE pass_id = $1 AND inside RETURNING 1`, [
        pass.passId,
        ctx.at,
      ]);
      return this.finish(m, ctx, scanId, pass, out.length ? 'exited' : 'not-inside', null);
    }
    const admitted: { admissions: number }[] = await m.query(
      `INSERT INTO checkin_presence AS checkin_presence (pass_id, fair_id, inside, admissions, last_admitted_on, last_in_at, last_admission_scan_id)
       VALUES ($1, $2, true, 1, $3, $4, $5)
       ON CONFLICT (pass_id) DO UPDATE SET inside = true, admissions = checkin_presence.admissions + 1,
              last_admitted_on = EXCLUDED.last_admitted_on, last_in_at = EXCLUDED.last_in_at, last_admission_scan_id = EXCLUDED.last_admission_scan_id
        WHERE ${ENTRY_CONDITION[code.entryPolicy]}
       RETURNING admissions`,
      [pass.passId, ctx.fairId, localDate(ctx.at, ctx.timeZone), ctx.at, scanId],
    );
    if (admitted[0]) {
      const verdict = code.entryPolicy === 're-entry' && admitted[0].admissions > 1 ? 're-entry' : 'admitted';
      return this.finish(m, ctx, scanId, pass, verdict, null);
    }
    const reason = code.entryPolicy === 'single' ? 'single-entry-used' : code.entryPolicy === 'once-per-day' ? 'used-today' : 'inside';
    return this.finish(m, ctx, scanId, pass, 'already-inside', reason);
  }

  private async finish(m: EntityManager, ctx: ScanContext, scanId: string, pass: PassForScan | null, verdict: Verdict, reason: string | null): Promise<ScanOutcome> {
    const code = ctx.decoded.ok ? ctx.decoded.payload : null;
    await m.query(
      `UPDATE checkin_scans SET verdict = $2, reason = $3, pass_id = $4, serial = $5, issue = $6, visitor_type = $7 WHERE id = $1`,
      [scanId, verdict, reason, pass?.passId ?? null, code?.serial ?? null, code?.issue ?? null, pass?.visitorType ?? null],
    );
    if (pass && MOVING_VERDICTS.includes(verdict)) {
      await this.outbox.enqueue(
        m,
        'tallies.visit',
        { scanId, fairId: ctx.fairId, gateId: ctx.gateId, visitorType: pass.visitorType, verdict, at: ctx.at.toISOString(), timeZone: ctx.timeZone },
        { dedupeKey: `tally:${scanId}` },
      );
    }
    // An offline gate let someone through whom the server would not have: the organisers' report.
    const conflict = Boolean(ctx.offline && ctx.gateAdmitted && pass && !ADMITTING.includes(verdict));
    if (conflict) {
      await m.query(
        `INSERT INTO checkin_conflicts (fair_id, pass_id, scan_id, earlier_scan_id, kind)
         SELECT $1, $2, $3, p.last_admission_scan_id, $4 FROM (SELECT 1) one LEFT JOIN checkin_presence p ON p.pass_id = $2`,
        [ctx.fairId, pass!.passId, scanId, verdict === 'already-inside' ? 'double-admission' : 'admitted-while-invalid'],
      );
    }
    return {
      scanId,
      verdict,
      reason,
      replayed: false,
      conflict,
      visitor: pass ? { name: pass.visitorName, company: pass.company, visitorType: pass.visitorType } : null,
      serial: code?.serial ?? null,
    };
  }

  private async replay(m: EntityManager, ctx: ScanContext): Promise<ScanOutcome> {
    const rows: { id: string; verdict: Verdict; reason: string | null; serial: string | null; conflict: boolean }[] = await m.query(
      `SELECT s.id, s.verdict, s.reason, s.serial, EXISTS (SELECT 1 FROM checkin_conflicts c WHERE c.scan_id = s.id) AS conflict
         FROM checkin_scans s WHERE s.device_id = $1 AND s.nonce = $2`,
      [ctx.deviceId, ctx.nonce],
    );
    const row = rows[0]!;
    const pass = row.serial ? await this.passes.findForScan(m, ctx.fairId, Number(row.serial)) : undefined;
    return {
      scanId: row.id,
      verdict: row.verdict,
      reason: row.reason,
      replayed: true,
      conflict: row.conflict,
      visitor: pass ? { name: pass.visitorName, company: pass.company, visitorType: pass.visitorType } : null,
      serial: row.serial ? Number(row.serial) : null,
    };
  }
}
