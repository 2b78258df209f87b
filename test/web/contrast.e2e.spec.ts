// Functions passed to page.evaluate / addInitScript run in the browser.
declare const document: { querySelector(selector: string): Element | null };
declare const getComputedStyle: (e: Element) => { backgroundColor: string; color: string; fill: string };
declare const localStorage: { setItem(k: string, v: string): void };
interface Element {
  getAttribute(n: string): string | null;
}
/**
 * Colour contrast (WCAG 2.1 AA, axe-core's `color-contrast` rule) of the main pages in Chromium,
 * at phone and desktop sizes, in Vietnamese and English: fair home, exhibitor application (also
 * with the API's per-field errors shown), visitor registration, the pass page, the catalogue, the
 * gate scanner idle and showing each kind of verdict, the exhibitor portal, the organiser's floor
 * plan, live dashboard and report. Also: the gate's three verdict colours stay apart in hue
 * (green admitted / amber already inside / red invalid). Skips with a message when no Chromium.
 */
import { describe, it, expect, beforeAll, beforeEach, afterAll } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, eventually, type TestSystem } from '@fair/testing';
import { applicationBody } from '../../libs/exhibitors/src/testing/application-fixtures';
import { linkToken, mailsTo } from '../../libs/exhibitors/test/mail-helpers';
import { AXE_SOURCE, axeRun, chromiumPath, contrastRatio, ensureWebBuild, launch } from './browser';

const executable = chromiumPath();
if (!executable) process.stderr.write('[web e2e] SKIPPED: no Chromium found (install Debian package "chromium"); browser tests did not run.\n');
const describeBrowser = executable ? describe : describe.skip;

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 860 } } as const;
type Lang = 'vi' | 'en';
const LANGS: Lang[] = ['vi', 'en'];
const SLUG = `contrast-fair-${process.pid}`;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

