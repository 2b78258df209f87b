import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BOOTH_KINDS, emptyKindCounts, type BoothKind } from '@fair/fairs';
import type { Origin, PlacementWishes } from './application-input';
import type { ExhibitorStatus } from './exhibitor-status';

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

export interface AllocationFacts {
  exhibitorId: string;
  status: ExhibitorStatus;
  legalName: string;
  nameEn: string | null;
  origin: Origin;
  requested: Record<BoothKind, number>;
  eligibleKinds: BoothKind[];
  email: string;
  lang: 'vi' | 'en';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  /**
   * What booth allocation needs about these exhibitors of one fair, whatever their status (it
   * refuses the unapproved itself): status, origin, requests, contact for its emails.
   */
  async allocationFacts(fairId: string, exhibitorIds: string[], manager: EntityManager = this.db.manager): Promise<AllocationFacts[]> {
    if (exhibitorIds.length === 0) return [];
    const rows: { id: string; status: ExhibitorStatus; legal_name: string; name_en: string | null; origin: Origin; booth_requests: Partial<Record<BoothKind, number>>; email: string; lang: 'vi' | 'en' }[] =
      await manager.query(
        `SELECT id, status, legal_name, name_en, origin, booth_requests, email, lang FROM exhibitors
          WHERE fair_id = $1 AND id = ANY($2::uuid[])`,
        [fairId, exhibitorIds.filter((id) => UUID.test(id))],
      );
    return rows.map((r) => ({
      exhibitorId: r.id,
      status: r.status,
      legalName: r.legal_name,
      nameEn: r.name_en,
      origin: r.origin,
      requested: { ...emptyKindCounts(), ...r.booth_requests },
      eligibleKinds: eligibleKinds(r.origin),
      email: r.email,
      lang: r.lang,
    }));
  }
}
