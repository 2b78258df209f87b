import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BOOTH_KINDS, emptyKindCounts, type BoothKind } from '@fair/fairs';
import type { Origin, PlacementWishes } from './application-input';

export interface ApprovedRequest {
  exhibitorId: string;
  legalName: string;
  country: string;
  origin: Origin;
  sectors: string[];
  /** Booths wanted, by kind (0 when none). */
  requested: Record<BoothKind, number>;
  /** Kinds it may be given: its own area (international or domestic) plus the technical ones. */
  eligibleKinds: BoothKind[];
  placement: PlacementWishes;
}

/** Which booth kinds an exhibitor of this origin may hold. */
export function eligibleKinds(origin: Origin): BoothKind[] {
  return BOOTH_KINDS.filter((k) => k === origin || k.startsWith('technical-'));
}

/**
 * The read side other domains use (booth allocation, matchmaking, badges): approved exhibitors
 * and their requests, and which exhibitor a signed-in user is.
 */
@Injectable()
export class ExhibitorsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async approvedRequests(fairId: string, manager: EntityManager = this.db.manager): Promise<ApprovedRequest[]> {
    const rows: { id: string; legal_name: string; country: string; origin: Origin; sectors: string[]; booth_requests: Partial<Record<BoothKind, number>>; placement: PlacementWishes }[] =
      await manager.query(
        `SELECT id, legal_name, country, origin, sectors, booth_requests, placement FROM exhibitors
          WHERE fair_id = $1 AND status = 'approved' ORDER BY decided_at, id`,
        [fairId],
      );
    return rows.map((r) => ({
      exhibitorId: r.id,
      legalName: r.legal_name,
      country: r.country,
      origin: r.origin,
      sectors: r.sectors,
      requested: { ...emptyKindCounts(), ...r.booth_requests },
      eligibleKinds: eligibleKinds(r.origin),
      placement: r.placement,
    }));
  }

  /** Booths requested by approved exhibitors, summed by kind. */
  async approvedTotals(fairId: string): Promise<{ exhibitors: number; booths: Record<BoothKind, number> }> {
    const list = await this.approvedRequests(fairId);
    const booths = emptyKindCounts();
    for (const r of list) for (const k of BOOTH_KINDS) booths[k] += r.requested[k];
    return { exhibitors: list.length, booths };
  }

  /** The exhibitor record of this user (for one fair, or its most recent). Null when none. */
  async exhibitorIdForUser(userId: string, fairId?: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM exhibitors WHERE user_id = $1 AND ($2::uuid IS NULL OR fair_id = $2)
        ORDER BY (status NOT IN ('rejected', 'withdrawn')) DESC, created_at DESC LIMIT 1`,
      [userId, fairId ?? null],
    );
    return rows[0]?.id ?? null;
  }
}
