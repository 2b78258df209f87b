import { useEffect, useState } from 'react';
import { download, ok, organiserApi } from '../api/client';
import type { Fair, LiveFigures, PostFairReport, ReportRun } from '../api/views';
import { useI18n } from '../i18n';
import { FormError, useSubmit } from '../ui/form';

/**
 * Bars of an hourly curve (fair-local hours), labelled by hour; when the curve spans several
 * days, the first bar of each day carries the date, so two days' "08h" are not read as one.
 */
function HourBars({ points, label }: { points: { hour: string; visits: number }[]; label: string }) {
  const { date, number } = useI18n();
  const max = Math.max(1, ...points.map((p) => p.visits));
  const days = new Set(points.map((p) => p.hour.slice(0, 10)));
  return (
    <svg className="chart" viewBox={`0 0 ${Math.max(points.length, 1) * 30} 120`} role="img" aria-label={label}>
      {points.map((p, i) => {
        const day = p.hour.slice(0, 10);
        const firstOfDay = days.size > 1 && (i === 0 || points[i - 1]!.hour.slice(0, 10) !== day);
        return (
          <g key={p.hour} data-hour={p.hour} data-visits={p.visits}>
            <title>{`${date(day)} ${p.hour.slice(-2)}h: ${number(p.visits)}`}</title>
            {firstOfDay && (
              <>
                {i > 0 && <line x1={i * 30} x2={i * 30} y1={0} y2={110} stroke="#8a8a8a" strokeDasharray="2 2" />}
                <text x={i * 30 + 2} y={7} fontSize={7} data-day={day}>
                  {date(day)}
                </text>
              </>
            )}
            <rect x={i * 30 + 4} y={110 - (p.visits / max) * 90} width={22} height={(p.visits / max) * 90} fill="#0b4f8a" />
            <text x={i * 30 + 15} y={118} fontSize={7} textAnchor="middle">
              {p.hour.slice(-2)}h
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Live figures (GET reports/fairs/:fair/live), refreshed by itself every 5 seconds. */
export function Dashboard({ fair }: { fair: Fair }) {
  const { t, number, time } = useI18n();
  const [live, setLive] = useState<LiveFigures | null>(null);
  const [at, setAt] = useState<Date | null>(null);
  useEffect(() => {
    let stop = false;
    const load = async () => {
      try {
        const v = await ok(organiserApi.GET('/api/reports/fairs/{fair}/live', { params: { path: { fair: fair.id } } }));
        if (!stop) {
          setLive(v);
          setAt(new Date());
        }
      } catch {
        /* keep the last figures; the banner says the connection is lost */
      }
    };
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [fair.id]);
  if (!live) return <p role="status">{t.loading}</p>;
  const v = live.visits;
  const figure = (label: string, value: number, id: string) => (
    <div className="figure">
      <span>{label}</span>
      <strong data-testid={id}>{number(value)}</strong>
    </div>
  );
  return (
    <section className="dashboard">
      <div className="figures">
        {figure(t.insideNow, v.insideNow, 'inside-now')}
        {figure(t.visitsTotal, v.total, 'arrivals')}
        {figure(t.meetingsHeld, live.meetings['held'] ?? 0, 'meetings-held')}
        {figure(t.leadsTotal, live.leads.total, 'leads-total')}
      </div>
      <h2>{t.arrivalCurve}</h2>
      <HourBars points={v.arrivalsByHour} label={t.arrivalCurve} />
      <div className="row">
        <table data-testid="per-gate">
          <caption>{t.perGate}</caption>
          <thead>
            <tr>
              <th scope="col">{t.gate}</th>
              <th scope="col">{t.visitsTotal}</th>
            </tr>
          </thead>
          <tbody>
            {v.byGate.map((g) => (
              <tr key={g.gateId} data-gate={g.code}>
                <th scope="row">{g.code}</th>
                <td>{number(g.visits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table data-testid="meetings">
          <caption>{t.meetings}</caption>
          <tbody>
            {Object.keys(t.meetingEvent).map((k) => (
              <tr key={k} data-event={k}>
                <th scope="row">{t.meetingEvent[k]}</th>
                <td>{number(live.meetings[k] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted" role="status">
        {t.autoRefresh} {at && t.updatedAt(time(at))}
      </p>
    </section>
  );
}

/** The post-fair report: the JSON for the page, and a background run that makes the PDF and CSV. */
export function Report({ fair }: { fair: Fair }) {
  const { t, lang, number } = useI18n();
  const [report, setReport] = useState<PostFairReport | null>(null);
  const [run, setRun] = useState<ReportRun | null>(null);
  const { busy, error, run: submit } = useSubmit();
  useEffect(() => {
    ok(organiserApi.GET('/api/reports/fairs/{fair}/post-fair', { params: { path: { fair: fair.id }, query: { lang } } as never }))
      .then(setReport)
      .catch(() => undefined);
  }, [fair.id, lang]);
  useEffect(() => {
    if (!run || run.status === 'done' || run.status === 'failed') return;
    const timer = setTimeout(() => {
      ok(organiserApi.GET('/api/reports/runs/{run}', { params: { path: { run: run.id } } }))
        .then(setRun)
        .catch(() => setRun({ ...run }));
    }, 800);
    return () => clearTimeout(timer);
  }, [run]);
  const start = () => submit(async () => setRun(await ok(organiserApi.POST('/api/reports/fairs/{fair}/post-fair/runs', { params: { path: { fair: fair.id } }, body: { lang } }))));
  const get = (what: 'pdf' | 'csv') => submit(() => download('organiser', `/api/reports/runs/${run!.id}/report.${what}`, `post-fair-report-${fair.slug}.${what}`));
  if (!report) return <p role="status">{t.loading}</p>;
  const h = report.headline;
  const pct = (r: number) => `${number(Math.round(r * 1000) / 10)} %`;
  return (
    <section data-testid="report">
      <h2>{t.reportTitle}</h2>
      <div className="figures">
        <div className="figure">
          <span>{t.companies}</span>
          <strong data-testid="report-companies">{number(h.companies)}</strong>
        </div>
        <div className="figure">
          <span>{t.boothsAssigned}</span>
          <strong data-testid="report-booths">{number(h.booths.total)}</strong>
        </div>
        <div className="figure">
          <span>{t.visitsTotal}</span>
          <strong data-testid="report-visits">{number(h.visits)}</strong>
        </div>
        <div className="figure">
          <span>{t.meetingsHeld}</span>
          <strong data-testid="report-meetings">{number(h.tradeMeetings)}</strong>
        </div>
      </div>
      <ul data-testid="report-headline">
        {report.headlineText.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <FormError error={error} />
      <div className="row">
        <button type="button" onClick={() => void start()} disabled={busy || (run !== null && run.status !== 'done' && run.status !== 'failed')}>
          {t.generateFiles}
        </button>
        {run && (
          <>
            <progress max={100} value={run.progress} aria-label={t.progress} />
            <span role="status" data-testid="run-status" data-status={run.status}>
              {t.runStatus[run.status]} · {number(run.progress)} % {run.error ?? ''}
            </span>
          </>
        )}
        {run?.status === 'done' && (
          <>
            <button type="button" className="primary" onClick={() => void get('pdf')} data-testid="download-pdf">
              {t.downloadPdf}
            </button>
            <button type="button" onClick={() => void get('csv')} data-testid="download-csv">
              {t.downloadCsv}
            </button>
          </>
        )}
      </div>
      <h3>{t.arrivalCurve}</h3>
      <HourBars points={report.arrivalCurve} label={t.arrivalCurve} />
      <div className="table-wrap">
        <table data-testid="report-countries">
          <caption>{t.topCountries}</caption>
          <thead>
            <tr>
              <th scope="col">{t.country}</th>
              <th scope="col">{t.exhibitors}</th>
              <th scope="col">{t.visitsTotal}</th>
            </tr>
          </thead>
          <tbody>
            {report.topCountries.map((c) => (
              <tr key={c.country} data-country={c.country}>
                <th scope="row">{c.country}</th>
                <td>{number(c.exhibitors)}</td>
                <td>{number(c.visits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>{t.topSectors}</caption>
          <thead>
            <tr>
              <th scope="col">{t.sector}</th>
              <th scope="col">{t.exhibitors}</th>
              <th scope="col">{t.visitors}</th>
            </tr>
          </thead>
          <tbody>
            {report.topSectors.map((s) => (
              <tr key={s.sector}>
                <th scope="row">{s.label}</th>
                <td>{number(s.exhibitors)}</td>
                <td>{number(s.visitors)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table data-testid="report-meetings-per-day">
          <caption>{t.meetingsPerDay}</caption>
          <thead>
            <tr>
              <th scope="col">{t.day}</th>
              <th scope="col">{t.scheduled}</th>
              <th scope="col">{t.held}</th>
              <th scope="col">{t.noShow}</th>
            </tr>
          </thead>
          <tbody>
            {report.meetingsPerDay.map((d) => (
              <tr key={d.day} data-day={d.day}>
                <th scope="row">{d.day}</th>
                <td>{number(d.scheduled)}</td>
                <td>{number(d.held)}</td>
                <td>{number(d.noShow)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table data-testid="report-occupancy">
          <caption>{t.occupancy}</caption>
          <thead>
            <tr>
              <th scope="col">{t.kindCol}</th>
              <th scope="col">{t.total}</th>
              <th scope="col">{t.assigned}</th>
              <th scope="col">{t.rate}</th>
            </tr>
          </thead>
          <tbody>
            {report.boothOccupancy.map((o) => (
              <tr key={o.kind} data-kind={o.kind}>
                <th scope="row">{o.label}</th>
                <td>{number(o.total)}</td>
                <td>{number(o.assigned)}</td>
                <td>{pct(o.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
