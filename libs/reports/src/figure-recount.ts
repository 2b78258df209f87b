import type { EntityManager } from 'typeorm';
import type { MeetingTallies } from '@fair/matchmaking';
import type { VisitTallies } from '@fair/checkin';

type Q = Pick<EntityManager, 'query'>;
const map = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
const ENTRY = `verdict IN ('admitted', 're-entry')`;

/** The visit tallies recomputed from checkin_scans / checkin_presence (definitions: decision 007). */
export async function recountVisits(m: Q, fairId: string, timeZone: string): Promise<VisitTallies> {
  const [hours, gates, types, inside] = await Promise.all([
    m.query(`SELECT to_char(scanned_at AT TIME ZONE $2, 'YYYY-MM-DD"T"HH24') AS k, count(*)::int AS n FROM checkin_scans WHERE fair_id = $1 AND ${ENTRY} GROUP BY 1`, [fairId, timeZone]),
    m.query(`SELECT gate_id::text AS k, count(*)::int AS n FROM checkin_scans WHERE fair_id = $1 AND ${ENTRY} GROUP BY 1`, [fairId]),
    m.query(`SELECT visitor_type AS k, count(*)::int AS n FROM checkin_scans WHERE fair_id = $1 AND ${ENTRY} GROUP BY 1`, [fairId]),
    m.query(`SELECT count(*)::int AS n FROM checkin_presence WHERE fair_id = $1 AND inside`, [fairId]),
  ]);
  return { byHour: map(hours), byGate: map(gates), byVisitorType: map(types), insideNow: Number(inside[0].n) };
}

/** The meeting tallies recomputed from mm_requests / mm_meetings (definitions: decision 011). */
export async function recountMeetings(m: Q, fairId: string, timeZone: string): Promise<MeetingTallies> {
  const rows: { event: string; day: string; sectors: string[]; pair: string }[] = await m.query(
    `WITH ev AS (
       SELECT 'requested' AS event, r.created_at AS at, r.from_id AS x, r.to_id AS y FROM mm_requests r WHERE r.fair_id = $1
       UNION ALL SELECT 'accepted', m.created_at, m.a_id, m.b_id FROM mm_meetings m WHERE m.fair_id = $1
       UNION ALL SELECT 'scheduled', lower(m.during), m.a_id, m.b_id FROM mm_meetings m WHERE m.fair_id = $1 AND m.status IN ('scheduled', 'held', 'no-show')
       UNION ALL SELECT m.status, lower(m.during), m.a_id, m.b_id FROM mm_meetings m WHERE m.fair_id = $1 AND m.status IN ('held', 'no-show'))
     SELECT ev.event, to_char(ev.at AT TIME ZONE $2, 'YYYY-MM-DD') AS day,
            ARRAY(SELECT DISTINCT unnest(px.sectors || py.sectors)) AS sectors,
            least(px.country, py.country) || '-' || greatest(px.country, py.country) AS pair
       FROM ev JOIN mm_participants px ON px.id = ev.x JOIN mm_participants py ON py.id = ev.y`,
    [fairId, timeZone],
  );
  const t: MeetingTallies = { total: {}, byDay: {}, bySector: {}, byCountryPair: {} };
  const inc = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
  for (const r of rows) {
    inc(t.total, r.event);
    inc(t.byDay, `${r.day}|${r.event}`);
    for (const s of r.sectors) inc(t.bySector, `${s}|${r.event}`);
    inc(t.byCountryPair, `${r.pair}|${r.event}`);
  }
  return t;
}
