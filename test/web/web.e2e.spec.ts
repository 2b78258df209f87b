// Functions passed to page.waitForFunction / addInitScript run in the browser.
declare const document: { querySelector(selector: string): { textContent: string | null } | null; body: { textContent: string | null } };
declare const localStorage: { setItem(k: string, v: string): void };
declare const sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };

/**
 * The web app in a real browser (Debian's Chromium driven by playwright-core) against the real
 * API, worker, PostgreSQL, Redis and an SMTP sink. Skips with a message when no Chromium exists.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, eventually, type TestSystem } from '@fair/testing';
import { chromiumPath, ensureArtifacts, ensureWebBuild, launch, qrVideoY4m, readQr } from './browser';

const executable = chromiumPath();
if (!executable) process.stderr.write('[web e2e] SKIPPED: no Chromium found (install Debian package "chromium"); browser tests did not run.\n');
const describeBrowser = executable ? describe : describe.skip;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 860 };
const SLUG = `web-fair-${process.pid}`;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

async function mailTo(sys: TestSystem, address: string, subject?: RegExp) {
  return eventually(async () => {
    for (const m of sys.smtp!.messages) {
      if (!m.to.some((t) => t.toLowerCase() === address.toLowerCase())) continue;
      const parsed = await PostalMime.parse(m.raw);
      if (!subject || subject.test(parsed.subject ?? '')) return parsed;
    }
    return null;
  }, 30_000);
}

describeBrowser('web app in Chromium', () => {
  let sys: TestSystem;
  let browser: Browser;
  let organiser: string;
  let fairId: string;
  const shots = ensureArtifacts();

  async function context(viewport = DESKTOP, tokens: Record<string, string> = {}, b = browser): Promise<BrowserContext> {
    const ctx = await b.newContext({ viewport, locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });
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
  const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });

  beforeAll(async () => {
    ensureWebBuild();
    sys = await startTestSystem({ worker: true, smtp: true });
    browser = await launch(executable!);
    organiser = await sys.signIn('organiser');
    const fair = await sys.http('POST', '/api/fairs', {
      token: organiser,
      body: {
        slug: SLUG,
        nameVi: 'Hội chợ Công nghiệp Hà Nội',
        nameEn: 'Hanoi Industry Fair',
        venueVi: 'Trung tâm Triển lãm Giảng Võ',
        venueEn: 'Giang Vo Exhibition Centre',
        startsOn: day(-1),
        endsOn: day(1),
        sectors: [
          { code: 'mechanical', vi: 'Cơ khí chế tạo', en: 'Mechanical engineering' },
          { code: 'electronics', vi: 'Điện tử', en: 'Electronics' },
        ],
      },
    });
    expect(fair.status).toBeLessThan(300);
    fairId = fair.body.id;
    const lines = ['hall,code,kind,area_m2,corner,price_vnd,x,y,width,height'];
    for (let i = 0; i < 6; i++) lines.push(`A,D${i + 1},domestic,9,${i === 0},45000000,${i * 3},0,3,3`);
    for (let i = 0; i < 6; i++) lines.push(`A,I${i + 1},international,9,false,60000000,${i * 3},6,3,3`);
    const plan = await sys.http('POST', `/api/fairs/${SLUG}/floor-plan`, { token: organiser, body: { csv: lines.join('\n') } });
    expect(plan.status).toBeLessThan(300);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('an exhibitor applies, confirms by the emailed link, is approved, picks a booth on the plan and sees it assigned', async () => {
    const email = `web-exhibitor-${process.pid}@example.vn`;
    const ctx = await context(PHONE);
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/');
    await page.getByRole('heading', { name: 'Hanoi Industry Fair' }).waitFor();
    await shot(page, 'home-phone');
    await page.goto(sys.baseUrl + '/exhibitor/apply');

    // Bad input first: the API's per-field errors appear next to the fields, typed input stays.
    await page.fill('input[name=legalName]', 'Công ty TNHH Cơ khí Web');
    await page.fill('input[name=email]', 'not-an-email');
    await page.getByRole('button', { name: 'Submit application' }).click();
    await page.locator('[data-field-error=email]').waitFor();
    expect(await page.inputValue('input[name=legalName]')).toBe('Công ty TNHH Cơ khí Web');
    await shot(page, 'apply-errors-phone');

    await page.fill('input[name=country]', 'VN');
    await page.fill('input[name=taxId]', `0109${process.pid}`);
    await page.fill('input[name=address]', '12 Láng Hạ, Đống Đa, Hà Nội');
    await page.getByLabel('Mechanical engineering').check();
    await page.fill('input[name=booths-domestic]', '1');
    await page.fill('input[name=contactName]', 'Trần Thị Bình');
    await page.fill('input[name=email]', email);
    await page.fill('input[name=phone]', '0912 345 678');
    await page.fill('input[name=password]', 'correct-horse-battery');
    await page.getByLabel(/I agree/).check();
    await page.getByRole('button', { name: 'Submit application' }).click();
    await page.getByTestId('applied').waitFor();

    const confirmMail = await mailTo(sys, email);
    const link = (confirmMail.text ?? confirmMail.html ?? '').match(/https?:\/\/[^\s"<>]+\/exhibitor\/confirm\?token=[^\s"<>]+/)?.[0];
    expect(link).toBeDefined();
    const url = new URL(link!.replace(/&amp;/g, '&'));
    await page.goto(sys.baseUrl + url.pathname + url.search);
    await page.getByRole('button', { name: 'Confirm email' }).click();
    await expect(page.getByTestId('exhibitor-status').textContent()).resolves.toBeTruthy();
    await page.waitForFunction(() => document.querySelector('[data-testid=exhibitor-status]')?.textContent === 'Email confirmed');

    // The organiser approves in the console.
    const org = await context(DESKTOP, { organiser });
    const op = await org.newPage();
    await op.goto(sys.baseUrl + '/organiser/applications');
    const row = op.locator(`tr[data-application="${email}"]`);
    await row.getByRole('button', { name: 'Start review' }).click();
    await row.getByRole('button', { name: 'Approve' }).click();
    await op.waitForFunction((e) => document.querySelector(`tr[data-application="${e}"]`)?.textContent?.includes('Approved'), email);
    await shot(op, 'organiser-applications-desktop');

    // The organiser opens a self-selection round with this exhibitor first.
    const [ex] = (await sys.dataSource.query(`SELECT id FROM exhibitors WHERE email = $1`, [email])) as { id: string }[];
    const round = await sys.http('POST', `/api/fairs/${SLUG}/booth-rounds`, { token: organiser, body: { exhibitorIds: [ex!.id], turnMinutes: 30 } });
    expect(round.status).toBeLessThan(300);

    await page.reload();
    await page.getByTestId('turn-status').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=turn-status]')?.textContent?.startsWith('It is your turn'));
    await page.locator('g[data-booth="D3"][data-status="available"]').click();
    await shot(page, 'portal-pick-phone');
    await page.getByTestId('pick-booths').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=assigned-booths]')?.textContent?.includes('D3'));
    await page.locator('g[data-booth="D3"][data-status="mine"]').waitFor();

    const live = await sys.dataSource.query(`SELECT b.code FROM booth_allocations a JOIN booths b ON b.id = a.booth_id WHERE a.exhibitor_id = $1 AND a.status = 'assigned'`, [ex!.id]);
    expect(live).toEqual([{ code: 'D3' }]);

    await op.goto(sys.baseUrl + '/organiser/floor-plan');
    await op.locator('g[data-booth="D3"][data-status="assigned"]').waitFor();
    await shot(op, 'organiser-floor-plan-desktop');
    await ctx.close();
    await org.close();
  }, 180_000);

  let gateToken: string;
  let deviceId: string;

  it('a visitor registers; the QR from the invitation email is read by the gate page through the camera: admitted, then already inside', async () => {
    const email = `web-visitor-${process.pid}@example.vn`;
    const ctx = await context(PHONE);
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/visitor/register');
    await page.fill('input[name=name]', 'Nguyễn Văn An');
    await page.fill('input[name=company]', 'Công ty Nhập khẩu An Phát');
    await page.fill('input[name=country]', 'VN');
    await page.fill('input[name=email]', email);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('[data-field-error=consent]').waitFor();
    await page.getByLabel(/I agree/).check();
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByTestId('registered').waitFor();
    await ctx.close();

    const invitation = await mailTo(sys, email);
    const png = invitation.attachments.find((a) => a.mimeType === 'image/png');
    expect(png).toBeDefined();
    const pngBytes = new Uint8Array(png!.content as ArrayBuffer);
    expect(readQr(pngBytes)).toMatch(/^[0-9A-Z $%*+\-./:]{100,200}$/);

    const gate = await sys.http('POST', `/api/checkin/fairs/${SLUG}/gates`, { token: organiser, body: { code: 'A1', nameVi: 'Cổng A1', nameEn: 'Gate A1' } });
    const device = await sys.http('POST', `/api/checkin/gates/${gate.body.id}/devices`, { token: organiser, body: { name: 'Phone 1' } });
    deviceId = device.body.id;
    gateToken = await sys.signIn('gate');

    const dir = mkdtempSync(join(tmpdir(), 'fair-cam-'));
    const video = join(dir, 'qr.y4m');
    writeFileSync(video, qrVideoY4m(pngBytes));
    const camBrowser = await launch(executable!, ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
    try {
      const cctx = await context(PHONE, { gate: gateToken }, camBrowser);
      await cctx.grantPermissions(['camera'], { origin: sys.baseUrl });
      const gp = await cctx.newPage();
      await gp.goto(`${sys.baseUrl}/gate?device=${deviceId}`);
      await gp.getByTestId('camera-toggle').click();
      await gp.locator('[data-testid=verdict][data-verdict="admitted"]').waitFor({ timeout: 30_000 });
      expect(await gp.getByTestId('verdict').textContent()).toContain('Nguyễn Văn An');
      await shot(gp, 'gate-admitted-phone');
      // The camera keeps showing the same code: after the cool-down it is scanned again.
      await gp.locator('[data-testid=verdict][data-verdict="already-inside"]').waitFor({ timeout: 30_000 });
      await shot(gp, 'gate-already-inside-phone');
    } finally {
      await camBrowser.close();
    }
    const [visitor] = (await sys.dataSource.query(
      `SELECT count(*) FILTER (WHERE s.verdict = 'admitted')::int AS admitted FROM checkin_scans s JOIN passes p ON p.id = s.pass_id JOIN visitors v ON v.id = p.visitor_id WHERE v.email = $1`,
      [email],
    )) as { admitted: number }[];
    expect(visitor!.admitted).toBe(1);
  }, 180_000);

  it('the gate goes offline, scans locally and queues; back online the scans are stored once and counted on the dashboard', async () => {
    const emails = [1, 2].map((i) => `web-offline-${i}-${process.pid}@example.vn`);
    const codes: string[] = [];
    for (const [i, email] of emails.entries()) {
      const r = await sys.http('POST', `/api/visitors/fairs/${SLUG}/register`, { body: { name: `Offline Visitor ${i + 1}`, country: 'VN', email, visitorType: 'trade-buyer', lang: 'en', consent: true } });
      expect(r.status).toBeLessThan(300);
      const mail = await mailTo(sys, email);
      codes.push(readQr(new Uint8Array(mail.attachments.find((a) => a.mimeType === 'image/png')!.content as ArrayBuffer))!);
    }
    const ctx = await context(PHONE, { gate: gateToken });
    const page = await ctx.newPage();
    await page.goto(`${sys.baseUrl}/gate?device=${deviceId}`);
    // The offline kit (keys + revocations) must be on the device before the network goes.
    await page.locator('[data-testid=kit-status][data-ready=true]').waitFor();

    await ctx.setOffline(true);
    const scan = async (code: string, verdict: string) => {
      await page.fill('[data-testid=scan-input]', code);
      await page.press('[data-testid=scan-input]', 'Enter');
      await page.locator(`[data-testid=verdict][data-verdict="${verdict}"]`).waitFor();
    };
    await scan(codes[0]!, 'admitted');
    await scan(codes[0]!, 'already-inside');
    await scan(codes[1]!, 'admitted');
    await scan('NOT A PASS', 'invalid');
    await expect(page.getByTestId('queue-length').textContent()).resolves.toBe('Waiting to sync: 4');
    await page.getByTestId('offline-banner').waitFor();
    await shot(page, 'gate-offline-phone');

    await ctx.setOffline(false);
    await page.waitForFunction(() => document.querySelector('[data-testid=queue-length]')?.textContent === 'Waiting to sync: 0', undefined, { timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);

    const rows = (await sys.dataSource.query(
      `SELECT v.email, s.verdict, s.offline FROM checkin_scans s JOIN passes p ON p.id = s.pass_id JOIN visitors v ON v.id = p.visitor_id WHERE v.email = ANY($1) ORDER BY s.scanned_at`,
      [emails],
    )) as { email: string; verdict: string }[];
    expect(rows.map((r) => [r.email, r.verdict])).toEqual([
      [emails[0], 'admitted'],
      [emails[0], 'already-inside'],
      [emails[1], 'admitted'],
    ]);

    // The organiser's live dashboard shows the camera visitor and the two offline ones inside.
    const org = await context(DESKTOP, { organiser });
    const op = await org.newPage();
    await op.goto(sys.baseUrl + '/organiser/dashboard');
    await op.waitForFunction(() => document.querySelector('[data-testid=inside-now]')?.textContent === '3', undefined, { timeout: 30_000 });
    await shot(op, 'organiser-dashboard-desktop');
    await ctx.close();
    await org.close();
  }, 180_000);
});