describeBrowser('colour contrast of the main pages (axe-core color-contrast, WCAG AA) in Chromium', () => {
  let sys: TestSystem;
  let browser: Browser;
  let organiser: string;
  let gateToken: string;
  let deviceId: string;
  let exhibitorSession: string;
  /** one pass per language, so each run's first scan is "admitted" */
  let codes: string[] = [];
  /** rule violations found, by "lang size page" */
  const problems: Record<string, string[]> = {};
  /** how many text nodes each check found readable (so a check that saw nothing fails) */
  const checked: Record<string, number> = {};

  async function context(lang: Lang, tokens: Record<string, string> = {}): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: SIZES.phone, locale: lang === 'vi' ? 'vi-VN' : 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });
    await ctx.addInitScript(
      ({ tokens, slug, lang }) => {
        localStorage.setItem('fair.lang', lang);
        localStorage.setItem('fair.slug', slug);
        for (const [role, token] of Object.entries(tokens)) localStorage.setItem(`fair.session.${role}`, token);
      },
      { tokens, slug: SLUG, lang },
    );
    await ctx.addInitScript({ content: AXE_SOURCE });
    return ctx;
  }
  /**
   * Runs the contrast rule on what the page shows now; keeps what it finds under `name`. Text
   * in SVG (booth codes on the floor plan, the dashboard chart's hours) is text axe cannot place
   * on a background and reports as undecided: it is measured here instead, a booth's code
   * against its booth's fill, a chart's text against the page behind the chart.
   */
  async function contrast(page: Page, name: string) {
    const found = await axeRun(page, ['color-contrast']);
    const svg = await page.locator('svg text').evaluateAll((texts) =>
      texts.map((t) => {
        const el = t as unknown as Element & { closest(s: string): (Element & { querySelector(s: string): Element }) | null; textContent: string; parentElement: Element | null };
        const booth = el.closest('g[data-booth]');
        let bg = 'rgba(0, 0, 0, 0)';
        if (booth) bg = getComputedStyle(booth.querySelector('rect')).fill;
        else for (let e: (Element & { parentElement: Element | null }) | null = el; e && /rgba\(.*, 0\)|transparent/.test(bg); e = e.parentElement as never) bg = getComputedStyle(e).backgroundColor;
        return { text: el.textContent, fg: getComputedStyle(el).fill, bg: /rgba\(.*, 0\)|transparent/.test(bg) ? 'rgb(255, 255, 255)' : bg };
      }),
    );
    const low = svg.filter((b) => contrastRatio(b.fg, b.bg) < 4.5).map((b) => `svg text "${b.text}" (${b.fg} on ${b.bg}: ${contrastRatio(b.fg, b.bg).toFixed(2)})`);
    const undecided = found.incomplete.filter((l) => !(svg.length && /^color-contrast: (\S+ )*text[[ ]/.test(l)));
    checked[name] = found.passed + svg.length;
    if (found.violations.length || low.length || undecided.length) problems[name] = [...found.violations, ...low, ...undecided.map((l) => `undecided ${l}`)];
  }
  /** The check at phone size, then at desktop size (the same page resized), then back to phone. */
  async function atBothSizes(page: Page, name: string) {
    await contrast(page, name.replace(' ', ' phone '));
    await page.setViewportSize(SIZES.desktop);
    await contrast(page, name.replace(' ', ' desktop '));
    await page.setViewportSize(SIZES.phone);
  }
  async function visit(page: Page, path: string, ready: string, name: string) {
    await page.goto(sys.baseUrl + path);
    await page.locator(ready).first().waitFor();
    await atBothSizes(page, name);
  }

  beforeAll(async () => {
    ensureWebBuild();
    sys = await startTestSystem({ worker: true, smtp: true });
    browser = await launch(executable!);
    organiser = await sys.signIn('organiser');
    const fair = await sys.http('POST', '/api/fairs', {
      token: organiser,
      body: {
        slug: SLUG,
        nameVi: 'Hội chợ Cơ khí Bắc Ninh',
        nameEn: 'Bac Ninh Engineering Fair',
        venueVi: 'Trung tâm Hội nghị Bắc Ninh',
        venueEn: 'Bac Ninh Convention Centre',
        startsOn: day(-1),
        endsOn: day(1),
        sectors: [
          { code: 'mechanical', vi: 'Cơ khí chế tạo', en: 'Mechanical engineering' },
          { code: 'electronics', vi: 'Điện tử', en: 'Electronics' },
        ],
      },
    });
    expect(fair.status).toBe(201);
    // A floor plan with every booth kind (the legend lists them all).
    const lines = ['hall,code,kind,area_m2,corner,price_vnd,x,y,width,height'];
    ['international', 'domestic', 'technical-matchmaking', 'technical-workshop'].forEach((kind, k) => {
      for (let i = 0; i < 3; i++) lines.push(`A,${'IDMW'[k]}${i + 1},${kind},9,false,45000000,${i * 3},${k * 4},3,3`);
    });
    expect((await sys.http('POST', `/api/fairs/${SLUG}/floor-plan`, { token: organiser, body: { csv: lines.join('\n') } })).status).toBeLessThan(300);

    // An approved exhibitor (portal, catalogue) holding one booth (floor plan: assigned and available).
    const body = applicationBody(1, { legalName: 'Kinh Bac Precision Co., Ltd.', country: 'VN', email: `contrast-ex-${process.pid}@example.vn`, taxId: `VN${process.pid}1`, sectors: ['mechanical'], booths: [{ kind: 'domestic', count: 2 }] });
    const app = await sys.http('POST', `/api/fairs/${SLUG}/exhibitor-applications`, { body });
    expect(app.status).toBe(201);
    const mail = await eventually(async () => (await mailsTo(sys, String(body.email))).find((m) => m.text.includes('/exhibitor/confirm?token=')), 30_000);
    const confirmed = await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token: linkToken(mail, '/exhibitor/confirm') } });
    expect(confirmed.status).toBe(200);
    exhibitorSession = confirmed.body.token;
    for (const action of ['start-review', 'approve']) expect((await sys.http('POST', `/api/exhibitor-applications/${app.body.id}/${action}`, { token: organiser, body: {} })).status).toBe(200);
    expect((await sys.http('POST', `/api/fairs/${SLUG}/booths/D1/assign`, { token: organiser, body: { exhibitorId: app.body.id } })).status).toBe(200);
    const hold = await sys.http('POST', `/api/fairs/${SLUG}/booths/D2/hold`, { token: organiser, body: { exhibitorId: app.body.id, expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(hold.status).toBe(200);

    // A gate with a signed-in device, and visitors with passes.
    const gate = await sys.http('POST', `/api/checkin/fairs/${SLUG}/gates`, { token: organiser, body: { code: 'N1', nameVi: 'Cổng Bắc', nameEn: 'North gate' } });
    const device = await sys.http('POST', `/api/checkin/gates/${gate.body.id}/devices`, { token: organiser, body: { name: 'N1-1' } });
    deviceId = device.body.id;
    gateToken = await sys.signIn('gate');
    const emails: string[] = [];
    for (let i = 0; i < LANGS.length; i++) {
      const email = `contrast-v${i}-${process.pid}@example.vn`;
      emails.push(email);
      const r = await sys.http('POST', `/api/visitors/fairs/${SLUG}/register`, { body: { name: `Khách ${i + 1}`, company: `Công ty ${i + 1}`, country: 'VN', email, visitorType: 'trade-buyer', lang: 'vi', consent: true } });
      expect(r.status).toBe(201);
    }
    const rows = (await sys.dataSource.query(`SELECT p.code FROM passes p JOIN visitors v ON v.id = p.visitor_id WHERE v.email = ANY($1) ORDER BY v.email`, [emails])) as { code: string }[];
    codes = rows.map((r) => r.code);
    expect(codes).toHaveLength(LANGS.length);
  }, 120_000);

  beforeEach(() => {
    for (const k of Object.keys(problems)) delete problems[k];
    for (const k of Object.keys(checked)) delete checked[k];
  });

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('public pages: home, application form (empty and with per-field errors), registration, pass page, catalogue', async () => {
    for (const [i, lang] of LANGS.entries()) {
      const ctx = await context(lang);
      const page = await ctx.newPage();
      const at = lang;
      await visit(page, '/', 'h1', `${at} home`);
      await visit(page, '/exhibitor/apply', 'input[name=legalName]', `${at} apply`);
      // The error state: the API's per-field errors under the fields and the form's alert.
      await page.fill('input[name=legalName]', 'Công ty Thử');
      await page.fill('input[name=email]', 'not-an-email');
      await page.locator('form button[type=submit]').click();
      await page.locator('[data-field-error=email]').waitFor();
      await atBothSizes(page, `${at} apply errors`);
      await visit(page, '/visitor/register', 'input[name=name]', `${at} register`);
      await visit(page, `/pass?code=${encodeURIComponent(codes[i]!)}`, '[data-testid=pass-status]', `${at} pass`);
      await visit(page, '/catalogue', 'ul.catalogue li', `${at} catalogue`);
      await ctx.close();
    }
    expect(problems).toEqual({});
    for (const [name, n] of Object.entries(checked)) expect([name, n > 5]).toEqual([name, true]);
  }, 120_000);

  it('gate scanner: idle and with each verdict shown; admitted, already inside and invalid have clearly different colours', async () => {
    const colours: Record<string, string> = {};
    for (const [i, lang] of LANGS.entries()) {
      const ctx = await context(lang, { gate: gateToken });
      const page = await ctx.newPage();
      const at = lang;
      await visit(page, `/gate?device=${deviceId}`, '[data-testid=kit-status][data-ready=true]', `${at} gate idle`);
      for (const [code, verdict] of [
        [codes[i]!, 'admitted'],
        [codes[i]!, 'already-inside'],
        ['NOT-A-PASS', 'invalid'],
      ] as const) {
        await page.getByTestId('scan-input').fill(code);
        await page.getByTestId('scan-input').press('Enter');
        await page.locator(`[data-testid=verdict][data-verdict=${verdict}]`).waitFor();
        // After the verdict's short "pop" animation, so axe reads settled colours.
        await page.waitForFunction(() => (document.querySelector('[data-testid=verdict]') as unknown as { getAnimations(): unknown[] }).getAnimations().length === 0);
        await atBothSizes(page, `${at} gate ${verdict}`);
        colours[verdict] = await page.getByTestId('verdict').evaluate((e) => getComputedStyle(e).backgroundColor);
      }
      // Offline: the banner, the status line and the verdict's "checked offline" note.
      await ctx.setOffline(true);
      await page.getByTestId('offline-banner').waitFor();
      await page.getByTestId('scan-input').fill(codes[i]!);
      await page.getByTestId('scan-input').press('Enter');
      await page.locator('[data-testid=verdict] .muted-on-color').waitFor();
      await page.waitForFunction(() => (document.querySelector('[data-testid=verdict]') as unknown as { getAnimations(): unknown[] }).getAnimations().length === 0);
      await atBothSizes(page, `${at} gate offline-${await page.getByTestId('verdict').getAttribute('data-verdict')}`);
      await ctx.close();
    }
    expect(problems).toEqual({});
    for (const [name, n] of Object.entries(checked)) expect([name, n > 5]).toEqual([name, true]);
    // Hues (degrees): green for admitted, amber for already inside / re-entry, red for invalid / revoked.
    const hue = (css: string) => hsl(css).h;
    expect(hue(colours.admitted!)).toBeGreaterThanOrEqual(90);
    expect(hue(colours.admitted!)).toBeLessThanOrEqual(160);
    expect(hue(colours['already-inside']!)).toBeGreaterThanOrEqual(28);
    expect(hue(colours['already-inside']!)).toBeLessThanOrEqual(55);
    expect(Math.min(hue(colours.invalid!), 360 - hue(colours.invalid!))).toBeLessThanOrEqual(12);
  }, 120_000);

  it('exhibitor portal and organiser pages: floor plan with its legend, live dashboard, report', async () => {
    for (const lang of LANGS) {
      const ctx = await context(lang, { organiser, exhibitor: exhibitorSession });
      const page = await ctx.newPage();
      const at = lang;
      await visit(page, '/exhibitor/portal', '.floor-plan g[data-booth=D1][data-status=mine]', `${at} portal`);
      // The exhibitor asked for domestic booths only: the free booths of the other kinds were measured in their own colour.
      expect(await page.locator('.floor-plan g[data-status=not-requested]').count()).toBe(9);
      await visit(page, '/organiser/floor-plan', '.floor-plan g[data-booth=D2][data-status=held]', `${at} floor plan`);
      await visit(page, '/organiser/dashboard', '[data-testid=inside-now]', `${at} dashboard`);
      await visit(page, '/organiser/report', '[data-testid=report-visits]', `${at} report`);
      await ctx.close();
    }
    expect(problems).toEqual({});
    for (const [name, n] of Object.entries(checked)) expect([name, n > 5]).toEqual([name, true]);
  }, 120_000);
});

/** Hue (degrees), saturation and lightness (0..1) of a CSS rgb()/rgba() colour. */
function hsl(css: string): { h: number; s: number; l: number } {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: h * 60, s, l };
}
