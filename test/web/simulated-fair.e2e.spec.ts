// Functions passed to page.evaluate / waitForFunction run in the browser.
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

/**
 * The organiser's live dashboard and post-fair report in Chromium, on a fair produced by the
 * project's own simulation (`cli simulate`, scaled down): exhibitors applied and were approved,
 * the booth solver placed them, visitors registered or were invited and were scanned at two
 * gates over two days, meetings were requested, scheduled, held or missed. The simulation runs
 * its own API and worker on this file's test database and Redis prefix, then stops them; the
 * test system is started on that database and prefix and serves the pages. Every figure shown
 * equals the simulation's parameters and a recount of the rows, and none is zero; the PDF/CSV
 * run completes and the CSV carries the same figures.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { resetConfigCache } from '@fair/core';
import { clearRedisPrefix, createTestDatabase, startTestSystem, type TestDatabase, type TestSystem } from '@fair/testing';
import { checkParams, type SimulationParams } from '../../apps/cli/src/simulate/plan';
import { runSimulation, type SimulationResult } from '../../apps/cli/src/simulate/simulation';
import { chromiumPath, ensureArtifacts, ensureWebBuild, launch } from './browser';

const executable = chromiumPath();
if (!executable) process.stderr.write('[web e2e] SKIPPED: no Chromium found (install Debian package "chromium"); browser tests did not run.\n');
const describeBrowser = executable ? describe : describe.skip;

/** The scaled-down fair of apps/cli/src/simulate/simulate.e2e.spec.ts (a minute or so of simulation). */
const SMALL: SimulationParams = {
  companies: 8,
  internationalCompanies: 3,
  booths: { international: 4, domestic: 5, 'technical-matchmaking': 2, 'technical-workshop': 2 },
  registeredVisitors: 24,
  invitedVisitors: 16,
  visits: 52,
  reentryShare: 0.1,
  days: 2,
  gates: 2,
  matchmakingVisitors: 12,
  meetingsHeld: 30,
  noShows: 4,
  declined: 3,
  expired: 2,
  seed: 7,
  concurrency: 6,
};
const KINDS = ['international', 'domestic', 'technical-matchmaking', 'technical-workshop'] as const;
const DESKTOP = { width: 1280, height: 860 };

