import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DecodeResult } from '@fair/visitors';
import type { Direction, Verdict } from './verdicts';

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

interface Row {
  scan_id: string;
  verdict: Verdict;
  reason: string | null;
  replayed: boolean;
  conflict: boolean;
  visitor_name: string | null;
  company: string | null;
  visitor_type: string | null;
  serial: string | null;
}

/**
 * Records one scan with the database function checkin_record_scan (migration 1790000220000):
 * the scan row first (unique device + nonce, so a re-sent scan finds its first answer), then
 * the verdict from the pass and a conditional upsert of the pass's presence row, the tally job
 * in the outbox, and the offline conflict. One statement, so one round trip and atomic alone.
 */
@Injectable()
export class ScanRecorder {
  async record(m: Pick<EntityManager, 'query'>, ctx: ScanContext): Promise<ScanOutcome> {
    const code = ctx.decoded.ok ? ctx.decoded.payload : null;
    const rows: Row[] = await m.query(`SELECT * FROM checkin_record_scan($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`, [
      ctx.fairId,
      ctx.deviceId,
      ctx.gateId,
      ctx.nonce,
      ctx.direction,
      ctx.at,
      ctx.offline,
      ctx.staffUserId,
      ctx.gateAdmitted ?? false,
      ctx.timeZone,
      ctx.decoded.ok ? null : ctx.decoded.reason,
      code?.serial ?? null,
      code?.issue ?? null,
      code?.validFrom ?? null,
      code?.validUntil ?? null,
      code?.entryPolicy ?? null,
    ]);
    const r = rows[0]!;
    return {
      scanId: String(r.scan_id),
      verdict: r.verdict,
      reason: r.reason,
      replayed: r.replayed,
      conflict: r.conflict,
      visitor: r.visitor_name !== null ? { name: r.visitor_name, company: r.company ?? '', visitorType: r.visitor_type ?? '' } : null,
      serial: r.serial !== null ? Number(r.serial) : null,
    };
  }
}

