import type { ApprovedRequest } from '@fair/exhibitors';
import type { BoothKind } from '@fair/fairs';
import type { SolverBooth, SolverCompany } from './solver';

const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Approved requests as solver companies: what each still wants (asked minus what it already
 * holds), its kinds, rank (application order), and its placement wishes with partner and
 * competitor names matched to exhibitors of the same fair (names that match nobody are dropped
 * and reported as unmatched).
 */
export function solverCompanies(requests: ApprovedRequest[], liveByExhibitor: Map<string, Partial<Record<BoothKind, number>>>): { companies: SolverCompany[]; unmatched: { exhibitorId: string; name: string }[] } {
  const byName = new Map<string, string>();
  for (const r of requests) byName.set(norm(r.legalName), r.exhibitorId);
  const unmatched: { exhibitorId: string; name: string }[] = [];
  const resolve = (r: ApprovedRequest, names: string[] | undefined) =>
    (names ?? []).flatMap((n) => {
      const id = byName.get(norm(n));
      if (!id) unmatched.push({ exhibitorId: r.exhibitorId, name: n });
      return id && id !== r.exhibitorId ? [id] : [];
    });
  const companies = requests.map((r, rank): SolverCompany => {
    const live = liveByExhibitor.get(r.exhibitorId) ?? {};
    const requested: Record<string, number> = {};
    for (const [k, n] of Object.entries(r.requested)) requested[k] = Math.max(0, n - (live[k as BoothKind] ?? 0));
    return {
      id: r.exhibitorId,
      name: r.legalName,
      requested,
      allowedKinds: r.eligibleKinds,
      rank,
      nearPartners: resolve(r, r.placement?.nearPartners),
      awayFrom: resolve(r, r.placement?.awayFrom),
      hall: r.placement?.hall ? r.placement.hall.toUpperCase() : null,
      corner: !!r.placement?.corner,
    };
  });
  return { companies, unmatched };
}

/** Booths in hall and code order (the solver sweeps them in this order). */
export function solverBooths(booths: { id: string; code: string; kind: string; hallId: string; x: number; y: number; width: number; height: number; isCorner: boolean }[], hallCode: Map<string, string>): SolverBooth[] {
  return booths
    .map((b) => ({ id: b.id, code: b.code, kind: b.kind, hall: (hallCode.get(b.hallId) ?? '').toUpperCase(), x: b.x, y: b.y, width: b.width, height: b.height, isCorner: b.isCorner }))
    .sort((a, b) => a.hall.localeCompare(b.hall) || a.y - b.y || a.x - b.x);
}
