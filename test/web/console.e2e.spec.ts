// Functions passed to page.evaluate / waitForFunction run in the browser.
declare const document: { querySelector(selector: string): { textContent: string | null; getAttribute(n: string): string | null } | null; documentElement: { lang: string } };

/**
 * The organiser console and the visitor's pass page in Chromium, against a small fair seeded
 * through the API (registrations, scans at two gates, lead scans): the live dashboard and the
 * post-fair report show what SQL recounts give; the PDF/CSV run completes; bull-board is behind
 * organiser login; the invitation's pass link opens the pass page; a Vietnamese run of these
 * pages; and axe-core finds no unlabelled form field on the main pages. (The same pages on a fair
 * produced by `cli simulate`, with companies, booths and meetings: simulated-fair.e2e.spec.ts.)
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, eventually, type TestSystem } from '@fair/testing';
import { axeViolations, chromiumPath, ensureArtifacts, ensureWebBuild, launch } from './browser';

const executable = chromiumPath();
if (!executable) process.stderr.write('[web e2e] SKIPPED: no Chromium found (install Debian package "chromium"); browser tests did not run.\n');
const describeBrowser = executable ? describe : describe.skip;

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const SLUG = `console-fair-${process.pid}`;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

describeBrowser('organiser console, pass page and accessibility in Chromium', () => {
  let sys: TestSystem;
  let browser: Browser;
  let organiser: string;
  let fairId: string;
  const shots = ensureArtifacts();
  const visitorEmails: string[] = [];

  async function context(lang: 'en' | 'vi', tokens: Record<string, string> = {}, viewport = DESKTOP): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport, locale: lang === 'vi' ? 'vi-VN' : 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });
    await ctx.addInitScript(
      ({ tokens, slug, lang }) => {
        const ls = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage;
        ls.setItem('fair.lang', lang);
        ls.setItem('fair.slug', slug);
        for (const [role, token] of Object.entries(tokens)) ls.setItem(`fair.session.${role}`, token);
      },
      { tokens, slug: SLUG, lang },
    );
    return ctx;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();
  /** A figure as shown (vi-VN groups thousands with '.', en-GB with ','): its digits. */
  const figure = async (page: Page, testId: string) => Number((await text(page, testId)).replace(/[^\d]/g, ''));

  /** axe-core on the page: violations of the rules about names and labels of controls (colour contrast: contrast.e2e.spec.ts). */
  const unlabelled = (page: Page) =>
    axeViolations(page, ['label', 'select-name', 'button-name', 'input-button-name', 'link-name', 'aria-input-field-name', 'form-field-multiple-labels', 'image-alt', 'svg-img-alt', 'html-has-lang']);

  beforeAll(async () => {
    ensureWebBuild();
    sys = await startTestSystem({ worker: true, smtp: true });
    browser = await launch(executable!);
    organiser = await sys.signIn('organiser');
    const fair = await sys.http('POST', '/api/fairs', {
      token: organiser,
      body: {
        slug: SLUG,
        nameVi: 'Hội chợ Thương mại Đà Nẵng',
        nameEn: 'Da Nang Trade Fair',
        venueVi: 'Cung Hội nghị Đà Nẵng',
        venueEn: 'Da Nang Convention Centre',
        startsOn: day(-1),
        endsOn: day(1),
        sectors: [{ code: 'food', vi: 'Thực phẩm', en: 'Food' }],
      },
    });
    expect(fair.status).toBeLessThan(300);
    fairId = fair.body.id;

    // A small fair: 5 visitors from 3 countries, two gates; 4 admitted, one of them leaves and comes back.
    const gates: string[] = [];
    for (const code of ['N1', 'S1']) {
      const g = await sys.http('POST', `/api/checkin/fairs/${SLUG}/gates`, { token: organiser, body: { code, nameVi: `Cổng ${code}`, nameEn: `Gate ${code}` } });
      const d = await sys.http('POST', `/api/checkin/gates/${g.body.id}/devices`, { token: organiser, body: { name: `${code}-1` } });
      gates.push(d.body.id);
    }
    const gateToken = await sys.signIn('gate');
    for (const device of gates) expect((await sys.http('POST', `/api/checkin/devices/${device}/sign-in`, { token: gateToken })).status).toBe(200);
    const countries = ['VN', 'VN', 'JP', 'KR', 'VN'];
    for (const [i, country] of countries.entries()) {
      const email = `console-v${i}-${process.pid}@example.vn`;
      visitorEmails.push(email);
      const r = await sys.http('POST', `/api/visitors/fairs/${SLUG}/register`, { body: { name: `Khách ${i + 1}`, company: `Công ty ${i + 1}`, country, email, visitorType: 'trade-buyer', lang: 'vi', consent: true } });
      expect(r.status).toBeLessThan(300);
    }
    const codes = (await sys.dataSource.query(`SELECT p.code FROM passes p JOIN visitors v ON v.id = p.visitor_id WHERE v.email = ANY($1) ORDER BY v.email`, [visitorEmails])) as { code: string }[];
    let n = 0;
    const scan = async (device: string, code: string, direction: 'in' | 'out' = 'in') => {
      const r = await sys.http('POST', `/api/checkin/devices/${device}/scans`, { token: gateToken, body: { code, nonce: `console-${process.pid}-${n++}`, direction } });
      expect(r.status).toBe(200);
      return r.body.verdict as string;
    };
    expect(await scan(gates[0]!, codes[0]!.code)).toBe('admitted');
    expect(await scan(gates[0]!, codes[1]!.code)).toBe('admitted');
    expect(await scan(gates[1]!, codes[2]!.code)).toBe('admitted');
    expect(await scan(gates[1]!, codes[3]!.code)).toBe('admitted');
    await scan(gates[1]!, codes[3]!.code, 'out');
    await scan(gates[0]!, codes[3]!.code);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  /** What SQL counts from the source tables (decision 013's definitions). */
  async function recount() {
    const [v] = (await sys.dataSource.query(
      `SELECT count(*) FILTER (WHERE verdict IN ('admitted', 're-entry'))::int AS visits FROM checkin_scans WHERE fair_id = $1`,
      [fairId],
    )) as { visits: number }[];
    const [inside] = (await sys.dataSource.query(`SELECT count(*)::int AS n FROM checkin_presence WHERE fair_id = $1 AND inside`, [fairId])) as { n: number }[];
    const perGate = (await sys.dataSource.query(
      `SELECT g.code, count(*)::int AS n FROM checkin_scans s JOIN gates g ON g.id = s.gate_id WHERE s.fair_id = $1 AND s.verdict IN ('admitted', 're-entry') GROUP BY g.code ORDER BY g.code`,
      [fairId],
    )) as { code: string; n: number }[];
    const [held] = (await sys.dataSource.query(`SELECT count(*)::int AS n FROM mm_meetings WHERE fair_id = $1 AND status = 'held'`, [fairId])) as { n: number }[];
    const [companies] = (await sys.dataSource.query(
      `SELECT count(DISTINCT exhibitor_id)::int AS n FROM booth_allocations a JOIN booths b ON b.id = a.booth_id WHERE b.fair_id = $1 AND a.status = 'assigned'`,
      [fairId],
    )) as { n: number }[];
    return { visits: v!.visits, inside: inside!.n, perGate, held: held!.n, companies: companies!.n };
  }

  it('the organiser dashboard and report show the figures of a small hand-seeded fair (SQL recounts, people inside), the PDF/CSV run completes, bull-board is organiser-only', async () => {
    const sql = await recount();
    expect(sql.visits).toBeGreaterThanOrEqual(4);
    const ctx = await context('en', { organiser });
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/organiser/dashboard');
    // The tallies are fed by jobs: the page refreshes by itself until they have caught up.
    await page.waitForFunction((n) => document.querySelector('[data-testid=arrivals]')?.textContent === String(n), sql.visits, { timeout: 30_000 });
    expect(await figure(page, 'inside-now')).toBe(sql.inside);
    expect(await figure(page, 'meetings-held')).toBe(sql.held);
    for (const g of sql.perGate) expect(await page.locator(`[data-testid=per-gate] tr[data-gate="${g.code}"] td`).textContent()).toBe(String(g.n));
    const bars = await page.locator('svg.chart g[data-hour]').evaluateAll((els) => els.reduce((a, e) => a + Number(e.getAttribute('data-visits')), 0));
    expect(bars).toBe(sql.visits);
    await shot(page, 'organiser-live-dashboard-desktop');

    await page.goto(sys.baseUrl + '/organiser/report');
    await page.getByTestId('report-visits').waitFor();
    expect(await figure(page, 'report-visits')).toBe(sql.visits);
    expect(await figure(page, 'report-meetings')).toBe(sql.held);
    expect(await figure(page, 'report-companies')).toBe(sql.companies);
    const [jp] = (await sys.dataSource.query(
      `SELECT count(*)::int AS n FROM checkin_scans s JOIN passes p ON p.id = s.pass_id JOIN visitors v ON v.id = p.visitor_id WHERE s.fair_id = $1 AND v.country = 'JP' AND s.verdict IN ('admitted', 're-entry')`,
      [fairId],
    )) as { n: number }[];
    expect(await page.locator('[data-testid=report-countries] tr[data-country="JP"] td').nth(1).textContent()).toBe(String(jp!.n));
    await page.getByRole('button', { name: 'Prepare PDF and CSV' }).click();
    await page.locator('[data-testid=run-status][data-status=done]').waitFor({ timeout: 60_000 });
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    await shot(page, 'organiser-report-desktop');

    await page.goto(sys.baseUrl + '/organiser/matchmaking');
    await page.getByRole('button', { name: 'Run the scheduler' }).waitFor();
    await page.getByLabel('Table name').fill('Bàn 1');
    await page.getByRole('button', { name: 'Add table' }).click();
    await page.locator('[data-testid=mm-tables] li', { hasText: 'Bàn 1' }).waitFor();
    await shot(page, 'organiser-matchmaking-desktop');
    await ctx.close();

    // bull-board: a page for organisers only.
    const anon = await fetch(sys.baseUrl + '/admin/queues/api/queues', { headers: { accept: 'application/json' } });
    expect(anon.status).toBe(401);
    const gate = await sys.signIn('gate');
    expect((await fetch(sys.baseUrl + '/admin/queues/api/queues', { headers: { cookie: `fair_session=${gate}` } })).status).toBe(403);
    const board = await fetch(sys.baseUrl + '/admin/queues/api/queues', { headers: { cookie: `fair_session=${organiser}` } });
    expect(board.status).toBe(200);
    const queues = ((await board.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(queues).toEqual(['booths', 'mail', 'matchmaking', 'reports', 'tallies']);
    const html = await fetch(sys.baseUrl + '/admin/queues', { headers: { cookie: `fair_session=${organiser}` } });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<html');
  }, 180_000);

  it('in Vietnamese: the invitation links to the pass page (name, company, type, printable badge), the dashboard and report read in Vietnamese with vi-VN figures', async () => {
    const mail = await eventually(async () => {
      for (const m of sys.smtp!.messages) if (m.to.includes(visitorEmails[2]!)) return PostalMime.parse(m.raw);
      return null;
    }, 30_000);
    const link = (mail.text ?? '').match(/https?:\/\/\S+\/pass\?code=\S+/)?.[0];
    expect(link).toBeDefined();
    const url = new URL(link!);
    const ctx = await context('vi', {}, PHONE);
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + url.pathname + url.search);
    await page.locator('[data-testid=pass-status][data-status=active]').waitFor();
    expect(await text(page, 'badge-name')).toBe('Khách 3');
    expect(await page.getByTestId('badge').textContent()).toContain('Công ty 3');
    expect(await page.getByTestId('badge').textContent()).toContain('Khách mua hàng');
    expect(await text(page, 'pass-status')).toBe('Còn hiệu lực');
    await page.getByRole('button', { name: 'In thẻ' }).waitFor();
    await shot(page, 'pass-vi-phone');
    expect(await unlabelled(page)).toEqual([]);
    // A forged code is refused (no personal data for codes the fair did not sign).
    const forged = await sys.http('GET', `/api/visitors/fairs/${SLUG}/my-pass?code=${encodeURIComponent('NOT A PASS')}`);
    expect(forged.status).toBe(404);
    await ctx.close();

    const org = await context('vi', { organiser });
    const op = await org.newPage();
    await op.goto(sys.baseUrl + '/organiser/dashboard');
    await op.getByRole('link', { name: 'Số liệu trực tiếp' }).waitFor();
    await op.getByText('Đang ở bên trong').waitFor();
    expect(await op.evaluate(() => document.documentElement.lang)).toBe('vi');
    await op.goto(sys.baseUrl + '/organiser/report');
    await op.getByRole('heading', { name: 'Báo cáo sau hội chợ' }).waitFor();
    const headline = await op.getByTestId('report-headline').textContent();
    expect(headline).toContain('lượt khách tham quan');
    await shot(op, 'organiser-report-vi-desktop');
    await org.close();
  }, 120_000);

  it('accessibility smoke check: axe-core finds no unlabelled form field or unnamed control on the main pages', async () => {
    const problems: Record<string, string[]> = {};
    const check = async (ctx: BrowserContext, path: string, ready: string) => {
      const page = await ctx.newPage();
      await page.goto(sys.baseUrl + path);
      await page.locator(ready).first().waitFor();
      const v = await unlabelled(page);
      if (v.length) problems[path] = v;
      await page.close();
    };
    const pub = await context('en');
    await check(pub, '/', 'h1');
    await check(pub, '/exhibitor/apply', 'input[name=legalName]');
    await check(pub, '/visitor/register', 'input[name=name]');
    await check(pub, '/catalogue', 'h1');
    await check(pub, '/exhibitor/sign-in', 'input');
    await pub.close();
    const org = await context('en', { organiser, gate: await sys.signIn('gate') });
    for (const [path, ready] of [
      ['/organiser/applications', 'table'],
      ['/organiser/floor-plan', 'section .row button'],
      ['/organiser/invitations', 'button.primary'],
      ['/organiser/gates', 'input[name=code]'],
      ['/organiser/dashboard', '[data-testid=inside-now]'],
      ['/organiser/report', '[data-testid=report-visits]'],
      ['/organiser/matchmaking', '[data-testid=mm-tables]'],
      ['/gate', 'input'],
    ] as const)
      await check(org, path, ready);
    await org.close();
    expect(problems).toEqual({});
  }, 120_000);
});
