import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, type Actor } from '@fair/auth';
import { queryReturning } from '@fair/db';
import { BOOTH_KIND_LABELS, type BoothKind } from '@fair/fairs';
import { ExhibitorsService, type AllocationFacts } from '@fair/exhibitors';
import { OutboxService } from '@fair/jobs';
import { BoothMailer } from './booth-mailer';
import { BoothErrors } from './booths.errors';

export interface BoothRow {
  id: string;
  fair_id: string;
  code: string;
  kind: BoothKind;
}

export interface AllocationRow {
  id: string;
  fair_id: string;
  booth_id: string;
  exhibitor_id: string;
  status: 'held' | 'assigned' | 'released' | 'expired';
  expires_at: Date | null;
  source: string;
}

export type AllocationSource = 'manual' | 'proposal' | 'round' | 'waitlist';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORIGIN_VI = { international: 'quốc tế', domestic: 'trong nước' } as const;

/** The kind rule: the exhibitor asked for booths of this kind and its area allows it. Others need an organiser's exception. */
export function kindRequested(ex: Pick<AllocationFacts, 'eligibleKinds' | 'requested'>, kind: BoothKind): boolean {
  return ex.eligibleKinds.includes(kind) && ex.requested[kind] > 0;
}

/** How many booths of each kind an exhibitor holds or has been assigned (kinds with none left out). */
export function liveBoothsByKind(m: Pick<EntityManager, 'query'>, exhibitorId: string): Promise<{ kind: BoothKind; n: number }[]> {
  return m.query(
    `SELECT b.kind, count(*)::int AS n FROM booth_allocations a JOIN booths b ON b.id = a.booth_id
      WHERE a.exhibitor_id = $1 AND a.status IN ('held', 'assigned') GROUP BY b.kind`,
    [exhibitorId],
  );
}

/**
 * The one place booth_allocations rows change. Every method runs in the caller's transaction and
 * writes the audit row and the exhibitor's email with the change. Double booking is refused by
 * the partial unique index (INSERT ... ON CONFLICT DO NOTHING finds the winner), not by a read.
 */
@Injectable()
export class BoothLedger {
  constructor(
    private readonly exhibitors: ExhibitorsService,
    private readonly audit: AuditService,
    private readonly mailer: BoothMailer,
    private readonly outbox: OutboxService,
  ) {}

  /** A booth of this fair by id or code; BOOTH_NOT_FOUND otherwise (another fair's booth too). */
  async booth(m: EntityManager, fairId: string, ref: string): Promise<BoothRow> {
    const rows: BoothRow[] = await m.query(
      `SELECT id, fair_id, code, kind FROM booths WHERE fair_id = $1 AND ${UUID.test(ref) ? 'id = $2::uuid' : 'upper(code) = upper($2)'}`,
      [fairId, ref],
    );
    if (!rows[0]) throw BoothErrors.BOOTH_NOT_FOUND({ booth: ref });
    return rows[0];
  }

