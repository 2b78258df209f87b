import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@fair/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { VisitTalliesReader } from '@fair/checkin';
import { MeetingTalliesReader } from '@fair/matchmaking';

export interface LiveFigures {
  fairId: string;
  at: string;
  visits: {
    /** entries so far (admissions and re-entries), from the Redis tallies */
    total: number;
    insideNow: number;
    /** fair-local hour 'YYYY-MM-DDTHH' → entries, in time order */
    arrivalsByHour: { hour: string; visits: number }[];
    byGate: { gateId: string; code: string; visits: number }[];
    byVisitorType: Record<string, number>;
    /** from SQL (no tally keeps countries): entries by the visitor's country */
    byCountry: Record<string, number>;
  };
  /** booth kind → status (available / held / assigned) → count, from SQL */
  booths: Record<string, Record<string, number>>;
  exhibitors: { byStatus: Record<string, number>; byCountry: Record<string, number>; byOrigin: Record<string, number> };
  /** requested / accepted / scheduled / held / no-show, from the Redis tallies */
  meetings: Record<string, number>;
  /** leads (booth visits scanned by exhibitors) per exhibitor, from SQL */
  leads: { total: number; byExhibitor: { exhibitorId: string; name: string; leads: number }[] };
}

const rowsToMap = (rows: { k: string; n: number | string }[]) => Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
const MEETING_EVENTS = ['requested', 'accepted', 'scheduled', 'held', 'no-show'];

/**
 * The organiser's live figures of a fair. Visits and meetings come from the Redis tallies (fed by
 * jobs, seconds behind the event); what no tally keeps (countries, booths, exhibitors, leads) is
 * counted in SQL, which is cheap at fair sizes.
 */
@Injectable()
export class LiveFiguresService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly visits: VisitTalliesReader,
    private readonly meetings: MeetingTalliesReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(fairId: string): Promise<LiveFigures> {
    const q = (sql: string) => this.db.query(sql, [fairId]);
    const [v, m, gates, countries, booths, exStatus, exCountry, exOrigin, leads] = await Promise.all([
      this.visits.read(fairId),
      this.meetings.read(fairId),
      q(`SELECT id::text, code FROM gates WHERE fair_id = $1 ORDER BY code`),
      q(`SELECT v.country AS k, count(*) AS n FROM checkin_scans s JOIN passes p ON p.id = s.pass_id JOIN visitors v ON v.id = p.visitor_id
          WHERE s.fair_id = $1 AND s.verdict IN ('admitted', 're-entry') GROUP BY 1`),
      q(`SELECT b.kind, coalesce(a.status, 'available') AS status, count(*) AS n FROM booths b
           LEFT JOIN booth_allocations a ON a.booth_id = b.id AND a.status IN ('held', 'assigned')
          WHERE b.fair_id = $1 GROUP BY 1, 2`),
      q(`SELECT status AS k, count(*) AS n FROM exhibitors WHERE fair_id = $1 GROUP BY 1`),
      q(`SELECT country AS k, count(*) AS n FROM exhibitors WHERE fair_id = $1 AND status = 'approved' GROUP BY 1`),
      q(`SELECT origin AS k, count(*) AS n FROM exhibitors WHERE fair_id = $1 AND status = 'approved' GROUP BY 1`),
      q(`SELECT e.id AS exhibitor_id, e.legal_name AS name, count(*) AS n FROM leads l JOIN exhibitors e ON e.id = l.exhibitor_id
          WHERE l.fair_id = $1 GROUP BY 1, 2 ORDER BY 3 DESC, 2`),
    ]);
    const boothMap: Record<string, Record<string, number>> = {};
    for (const r of booths as { kind: string; status: string; n: string }[]) (boothMap[r.kind] ??= { available: 0, held: 0, assigned: 0 })[r.status] = Number(r.n);
    const gateCode = new Map((gates as { id: string; code: string }[]).map((g) => [g.id, g.code]));
    return {
      fairId,
      at: this.clock.now().toISOString(),
      visits: {
        total: Object.values(v.byGate).reduce((a, b) => a + b, 0),
        insideNow: v.insideNow,
        arrivalsByHour: Object.entries(v.byHour)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([hour, visits]) => ({ hour, visits })),
        byGate: Object.entries(v.byGate)
          .map(([gateId, visits]) => ({ gateId, code: gateCode.get(gateId) ?? '?', visits }))
          .sort((a, b) => a.code.localeCompare(b.code)),
        byVisitorType: v.byVisitorType,
        byCountry: rowsToMap(countries),
      },
      booths: boothMap,
      exhibitors: { byStatus: rowsToMap(exStatus), byCountry: rowsToMap(exCountry), byOrigin: rowsToMap(exOrigin) },
      meetings: Object.fromEntries(MEETING_EVENTS.map((e) => [e, m.total[e] ?? 0])),
      leads: {
        total: (leads as { n: string }[]).reduce((a, r) => a + Number(r.n), 0),
        byExhibitor: (leads as { exhibitor_id: string; name: string; n: string }[]).map((r) => ({ exhibitorId: r.exhibitor_id, name: r.name, leads: Number(r.n) })),
      },
    };
  }
}
