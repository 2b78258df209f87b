import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@fair/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { FairEntity } from '@fair/fairs';
import { headlineLines, LABELS, type Headline, type Lang } from './report-labels';

export interface PostFairReport {
  fair: { id: string; slug: string; name: string; venue: string; startsOn: string; endsOn: string };
  lang: Lang;
  generatedAt: string;
  headline: Headline;
  /** the headline as the organisers publish it, in the report's language */
  headlineText: string[];
  arrivalCurve: { hour: string; visits: number }[];
  topSectors: { sector: string; label: string; exhibitors: number; visitors: number }[];
  topCountries: { country: string; exhibitors: number; visits: number }[];
  meetingsPerDay: { day: string; scheduled: number; held: number; noShow: number }[];
  boothOccupancy: { kind: string; label: string; total: number; assigned: number; rate: number }[];
}

export const TOP_N = 10;
const ENTRY = `s.verdict IN ('admitted', 're-entry')`;

/**
 * Definitions (decision 013): companies = exhibitors holding at least one assigned booth;
 * booths = assigned booths by kind; visits = entries at the gates (admissions and re-entries);
 * trade meetings = meetings held. Everything is counted from the source tables (a report is
 * final, so it does not read the live tallies), each section one query, so the job reports
 * progress between sections.
 */
@Injectable()
export class PostFairReportBuilder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async build(fair: FairEntity, lang: Lang, progress: (step: string, done: number) => Promise<void> = async () => {}): Promise<PostFairReport> {
    const q = <T>(sql: string, extra: unknown[] = []): Promise<T[]> => this.db.query(sql, [fair.id, ...extra]);
    const L = LABELS[lang];

    await progress('headline', 0);
    const occ = await q<{ kind: string; total: string; assigned: string }>(
      `SELECT b.kind, count(*) AS total, count(a.id) AS assigned FROM booths b
         LEFT JOIN booth_allocations a ON a.booth_id = b.id AND a.status = 'assigned'
        WHERE b.fair_id = $1 GROUP BY 1 ORDER BY 1`,
    );
    const [companies] = await q<{ n: string }>(
      `SELECT count(DISTINCT a.exhibitor_id) AS n FROM booth_allocations a WHERE a.fair_id = $1 AND a.status = 'assigned'`,
    );
    const [visits] = await q<{ n: string }>(`SELECT count(*) AS n FROM checkin_scans s WHERE s.fair_id = $1 AND ${ENTRY}`);
    const [held] = await q<{ n: string }>(`SELECT count(*) AS n FROM mm_meetings WHERE fair_id = $1 AND status = 'held'`);
    const assigned = (k: string) => Number(occ.find((o) => o.kind === k)?.assigned ?? 0);
    const headline: Headline = {
      companies: Number(companies!.n),
      booths: {
        total: occ.reduce((a, o) => a + Number(o.assigned), 0),
        international: assigned('international'),
        domestic: assigned('domestic'),
        technical: assigned('technical-matchmaking') + assigned('technical-workshop'),
        technicalMatchmaking: assigned('technical-matchmaking'),
        technicalWorkshop: assigned('technical-workshop'),
      },
      visits: Number(visits!.n),
      tradeMeetings: Number(held!.n),
    };

    await progress('arrivals', 25);
    const curve = await q<{ hour: string; n: string }>(
      `SELECT to_char(s.scanned_at AT TIME ZONE $2, 'YYYY-MM-DD"T"HH24') AS hour, count(*) AS n FROM checkin_scans s
        WHERE s.fair_id = $1 AND ${ENTRY} GROUP BY 1 ORDER BY 1`,
      [fair.timeZone],
    );

