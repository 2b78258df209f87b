import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import type { Actor } from '@fair/auth';
import { CLOCK, type Clock } from '@fair/core';
import { FairsService } from '@fair/fairs';
import { decodePassCode, PassesService, QrKeysService, type DecodeResult } from '@fair/visitors';
import { CheckinErrors } from './checkin.errors';
import type { GateDeviceEntity } from './entities/gate-device.entity';
import { GatesService } from './gates.service';
import { ScanBatcher, withRetry } from './scan-batcher';
import { ScanRecorder, type ScanOutcome } from './scan-recorder';
import type { Direction, Verdict } from './verdicts';

export interface ScanInput {
  code: string;
  nonce: string;
  direction?: Direction;
}

export interface OfflineScanInput extends ScanInput {
  scannedAt: string;
  /** What the gate showed; a gate that admitted someone the server would not creates a conflict. */
  localVerdict: Verdict;
}

export const MAX_OFFLINE_BATCH = 5000;
/** Offline clocks drift; a scan "from the future" beyond this is taken as happening now. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Online scans, offline uploads, who is inside, the conflicts report and the gates' offline kit. */
@Injectable()
export class CheckinService {
  private readonly zones = new LRUCache<string, string>({ max: 1000, ttl: 60_000 });
  /** Online scans: those arriving while earlier ones are written go together in one statement. */
  private readonly batcher = new ScanBatcher((ctxs) => this.recorder.recordMany(this.db, ctxs));

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly gates: GatesService,
    private readonly recorder: ScanRecorder,
    private readonly keys: QrKeysService,
    private readonly passes: PassesService,
    private readonly fairs: FairsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async scan(actor: Actor, deviceId: string, input: ScanInput): Promise<ScanOutcome> {
    const device = await this.gates.deviceFor(actor, deviceId);
    const [decoded, timeZone] = await Promise.all([this.verify(device.fairId, input.code), this.timeZone(device.fairId)]);
    // One statement (shared with the scans that arrive meanwhile): no BEGIN/COMMIT round trips on the hottest path.
    return this.batcher.submit({ ...this.base(actor, device, timeZone, input), decoded, at: this.clock.now(), offline: false });
  }

  /** Stores each uploaded scan once (by nonce), in the order they happened, and reports conflicts. */
  async uploadOffline(actor: Actor, deviceId: string, scans: OfflineScanInput[]): Promise<{ stored: number; duplicates: number; conflicts: number; results: (ScanOutcome & { nonce: string })[] }> {
    if (scans.length > MAX_OFFLINE_BATCH) throw CheckinErrors.OFFLINE_BATCH_TOO_LARGE({ max: MAX_OFFLINE_BATCH });
    const device = await this.gates.deviceFor(actor, deviceId);
    const timeZone = await this.timeZone(device.fairId);
    const now = this.clock.now().getTime();
    const ordered = [...scans].sort((a, b) => Date.parse(a.scannedAt) - Date.parse(b.scannedAt));
    const results: (ScanOutcome & { nonce: string })[] = [];
    for (const scan of ordered) {
      const decoded = await this.verify(device.fairId, scan.code);
      const t = Date.parse(scan.scannedAt);
      const at = new Date(t > now + CLOCK_SKEW_MS ? now : t);
      const outcome = await withRetry(() =>
        this.recorder.record(this.db, {
          ...this.base(actor, device, timeZone, scan),
          decoded,
          at,
          offline: true,
          gateAdmitted: scan.localVerdict === 'admitted' || scan.localVerdict === 're-entry',
        }),
      );
      results.push({ ...outcome, nonce: scan.nonce });
    }
    return {
      stored: results.filter((r) => !r.replayed).length,
      duplicates: results.filter((r) => r.replayed).length,
      conflicts: results.filter((r) => r.conflict && !r.replayed).length,
      results,
    };
  }

  async presence(fairId: string): Promise<{ inside: number; byVisitorType: Record<string, number> }> {
    const rows: { visitor_type: string; n: string }[] = await this.db.query(
      `SELECT p.visitor_type, count(*) AS n FROM checkin_presence c JOIN passes p ON p.id = c.pass_id
        WHERE c.fair_id = $1 AND c.inside GROUP BY p.visitor_type`,
      [fairId],
    );
    const byVisitorType = Object.fromEntries(rows.map((r) => [r.visitor_type, Number(r.n)]));
    return { inside: Object.values(byVisitorType).reduce((a, b) => a + b, 0), byVisitorType };
  }

  /** Ids stay strings (bigint, like a scan's id); the pass serial is a number, as in a scan's answer. */
  async conflicts(fairId: string): Promise<(Record<string, unknown> & { serial: number })[]> {
    const rows: (Record<string, unknown> & { serial: string })[] = await this.db.query(
      `SELECT c.id, c.kind, c.created_at AS "createdAt", p.serial, v.name AS "visitorName", v.visitor_type AS "visitorType",
              s.scanned_at AS "scannedAt", s.verdict, g.code AS "gate", e.scanned_at AS "earlierScannedAt", eg.code AS "earlierGate"
         FROM checkin_conflicts c
         JOIN checkin_scans s ON s.id = c.scan_id JOIN gates g ON g.id = s.gate_id
         JOIN passes p ON p.id = c.pass_id JOIN visitors v ON v.id = p.visitor_id
         LEFT JOIN checkin_scans e ON e.id = c.earlier_scan_id LEFT JOIN gates eg ON eg.id = e.gate_id
        WHERE c.fair_id = $1 ORDER BY c.id`,
      [fairId],
    );
    return rows.map((r) => ({ ...r, serial: Number(r.serial) }));
  }

  /** What a gate needs to keep verifying offline: public keys and the revocation list. */
  async offlineKit(fairId: string) {
    const [keys, revocations] = await Promise.all([this.keys.publicKeys(fairId), this.passes.revocations(fairId)]);
    return { fairId, generatedAt: this.clock.now().toISOString(), keys, revocations };
  }

  private base(actor: Actor, device: GateDeviceEntity, timeZone: string, input: ScanInput) {
    return {
      fairId: device.fairId,
      timeZone,
      deviceId: device.id,
      gateId: device.gateId,
      staffUserId: actor.userId,
      nonce: input.nonce,
      direction: input.direction ?? 'in',
    };
  }

  private async verify(fairId: string, code: string): Promise<DecodeResult> {
    let keys = await this.keys.verificationKeys(fairId);
    let result = decodePassCode(code, fairId, (_f, kid) => keys.get(kid));
    if (!result.ok && result.reason === 'unknown-key') {
      // A key rotated in another process since this one cached the fair's keys.
      keys = await this.keys.verificationKeys(fairId, true);
      result = decodePassCode(code, fairId, (_f, kid) => keys.get(kid));
    }
    return result;
  }

  private async timeZone(fairId: string): Promise<string> {
    const cached = this.zones.get(fairId);
    if (cached) return cached;
    const zone = (await this.fairs.get(fairId)).timeZone;
    this.zones.set(fairId, zone);
    return zone;
  }
}
