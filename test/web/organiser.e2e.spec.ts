// Functions passed to page.evaluate / waitForFunction / addInitScript run in the browser.
interface El {
  textContent: string | null;
  tagName: string;
  getAttribute(n: string): string | null;
  querySelector(s: string): El | null;
  closest(s: string): El | null;
  compareDocumentPosition(other: El): number;
}
declare const document: { querySelector(s: string): El | null; querySelectorAll(s: string): ArrayLike<El>; activeElement: El | null; body: El };
declare function getComputedStyle(e: El): { fill: string; backgroundColor: string };
declare const localStorage: { setItem(k: string, v: string): void };
declare const sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void; key(i: number): string | null; length: number };
declare const MutationObserver: new (cb: () => void) => { observe(target: El, opts: { attributes: boolean; subtree: boolean; childList: boolean }): void };
declare const window: { sentSeen?: number[]; axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } };

/**
 * The organiser console in Chromium against the real API, worker, PostgreSQL, Redis and an SMTP
 * sink, each outcome checked in the page and in the database: the applications list (filters
 * by status / origin / booth kind / search; approve, request changes, reject, each mailed to the
 * exhibitor); the floor plan (assign, hold, release; colours and legend agree with
 * booth_allocations; a booth taken meanwhile is refused with the API's message; a booth of a kind
 * the exhibitor did not ask for is refused until a reason for the exception is given in the booth
 * panel, which is stored on the allocation and in the audit log; a release says whether the booth
 * is free or was offered to a waiting exhibitor, and until when); the allocation
 * solver (proposal as a diff on the plan with score and unmet wishes; discard changes nothing,
 * apply stores exactly the proposal); in a self-selection round, such a booth on the exhibitor's
 * own plan (shown as not for it, not selectable by mouse or keyboard; the API still refuses it
 * with a plain message, no override, nothing stored); an invitation batch with live progress up to every
 * visitor (mail_messages and the SMTP sink agree); gates and devices; matchmaking sessions,
 * tables and the scheduler's proposal, published (axe-core finds no unlabelled control on the
 * forms these pages gained). Then bad input on the public forms: the API's
 * per-field errors next to the fields in English and Vietnamese, a plain message without
 * connection with nothing typed lost, and a working submit once back online.
 * Skips with a message when no Chromium exists.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { startTestSystem, eventually, type TestSystem } from '@fair/testing';
import { applicationBody } from '../../libs/exhibitors/src/testing/application-fixtures';
import { linkToken, mailsTo } from '../../libs/exhibitors/test/mail-helpers';
import { as, optIn } from '../../libs/matchmaking/test/mm-fixtures';
import { chromiumPath, ensureArtifacts, ensureWebBuild, launch } from './browser';

const executable = chromiumPath();
if (!executable) process.stderr.write('[web e2e] SKIPPED: no Chromium found (install Debian package "chromium"); browser tests did not run.\n');
const describeBrowser = executable ? describe : describe.skip;

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const SLUG = `organiser-fair-${process.pid}`;
const TZ = 'Asia/Ho_Chi_Minh';
/** a date of the fair's calendar (GMT+7), offset from today */
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('en-CA', { timeZone: TZ });
const FAIR_VI = 'Hội chợ Công nghiệp Bắc Ninh';
const FAIR_EN = 'Bac Ninh Industry Fair';
const AXE = readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');

interface Applicant {
  id: string;
  email: string;
  legalName: string;
  /** the exhibitor's portal session (given by the email confirmation), when confirmed */
  session: string | null;
}

