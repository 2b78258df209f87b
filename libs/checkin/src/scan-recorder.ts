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

/** The SQL array types of the 16 columns checkin_record_scans (and its two paths) take. */
export const SCAN_ARRAY_TYPES = ['uuid', 'uuid', 'uuid', 'text', 'text', 'timestamptz', 'boolean', 'uuid', 'boolean', 'text', 'text', 'bigint', 'integer', 'bigint', 'bigint', 'text'];
/** `SELECT * FROM fn($1::uuid[], ...)` for one of the scan-recording functions. */
export const scanFunctionSql = (fn: string) => `SELECT * FROM ${fn}(${SCAN_ARRAY_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
const MANY_SQL = scanFunctionSql('checkin_record_scans');

/** The scans as the functions' 16 array parameters (one array per column, scans in order). */
export function scanColumns(ctxs: ScanContext[]): unknown[][] {
  const columns: unknown[][] = Array.from({ length: COLUMNS }, () => []);
  for (const ctx of ctxs) params(ctx).forEach((v, i) => columns[i]!.push(v));
  return columns;
}

/**
 * Records scans with the database function checkin_record_scans (migrations 1790000620000,
 * 1790000630000): for each scan a re-sent copy (device + nonce) gets its first answer; otherwise
 * the verdict from the pass and a conditional upsert of the pass's presence row, the offline
 * conflict, and the scan row; then one visit-tally job in the outbox per fair for the scans that
 * counted. Online scans that touch distinct rows go as a set, the others one by one, in order.
 * One statement: one transaction, one commit, one round trip.
 */
@Injectable()
export class ScanRecorder {
  async record(m: Pick<EntityManager, 'query'>, ctx: ScanContext): Promise<ScanOutcome> {
    return (await this.recordMany(m, [ctx]))[0]!;
  }

  /** The scans in the given order, in one statement; the outcomes in the same order. */
  async recordMany(m: Pick<EntityManager, 'query'>, ctxs: ScanContext[]): Promise<ScanOutcome[]> {
    const rows: (Row & { i: number })[] = await m.query(MANY_SQL, scanColumns(ctxs));
    const out: ScanOutcome[] = new Array(ctxs.length);
    for (const r of rows) out[r.i - 1] = outcome(r);
    return out;
  }
}
