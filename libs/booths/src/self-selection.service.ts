import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '@fair/auth';
import { FairsService, type BoothKind } from '@fair/fairs';
import { ExhibitorsService } from '@fair/exhibitors';
import { kindRequested, liveBoothsByKind } from './booth-ledger';
import { BoothErrors } from './booths.errors';
import { FloorPlanService } from './floor-plan.service';
import { RoundsService, type RoundView } from './rounds.service';

/**
 * A booth as an exhibitor sees it on the plan: whether it is free, free but of a kind its
 * application did not ask for (it cannot pick it: KIND_NOT_REQUESTED), taken or its own, never who holds it.
 */
export interface SelectionBooth {
  id: string;
  code: string;
  hall: string;
  kind: string;
  x: number;
  y: number;
  width: number;
  height: number;
  isCorner: boolean;
  areaM2: number;
  priceVnd: number;
  status: 'available' | 'not-requested' | 'enough' | 'taken' | 'mine';
}

export interface SelectionView {
  exhibitorId: string;
  /** The open round in which this exhibitor has a turn (the latest), or null. */
  round: (RoundView & { myPosition: number; myTurnNow: boolean }) | null;
  booths: SelectionBooth[];
}

/** What the exhibitor portal draws for booth self-selection: the plan with availability and the exhibitor's turn. */
@Injectable()
export class SelfSelectionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly exhibitors: ExhibitorsService,
    private readonly floorPlan: FloorPlanService,
    private readonly rounds: RoundsService,
  ) {}

  async view(actor: Actor, fairRef: string): Promise<SelectionView> {
    const fair = await this.fairs.get(fairRef);
    const exhibitorId = actor.userId ? await this.exhibitors.exhibitorIdForUser(actor.userId, fair.id) : null;
    if (!exhibitorId) throw BoothErrors.NO_EXHIBITOR_ACCOUNT();
    const [plan, [facts], live] = await Promise.all([
      this.floorPlan.floorPlan(fair.id),
      this.exhibitors.allocationFacts(fair.id, [exhibitorId]),
      liveBoothsByKind(this.db, exhibitorId),
    ]);
    // a free booth of a kind it asked for, once it holds as many of that kind as it asked for,
    // is drawn as 'enough': the ledger would refuse the pick (TOO_MANY_BOOTHS)
    const has = new Map(live.map((l) => [l.kind, l.n]));
    const freeStatus = (kind: BoothKind): SelectionBooth['status'] =>
      !kindRequested(facts!, kind) ? 'not-requested' : (has.get(kind) ?? 0) >= facts!.requested[kind] ? 'enough' : 'available';
    const [turn] = (await this.db.query(
      `SELECT r.id, t.position FROM booth_round_turns t JOIN booth_rounds r ON r.id = t.round_id
        WHERE r.fair_id = $1 AND t.exhibitor_id = $2 AND r.status = 'open' ORDER BY r.created_at DESC LIMIT 1`,
      [fair.id, exhibitorId],
    )) as { id: string; position: number }[];
    let round: SelectionView['round'] = null;
    if (turn) {
      const r = await this.rounds.get(fair.id, turn.id);
      const mine = r.turns.find((t) => t.position === turn.position);
      round = { ...r, myPosition: turn.position, myTurnNow: r.currentPosition === turn.position && mine?.status === 'picking' };
    }
    return {
      exhibitorId,
      round,
      booths: plan.booths.map((b) => ({
        id: b.id,
        code: b.code,
        hall: b.hall,
        kind: b.kind,
        x: b.x,
        y: b.y,
        width: b.width,
        height: b.height,
        isCorner: b.isCorner,
        areaM2: b.areaM2,
        priceVnd: b.priceVnd,
        status: b.status !== 'available' ? (b.status === 'assigned' && b.occupant?.exhibitorId === exhibitorId ? 'mine' : 'taken') : freeStatus(b.kind),
      })),
    };
  }
}