describeBrowser('organiser console and bad input on the public forms in Chromium', () => {
  let sys: TestSystem;
  let browser: Browser;
  let organiser: string;
  let fairId: string;
  const shots = ensureArtifacts();
  /** A, B, C: email confirmed, to be reviewed in the page; D: email not confirmed; E, F, G: approved through the API. */
  const apps = {} as Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', Applicant>;

  /** A browser profile with the language and the fair chosen (once: a reload keeps what the page set) and sessions. */
  async function context(viewport = DESKTOP, tokens: Record<string, string> = {}): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: TZ });
    await ctx.addInitScript(
      ({ tokens, slug }) => {
        if (sessionStorage.getItem('seeded')) return;
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('fair.lang', 'en');
        localStorage.setItem('fair.slug', slug);
        for (const [role, token] of Object.entries(tokens)) localStorage.setItem(`fair.session.${role}`, token);
      },
      { tokens, slug: SLUG },
    );
    return ctx;
  }
  async function console_(tab: string): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await context(DESKTOP, { organiser });
    const page = await ctx.newPage();
    await page.goto(`${sys.baseUrl}/organiser/${tab}`);
    return { ctx, page };
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  /** axe-core's rules about names and labels of controls (as in console.e2e.spec.ts), on the controls these pages gained. */
  async function unlabelled(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: AXE });
    const r = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'rule', values: ['label', 'select-name', 'button-name', 'input-button-name', 'link-name', 'aria-input-field-name', 'form-field-multiple-labels'] } }));
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  }
  const q = <T>(sql: string, params: unknown[] = []) => sys.dataSource.query(sql, params) as Promise<T[]>;

  /** Applies through the API (confirming the email by the emailed link when asked). */
  async function apply(i: number, overrides: Record<string, unknown>, confirm: boolean): Promise<Applicant> {
    const body = applicationBody(i, { ...overrides, email: `org-${i}-${process.pid}@example.com`, taxId: `ORG${process.pid}${i}` });
    const res = await sys.http('POST', `/api/fairs/${SLUG}/exhibitor-applications`, { body });
    expect([res.status, res.body.code, res.body.fields]).toEqual([201, undefined, undefined]);
    const email = String(body.email);
    let session: string | null = null;
    if (confirm) {
      const mail = await eventually(async () => (await mailsTo(sys, email)).find((m) => m.text.includes('/exhibitor/confirm?token=')), 30_000);
      const confirmed = await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token: linkToken(mail, '/exhibitor/confirm') } });
      expect(confirmed.status).toBe(200);
      session = confirmed.body.token as string;
    }
    return { id: res.body.id as string, email, legalName: String(body.legalName), session };
  }
  /** The status email the worker sent to an address, once it is there. */
  const statusMail = (email: string, subject: RegExp) => eventually(async () => (await mailsTo(sys, email)).find((m) => subject.test(m.subject)), 30_000);

  beforeAll(async () => {
    ensureWebBuild();
    sys = await startTestSystem({ worker: true, smtp: true });
    browser = await launch(executable!);
    organiser = await sys.signIn('organiser');
    const fair = await sys.http('POST', '/api/fairs', {
      token: organiser,
      body: {
        slug: SLUG,
        nameVi: FAIR_VI,
        nameEn: FAIR_EN,
        venueVi: 'Trung tâm Hội chợ Bắc Ninh',
        venueEn: 'Bac Ninh Exhibition Centre',
        startsOn: day(-1),
        endsOn: day(2),
        sectors: [
          { code: 'mechanical', vi: 'Cơ khí chế tạo', en: 'Mechanical engineering' },
          { code: 'electronics', vi: 'Điện tử', en: 'Electronics' },
        ],
      },
    });
    expect(fair.status).toBe(201);
    fairId = fair.body.id;
    const lines = ['hall,code,kind,area_m2,corner,price_vnd,x,y,width,height'];
    for (let i = 0; i < 4; i++) lines.push(`A,D${i + 1},domestic,9,${i === 0},45000000,${i * 3},0,3,3`);
    for (let i = 0; i < 3; i++) lines.push(`A,I${i + 1},international,9,false,60000000,${i * 3},6,3,3`);
    expect((await sys.http('POST', `/api/fairs/${SLUG}/floor-plan`, { token: organiser, body: { csv: lines.join('\n') } })).status).toBeLessThan(300);

    const vn = { country: 'VN', phone: '0912 345 678' };
    [apps.A, apps.B, apps.C, apps.D, apps.E, apps.F, apps.G] = await Promise.all([
      apply(1, { ...vn, legalName: 'Sông Hồng Mechanical JSC', lang: 'vi', booths: [{ kind: 'domestic', count: 2 }] }, true),
      apply(2, { legalName: 'Osaka Dies Co., Ltd.', country: 'JP', booths: [{ kind: 'international', count: 1 }] }, true),
      apply(3, { legalName: 'Busan Moulds Inc.', country: 'KR', phone: '+82 2-312-3456', booths: [{ kind: 'international', count: 1 }] }, true),
      apply(4, { ...vn, legalName: 'Huế Electronics Co.', sectors: ['electronics'], booths: [{ kind: 'domestic', count: 1 }] }, false),
      apply(5, { ...vn, legalName: 'Hanoi Tooling JSC', booths: [{ kind: 'domestic', count: 1 }] }, true),
      apply(6, { legalName: 'Kansai Precision Works', country: 'JP', booths: [{ kind: 'international', count: 3 }] }, true),
      apply(7, { legalName: 'Taipei Smart Factory Corp.', country: 'TW', phone: '+886 2 2345 6789', booths: [{ kind: 'international', count: 1 }] }, true),
    ]);
    for (const a of [apps.E, apps.F, apps.G])
      for (const action of ['start-review', 'approve']) expect((await sys.http('POST', `/api/exhibitor-applications/${a.id}/${action}`, { token: organiser, body: {} })).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('applications: filters by status, origin, booth kind and search; approve, request changes and reject update the list and the database and are mailed to the exhibitor', async () => {
    const { ctx, page } = await console_('applications');
    const rows = page.locator('tr[data-application]');
    /** Waits until the list shows exactly these applicants (and says how many). */
    const shows = async (...who: Applicant[]) => {
      const want = who.map((a) => a.email).sort();
      await page.waitForFunction(
        (w) => JSON.stringify(Array.from(document.querySelectorAll('tr[data-application]')).map((r) => r.getAttribute('data-application')).sort()) === w,
        JSON.stringify(want),
      );
      expect(await page.getByTestId('application-count').textContent()).toBe(`${want.length} result${want.length === 1 ? '' : 's'}`);
    };
    const { A, B, C, D, E, F, G } = apps;
    await shows(A, B, C, D, E, F, G);
    await page.getByLabel('Status').selectOption('email_confirmed');
    await shows(A, B, C);
    await page.getByLabel('Origin').selectOption('international');
    await shows(B, C);
    await page.getByLabel('Status').selectOption('');
    await shows(B, C, F, G);
    await page.getByLabel('Origin').selectOption('');
    await page.getByLabel('Booth kind asked for').selectOption('domestic');
    await shows(A, D, E);
    await page.getByLabel('Booth kind asked for').selectOption('');
    await page.getByLabel('Search').fill('Osaka');
    await shows(B);
    await page.getByLabel('Search').fill('');
    await shows(A, B, C, D, E, F, G);
    // The origin column says what the API derived from the country.
    expect(await rows.filter({ hasText: B.legalName }).locator('td').nth(2).textContent()).toBe('International');
    expect(await rows.filter({ hasText: A.legalName }).locator('td').nth(2).textContent()).toBe('Domestic');
    await shot(page, 'organiser-applications-list-desktop');

    const row = (a: Applicant) => page.locator(`tr[data-application="${a.email}"]`);
    const status = async (a: Applicant) => (await q<{ status: string; review_note: string | null }>(`SELECT status, review_note FROM exhibitors WHERE id = $1`, [a.id]))[0]!;
    const reviewed = async (a: Applicant) => {
      await row(a).getByRole('button', { name: 'Start review' }).click();
      await page.locator(`tr[data-application="${a.email}"][data-status="under_review"]`).waitFor();
    };

    // Approve (A applied in Vietnamese: its email is in Vietnamese).
    await reviewed(A);
    await row(A).getByRole('button', { name: 'Approve' }).click();
    await page.locator(`tr[data-application="${A.email}"][data-status="approved"]`).waitFor();
    expect(await row(A).locator('td').nth(4).textContent()).toBe('Approved');
    expect((await status(A)).status).toBe('approved');
    expect((await statusMail(A.email, /^Hồ sơ đã được duyệt/)).subject).toBe(`Hồ sơ đã được duyệt – ${FAIR_VI}`);

    // Request changes: the reason is written in the row; too short, the API's error is shown next to it.
    await reviewed(B);
    await row(B).getByRole('button', { name: 'Request changes' }).click();
    const decision = page.locator(`tr[data-decision="${B.email}"]`);
    expect(await unlabelled(page)).toEqual([]);
    await decision.getByLabel('Reason (sent to the exhibitor by email)').fill('no');
    await decision.getByRole('button', { name: 'Ask for changes' }).click();
    await decision.locator('[data-field-error=reason]').waitFor();
    expect(await decision.locator('[data-field-error=reason]').textContent()).toBe('reason must be longer than or equal to 3 characters');
    expect((await status(B)).status).toBe('under_review');
    const changes = 'Please attach your product catalogue and the ISO 9001 certificate.';
    await decision.getByLabel('Reason (sent to the exhibitor by email)').fill(changes);
    await decision.getByRole('button', { name: 'Ask for changes' }).click();
    await page.locator(`tr[data-application="${B.email}"][data-status="changes_requested"]`).waitFor();
    await decision.waitFor({ state: 'detached' });
    expect(await status(B)).toEqual({ status: 'changes_requested', review_note: changes });
    const changesMail = await statusMail(B.email, /^Changes requested/);
    expect(changesMail.subject).toBe(`Changes requested – ${FAIR_EN}`);
    expect(changesMail.text).toContain(`What to change: ${changes}`);

    // Reject, with its reason in the email.
    await reviewed(C);
    await row(C).getByRole('button', { name: 'Reject' }).click();
    const rejection = 'Moulds are outside the sectors of this fair.';
    await page.locator(`tr[data-decision="${C.email}"]`).getByLabel('Reason (sent to the exhibitor by email)').fill(rejection);
    await page.locator(`tr[data-decision="${C.email}"]`).getByRole('button', { name: 'Reject and notify' }).click();
    await page.locator(`tr[data-application="${C.email}"][data-status="rejected"]`).waitFor();
    expect(await status(C)).toEqual({ status: 'rejected', review_note: rejection });
    const rejectMail = await statusMail(C.email, /^Application not approved/);
    expect(rejectMail.text).toContain(`Reason: ${rejection}`);

    // The status filter now finds the approved ones: A (in the page) and E, F, G (through the API).
    await page.getByLabel('Status').selectOption('approved');
    await shows(A, E, F, G);
    await shot(page, 'organiser-applications-reviewed-desktop');
    // Each decision mailed exactly once.
    for (const [a, subject] of [
      [A, /^Hồ sơ đã được duyệt/],
      [B, /^Changes requested/],
      [C, /^Application not approved/],
    ] as const)
      expect((await mailsTo(sys, a.email)).filter((m) => subject.test(m.subject))).toHaveLength(1);
    await ctx.close();
  }, 120_000);

  /** What the page shows of each booth and its legend, next to what booth_allocations holds. */
  async function planAgreesWithDatabase(page: Page) {
    const db = await q<{ code: string; status: string; exhibitor_id: string | null }>(
      `SELECT b.code, COALESCE(a.status, 'available') AS status, a.exhibitor_id
         FROM booths b LEFT JOIN booth_allocations a ON a.booth_id = b.id AND a.status IN ('held', 'assigned')
        WHERE b.fair_id = $1 ORDER BY b.code`,
      [fairId],
    );
    const seen = await page.evaluate(() => ({
      booths: Array.from(document.querySelectorAll('g[data-booth]')).map((g) => ({ code: g.getAttribute('data-booth')!, status: g.getAttribute('data-status')!, fill: getComputedStyle(g.querySelector('rect')!).fill })),
      legend: Object.fromEntries(Array.from(document.querySelectorAll('.legend li[data-status]')).map((li) => [li.getAttribute('data-status')!, getComputedStyle(li.querySelector('.swatch')!).backgroundColor])),
    }));
    seen.booths.sort((a, b) => a.code.localeCompare(b.code));
    expect(seen.booths.map((b) => [b.code, b.status])).toEqual(db.map((b) => [b.code, b.status]));
    // Every booth is filled with its status's colour in the legend, and the legend lists exactly the statuses on the plan.
    for (const b of seen.booths) expect([b.code, b.fill]).toEqual([b.code, seen.legend[b.status]]);
    expect(Object.keys(seen.legend).sort()).toEqual([...new Set(db.map((b) => b.status))].sort());
    expect(new Set(Object.values(seen.legend)).size).toBe(Object.keys(seen.legend).length);
    const counts = { available: 0, held: 0, assigned: 0 } as Record<string, number>;
    for (const b of db) counts[b.status]!++;
    expect(await page.getByTestId('plan-counts').textContent()).toBe(`Available: ${counts.available} · Held: ${counts.held} · Assigned: ${counts.assigned}`);
    return db;
  }

  it('floor plan: click a booth to assign, hold and release; colours, legend and booth_allocations agree; a booth taken meanwhile is refused with the API message', async () => {
    const { A, E } = apps;
    const { ctx, page } = await console_('floor-plan');
    await page.locator('g[data-booth]').nth(6).waitFor();
    // Booth kinds are drawn as borders, named in the legend.
    expect(await page.locator('g[data-booth][data-kind=international]').count()).toBe(3);
    await page.locator('.legend li[data-kind=domestic]').waitFor();
    await planAgreesWithDatabase(page);
    const panel = page.getByTestId('booth-panel');
    const live = (code: string) =>
      q<{ exhibitor_id: string; status: string; source: string; hours: number }>(
        `SELECT a.exhibitor_id, a.status, a.source, EXTRACT(EPOCH FROM a.expires_at - now()) / 3600 AS hours
           FROM booth_allocations a JOIN booths b ON b.id = a.booth_id WHERE b.fair_id = $1 AND b.code = $2 AND a.status IN ('held', 'assigned')`,
        [fairId, code],
      );

    // Assign D1 to A.
    await page.locator('g[data-booth=D1]').click();
    await panel.getByLabel('Exhibitor').selectOption({ label: A.legalName });
    await panel.getByRole('button', { name: 'Assign' }).click();
    await page.locator('g[data-booth=D1][data-status=assigned]').waitFor();
    await panel.waitFor({ state: 'detached' });
    expect(await live('D1')).toEqual([{ exhibitor_id: A.id, status: 'assigned', source: 'manual', hours: null }]);
    await planAgreesWithDatabase(page);

    // Hold D3 for A (48 hours), then release it.
    await page.locator('g[data-booth=D3]').click();
    await panel.getByLabel('Exhibitor').selectOption({ label: A.legalName });
    await panel.getByRole('button', { name: 'Hold 48 h' }).click();
    await page.locator('g[data-booth=D3][data-status=held]').waitFor();
    const [held] = await live('D3');
    expect(held).toMatchObject({ exhibitor_id: A.id, status: 'held' });
    expect(Number(held!.hours)).toBeGreaterThan(47.5);
    expect(Number(held!.hours)).toBeLessThanOrEqual(48);
    await planAgreesWithDatabase(page);
    await shot(page, 'organiser-floor-plan-held-desktop');
    await page.locator('g[data-booth=D3]').click();
    expect(await panel.getByRole('heading').textContent()).toBe('D3 · Held');
    expect(await panel.getByTestId('booth-occupant').textContent()).toBe(A.legalName);
    await panel.getByRole('button', { name: 'Release' }).click();
    await page.locator('g[data-booth=D3][data-status=available]').waitFor();
    // No one waits for a domestic booth: the page says D3 is free.
    expect(await page.getByTestId('release-outcome').textContent()).toBe('Booth D3 released; it is available.');
    expect(await live('D3')).toEqual([]);
    expect(await q(`SELECT a.status FROM booth_allocations a JOIN booths b ON b.id = a.booth_id WHERE b.fair_id = $1 AND b.code = 'D3'`, [fairId])).toEqual([{ status: 'released' }]);
    await planAgreesWithDatabase(page);

    // Someone else assigns D2 to E while this page still shows it free: assigning it to A from the page is refused.
    expect((await sys.http('POST', `/api/fairs/${SLUG}/booths/D2/assign`, { token: organiser, body: { exhibitorId: E.id } })).status).toBe(200);
    expect(await page.locator('g[data-booth=D2]').getAttribute('data-status')).toBe('available');
    const refused = await sys.http('POST', `/api/fairs/${SLUG}/booths/D2/assign`, { token: organiser, body: { exhibitorId: A.id } });
    expect([refused.status, refused.body.code]).toEqual([409, 'BOOTH_TAKEN']);
    await page.locator('g[data-booth=D2]').click();
    await panel.getByLabel('Exhibitor').selectOption({ label: A.legalName });
    await panel.getByRole('button', { name: 'Assign' }).click();
    await panel.getByTestId('form-error').waitFor();
    expect(await panel.getByTestId('form-error').textContent()).toBe(refused.body.message);
    // The page reads the plan again: D2 is shown as E's.
    await page.locator('g[data-booth=D2][data-status=assigned]').waitFor();
    expect(await panel.getByRole('heading').textContent()).toBe('D2 · Assigned');
    expect(await panel.getByTestId('booth-occupant').textContent()).toBe(E.legalName);
    await shot(page, 'organiser-floor-plan-refused-desktop');
    expect(await live('D2')).toEqual([{ exhibitor_id: E.id, status: 'assigned', source: 'manual', hours: null }]);
    await planAgreesWithDatabase(page);
    await ctx.close();
  }, 120_000);

  it('floor plan: a booth of a kind the exhibitor did not ask for needs a reason for the exception: refused without one (nothing stored), assigned or held with one (on the allocation and in the audit log)', async () => {
    const { A } = apps;
    const { ctx, page } = await console_('floor-plan');
    await page.locator('g[data-booth]').nth(6).waitFor();
    const panel = page.getByTestId('booth-panel');
    const overrideForm = panel.getByTestId('override-form');
    /** Every allocation row and booth audit row of the fair: a refusal adds none. */
    const stored = async () => ({
      allocations: await q(`SELECT id, booth_id, exhibitor_id, status, kind_override_reason FROM booth_allocations WHERE fair_id = $1 ORDER BY id`, [fairId]),
      audit: await q(`SELECT id FROM audit_log WHERE fair_id = $1 AND entity = 'booth' ORDER BY id`, [fairId]),
    });
    const allocation = (code: string) =>
      q<{ exhibitor_id: string; status: string; source: string; kind_override_reason: string | null }>(
        `SELECT a.exhibitor_id, a.status, a.source, a.kind_override_reason FROM booth_allocations a JOIN booths b ON b.id = a.booth_id
          WHERE b.fair_id = $1 AND b.code = $2 AND a.status IN ('held', 'assigned')`,
        [fairId, code],
      );
    const auditOf = (code: string, action: string) =>
      q<{ actor_role: string; reason: string | null; kind_override: boolean; exhibitor_id: string }>(
        `SELECT l.actor_role, l.reason, (l.after->>'kindOverride')::boolean AS kind_override, l.after->>'exhibitorId' AS exhibitor_id
           FROM audit_log l JOIN booths b ON b.id::text = l.entity_id WHERE b.fair_id = $1 AND b.code = $2 AND l.action = $3 ORDER BY l.id`,
        [fairId, code, action],
      );
    const refusal = (code: string) => `Booth ${code} (International booth) is not of a kind this domestic exhibitor asked for or may have; an organiser may still give it with a reason for the exception`;

    // A (domestic, asked for 2 domestic booths, has D1) is given international booth I1: refused with the API's message; the panel asks for the reason.
    let before = await stored();
    await page.locator('g[data-booth=I1]').click();
    await panel.getByLabel('Exhibitor').selectOption({ label: A.legalName });
    await panel.getByRole('button', { name: 'Assign', exact: true }).click();
    await overrideForm.waitFor();
    expect(await panel.getByTestId('form-error').textContent()).toBe(refusal('I1'));
    expect(await overrideForm.getAttribute('data-action')).toBe('assign');
    // The reason field has the focus: typing goes there.
    await page.keyboard.type('x');
    expect(await overrideForm.getByLabel('Reason for the exception').inputValue()).toBe('x');
    expect(await unlabelled(page)).toEqual([]);
    await shot(page, 'organiser-floor-plan-override-desktop');
    expect(await stored()).toEqual(before);
    expect(await page.locator('g[data-booth=I1]').getAttribute('data-status')).toBe('available');
    // A reason of blanks is not one: said next to the field, nothing sent.
    await overrideForm.getByLabel('Reason for the exception').fill('   ');
    await overrideForm.getByRole('button', { name: 'Assign with this reason' }).click();
    await overrideForm.locator('[data-field-error=overrideReason]').waitFor();
    expect(await overrideForm.locator('[data-field-error=overrideReason]').textContent()).toBe('Write why this exception is made.');
    expect(await stored()).toEqual(before);
    // With a reason: assigned; the reason is on the allocation and in the audit row.
    const reason = 'Joint venture with Osaka Dies: shows the partner’s machines next to its own';
    await overrideForm.getByLabel('Reason for the exception').fill(reason);
    await overrideForm.getByRole('button', { name: 'Assign with this reason' }).click();
    await page.locator('g[data-booth=I1][data-status=assigned]').waitFor();
    await panel.waitFor({ state: 'detached' });
    expect(await allocation('I1')).toEqual([{ exhibitor_id: A.id, status: 'assigned', source: 'manual', kind_override_reason: reason }]);
    expect(await auditOf('I1', 'booth.assign')).toEqual([{ actor_role: 'organiser', reason, kind_override: true, exhibitor_id: A.id }]);
    const after = await stored();
    expect(after.allocations).toHaveLength(before.allocations.length + 1);
    expect(after.audit).toHaveLength(before.audit.length + 1);
    await planAgreesWithDatabase(page);

    // Released again (so the solver's case finds the floor as the floor plan case left it). G (international, asked for one)
    // waits for an international booth, as after a missed turn in a self-selection round: the release offers I1 to G at once,
    // and the page says to whom and until when.
    const { G } = apps;
    await q(`INSERT INTO booth_waitlist (fair_id, exhibitor_id, kind) VALUES ($1, $2, 'international')`, [fairId, G.id]);
    await page.locator('g[data-booth=I1]').click();
    await panel.getByRole('button', { name: 'Release' }).click();
    await page.locator('g[data-booth=I1][data-status=held]').waitFor();
    const [offer] = await q<{ exhibitor_id: string; source: string; expires_at: Date }>(
      `SELECT a.exhibitor_id, a.source, a.expires_at FROM booth_allocations a JOIN booths b ON b.id = a.booth_id WHERE b.fair_id = $1 AND b.code = 'I1' AND a.status = 'held'`,
      [fairId],
    );
    expect([offer!.exhibitor_id, offer!.source]).toEqual([G.id, 'waitlist']);
    const until = `${new Intl.DateTimeFormat('en-GB', { timeZone: TZ, dateStyle: 'short', timeStyle: 'short' }).format(offer!.expires_at)} (GMT+7)`;
    const outcome = page.getByTestId('release-outcome');
    expect([await outcome.getAttribute('data-status'), await outcome.textContent()]).toEqual(['held', `Booth I1 released and offered to ${G.legalName} from the waiting list, held until ${until}.`]);
    // The organiser takes the offer back: G has left the waiting list with it, so I1 is free.
    await page.locator('g[data-booth=I1]').click();
    await outcome.waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Release' }).click();
    await page.locator('g[data-booth=I1][data-status=available]').waitFor();
    expect([await outcome.getAttribute('data-status'), await outcome.textContent()]).toEqual(['available', 'Booth I1 released; it is available.']);
    expect(await allocation('I1')).toEqual([]);
    // Then I2 is held for A the same way.
    before = await stored();
    await page.locator('g[data-booth=I2]').click();
    await panel.getByLabel('Exhibitor').selectOption({ label: A.legalName });
    await panel.getByRole('button', { name: 'Hold 48 h', exact: true }).click();
    await overrideForm.waitFor();
    expect(await panel.getByTestId('form-error').textContent()).toBe(refusal('I2'));
    expect(await stored()).toEqual(before);
    // Cancel goes back to the plain buttons; choosing another exhibitor would too.
    await overrideForm.getByRole('button', { name: 'Cancel' }).click();
    await overrideForm.waitFor({ state: 'detached' });
    expect(await panel.getByTestId('form-error').count()).toBe(0);
    await panel.getByRole('button', { name: 'Hold 48 h', exact: true }).click();
    await overrideForm.waitFor();
    const holdReason = 'Waiting for the organisers of the Japan pavilion to confirm the partnership';
    await overrideForm.getByLabel('Reason for the exception').fill(holdReason);
    await overrideForm.getByRole('button', { name: 'Hold 48 h with this reason' }).click();
    await page.locator('g[data-booth=I2][data-status=held]').waitFor();
    expect(await allocation('I2')).toEqual([{ exhibitor_id: A.id, status: 'held', source: 'manual', kind_override_reason: holdReason }]);
    expect(await auditOf('I2', 'booth.hold')).toEqual([{ actor_role: 'organiser', reason: holdReason, kind_override: true, exhibitor_id: A.id }]);
    await planAgreesWithDatabase(page);
    await page.locator('g[data-booth=I2]').click();
    await panel.getByRole('button', { name: 'Release' }).click();
    await page.locator('g[data-booth=I2][data-status=available]').waitFor();
    expect((await allocation('I1')).concat(await allocation('I2'))).toEqual([]);
    await planAgreesWithDatabase(page);
    await ctx.close();
  }, 120_000);

  it('allocation solver: the proposal is a diff on the plan with its score and unmet wishes; discard changes nothing, apply stores exactly the proposal', async () => {
    const { A, F, G } = apps;
    const { ctx, page } = await console_('floor-plan');
    await page.locator('g[data-booth]').nth(6).waitFor();
    const allocations = () => q(`SELECT id, booth_id, exhibitor_id, status, source, ended_at FROM booth_allocations WHERE fair_id = $1 ORDER BY id`, [fairId]);
    const before = await allocations();
    const proposalPanel = page.getByTestId('proposal');

    /** Runs the solver from the page; checks what it shows against the stored proposal. */
    async function propose() {
      const count = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM booth_proposals WHERE fair_id = $1`, [fairId]))[0]!.n;
      await page.getByRole('button', { name: 'Propose an allocation' }).click();
      await proposalPanel.waitFor({ timeout: 30_000 });
      const [stored] = await q<{ id: string; status: string; changes: { booth: string; exhibitorId: string; exhibitor: string }[]; score: { percentOfBound: number }; unmet: { companyId: string; wish: string; detail?: { requested: number; got: number } }[] }>(
        `SELECT id, status, changes, score, unmet FROM booth_proposals WHERE fair_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [fairId],
      );
      expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM booth_proposals WHERE fair_id = $1`, [fairId]))[0]!.n).toBe(count + 1);
      expect(stored!.status).toBe('proposed');
      const shown = await proposalPanel.locator('[data-testid=proposal-changes] li').evaluateAll((els) => els.map((e) => [e.getAttribute('data-booth')!, e.getAttribute('data-exhibitor')!, e.textContent!]));
      expect(shown.sort()).toEqual(stored!.changes.map((c) => [c.booth, c.exhibitorId, `${c.booth}: available → ${c.exhibitor}`]).sort());
      // A's second domestic booth; the three international booths to F (asked for 3) and G (asked for 1): one of them is left short.
      const byBooth = Object.fromEntries(stored!.changes.map((c) => [c.booth, c.exhibitorId]));
      expect(Object.entries(byBooth).filter(([b]) => b.startsWith('D'))).toEqual([[expect.stringMatching(/^D[34]$/), A.id]]);
      const international = Object.entries(byBooth).filter(([b]) => b.startsWith('I'));
      expect(international.map(([b]) => b).sort()).toEqual(['I1', 'I2', 'I3']);
      expect(international.every(([, e]) => e === F.id || e === G.id)).toBe(true);
      // The diff on the plan: exactly the proposed booths are outlined, still in their current colour.
      const marked = await page.locator('g[data-booth][data-marked=true]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-booth'), e.getAttribute('data-status')]));
      expect(marked.sort()).toEqual(Object.keys(byBooth).sort().map((b) => [b, 'available']));
      const pct = stored!.score.percentOfBound;
      // D1 and D2 are already taken: they count in the score and in the bound alike.
      expect(pct).toBeGreaterThan(50);
      expect(pct).toBeLessThanOrEqual(100);
      expect(Number(await proposalPanel.getByTestId('proposal-score').getAttribute('data-percent'))).toBe(pct);
      expect(await proposalPanel.getByTestId('proposal-score').textContent()).toBe(`Score ${Math.round(pct * 10) / 10}% of the upper bound · 4 booth changes (outlined on the plan)`);
      const unmet = await proposalPanel.locator('[data-testid=proposal-unmet] li').evaluateAll((els) => els.map((e) => [e.getAttribute('data-exhibitor'), e.getAttribute('data-wish'), e.textContent]));
      expect(unmet).toEqual(stored!.unmet.map((u) => [u.companyId, u.wish, expect.any(String)]));
      const short = [
        { who: F, requested: 3 },
        { who: G, requested: 1 },
      ].filter(({ who, requested }) => international.filter(([, e]) => e === who.id).length < requested);
      expect(short).toHaveLength(1);
      const got = international.filter(([, e]) => e === short[0]!.who.id).length;
      expect(unmet).toContainEqual([short[0]!.who.id, 'booths', `${short[0]!.who.legalName}: not all booths asked for (${got} of ${short[0]!.requested})`]);
      expect(await proposalPanel.locator('summary', { hasText: 'Unmet wishes' }).textContent()).toBe(`Unmet wishes: ${stored!.unmet.length}`);
      return stored!;
    }

    const first = await propose();
    await shot(page, 'organiser-floor-plan-proposal-desktop');
    await proposalPanel.getByRole('button', { name: 'Discard' }).click();
    await proposalPanel.waitFor({ state: 'detached' });
    expect(await page.locator('g[data-booth][data-marked=true]').count()).toBe(0);
    expect((await q(`SELECT status FROM booth_proposals WHERE id = $1`, [first.id]))[0]).toEqual({ status: 'discarded' });
    expect(await allocations()).toEqual(before);
    await planAgreesWithDatabase(page);

    const second = await propose();
    await proposalPanel.getByRole('button', { name: 'Apply' }).click();
    await proposalPanel.waitFor({ state: 'detached' });
    for (const c of second.changes) await page.locator(`g[data-booth=${c.booth}][data-status=assigned]`).waitFor();
    expect((await q(`SELECT status FROM booth_proposals WHERE id = $1`, [second.id]))[0]).toEqual({ status: 'applied' });
    const placed = await q<{ booth: string; exhibitor_id: string }>(
      `SELECT b.code AS booth, a.exhibitor_id FROM booth_allocations a JOIN booths b ON b.id = a.booth_id
        WHERE a.fair_id = $1 AND a.status = 'assigned' AND a.source = 'proposal' ORDER BY b.code`,
      [fairId],
    );
    expect(placed).toEqual(second.changes.map((c) => ({ booth: c.booth, exhibitor_id: c.exhibitorId })).sort((a, b) => a.booth.localeCompare(b.booth)));
    // What was there before stays as it was (D1 for A, D2 for E).
    const rows = await allocations();
    for (const b of before) expect(rows).toContainEqual(b);
    expect(rows).toHaveLength(before.length + second.changes.length);
    const db = await planAgreesWithDatabase(page);
    expect(db.filter((b) => b.status === 'available').map((b) => b.code)).toHaveLength(1);
    await shot(page, 'organiser-floor-plan-applied-desktop');
    await ctx.close();
  }, 120_000);

  it('self-selection: a free booth of a kind the exhibitor did not ask for is shown as not for it and cannot be picked by mouse or keyboard; the API still refuses it with a plain message and no override; nothing is stored and the turn stays its own', async () => {
    const { G } = apps;
    // After the solver's case one domestic booth is left free; G (from Taiwan) asked for one international booth.
    const [free] = await q<{ code: string }>(
      `SELECT b.code FROM booths b WHERE b.fair_id = $1 AND NOT EXISTS (SELECT 1 FROM booth_allocations a WHERE a.booth_id = b.id AND a.status IN ('held', 'assigned'))`,
      [fairId],
    );
    expect(free!.code).toMatch(/^D\d$/);
    const round = await sys.http('POST', `/api/fairs/${SLUG}/booth-rounds`, { token: organiser, body: { exhibitorIds: [G.id], turnMinutes: 120 } });
    expect(round.status).toBe(201);
    const ctx = await context(DESKTOP, { exhibitor: G.session! });
    const page = await ctx.newPage();
    await page.goto(`${sys.baseUrl}/exhibitor/portal`);
    const selection = page.locator('section[aria-labelledby=sel-h]');
    await selection.locator('[data-testid=turn-status]', { hasText: 'It is your turn' }).waitFor();
    const allocations = () => q(`SELECT id, status FROM booth_allocations WHERE fair_id = $1 ORDER BY id`, [fairId]);
    const before = await allocations();
    const booth = selection.locator(`g[data-booth=${free!.code}]`);

    // Shown as not for G: a status of its own, said in the booth's label and named in the legend in the booth's colour, which no other status has.
    expect([await booth.getAttribute('data-status'), await booth.getAttribute('role'), await booth.getAttribute('tabindex')]).toEqual(['not-requested', 'img', null]);
    expect(await booth.getAttribute('aria-label')).toMatch(new RegExp(`^${free!.code}, Domestic, Not a kind you asked for, `));
    const legend = selection.locator('.legend li[data-status]');
    const swatches = await legend.evaluateAll((items) => items.map((li) => [li.getAttribute('data-status')!, li.textContent!.trim(), getComputedStyle(li.querySelector('.swatch')!).backgroundColor]));
    expect(swatches.find(([s]) => s === 'not-requested')?.slice(0, 2)).toEqual(['not-requested', 'Not a kind you asked for']);
    const fill = await booth.locator('rect').evaluate((r) => getComputedStyle(r as never).fill);
    expect(swatches.filter(([, , colour]) => colour === fill).map(([s]) => s)).toEqual(['not-requested']);

    // Not selectable with the mouse: a click marks nothing, nothing is chosen, the pick button stays disabled.
    await booth.click();
    expect(await booth.getAttribute('data-marked')).toBeNull();
    expect(await selection.getByText('Chosen: none').count()).toBe(1);
    expect(await selection.getByTestId('pick-booths').isDisabled()).toBe(true);
    // Nor with the keyboard: Tab from the portal's first button (above the plan) past the plan never stops on a booth.
    await page.getByRole('button', { name: 'Sign out' }).focus();
    const reached: { booth: string | null; afterPlan: boolean }[] = [];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => {
        const e = document.activeElement;
        if (!e || e === document.body) return null;
        // 4: follows the plan, 16: inside it
        return { booth: e.closest('g[data-booth]')?.getAttribute('data-booth') ?? null, afterPlan: (document.querySelector('section[aria-labelledby=sel-h] .floor-plan')!.compareDocumentPosition(e) & (4 | 16)) === 4 };
      });
      if (!at) break;
      reached.push(at);
    }
    expect(reached.some((r) => r.afterPlan)).toBe(true);
    expect(reached.filter((r) => r.booth)).toEqual([]);

    // The API still refuses such a pick, in plain words: the exhibitor cannot override, it is told what to do instead.
    const refused = await sys.http('POST', `/api/fairs/${SLUG}/booth-rounds/${round.body.id}/pick`, { token: G.session!, body: { booths: [free!.code] } });
    expect([refused.status, refused.body.code, refused.body.message]).toEqual([
      409,
      'KIND_NOT_REQUESTED',
      `You cannot take booth ${free!.code} (Domestic booth): your application did not ask for booths of this kind. Choose booths of the kinds you asked for, or contact the organisers.`,
    ]);
    // No way to override from the portal: no reason field anywhere on the page, nothing to type in the selection.
    expect(await page.getByLabel('Reason for the exception').count()).toBe(0);
    expect(await selection.locator('textarea, input').count()).toBe(0);
    await booth.scrollIntoViewIfNeeded();
    await shot(page, 'portal-not-requested-kind-desktop');
    expect(await allocations()).toEqual(before);
    expect(await booth.getAttribute('data-status')).toBe('not-requested');
    expect(await q(`SELECT t.status FROM booth_round_turns t WHERE t.round_id = $1`, [round.body.id])).toEqual([{ status: 'picking' }]);
    await ctx.close();
  }, 120_000);

  it('invitations: a batch for every visitor shows live progress (queued, then sent) up to the number of visitors; mail_messages and the SMTP sink agree', async () => {
    const visitors = Array.from({ length: 12 }, (_, i) => ({ name: `Khách mời ${i + 1}`, email: `invitee-${i + 1}-${process.pid}@example.vn` }));
    const csv = ['name,email,country,visitor_type,lang', ...visitors.map((v, i) => `${v.name},${v.email},VN,trade-buyer,${i % 2 ? 'en' : 'vi'}`)].join('\n');
    const imported = await sys.http('POST', `/api/visitors/fairs/${SLUG}/import`, { token: organiser, body: { csv } });
    expect([imported.status, imported.body.imported]).toEqual([200, visitors.length]);
    const [{ n: fairVisitors }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM visitors WHERE fair_id = $1`, [fairId]);
    expect(fairVisitors).toBe(visitors.length);

    const { ctx, page } = await console_('invitations');
    const progress = page.getByTestId('batch-progress');
    // Without a worker the mails wait in the queue: the page shows them queued.
    await sys.stopWorker();
    try {
      await page.getByRole('button', { name: 'Send invitations to everyone not yet invited' }).click();
      await progress.waitFor();
      expect(await progress.getAttribute('data-total')).toBe(String(fairVisitors));
      expect(await page.getByTestId('batch-figures').textContent()).toBe(`${fairVisitors} in batch · 0 sent · ${fairVisitors} queued · 0 failed`);
      const [{ batch }] = await q<{ batch: string }>(`SELECT id AS batch FROM invitation_batches WHERE fair_id = $1`, [fairId]);
      expect(await q(`SELECT status, count(*)::int AS n FROM mail_messages WHERE batch_id = $1 GROUP BY status`, [batch])).toEqual([{ status: 'queued', n: fairVisitors }]);
      await shot(page, 'organiser-invitations-queued-desktop');
      // Every value of "sent" the page shows from now on, as it polls by itself.
      await page.evaluate(() => {
        const el = document.querySelector('[data-testid=batch-progress]')!;
        window.sentSeen = [Number(el.getAttribute('data-sent'))];
        new MutationObserver(() => window.sentSeen!.push(Number(document.querySelector('[data-testid=batch-progress]')!.getAttribute('data-sent')))).observe(el, { attributes: true, subtree: false, childList: false });
      });
    } finally {
      await sys.startWorker();
    }
    await page.locator(`[data-testid=batch-progress][data-sent="${fairVisitors}"][data-done=true]`).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('batch-figures').textContent()).toBe(`${fairVisitors} in batch · ${fairVisitors} sent · 0 queued · 0 failed`);
    const seen = (await page.evaluate(() => window.sentSeen!)) as number[];
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(fairVisitors);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    await shot(page, 'organiser-invitations-sent-desktop');

    const rows = await q<{ to_address: string; status: string }>(`SELECT m.to_address, m.status FROM mail_messages m JOIN invitation_batches b ON b.id = m.batch_id WHERE b.fair_id = $1 ORDER BY m.to_address`, [fairId]);
    expect(rows).toEqual(visitors.map((v) => ({ to_address: v.email, status: 'sent' })).sort((a, b) => a.to_address.localeCompare(b.to_address)));
    const delivered = sys.smtp!.messages.filter((m) => visitors.some((v) => m.to.includes(v.email)));
    expect(delivered).toHaveLength(fairVisitors);
    expect(new Set(delivered.map((m) => m.to[0])).size).toBe(fairVisitors);
    const one = await PostalMime.parse(delivered.find((m) => m.to.includes(visitors[0]!.email))!.raw);
    expect(one.attachments.some((a) => a.mimeType === 'image/png')).toBe(true);
    await ctx.close();
  }, 120_000);

  it('gates and devices: created in the console (a bad code gets the API error next to the field), listed from the API in another browser, and stored', async () => {
    const { ctx, page } = await console_('gates');
    await page.getByLabel('Gate code').fill('N 1!');
    await page.getByLabel('Name in Vietnamese').fill('Cổng Bắc');
    await page.getByLabel('Name in English').fill('North gate');
    await page.getByRole('button', { name: 'Add gate' }).click();
    await page.locator('[data-field-error=code]').waitFor();
    expect(await page.locator('[data-field-error=code]').textContent()).toMatch(/^code must match/);
    expect(await page.getByLabel('Name in Vietnamese').inputValue()).toBe('Cổng Bắc');
    expect(await q(`SELECT id FROM gates WHERE fair_id = $1`, [fairId])).toEqual([]);

    await page.getByLabel('Gate code').fill('N1');
    await page.getByRole('button', { name: 'Add gate' }).click();
    const gate = page.locator('li[data-gate=N1]');
    await gate.waitFor();
    expect(await gate.locator('strong').textContent()).toBe('N1 · North gate');
    expect(await page.getByLabel('Gate code').inputValue()).toBe('');
    const [stored] = await q<{ id: string; code: string; name_vi: string; name_en: string }>(`SELECT id, code, name_vi, name_en FROM gates WHERE fair_id = $1`, [fairId]);
    expect(stored).toMatchObject({ code: 'N1', name_vi: 'Cổng Bắc', name_en: 'North gate' });

    await gate.getByRole('button', { name: 'Add device' }).click();
    const device = gate.locator('li[data-device]');
    await device.waitFor();
    const deviceId = (await device.getAttribute('data-device'))!;
    expect(await device.textContent()).toBe(`N1-1: ${deviceId} — open scanner`);
    expect(await device.getByRole('link', { name: 'open scanner' }).getAttribute('href')).toBe(`/gate?device=${deviceId}`);
    expect(await q(`SELECT id, gate_id, name, fair_id FROM gate_devices WHERE fair_id = $1`, [fairId])).toEqual([{ id: deviceId, gate_id: stored!.id, name: 'N1-1', fair_id: fairId }]);
    // The same gate code twice: the API's refusal is shown.
    await page.getByLabel('Gate code').fill('N1');
    await page.getByLabel('Name in Vietnamese').fill('Cổng Bắc 2');
    await page.getByLabel('Name in English').fill('North gate 2');
    await page.getByRole('button', { name: 'Add gate' }).click();
    await textIs(page, '[data-testid=form-error]', 'Gate N1 already exists in this fair');
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM gates WHERE fair_id = $1`, [fairId]))[0]!.n).toBe(1);
    await shot(page, 'organiser-gates-desktop');
    await ctx.close();

    // Another browser (nothing in its storage) lists the same device: the list comes from the API.
    const other = await console_('gates');
    await other.page.locator(`li[data-gate=N1] li[data-device="${deviceId}"]`).waitFor();
    expect(await other.page.locator('li[data-device]').count()).toBe(1);
    await other.ctx.close();
  }, 60_000);

  it('offline conflicts: a pass admitted online and again by a gate that was offline is listed in the gates tab as the API reports it, in English and Vietnamese', async () => {
    const email = `conflict-${process.pid}@example.vn`;
    const csv = ['name,email,country,visitor_type,entry_policy', `Nguyễn Văn Xung,${email},VN,importer,single`].join('\n');
    expect((await sys.http('POST', `/api/visitors/fairs/${SLUG}/import`, { token: organiser, body: { csv } })).status).toBe(200);
    const [pass] = await q<{ code: string; serial: string }>(`SELECT p.code, p.serial FROM passes p JOIN visitors v ON v.id = p.visitor_id WHERE v.email = $1`, [email]);
    const gate = await sys.http('POST', `/api/checkin/fairs/${SLUG}/gates`, { token: organiser, body: { code: 'S1', nameVi: 'Cổng Nam', nameEn: 'South gate' } });
    const devices: { id: string; token: string }[] = [];
    for (const name of ['S1-a', 'S1-b']) {
      const d = await sys.http('POST', `/api/checkin/gates/${gate.body.id}/devices`, { token: organiser, body: { name } });
      const token = await sys.signIn('gate');
      expect((await sys.http('POST', `/api/checkin/devices/${d.body.id}/sign-in`, { token })).status).toBe(200);
      devices.push({ id: d.body.id, token });
    }
    const nonce = (k: string) => `${k}-${process.pid}-nonce`;
    const online = await sys.http('POST', `/api/checkin/devices/${devices[0]!.id}/scans`, { token: devices[0]!.token, body: { code: pass!.code, nonce: nonce('on') } });
    expect(online.status).toBe(200);
    const upload = await sys.http('POST', `/api/checkin/devices/${devices[1]!.id}/offline-scans`, {
      token: devices[1]!.token,
      body: { scans: [{ code: pass!.code, nonce: nonce('off'), scannedAt: new Date().toISOString(), localVerdict: 'admitted' }] },
    });
    expect(upload.body).toMatchObject({ stored: 1, conflicts: 1 });
    const report = (await sys.http('GET', `/api/checkin/fairs/${SLUG}/conflicts`, { token: organiser })).body;
    // The fair opened yesterday: admitted online, then admitted again by the gate that was offline.
    expect(report).toEqual([expect.objectContaining({ kind: 'double-admission', verdict: 'already-inside', serial: Number(pass!.serial), gate: 'S1', earlierGate: 'S1' })]);

    const { ctx, page } = await console_('gates');
    const row = page.locator(`[data-testid=offline-conflicts] tr[data-conflict="${report[0].id}"]`);
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1, 4)).toEqual(['Admitted twice (Already inside)', `Nguyễn Văn Xung · Importer · #${pass!.serial}`, 'S1']);
    expect(cells[4]).toMatch(/^S1, .+\(GMT\+7\)$/);
    expect(await page.locator('[data-testid=offline-conflicts] tbody tr').count()).toBe(1);
    await page.getByTestId('lang-switch').click();
    await textIs(page, `tr[data-conflict="${report[0].id}"] td:nth-child(2)`, 'Vào hai lần (Đã ở bên trong)');
    await textIs(page, `tr[data-conflict="${report[0].id}"] td:nth-child(3)`, `Nguyễn Văn Xung · Nhà nhập khẩu · #${pass!.serial}`);
    expect(await page.getByRole('heading', { name: 'Xung đột từ cửa ngoại tuyến' }).count()).toBe(1);
    await shot(page, 'organiser-conflicts-desktop');
    await ctx.close();
  }, 60_000);

  it('matchmaking: sessions and tables set in the console; the scheduler proposal for accepted requests is shown, discarded, run again with another table and published', async () => {
    const { ctx, page } = await console_('matchmaking');
    const settings = page.getByTestId('mm-settings');
    await settings.waitFor();
    await settings.getByLabel('Scheduling').selectOption('batch');
    await settings.getByLabel('Minutes per meeting').fill('30');
    await settings.getByLabel('Meetings per person per day (at most)').fill('4');
    await settings.getByRole('button', { name: 'Add a session' }).click();
    await settings.getByLabel('Session 1: date').fill(day(1));
    await settings.getByLabel('From', { exact: true }).fill('08:00');
    await settings.getByLabel('To', { exact: true }).fill('09:00');
    expect(await unlabelled(page)).toEqual([]);
    await settings.getByLabel('Breaks', { exact: true }).fill('8-9');
    await settings.getByRole('button', { name: 'Save sessions and rules' }).click();
    // A break that is not HH:MM: the API's error shows next to the breaks of that session.
    await settings.locator('[data-field-error="session-0-breaks"]').waitFor();
    expect(await settings.locator('[data-field-error="session-0-breaks"]').textContent()).toMatch(/^sessions\[0\]\.breaks\[0\]\.start must match/);
    expect(await q(`SELECT fair_id FROM mm_settings WHERE fair_id = $1`, [fairId])).toEqual([]);
    await settings.getByLabel('Breaks', { exact: true }).fill('');
    await settings.getByRole('button', { name: 'Save sessions and rules' }).click();
    await settings.getByTestId('mm-settings-saved').waitFor();
    expect(await q(`SELECT mode, slot_minutes, per_day_limit, sessions FROM mm_settings WHERE fair_id = $1`, [fairId])).toEqual([
      { mode: 'batch', slot_minutes: 30, per_day_limit: 4, sessions: [{ date: day(1), start: '08:00', end: '09:00', breaks: [] }] },
    ]);

    const addTable = async (name: string) => {
      await page.getByLabel('Table name').fill(name);
      await page.getByRole('button', { name: 'Add table' }).click();
      await page.locator('[data-testid=mm-tables] li', { hasText: name }).waitFor();
    };
    await addTable('Bàn 1');
    expect(await q(`SELECT name, active FROM mm_tables WHERE fair_id = $1`, [fairId])).toEqual([{ name: 'Bàn 1', active: true }]);

    // Six visitors of three companies pairs; three requests accepted through the API (batch mode: not placed yet).
    const people = [];
    for (let i = 0; i < 6; i++) {
      const v = await sys.http('POST', `/api/visitors/fairs/${SLUG}`, { token: organiser, body: { name: `Buyer ${i + 1}`, company: `Company ${i + 1}`, country: 'VN', email: `mm-${i + 1}-${process.pid}@example.vn`, visitorType: 'trade-buyer', lang: 'en' } });
      expect(v.status).toBe(201);
      people.push(await optIn(sys, organiser, SLUG, v.body.id));
    }
    for (let i = 0; i < 6; i += 2) {
      const r = await as(sys, people[i]!.token, 'POST', '/matchmaking/requests', { to: people[i + 1]!.id });
      expect(r.status).toBe(201);
      expect((await as(sys, people[i + 1]!.token, 'POST', `/matchmaking/requests/${r.body.id}/accept`)).status).toBe(200);
    }
    expect(await q(`SELECT status, count(*)::int AS n FROM mm_meetings WHERE fair_id = $1 GROUP BY status`, [fairId])).toEqual([{ status: 'accepted', n: 3 }]);

    const proposal = page.getByTestId('mm-proposal');
    const run = async () => {
      await page.getByRole('button', { name: 'Run the scheduler' }).click();
      await page.locator('[data-testid=mm-proposal][data-status=open]').waitFor();
      const [stored] = await q<{ id: string; placed: number; considered: number; upper_bound: number; unplaced: { reason: string }[]; status: string }>(
        `SELECT id, placed, considered, upper_bound, unplaced, CASE WHEN published_at IS NOT NULL THEN 'published' WHEN discarded_at IS NOT NULL THEN 'discarded' ELSE 'open' END AS status
           FROM mm_proposals WHERE fair_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [fairId],
      );
      expect(await proposal.getByTestId('mm-placed').textContent()).toBe(`${stored!.placed} of ${stored!.considered} meetings placed (at most ${stored!.upper_bound} could be).`);
      const reasons: Record<string, number> = {};
      for (const u of stored!.unplaced) reasons[u.reason] = (reasons[u.reason] ?? 0) + 1;
      const shown = await proposal.locator('li[data-reason]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-reason'), e.textContent]));
      expect(Object.fromEntries(shown.map(([r]) => [r, reasons[r!]]))).toEqual(reasons);
      expect(stored!.status).toBe('open');
      return { stored: stored!, shown };
    };
    // One table, two half-hour slots: two of the three meetings fit.
    const first = await run();
    expect([first.stored.considered, first.stored.placed]).toEqual([3, 2]);
    expect(first.shown).toEqual([['no-free-table', 'No free table: 1']]);
    await shot(page, 'organiser-matchmaking-proposal-desktop');
    await proposal.getByRole('button', { name: 'Discard' }).click();
    await page.locator('[data-testid=mm-proposal][data-status=discarded]').waitFor();
    expect((await q(`SELECT CASE WHEN published_at IS NOT NULL THEN 'published' WHEN discarded_at IS NOT NULL THEN 'discarded' ELSE 'open' END AS status FROM mm_proposals WHERE id = $1`, [first.stored.id]))[0]).toEqual({ status: 'discarded' });
    expect(await q(`SELECT count(*)::int AS n FROM mm_meetings WHERE fair_id = $1 AND status = 'scheduled'`, [fairId])).toEqual([{ n: 0 }]);

    // A second table: all three fit; published.
    await addTable('Bàn 2');
    const second = await run();
    expect([second.stored.considered, second.stored.placed]).toEqual([3, 3]);
    expect(second.shown).toEqual([]);
    await proposal.getByRole('button', { name: 'Publish' }).click();
    await page.locator('[data-testid=mm-proposal][data-status=published]').waitFor();
    expect(await proposal.getByRole('heading').textContent()).toBe('Scheduler proposal · Published');
    expect((await q(`SELECT CASE WHEN published_at IS NOT NULL THEN 'published' WHEN discarded_at IS NOT NULL THEN 'discarded' ELSE 'open' END AS status FROM mm_proposals WHERE id = $1`, [second.stored.id]))[0]).toEqual({ status: 'published' });
    const meetings = await q<{ status: string; table_name: string; starts: string; ends: string }>(
      `SELECT m.status, t.name AS table_name, to_char(lower(m.during) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') AS starts,
              to_char(upper(m.during) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI') AS ends
         FROM mm_meetings m JOIN mm_tables t ON t.id = m.table_id WHERE m.fair_id = $1 ORDER BY starts, table_name`,
      [fairId],
    );
    expect(meetings).toHaveLength(3);
    for (const m of meetings) {
      expect(m.status).toBe('scheduled');
      expect(['Bàn 1', 'Bàn 2']).toContain(m.table_name);
      expect([`${day(1)} 08:00`, `${day(1)} 08:30`]).toContain(m.starts);
    }
    // No table holds two meetings at once.
    expect(new Set(meetings.map((m) => `${m.table_name}|${m.starts}`)).size).toBe(3);
    await shot(page, 'organiser-matchmaking-published-desktop');
    await ctx.close();
  }, 120_000);

  /**
   * Submits a public form and returns the API's answer; then checks that every field the API
   * named shows the API's first message for it right next to that field (inside its .field,
   * linked from the input by aria-describedby where the field has an input).
   */
  async function submitExpectingFieldErrors(page: Page, button: string, path: RegExp, lang: 'vi' | 'en', where: Record<string, string>) {
    const [res] = await Promise.all([page.waitForResponse((r: Response) => path.test(new URL(r.url()).pathname) && r.request().method() === 'POST'), page.getByRole('button', { name: button }).click()]);
    expect((await res.request().allHeaders())['accept-language']).toBe(lang);
    const body = (await res.json()) as { code: string; message: string; fields?: { field: string; message: string }[] };
    expect(res.status()).toBe(422);
    const byField: Record<string, string> = {};
    for (const f of body.fields ?? []) byField[f.field] ??= f.message;
    if (!body.fields?.length) byField[Object.keys(where)[0]!] = body.message;
    for (const [field, message] of Object.entries(byField)) {
      const shownAs = where[field] ?? field;
      const err = page.locator(`[data-field-error="${shownAs}"]`);
      await textIs(page, `[data-field-error="${shownAs}"]`, message);
      const input = page.locator(`[name="${shownAs}"]`);
      if ((await input.count()) === 1) {
        const id = await err.getAttribute('id');
        expect((await input.getAttribute('aria-describedby'))?.split(' ')).toContain(id);
        expect(await input.getAttribute('aria-invalid')).toBe('true');
      }
    }
    // No field error is shown that the API did not send.
    const shown = await page.locator('[data-field-error]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field-error')));
    expect(shown.sort()).toEqual(Object.keys(byField).map((f) => where[f] ?? f).sort());
    return { body, byField };
  }
  /** Waits until the element shows exactly this text (what was shown before a submit may still be there for a moment). */
  const textIs = (page: Page, selector: string, text: string) =>
    page.waitForFunction(([sel, want]) => document.querySelector(sel!)?.textContent === want, [selector, text] as const).catch(async (err: Error) => {
      throw new Error(`${selector} shows ${JSON.stringify(await page.locator(selector).first().textContent().catch(() => null))}, expected ${JSON.stringify(text)}: ${err.message}`);
    });
  const values = (page: Page, names: string[]) => Promise.all(names.map(async (n) => [n, await page.locator(`[name="${n}"]`).inputValue()]));

  it('bad input: the exhibitor application form shows the API per-field errors next to the fields in English and in Vietnamese; offline it says so plainly and keeps everything typed; back online it is sent', async () => {
    const ctx = await context(PHONE);
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/exhibitor/apply');
    await page.fill('input[name=legalName]', 'Công ty TNHH Kỹ thuật Đông Anh');
    await page.fill('input[name=email]', 'not-an-email');
    await page.fill('input[name=phone]', '12');
    const path = /\/api\/fairs\/[^/]+\/exhibitor-applications$/;
    const en = await submitExpectingFieldErrors(page, 'Submit application', path, 'en', {});
    expect(Object.keys(en.byField).sort()).toEqual(['address', 'consent', 'contactName', 'email', 'phone', 'sectors', 'taxId']);
    expect(en.byField.email).toBe('email must be an email');
    expect(await page.getByTestId('form-error').textContent()).toBe('Some fields are not valid');
    await shot(page, 'apply-errors-en-phone');

    // In Vietnamese: the labels, and after submitting, the API's messages in Vietnamese.
    await page.getByTestId('lang-switch').click();
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).waitFor();
    expect(await page.locator('input[name=legalName]').inputValue()).toBe('Công ty TNHH Kỹ thuật Đông Anh');
    const vi = await submitExpectingFieldErrors(page, 'Gửi hồ sơ', path, 'vi', {});
    expect(Object.keys(vi.byField).sort()).toEqual(Object.keys(en.byField).sort());
    expect(vi.byField.email).toBe('email không phải là địa chỉ email hợp lệ');
    expect(vi.byField.consent).not.toBe(en.byField.consent);
    await textIs(page, '[data-testid=form-error]', 'Một số trường không hợp lệ');
    await shot(page, 'apply-errors-vi-phone');

    // A rule checked past the form's shape (a Vietnamese phone number), still next to its field.
    await page.fill('input[name=taxId]', `0108${process.pid}`);
    await page.fill('input[name=address]', 'Số 5 Cao Lỗ, Đông Anh, Hà Nội');
    await page.getByLabel('Cơ khí chế tạo').check();
    await page.fill('input[name=contactName]', 'Phạm Thu Hà');
    await page.fill('input[name=email]', `dong-anh-${process.pid}@example.vn`);
    await page.fill('input[name=phone]', '12345');
    await page.getByLabel(/Tôi đồng ý/).check();
    const phone = await submitExpectingFieldErrors(page, 'Gửi hồ sơ', path, 'vi', {});
    expect(phone.byField).toEqual({ phone: 'phone "12345" không phải là số điện thoại hợp lệ' });

    // No connection: a plain message, and everything typed is still there.
    await page.fill('input[name=phone]', '024 3883 1234');
    await page.fill('input[name=password]', 'Mat-khau-rieng-123');
    const typed = ['legalName', 'country', 'taxId', 'address', 'contactName', 'email', 'phone', 'booths-domestic'];
    const before = await values(page, typed);
    await ctx.setOffline(true);
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await textIs(page, '[data-testid=form-error]', 'Chưa gửi được: không có kết nối. Nội dung vẫn được giữ; hãy thử lại khi có kết nối.');
    expect(await page.getByTestId('offline-banner').textContent()).toBe('Mất kết nối. Nội dung bạn đã nhập vẫn được giữ; hãy gửi lại khi có kết nối.');
    expect(await page.locator('[data-field-error]').count()).toBe(0);
    expect(await values(page, typed)).toEqual(before);
    expect(await page.getByLabel('Cơ khí chế tạo').isChecked()).toBe(true);
    expect(await page.getByLabel(/Tôi đồng ý/).isChecked()).toBe(true);
    await shot(page, 'apply-offline-vi-phone');
    // The draft survives in sessionStorage, but never the password (kept in memory only).
    expect(await page.locator('input[name=password]').inputValue()).toBe('Mat-khau-rieng-123');
    const stored = await page.evaluate(() => Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.getItem(sessionStorage.key(i)!)).join('\n'));
    expect(stored).toContain('Công ty TNHH Kỹ thuật Đông Anh');
    expect(stored).not.toContain('Mat-khau-rieng-123');
    expect(await q(`SELECT id FROM exhibitors WHERE fair_id = $1 AND email = $2`, [fairId, `dong-anh-${process.pid}@example.vn`])).toEqual([]);

    // Back online (and even after a reload) the same input is sent.
    await ctx.setOffline(false);
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    await page.reload();
    await page.locator('input[name=legalName]').waitFor();
    expect(await values(page, typed)).toEqual(before);
    expect(await page.locator('input[name=password]').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await page.getByTestId('applied').waitFor();
    const [row] = await q<Record<string, unknown>>(
      `SELECT legal_name, tax_id, address, contact_name, phone, status, lang, sectors, booth_requests FROM exhibitors WHERE fair_id = $1 AND email = $2`,
      [fairId, `dong-anh-${process.pid}@example.vn`],
    );
    expect(row).toEqual({
      legal_name: 'Công ty TNHH Kỹ thuật Đông Anh',
      tax_id: `0108${process.pid}`,
      address: 'Số 5 Cao Lỗ, Đông Anh, Hà Nội',
      contact_name: 'Phạm Thu Hà',
      phone: '+842438831234',
      status: 'submitted',
      lang: 'vi',
      sectors: ['mechanical'],
      booth_requests: { domestic: 1 },
    });
    await ctx.close();
  }, 120_000);

  it('bad input: the visitor registration form shows the API per-field errors in English and Vietnamese (consent too); offline nothing typed is lost; back online the visitor is registered', async () => {
    const ctx = await context(PHONE);
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/visitor/register');
    await page.fill('input[name=company]', 'Công ty Thương mại Kinh Bắc');
    await page.fill('input[name=country]', 'V');
    await page.fill('input[name=email]', 'kinhbac@');
    const path = /\/api\/visitors\/fairs\/[^/]+\/register$/;
    const en = await submitExpectingFieldErrors(page, 'Register', path, 'en', {});
    expect(Object.keys(en.byField).sort()).toEqual(['country', 'email', 'name']);
    await page.getByTestId('lang-switch').click();
    await page.getByRole('button', { name: 'Đăng ký' }).waitFor();
    const vi = await submitExpectingFieldErrors(page, 'Đăng ký', path, 'vi', {});
    expect(vi.byField).toEqual({ name: 'name phải có ít nhất 1 ký tự', country: 'country phải là mã quốc gia 2 chữ cái (ISO 3166-1)', email: 'email không phải là địa chỉ email hợp lệ' });
    await shot(page, 'register-errors-vi-phone');

    // Consent is a rule of the service, not of the form's shape: its message is next to the checkbox, in Vietnamese.
    await page.fill('input[name=name]', 'Lê Văn Nam');
    await page.fill('input[name=country]', 'VN');
    const email = `kinhbac-${process.pid}@example.vn`;
    await page.fill('input[name=email]', email);
    await page.fill('input[name=phone]', '0913 222 333');
    await page.getByLabel('Tôi là').selectOption('importer');
    const consent = await submitExpectingFieldErrors(page, 'Đăng ký', path, 'vi', { consent: 'consent' });
    expect(consent.body.code).toBe('CONSENT_REQUIRED');
    expect(consent.byField.consent).toBe('Vui lòng đồng ý cho phép xử lý dữ liệu cá nhân để đăng ký');

    await page.getByLabel(/Tôi đồng ý/).check();
    const typed = ['name', 'company', 'country', 'email', 'phone', 'visitorType'];
    const before = await values(page, typed);
    await ctx.setOffline(true);
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await textIs(page, '[data-testid=form-error]', 'Chưa gửi được: không có kết nối. Nội dung vẫn được giữ; hãy thử lại khi có kết nối.');
    await page.getByTestId('offline-banner').waitFor();
    expect(await values(page, typed)).toEqual(before);
    expect(await page.getByLabel(/Tôi đồng ý/).isChecked()).toBe(true);
    await shot(page, 'register-offline-vi-phone');

    await ctx.setOffline(false);
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.getByTestId('registered').waitFor();
    expect(await q(`SELECT name, company, country, phone, visitor_type, lang FROM visitors WHERE fair_id = $1 AND email = $2`, [fairId, email])).toEqual([
      { name: 'Lê Văn Nam', company: 'Công ty Thương mại Kinh Bắc', country: 'VN', phone: expect.any(String), visitor_type: 'importer', lang: 'vi' },
    ]);
    // Registered once: the invitation arrives once.
    const mail = await eventually(async () => (await mailsTo(sys, email)).at(0), 30_000);
    expect(mail.lang).toBe('vi');
    await ctx.close();
  }, 120_000);
});
