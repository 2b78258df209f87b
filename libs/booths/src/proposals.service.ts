import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService, type Actor } from '@fair/auth';
import { inTransaction } from '@fair/db';
import { FairsService, type BoothKind } from '@fair/fairs';
import { ExhibitorsService } from '@fair/exhibitors';
import { BoothLedger } from './booth-ledger';
import { BoothMailer } from './booth-mailer';
import { BoothErrors } from './booths.errors';
import { solveAllocation, type ScoreBreakdown, type UnmetWish } from './solver';
import { solverBooths, solverCompanies } from './solver-input';

export interface ProposalView {
  id: string;
  status: 'proposed' | 'applied' | 'discarded';
  changes: { boothId: string; booth: string; exhibitorId: string; exhibitor: string }[];
  score: ScoreBreakdown & { bound: number; percentOfBound: number };
  unmet: (UnmetWish & { exhibitor: string })[];
  createdAt: string;
}

const STATUS_VI = { applied: 'áp dụng', discarded: 'huỷ bỏ', proposed: 'đề xuất' } as const;

/** The solver's proposal: computed, stored for review, then applied in one transaction or discarded. */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly exhibitors: ExhibitorsService,
    private readonly ledger: BoothLedger,
    private readonly mailer: BoothMailer,
    private readonly audit: AuditService,
  ) {}

  async propose(actor: Actor, fairRef: string, opts: { timeLimitMs?: number } = {}): Promise<ProposalView> {
    const fair = await this.fairs.get(fairRef);
    const [booths, halls, requests, live] = await Promise.all([
      this.fairs.booths(fair.id),
      this.fairs.halls(fair.id),
      this.exhibitors.approvedRequests(fair.id),
      this.db.query(`SELECT a.booth_id, a.exhibitor_id, b.kind FROM booth_allocations a JOIN booths b ON b.id = a.booth_id WHERE a.fair_id = $1 AND a.status IN ('held', 'assigned')`, [fair.id]) as Promise<{ booth_id: string; exhibitor_id: string; kind: BoothKind }[]>,
    ]);
    const liveBy = new Map<string, Partial<Record<BoothKind, number>>>();
    for (const l of live) {
      const m = liveBy.get(l.exhibitor_id) ?? {};
      m[l.kind] = (m[l.kind] ?? 0) + 1;
      liveBy.set(l.exhibitor_id, m);
    }
    const { companies, unmatched } = solverCompanies(requests, liveBy);
    const result = solveAllocation({
      booths: solverBooths(booths, new Map(halls.map((h) => [h.id, h.code]))),
      companies,
      fixed: live.map((l) => ({ boothId: l.booth_id, companyId: l.exhibitor_id })),
      timeLimitMs: Math.min(opts.timeLimitMs ?? 2000, 30_000),
    });
    const boothCode = new Map(booths.map((b) => [b.id, b.code]));
    const name = new Map(requests.map((r) => [r.exhibitorId, r.legalName]));
    const changes = result.assignment.map((a) => ({ boothId: a.boothId, booth: boothCode.get(a.boothId)!, exhibitorId: a.companyId, exhibitor: name.get(a.companyId)! }));
    const unmet = [
      ...result.unmet.map((u) => ({ ...u, exhibitor: name.get(u.companyId)! })),
      ...unmatched.map((u) => ({ companyId: u.exhibitorId, exhibitor: name.get(u.exhibitorId)!, wish: 'partner' as const, reason: `no exhibitor of this fair is named "${u.name}"` })),
    ];
    const score = { ...result.score, bound: result.bound.total, percentOfBound: result.bound.total ? Math.round((10000 * result.score.total) / result.bound.total) / 100 : 100 };
    const [row] = (await this.db.transaction(async (m) => {
      const rows = await m.query(
        `INSERT INTO booth_proposals (fair_id, created_by, changes, score, unmet) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb) RETURNING id, created_at`,
        [fair.id, actor.userId, JSON.stringify(changes), JSON.stringify(score), JSON.stringify(unmet)],
      );
      await this.audit.record(m, actor, { action: 'booth-proposal.create', entity: 'booth-proposal', entityId: rows[0].id, fairId: fair.id, after: { changes: changes.length, score: score.total } });
      return rows;
    })) as { id: string; created_at: Date }[];
    return { id: row!.id, status: 'proposed', changes, score, unmet, createdAt: new Date(row!.created_at).toISOString() };
  }

  async get(fairRef: string, id: string): Promise<ProposalView> {
    const fair = await this.fairs.get(fairRef);
    const rows: { id: string; status: ProposalView['status']; changes: ProposalView['changes']; score: ProposalView['score']; unmet: ProposalView['unmet']; created_at: Date }[] =
      /^[0-9a-f-]{36}$/i.test(id) ? await this.db.query(`SELECT * FROM booth_proposals WHERE id = $1 AND fair_id = $2`, [id, fair.id]) : [];
    const r = rows[0];
    if (!r) throw BoothErrors.PROPOSAL_NOT_FOUND();
    return { id: r.id, status: r.status, changes: r.changes, score: r.score, unmet: r.unmet, createdAt: new Date(r.created_at).toISOString() };
  }

  /** All of it or nothing: a booth taken meanwhile fails the whole apply with BOOTH_TAKEN. */
  async apply(actor: Actor, fairRef: string, id: string): Promise<ProposalView> {
    const fair = await this.fairs.get(fairRef);
    await this.get(fair.id, id);
    await inTransaction(this.db, async (m) => {
      const [p] = (await m.query(`SELECT status, changes FROM booth_proposals WHERE id = $1 FOR UPDATE`, [id])) as { status: string; changes: ProposalView['changes'] }[];
      if (p!.status !== 'proposed') throw BoothErrors.PROPOSAL_CLOSED({ status: p!.status, statusVi: STATUS_VI[p!.status as keyof typeof STATUS_VI] });
      const byExhibitor = new Map<string, ProposalView['changes']>();
      for (const c of p!.changes) byExhibitor.set(c.exhibitorId, [...(byExhibitor.get(c.exhibitorId) ?? []), c]);
      for (const exhibitorId of [...byExhibitor.keys()].sort()) {
        const ex = await this.ledger.lockExhibitor(m, fair.id, exhibitorId);
        const codes: string[] = [];
        for (const c of byExhibitor.get(exhibitorId)!) {
          const booth = await this.ledger.booth(m, fair.id, c.boothId);
          if (await this.ledger.live(m, booth.id)) throw BoothErrors.BOOTH_TAKEN({ booth: booth.code });
          await this.ledger.checkRules(m, ex, booth);
          await this.ledger.place(m, actor, ex, booth, { status: 'assigned', source: 'proposal', mail: false });
          codes.push(booth.code);
        }
        await this.mailer.notify(m, fair.id, ex, 'assigned', { booths: codes });
      }
      await m.query(`UPDATE booth_proposals SET status = 'applied', decided_at = now() WHERE id = $1`, [id]);
      await this.audit.record(m, actor, { action: 'booth-proposal.apply', entity: 'booth-proposal', entityId: id, fairId: fair.id, after: { changes: p!.changes.length } });
    });
    return this.get(fair.id, id);
  }

  async discard(actor: Actor, fairRef: string, id: string): Promise<ProposalView> {
    const fair = await this.fairs.get(fairRef);
    await this.get(fair.id, id);
    await inTransaction(this.db, async (m) => {
      const [p] = (await m.query(`SELECT status FROM booth_proposals WHERE id = $1 FOR UPDATE`, [id])) as { status: string }[];
      if (p!.status !== 'proposed') throw BoothErrors.PROPOSAL_CLOSED({ status: p!.status, statusVi: STATUS_VI[p!.status as keyof typeof STATUS_VI] });
      await m.query(`UPDATE booth_proposals SET status = 'discarded', decided_at = now() WHERE id = $1`, [id]);
      await this.audit.record(m, actor, { action: 'booth-proposal.discard', entity: 'booth-proposal', entityId: id, fairId: fair.id });
    });
    return this.get(fair.id, id);
  }
}