    await progress('sectors and countries', 50);
    const sectors = await q<{ sector: string; exhibitors: string; visitors: string }>(
      `WITH ex AS (SELECT jsonb_array_elements_text(e.sectors) AS sector, count(DISTINCT e.id) AS n FROM exhibitors e
                    WHERE e.fair_id = $1 AND EXISTS (SELECT 1 FROM booth_allocations a WHERE a.exhibitor_id = e.id AND a.status = 'assigned') GROUP BY 1),
            vi AS (SELECT jsonb_array_elements_text(v.sectors) AS sector, count(DISTINCT v.id) AS n FROM visitors v
                    WHERE v.fair_id = $1 AND EXISTS (SELECT 1 FROM checkin_presence c JOIN passes p ON p.id = c.pass_id WHERE p.visitor_id = v.id AND c.admissions > 0) GROUP BY 1)
       SELECT coalesce(ex.sector, vi.sector) AS sector, coalesce(ex.n, 0) AS exhibitors, coalesce(vi.n, 0) AS visitors
         FROM ex FULL JOIN vi ON vi.sector = ex.sector ORDER BY 2 DESC, 3 DESC, 1 LIMIT ${TOP_N}`,
    );
    const countries = await q<{ country: string; exhibitors: string; visits: string }>(
      `WITH ex AS (SELECT e.country, count(*) AS n FROM exhibitors e
                    WHERE e.fair_id = $1 AND EXISTS (SELECT 1 FROM booth_allocations a WHERE a.exhibitor_id = e.id AND a.status = 'assigned') GROUP BY 1),
            vi AS (SELECT v.country, count(*) AS n FROM checkin_scans s JOIN passes p ON p.id = s.pass_id JOIN visitors v ON v.id = p.visitor_id
                    WHERE s.fair_id = $1 AND ${ENTRY} GROUP BY 1)
       SELECT coalesce(ex.country, vi.country) AS country, coalesce(ex.n, 0) AS exhibitors, coalesce(vi.n, 0) AS visits
         FROM ex FULL JOIN vi ON vi.country = ex.country ORDER BY 3 DESC, 2 DESC, 1 LIMIT ${TOP_N}`,
    );

    await progress('meetings', 75);
    const perDay = await q<{ day: string; scheduled: string; held: string; no_show: string }>(
      `SELECT to_char(lower(during) AT TIME ZONE $2, 'YYYY-MM-DD') AS day, count(*) AS scheduled,
              count(*) FILTER (WHERE status = 'held') AS held, count(*) FILTER (WHERE status = 'no-show') AS no_show
         FROM mm_meetings WHERE fair_id = $1 AND status IN ('scheduled', 'held', 'no-show') GROUP BY 1 ORDER BY 1`,
      [fair.timeZone],
    );
    const sectorLabel = new Map(fair.sectors.map((s) => [s.code, s[lang]]));

    await progress('done', 100);
    return {
      fair: { id: fair.id, slug: fair.slug, name: lang === 'vi' ? fair.nameVi : fair.nameEn, venue: lang === 'vi' ? fair.venueVi : fair.venueEn, startsOn: fair.startsOn, endsOn: fair.endsOn },
      lang,
      generatedAt: this.clock.now().toISOString(),
      headline,
      headlineText: headlineLines(headline, lang),
      arrivalCurve: curve.map((c) => ({ hour: c.hour, visits: Number(c.n) })),
      topSectors: sectors.map((s) => ({ sector: s.sector, label: sectorLabel.get(s.sector) ?? s.sector, exhibitors: Number(s.exhibitors), visitors: Number(s.visitors) })),
      topCountries: countries.map((c) => ({ country: c.country, exhibitors: Number(c.exhibitors), visits: Number(c.visits) })),
      meetingsPerDay: perDay.map((d) => ({ day: d.day, scheduled: Number(d.scheduled), held: Number(d.held), noShow: Number(d.no_show) })),
      boothOccupancy: occ.map((o) => ({
        kind: o.kind,
        label: L.kinds[o.kind] ?? o.kind,
        total: Number(o.total),
        assigned: Number(o.assigned),
        rate: Number(o.total) ? Math.round((Number(o.assigned) / Number(o.total)) * 1000) / 1000 : 0,
      })),
    };
  }
}