describeBrowser('a small simulated fair in the organiser console (Chromium)', () => {
  let db: TestDatabase | undefined;
  let simPrefix: string | undefined;
  let sim: SimulationResult;
  let sys: TestSystem;
  let browser: Browser;
  let organiser: string;
  const shots = ensureArtifacts();

  beforeAll(async () => {
    ensureWebBuild();
    db = await createTestDatabase();
    Object.assign(process.env, { NODE_ENV: 'test', DATABASE_URL: db.url, DATABASE_POOL_SIZE: '10' });
    resetConfigCache();
    expect(checkParams(SMALL)).toEqual([]);
    const t0 = performance.now();
    try {
      sim = await runSimulation(SMALL);
    } finally {
      // runSimulation gives its API and worker a Redis prefix of their own and leaves it in the environment
      simPrefix = process.env.REDIS_PREFIX;
    }
    process.stderr.write(`[simulated fair] simulation ${Math.round((performance.now() - t0) / 100) / 10} s (${sim.wallSeconds} s inside runSimulation)\n`);
    // The simulation stopped its API and worker; the test system serves the database and the tallies it left.
    sys = await startTestSystem({ worker: true, database: db, redisPrefix: simPrefix });
    browser = await launch(executable!);
    organiser = await sys.signIn('organiser');
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    if (sys) await sys.close();
    else {
      if (simPrefix) await clearRedisPrefix(simPrefix);
      await db?.drop();
    }
  });

  async function context(): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
    await ctx.addInitScript(
      ({ token, slug }) => {
        const ls = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage;
        ls.setItem('fair.lang', 'en');
        ls.setItem('fair.slug', slug);
        ls.setItem('fair.session.organiser', token);
      },
      { token: organiser, slug: sim.fair.slug },
    );
    return ctx;
  }
  /** A figure as shown (en-GB groups thousands with ','): its digits. */
  const digits = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));
  const figure = async (page: Page, testId: string) => digits(await page.getByTestId(testId).textContent());
  const cell = async (page: Page, row: string, n: number) => digits(await page.locator(`${row} td`).nth(n).textContent());
  const bars = (page: Page): Promise<Record<string, number>> =>
    page.locator('svg.chart g[data-hour]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-hour')!, Number(e.getAttribute('data-visits'))])));
  const rows = async <T>(sql: string): Promise<T[]> => (await sys.dataSource.query(sql, [sim.fair.id])) as T[];
  const byKey = (list: { k: string; n: number }[]) => Object.fromEntries(list.map((r) => [r.k, r.n]));

  /** What SQL counts from the source tables, with the report's and the tallies' definitions (decisions 011, 013). */
  async function recount() {
    const entry = `s.verdict IN ('admitted', 're-entry')`;
    const [v] = await rows<{ visits: number }>(`SELECT count(*)::int AS visits FROM checkin_scans s WHERE s.fair_id = $1 AND ${entry}`);
    const [inside] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM checkin_presence WHERE fair_id = $1 AND inside`);
    const perGate = byKey(await rows(`SELECT g.code AS k, count(*)::int AS n FROM checkin_scans s JOIN gates g ON g.id = s.gate_id WHERE s.fair_id = $1 AND ${entry} GROUP BY 1`));
    const perHour = byKey(
      await rows(`SELECT to_char(s.scanned_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24') AS k, count(*)::int AS n FROM checkin_scans s WHERE s.fair_id = $1 AND ${entry} GROUP BY 1`),
    );
    const [m] = await rows<{ requested: number; accepted: number; scheduled: number; held: number; no_show: number }>(
      `SELECT (SELECT count(*)::int FROM mm_requests WHERE fair_id = $1) AS requested, count(*)::int AS accepted,
              count(*) FILTER (WHERE status IN ('scheduled', 'held', 'no-show'))::int AS scheduled,
              count(*) FILTER (WHERE status = 'held')::int AS held, count(*) FILTER (WHERE status = 'no-show')::int AS no_show
         FROM mm_meetings WHERE fair_id = $1`,
    );
    const perDay = await rows<{ day: string; scheduled: number; held: number; no_show: number }>(
      `SELECT to_char(lower(during) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, count(*)::int AS scheduled,
              count(*) FILTER (WHERE status = 'held')::int AS held, count(*) FILTER (WHERE status = 'no-show')::int AS no_show
         FROM mm_meetings WHERE fair_id = $1 AND status IN ('scheduled', 'held', 'no-show') GROUP BY 1 ORDER BY 1`,
    );
    const [companies] = await rows<{ n: number }>(`SELECT count(DISTINCT a.exhibitor_id)::int AS n FROM booth_allocations a JOIN booths b ON b.id = a.booth_id WHERE b.fair_id = $1 AND a.status = 'assigned'`);
    const assigned = byKey(await rows(`SELECT b.kind AS k, count(*)::int AS n FROM booth_allocations a JOIN booths b ON b.id = a.booth_id WHERE b.fair_id = $1 AND a.status = 'assigned' GROUP BY 1`));
    const booths = byKey(await rows(`SELECT kind AS k, count(*)::int AS n FROM booths WHERE fair_id = $1 GROUP BY 1`));
    const visitsByCountry = byKey(
      await rows(`SELECT v.country AS k, count(*)::int AS n FROM checkin_scans s JOIN passes p ON p.id = s.pass_id JOIN visitors v ON v.id = p.visitor_id WHERE s.fair_id = $1 AND ${entry} GROUP BY 1`),
    );
    const exhibitorsByCountry = byKey(
      await rows(
        `SELECT e.country AS k, count(*)::int AS n FROM exhibitors e
          WHERE e.fair_id = $1 AND EXISTS (SELECT 1 FROM booth_allocations a WHERE a.exhibitor_id = e.id AND a.status = 'assigned') GROUP BY 1`,
      ),
    );
    return {
      visits: v!.visits,
      inside: inside!.n,
      perGate,
      perHour,
      meetings: { requested: m!.requested, accepted: m!.accepted, scheduled: m!.scheduled, held: m!.held, 'no-show': m!.no_show } as Record<string, number>,
      perDay,
      companies: companies!.n,
      assigned: Object.fromEntries(KINDS.map((k) => [k, assigned[k] ?? 0])) as Record<(typeof KINDS)[number], number>,
      booths: Object.fromEntries(KINDS.map((k) => [k, booths[k] ?? 0])) as Record<(typeof KINDS)[number], number>,
      visitsByCountry,
      exhibitorsByCountry,
    };
  }

  it('the recount of the rows equals the simulation parameters, and none of the figures is zero', async () => {
    const sql = await recount();
    expect(sql.companies).toBe(SMALL.companies);
    expect(sql.assigned).toEqual(SMALL.booths);
    expect(sql.booths).toEqual(SMALL.booths);
    expect(sql.visits).toBe(SMALL.visits);
    expect(Object.keys(sql.perGate)).toHaveLength(SMALL.gates);
    expect(sql.meetings).toEqual({
      requested: SMALL.meetingsHeld + SMALL.noShows + SMALL.declined + SMALL.expired,
      accepted: SMALL.meetingsHeld + SMALL.noShows,
      scheduled: SMALL.meetingsHeld + SMALL.noShows,
      held: SMALL.meetingsHeld,
      'no-show': SMALL.noShows,
    });
    expect(sql.perDay).toHaveLength(SMALL.days);
    for (const n of [sql.companies, sql.visits, ...Object.values(sql.assigned), ...Object.values(sql.perGate), ...Object.values(sql.meetings)]) expect(n).toBeGreaterThan(0);
    // what the simulation's own report run said
    expect(sim.headline).toEqual({
      companies: sql.companies,
      booths: {
        total: SMALL.booths.international + SMALL.booths.domestic + SMALL.booths['technical-matchmaking'] + SMALL.booths['technical-workshop'],
        international: sql.assigned.international,
        domestic: sql.assigned.domestic,
        technical: sql.assigned['technical-matchmaking'] + sql.assigned['technical-workshop'],
        technicalMatchmaking: sql.assigned['technical-matchmaking'],
        technicalWorkshop: sql.assigned['technical-workshop'],
      },
      visits: sql.visits,
      tradeMeetings: sql.meetings.held,
    });
  });

  it('the live dashboard shows the visits, arrivals per hour and per gate, people inside and the meetings of the simulated fair', async () => {
    const sql = await recount();
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/organiser/dashboard');
    // Fed by the Redis tallies the simulation's worker kept; the page refreshes by itself.
    await page.waitForFunction((n) => document.querySelector('[data-testid=arrivals]')?.textContent === String(n), SMALL.visits, { timeout: 30_000 });
    expect(await figure(page, 'arrivals')).toBe(sql.visits);
    expect(await figure(page, 'meetings-held')).toBe(SMALL.meetingsHeld);
    expect(await figure(page, 'meetings-held')).toBe(sql.meetings.held);
    // everyone went home at the end of the last day
    expect(await figure(page, 'inside-now')).toBe(sql.inside);
    const gates: Record<string, number> = {};
    for (const code of await page.locator('[data-testid=per-gate] tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-gate')!))) {
      gates[code] = await cell(page, `[data-testid=per-gate] tr[data-gate="${code}"]`, 0);
    }
    expect(gates).toEqual(sql.perGate);
    const curve = await bars(page);
    expect(curve).toEqual(sql.perHour);
    expect(Object.values(curve).reduce((a, b) => a + b, 0)).toBe(SMALL.visits);
    // both fair days have arrivals (morning and midday peaks of each)
    expect(new Set(Object.keys(curve).map((h) => h.slice(0, 10)))).toEqual(new Set([sim.fair.startsOn, sim.fair.endsOn]));
    // and the chart says which day each run of bars belongs to
    expect(await page.locator('svg.chart text[data-day]').evaluateAll((els) => els.map((e) => e.getAttribute('data-day')))).toEqual([sim.fair.startsOn, sim.fair.endsOn]);
    const meetings: Record<string, number> = {};
    for (const event of Object.keys(sql.meetings)) meetings[event] = await cell(page, `[data-testid=meetings] tr[data-event="${event}"]`, 0);
    expect(meetings).toEqual(sql.meetings);
    await page.screenshot({ path: join(shots, 'organiser-live-dashboard-simulated-desktop.png') });
    await ctx.close();
  }, 120_000);

  it('the post-fair report page shows companies, booths by kind, visits and meetings held; the PDF/CSV run completes and the CSV carries the same figures', async () => {
    const sql = await recount();
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/organiser/report');
    await page.getByTestId('report-visits').waitFor();
    expect(await figure(page, 'report-companies')).toBe(SMALL.companies);
    expect(await figure(page, 'report-companies')).toBe(sql.companies);
    const boothTotal = Object.values(sql.assigned).reduce((a, b) => a + b, 0);
    expect(await figure(page, 'report-booths')).toBe(boothTotal);
    expect(await figure(page, 'report-visits')).toBe(SMALL.visits);
    expect(await figure(page, 'report-visits')).toBe(sql.visits);
    expect(await figure(page, 'report-meetings')).toBe(SMALL.meetingsHeld);
    expect(await figure(page, 'report-meetings')).toBe(sql.meetings.held);
    for (const kind of KINDS) {
      const row = `[data-testid=report-occupancy] tr[data-kind="${kind}"]`;
      expect([kind, await cell(page, row, 0), await cell(page, row, 1)]).toEqual([kind, sql.booths[kind], SMALL.booths[kind]]);
      expect(await cell(page, row, 1)).toBe(sql.assigned[kind]);
    }
    const b = SMALL.booths;
    const headline = await page.getByTestId('report-headline').locator('li').allTextContents();
    expect(headline).toEqual([
      `${sql.companies} exhibiting companies`,
      `${boothTotal} booths (${b.international} international, ${b.domestic} domestic, ${b['technical-matchmaking'] + b['technical-workshop']} technical: ${b['technical-matchmaking']} matchmaking + ${b['technical-workshop']} workshop)`,
      `${sql.visits} visits`,
      `${sql.meetings.held} trade meetings`,
    ]);
    expect(await bars(page)).toEqual(sql.perHour);
    const perDay = [];
    for (const d of sql.perDay) {
      const row = `[data-testid=report-meetings-per-day] tr[data-day="${d.day}"]`;
      perDay.push({ day: d.day, scheduled: await cell(page, row, 0), held: await cell(page, row, 1), no_show: await cell(page, row, 2) });
    }
    expect(perDay).toEqual(sql.perDay);
    expect(await page.locator('[data-testid=report-meetings-per-day] tbody tr').count()).toBe(SMALL.days);
    const countryRows = await page.locator('[data-testid=report-countries] tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-country')!));
    expect(countryRows.length).toBeGreaterThan(1);
    for (const country of countryRows) {
      const row = `[data-testid=report-countries] tr[data-country="${country}"]`;
      expect([country, await cell(page, row, 0), await cell(page, row, 1)]).toEqual([country, sql.exhibitorsByCountry[country] ?? 0, sql.visitsByCountry[country] ?? 0]);
    }

    // The background run: PDF and CSV.
    await page.getByRole('button', { name: 'Prepare PDF and CSV' }).click();
    await page.locator('[data-testid=run-status][data-status=done]').waitFor({ timeout: 60_000 });
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`post-fair-report-${sim.fair.slug}.pdf`);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    expect(csvFile.suggestedFilename()).toBe(`post-fair-report-${sim.fair.slug}.csv`);
    const csv = parse(readFileSync((await csvFile.path())!, 'utf8'), { bom: true, relax_column_count: true, columns: true }) as Record<string, string>[];
    const value = (section: string, key: string) => csv.filter((r) => r.section === section && r.key === key).map((r) => Number(r.value));
    expect(value('headline', 'companies')).toEqual([SMALL.companies]);
    expect(value('headline', 'booths')).toEqual([boothTotal]);
    for (const kind of KINDS) expect([kind, value('headline', `booths.${kind}`)]).toEqual([kind, [SMALL.booths[kind]]]);
    expect(value('headline', 'booths.technical')).toEqual([sql.assigned['technical-matchmaking'] + sql.assigned['technical-workshop']]);
    expect(value('headline', 'visits')).toEqual([SMALL.visits]);
    expect(value('headline', 'trade-meetings')).toEqual([SMALL.meetingsHeld]);
    expect(Object.fromEntries(csv.filter((r) => r.section === 'arrivals').map((r) => [r.key, Number(r.value)]))).toEqual(sql.perHour);
    expect(csv.filter((r) => r.section === 'meetings-per-day').map((r) => ({ day: r.key, scheduled: Number(r.value), held: Number(r.value2), no_show: Number(r.value3) }))).toEqual(sql.perDay);
    expect(Object.fromEntries(csv.filter((r) => r.section === 'booth-occupancy').map((r) => [r.key, [Number(r.value), Number(r.value2)]]))).toEqual(
      Object.fromEntries(KINDS.map((k) => [k, [sql.booths[k], sql.assigned[k]]])),
    );
    expect(csv.filter((r) => r.section === 'headline-text').map((r) => r.label)).toEqual(headline);
    await page.screenshot({ path: join(shots, 'organiser-report-simulated-desktop.png') });
    await ctx.close();
  }, 150_000);
});
