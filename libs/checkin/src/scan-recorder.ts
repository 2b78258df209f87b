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

const COLUMNS = 16;

function params(ctx: ScanContext): unknown[] {
  const code = ctx.decoded.ok ? ctx.decoded.payload : null;
  return [
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
  ];
}

function outcome(r: Row): ScanOutcome {
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

const ARRAY_TYPES = ['uuid', 'uuid', 'uuid', 'text', 'text', 'timestamptz', 'boolean', 'uuid', 'boolean', 'text', 'text', 'bigint', 'integer', 'bigint', 'bigint', 'text'];
const MANY_SQL = `SELECT * FROM checkin_record_scans(${ARRAY_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;

/**
 * Records scans with the database function checkin_record_scans (migrations 1790000230000,
 * 1790000620000), for each scan in order: the scan row first (unique device + nonce, so a re-sent
 * scan finds its first answer), then the verdict from the pass and a conditional upsert of the
 * pass's presence row, and the offline conflict; then one visit-tally job in the outbox per fair
 * for the scans that counted. One statement: one transaction, one commit, one round trip.
 */
@Injectable()
export class ScanRecorder {
  async record(m: Pick<EntityManager, 'query'>, ctx: ScanContext): Promise<ScanOutcome> {
    return (await this.recordMany(m, [ctx]))[0]!;
  }

  /** The scans in the given order, in one statement; the outcomes in the same order. */
  async recordMany(m: Pick<EntityManager, 'query'>, ctxs: ScanContext[]): Promise<ScanOutcome[]> {
    const columns: unknown[][] = Array.from({ length: COLUMNS }, () => []);
    for (const ctx of ctxs) params(ctx).forEach((v, i) => columns[i]!.push(v));
    const rows: (Row & { i: number })[] = await m.query(MANY_SQL, columns);
    const out: ScanOutcome[] = new Array(ctxs.length);
    for (const r of rows) out[r.i - 1] = outcome(r);
    return out;
  }
}