  /**
   * The exhibitor, with allocations for it serialised (a per-exhibitor transaction lock), so two
   * concurrent holds cannot both pass the "no more than requested" count.
   */
  async lockExhibitor(m: EntityManager, fairId: string, exhibitorId: string): Promise<AllocationFacts> {
    if (!UUID.test(exhibitorId)) throw BoothErrors.EXHIBITOR_NOT_FOUND();
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('booths:exhibitor:' || $1))`, [exhibitorId]);
    const [facts] = await this.exhibitors.allocationFacts(fairId, [exhibitorId], m);
    if (!facts) throw BoothErrors.EXHIBITOR_NOT_FOUND();
    return facts;
  }

  /**
   * Approved, kind allowed (or overridden with a reason), and not more booths than asked for.
   * `by: 'exhibitor'` (self-selection) cannot override: the refusal then says what the exhibitor can do.
   */
  async checkRules(m: EntityManager, ex: AllocationFacts, booth: BoothRow, overrideReason?: string | null, by: 'organiser' | 'exhibitor' = 'organiser'): Promise<void> {
    if (ex.status !== 'approved') throw BoothErrors.EXHIBITOR_NOT_APPROVED({ status: ex.status });
    const kindAllowed = kindRequested(ex, booth.kind);
    if (!kindAllowed && (by === 'exhibitor' || !overrideReason?.trim())) {
      const details = { booth: booth.code, origin: ex.origin, originVi: ORIGIN_VI[ex.origin], kind: booth.kind, kindEn: BOOTH_KIND_LABELS[booth.kind].en, kindVi: BOOTH_KIND_LABELS[booth.kind].vi };
      throw by === 'exhibitor' ? BoothErrors.KIND_NOT_REQUESTED(details) : BoothErrors.KIND_NOT_ALLOWED(details);
    }
    const live = await liveBoothsByKind(m, ex.exhibitorId);
    const has = live.find((l) => l.kind === booth.kind)?.n ?? 0;
    const total = live.reduce((s, l) => s + l.n, 0);
    const requestedTotal = Object.values(ex.requested).reduce((s, n) => s + n, 0);
    if (kindAllowed ? has >= ex.requested[booth.kind] : total >= requestedTotal) {
      const requested = kindAllowed ? ex.requested[booth.kind] : requestedTotal;
      throw BoothErrors.TOO_MANY_BOOTHS({ requested, has: kindAllowed ? has : total, kind: booth.kind, kindVi: BOOTH_KIND_LABELS[booth.kind].vi });
    }
  }

  /** The live allocation of a booth, locked; null when it is free. */
  async live(m: EntityManager, boothId: string): Promise<AllocationRow | null> {
    const rows: AllocationRow[] = await m.query(
      `SELECT * FROM booth_allocations WHERE booth_id = $1 AND status IN ('held', 'assigned') FOR UPDATE`,
      [boothId],
    );
    return rows[0] ?? null;
  }

  /** Inserts a held or assigned row; BOOTH_TAKEN when the booth already has a live one. */
  async place(
    m: EntityManager,
    actor: Actor,
    ex: AllocationFacts,
    booth: BoothRow,
    opts: { status: 'held' | 'assigned'; expiresAt?: Date | null; source: AllocationSource; overrideReason?: string | null; mail?: boolean },
  ): Promise<AllocationRow> {
    const overridden = !kindRequested(ex, booth.kind);
    const [row] = await queryReturning<AllocationRow>(
      m,
      `INSERT INTO booth_allocations (fair_id, booth_id, exhibitor_id, status, expires_at, source, kind_override_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (fair_id, booth_id) WHERE status IN ('held', 'assigned') DO NOTHING
       RETURNING *`,
      [booth.fair_id, booth.id, ex.exhibitorId, opts.status, opts.status === 'held' ? opts.expiresAt : null, opts.source, overridden ? opts.overrideReason : null],
    );
    if (!row) throw BoothErrors.BOOTH_TAKEN({ booth: booth.code });
    if (row.status === 'held') {
      await this.outbox.enqueue(m, 'booths.hold-expire', { allocationId: row.id }, { runAt: row.expires_at!, dedupeKey: `booth-hold-expire:${row.id}` });
    }
    await this.audit.record(m, actor, {
      action: `booth.${opts.status === 'held' ? 'hold' : 'assign'}`,
      entity: 'booth',
      entityId: booth.id,
      fairId: booth.fair_id,
      after: { booth: booth.code, exhibitorId: ex.exhibitorId, status: row.status, expiresAt: row.expires_at, source: opts.source, kindOverride: overridden },
      reason: overridden ? opts.overrideReason : null,
    });
    if (opts.mail !== false) await this.mailer.notify(m, booth.fair_id, ex, opts.status === 'held' ? (opts.source === 'waitlist' ? 'offered' : 'held') : 'assigned', { booths: [booth.code], expiresAt: row.expires_at });
    return row;
  }

  /** A hold becomes an assignment (same exhibitor). */
  async confirmHold(m: EntityManager, actor: Actor, ex: AllocationFacts, booth: BoothRow, hold: AllocationRow): Promise<AllocationRow> {
    const [row] = await queryReturning<AllocationRow>(
      m,
      `UPDATE booth_allocations SET status = 'assigned', expires_at = NULL, updated_at = now() WHERE id = $1 AND status = 'held' RETURNING *`,
      [hold.id],
    );
    if (!row) throw BoothErrors.BOOTH_TAKEN({ booth: booth.code });
    await this.audit.record(m, actor, {
      action: 'booth.assign',
      entity: 'booth',
      entityId: booth.id,
      fairId: booth.fair_id,
      before: { status: 'held', exhibitorId: ex.exhibitorId },
      after: { booth: booth.code, exhibitorId: ex.exhibitorId, status: 'assigned' },
    });
    await this.mailer.notify(m, booth.fair_id, ex, 'assigned', { booths: [booth.code] });
    return row;
  }

  /** Ends a live allocation (released by hand, or an expired hold); audit and email. */
  async end(m: EntityManager, actor: Actor, booth: BoothRow, alloc: AllocationRow, to: 'released' | 'expired', reason?: string | null): Promise<void> {
    await m.query(`UPDATE booth_allocations SET status = $2, ended_at = now(), updated_at = now() WHERE id = $1`, [alloc.id, to]);
    await this.audit.record(m, actor, {
      action: to === 'released' ? 'booth.release' : 'booth.hold-expire',
      entity: 'booth',
      entityId: booth.id,
      fairId: booth.fair_id,
      before: { booth: booth.code, exhibitorId: alloc.exhibitor_id, status: alloc.status },
      after: { status: 'available' },
      reason: reason ?? null,
    });
    const [ex] = await this.exhibitors.allocationFacts(booth.fair_id, [alloc.exhibitor_id], m);
    if (ex) await this.mailer.notify(m, booth.fair_id, ex, to, { booths: [booth.code], reason });
  }
}
