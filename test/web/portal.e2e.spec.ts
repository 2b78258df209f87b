// Functions passed to page.waitForFunction / addInitScript run in the browser.
declare const document: { querySelector(selector: string): { textContent: string | null } | null };
declare const localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
declare const sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };

/**
 * The exhibitor portal's sections in Chromium, for an approved exhibitor signed in to the
 * portal, against the real API, worker, PostgreSQL, Redis and an SMTP sink: staff passes sent by
 * email once per person; matchmaking (join, recommendations with reasons, requests both ways
 * answered in the page and through the API, the agenda and its iCalendar file); matchmaking taken
 * to a second device (a second browser context) by re-issuing the token; leads scanned at the
 * booth and the consent-limited CSV. Skips with a message when no Chromium exists.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import PostalMime from 'postal-mime';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, eventually, type TestSystem } from '@fair/testing';
import { applicationBody } from '../../libs/exhibitors/src/testing/application-fixtures';
import { linkToken, mailsTo } from '../../libs/exhibitors/test/mail-helpers';
import { as, optIn, visitor } from '../../libs/matchmaking/test/mm-fixtures';
import { chromiumPath, ensureArtifacts, ensureWebBuild, launch, readQr } from './browser';

const executable = chromiumPath();
if (!executable) process.stderr.write('[web e2e] SKIPPED: no Chromium found (install Debian package "chromium"); browser tests did not run.\n');
const describeBrowser = executable ? describe : describe.skip;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 860 };
const SLUG = `portal-fair-${process.pid}`;
const TZ = 'Asia/Ho_Chi_Minh';
/** a date of the fair's calendar (GMT+7), offset from today */
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('en-CA', { timeZone: TZ });

describeBrowser('exhibitor portal sections in Chromium', () => {
  let sys: TestSystem;
  let browser: Browser;
  let organiser: string;
  let fairId: string;
  /** the approved exhibitor using the portal */
  let ex: { id: string; session: string; email: string; legalName: string };
  const shots = ensureArtifacts();

  /** A browser profile (one device) signed in to the portal as the exhibitor; localStorage starts empty but for the session. */
  async function device(viewport = DESKTOP): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: TZ, acceptDownloads: true });
    await ctx.addInitScript(
      ({ session, slug }) => {
        if (sessionStorage.getItem('seeded')) return;
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('fair.lang', 'en');
        localStorage.setItem('fair.slug', slug);
        localStorage.setItem('fair.session.exhibitor', session);
      },
      { session: ex.session, slug: SLUG },
    );
    return ctx;
  }
  async function portal(ctx: BrowserContext): Promise<Page> {
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/exhibitor/portal');
    await page.locator('[data-testid=exhibitor-status]', { hasText: 'Approved' }).waitFor();
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();
  /** Opens a closed <details> section of the portal by its summary. */
  async function open(page: Page, summary: string) {
    const details = page.locator('details', { has: page.locator('summary', { hasText: summary }) });
    if (!(await details.evaluate((d) => (d as unknown as { open: boolean }).open))) await details.locator('summary').click();
    return details;
  }
  /** Parsed messages the SMTP sink received for an address. */
  async function mails(address: string) {
    const out = [];
    for (const m of sys.smtp!.messages) if (m.to.some((t) => t.toLowerCase() === address.toLowerCase())) out.push(await PostalMime.parse(m.raw));
    return out;
  }
  /** The pass code in the QR image of the visitor's invitation / pass email, read like a scanner would. */
  async function passCodeFromMail(address: string): Promise<string> {
    const [mail] = await eventually(async () => {
      const got = await mails(address);
      return got.length ? got : null;
    }, 30_000);
    const png = mail!.attachments.find((a) => a.mimeType === 'image/png');
    expect(png).toBeDefined();
    const code = readQr(new Uint8Array(png!.content as ArrayBuffer));
    expect(code).toBeTruthy();
    return code!;
  }

  /** Applies through the API, confirms by the emailed link, is approved by the organiser. */
  async function approvedExhibitor(i: number, overrides: Record<string, unknown>) {
    const body = applicationBody(i, { ...overrides, email: `portal-${i}-${process.pid}@example.jp`, taxId: `JP${process.pid}${i}` });
    const res = await sys.http('POST', `/api/fairs/${SLUG}/exhibitor-applications`, { body });
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    const email = String(body.email).toLowerCase();
    const mail = await eventually(async () => (await mailsTo(sys, email)).find((m) => m.text.includes('/exhibitor/confirm?token=')), 30_000);
    const confirmed = await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token: linkToken(mail, '/exhibitor/confirm') } });
    expect(confirmed.status).toBe(200);
    for (const action of ['start-review', 'approve']) expect((await sys.http('POST', `/api/exhibitor-applications/${res.body.id}/${action}`, { token: organiser, body: {} })).status).toBe(200);
    return { id: res.body.id as string, session: confirmed.body.token as string, email, legalName: String(body.legalName) };
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
        nameVi: 'Hội chợ Công nghiệp Hỗ trợ Hải Phòng',
        nameEn: 'Hai Phong Supporting Industry Fair',
        venueVi: 'Trung tâm Hội chợ Hải Phòng',
        venueEn: 'Hai Phong Fair Centre',
        startsOn: day(-1),
        endsOn: day(1),
        sectors: [
          { code: 'mechanical', vi: 'Cơ khí chế tạo', en: 'Mechanical engineering' },
          { code: 'moulds-dies', vi: 'Khuôn mẫu', en: 'Moulds and dies' },
        ],
      },
    });
    expect(fair.status).toBe(201);
    fairId = fair.body.id;
    const lines = ['hall,code,kind,area_m2,corner,price_vnd,x,y,width,height'];
    for (let i = 0; i < 4; i++) lines.push(`A,I${i + 1},international,9,false,60000000,${i * 3},0,3,3`);
    for (let i = 0; i < 2; i++) lines.push(`A,M${i + 1},technical-matchmaking,9,false,0,${i * 3},6,3,3`);
    expect((await sys.http('POST', `/api/fairs/${SLUG}/floor-plan`, { token: organiser, body: { csv: lines.join('\n') } })).status).toBeLessThan(300);
    // Meetings tomorrow (fair time) 08:00-10:00 in 30-minute slots; one table per matchmaking booth.
    const settings = await sys.http('PUT', `/api/matchmaking/fairs/${SLUG}/settings`, {
      token: organiser,
      body: { slotMinutes: 30, perDayLimit: 4, requestExpiryHours: 48, mode: 'immediate', sessions: [{ date: day(1), start: '08:00', end: '10:00', breaks: [] }] },
    });
    expect(settings.status).toBe(200);
    ex = await approvedExhibitor(1, { legalName: 'Kansai Precision Works', country: 'JP', sectors: ['mechanical'] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('staff members added in the portal get their pass by email once per person; pressing again sends nothing twice', async () => {
    const staff = [
      { name: 'Sato Ken', role: 'Sales', email: `sato-${process.pid}@kansai.example` },
      { name: 'Mori Aya', role: 'Engineer', email: `mori-${process.pid}@kansai.example` },
      { name: 'Booth Helper', role: '', email: '' },
    ];
    const ctx = await device();
    const page = await portal(ctx);
    const section = await open(page, 'Staff members');
    const add = async (s: { name: string; role: string; email: string }) => {
      await section.locator('input[name=staffName]').fill(s.name);
      await section.locator('input[name=staffRole]').fill(s.role);
      await section.locator('input[name=staffEmail]').fill(s.email);
      await section.getByRole('button', { name: 'Add staff member' }).click();
      await section.locator('[data-testid=staff-list] li', { hasText: s.name }).waitFor();
      // the form is emptied for the next person
      await page.waitForFunction(() => (document.querySelector('input[name=staffName]') as unknown as { value: string }).value === '');
    };
    for (const s of staff) await add(s);
    expect(await section.locator('[data-testid=staff-list] li').count()).toBe(3);

    const send = section.getByRole('button', { name: 'Send passes to staff' });
    await send.click();
    await page.waitForFunction(() => document.querySelector('[data-testid=staff-passes-result]')?.textContent?.startsWith('2 pass(es) sent; 1 '));
    await shot(page, 'portal-staff-desktop');
    // Each person with an email gets a pass email whose QR is their signed pass.
    for (const s of staff.slice(0, 2)) {
      const code = await passCodeFromMail(s.email);
      const [row] = (await sys.dataSource.query(
        `SELECT v.name, v.visitor_type, v.exhibitor_id, p.code FROM visitors v JOIN passes p ON p.visitor_id = v.id WHERE v.fair_id = $1 AND lower(v.email) = lower($2)`,
        [fairId, s.email],
      )) as { name: string; visitor_type: string; exhibitor_id: string; code: string }[];
      expect(row).toEqual({ name: s.name, visitor_type: 'exhibitor-staff', exhibitor_id: ex.id, code });
    }

    // Pressing again issues nothing: the page says so and no visitor or pass is added.
    await send.click();
    await page.waitForFunction(() => document.querySelector('[data-testid=staff-passes-result]')?.textContent?.startsWith('0 pass(es) sent; 3 '));
    // A person added later gets theirs on the next press; once that mail is in, the earlier
    // people still have exactly one pass email each.
    const late = { name: 'Ito Jun', role: 'Driver', email: `ito-${process.pid}@kansai.example` };
    await add(late);
    await send.click();
    await page.waitForFunction(() => document.querySelector('[data-testid=staff-passes-result]')?.textContent?.startsWith('1 pass(es) sent; 3 '));
    // The result on screen follows a language switch (the figures are kept, not the sentence).
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=staff-passes-result]')?.textContent?.trim() === 'Đã gửi 1 thẻ; bỏ qua 3 nhân viên (không có email hoặc đã có thẻ).');
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=staff-passes-result]')?.textContent?.startsWith('1 pass(es) sent; 3 '));
    await passCodeFromMail(late.email);
    for (const s of staff.slice(0, 2)) expect((await mails(s.email)).length).toBe(1);
    const [{ n }] = (await sys.dataSource.query(`SELECT count(*)::int AS n FROM visitors v JOIN passes p ON p.visitor_id = v.id WHERE v.exhibitor_id = $1`, [ex.id])) as { n: number }[];
    expect(n).toBe(3);
    await ctx.close();
  }, 180_000);

  /** participants seeded through the API so that there is someone to recommend and to meet */
  const people: Record<'buyer' | 'decliner' | 'partner', { id: string; token: string; name: string }> = {} as never;
  let firstDevice: BrowserContext;
  let firstPage: Page;

  it('matchmaking: join in the portal, recommendations with reasons, requests out (accepted / declined through the API) and in (accepted in the page), the agenda and its .ics', async () => {
    const buyer = await visitor(sys, organiser, SLUG, 'Tanaka Hiro', 'Osaka Mould Trading', { country: 'JP', lang: 'en' });
    people.buyer = { ...(await optIn(sys, organiser, SLUG, buyer.id, { sectors: ['moulds-dies'], offers: ['moulds'], seeks: ['CNC machining'], countries: ['VN'], languages: ['en'] })), name: 'Tanaka Hiro' };
    const decliner = await visitor(sys, organiser, SLUG, 'Kim Minsu', 'Busan Dies', { country: 'KR', lang: 'en' });
    people.decliner = { ...(await optIn(sys, organiser, SLUG, decliner.id, { sectors: ['mechanical'], offers: ['dies'], seeks: [], countries: [], languages: ['ko'] })), name: 'Kim Minsu' };
    const other = await approvedExhibitor(2, { legalName: 'Hai Phong Tooling JSC', country: 'VN', lang: 'en', sectors: ['mechanical'] });
    const joined = await sys.http('POST', `/api/matchmaking/fairs/${SLUG}/join/exhibitor`, {
      token: other.session,
      body: { sectors: ['mechanical'], offers: ['jigs'], seeks: ['CNC machining'], companySize: 'medium', countries: ['JP'], languages: ['en', 'vi'] },
    });
    expect(joined.status).toBe(201);
    people.partner = { id: joined.body.participantId, token: joined.body.token, name: other.legalName };

    firstDevice = await device();
    const page = (firstPage = await portal(firstDevice));
    const join = await open(page, 'Business matchmaking');
    expect(await join.locator('input[name=mmSectors]').inputValue()).toBe('mechanical');
    await join.locator('input[name=mmOffers]').fill('CNC machining, jigs');
    await join.locator('input[name=mmSeeks]').fill('moulds, dies');
    await join.locator('select[name=mmSize]').selectOption('medium');
    await join.locator('input[name=mmCountries]').fill('jp, kr');
    await join.locator('input[name=mmLanguages]').fill('EN, vi');
    await join.getByRole('button', { name: 'Join matchmaking' }).click();
    await page.getByTestId('matchmaking').waitFor();
    const [me] = (await sys.dataSource.query(`SELECT id, offers, seeks, countries, languages, company_size FROM mm_participants WHERE exhibitor_id = $1`, [ex.id])) as {
      id: string;
      offers: string[];
      seeks: string[];
      countries: string[];
      languages: string[];
      company_size: string;
    }[];
    expect(me).toMatchObject({ offers: ['CNC machining', 'jigs'], seeks: ['moulds', 'dies'], countries: ['JP', 'KR'], languages: ['en', 'vi'], company_size: 'medium' });
    const token = await page.evaluate((k) => localStorage.getItem(k), `fair.mm.${ex.id}`);
    expect(token).toBeTruthy();

    // Recommendations, each with its reasons in words.
    const rec = (name: string) => page.locator('[data-testid=recommendations] > li', { has: page.locator('strong', { hasText: name }) });
    await rec('Tanaka Hiro').waitFor();
    const reasons = async (name: string) => (await rec(name).locator('ul li').allTextContents()).map((s) => s.trim());
    expect(await reasons('Tanaka Hiro')).toEqual(['you seek moulds; they offer moulds', 'they seek CNC machining; you offer CNC machining', 'they are from JP, a country you are interested in', 'both speak en']);
    expect(await reasons('Kim Minsu')).toEqual(['you seek dies; they offer dies', 'same sector: mechanical', 'they are from KR, a country you are interested in']);
    expect(await reasons(people.partner.name)).toEqual(['they seek CNC machining; you offer CNC machining', 'same sector: mechanical', 'both speak en, vi']);
    await shot(page, 'portal-matchmaking-recommendations-desktop');

    // Requests out: to the buyer (who accepts through the API) and to the decliner (who declines).
    const out = (name: string, status = '') => page.locator(`[data-testid=requests-out] li${status && `[data-status=${status}]`}`, { hasText: name });
    for (const name of ['Tanaka Hiro', 'Kim Minsu']) {
      await rec(name).getByRole('button', { name: 'Request a meeting' }).click();
      await out(name, 'pending').waitFor();
      await rec(name).waitFor({ state: 'detached' });
    }
    const requests = (await sys.dataSource.query(
      `SELECT r.id, p.display_name AS "to", r.status FROM mm_requests r JOIN mm_participants p ON p.id = r.to_id WHERE r.from_id = $1 ORDER BY r.created_at`,
      [me!.id],
    )) as { id: string; to: string; status: string }[];
    expect(requests.map((r) => [r.to, r.status])).toEqual([
      ['Tanaka Hiro', 'pending'],
      ['Kim Minsu', 'pending'],
    ]);
    const accepted = await as(sys, people.buyer.token, 'POST', `/matchmaking/requests/${requests[0]!.id}/accept`);
    expect([accepted.status, accepted.body.meeting?.status]).toEqual([200, 'scheduled']);
    expect((await as(sys, people.decliner.token, 'POST', `/matchmaking/requests/${requests[1]!.id}/decline`)).body.status).toBe('declined');

    // Request in: the other exhibitor asks; accepted in the page.
    const incoming = await as(sys, people.partner.token, 'POST', '/matchmaking/requests', { to: me!.id, message: 'Jigs for your CNC line?' });
    expect(incoming.status).toBe(201);
    await page.reload();
    await page.getByTestId('matchmaking').waitFor();
    await out('Tanaka Hiro', 'accepted').waitFor();
    await out('Kim Minsu', 'declined').waitFor();
    expect((await out('Kim Minsu').textContent())?.trim()).toBe('Kim Minsu · Declined');
    const inRow = page.locator('[data-testid=requests-in] li', { hasText: people.partner.name });
    expect((await inRow.textContent())?.trim()).toContain('Pending · “Jigs for your CNC line?”');
    await inRow.getByRole('button', { name: 'Accept' }).click();
    await page.locator('[data-testid=requests-in] li[data-status=accepted]', { hasText: people.partner.name }).waitFor();
    expect(await inRow.getByRole('button').count()).toBe(0);

    // The agenda: both meetings, as the database holds them, in the fair's time.
    const meetings = (await sys.dataSource.query(
      `SELECT mt.id, lower(mt.during) AS starts, upper(mt.during) AS ends, t.name AS "table", o.display_name AS other, o.company
         FROM mm_meetings mt JOIN mm_tables t ON t.id = mt.table_id JOIN mm_participants o ON o.id = CASE WHEN mt.a_id = $1 THEN mt.b_id ELSE mt.a_id END
        WHERE (mt.a_id = $1 OR mt.b_id = $1) AND mt.status = 'scheduled' ORDER BY lower(mt.during)`,
      [me!.id],
    )) as { id: string; starts: Date; ends: Date; table: string; other: string; company: string }[];
    expect(meetings.map((m) => m.other).sort()).toEqual([people.partner.name, 'Tanaka Hiro'].sort());
    await page.waitForFunction((n) => (document as unknown as { querySelectorAll(s: string): { length: number } }).querySelectorAll('[data-testid=agenda] tbody tr').length === n, meetings.length);
    const rows = await page.locator('[data-testid=agenda] tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { innerText: string }).innerText.split('\t').map((c) => c.trim())));
    const when = (d: Date) => `${new Intl.DateTimeFormat('en-GB', { timeZone: TZ, dateStyle: 'short', timeStyle: 'short' }).format(d)} (GMT+7)`;
    // an exhibitor's company is its name, shown once
    expect(rows).toEqual(meetings.map((m) => [when(m.starts), m.table, m.company === m.other ? m.other : `${m.other} (${m.company})`]));
    expect(rows.map((r) => r[2])).toEqual(expect.arrayContaining(['Tanaka Hiro (Osaka Mould Trading)', people.partner.name]));
    await shot(page, 'portal-matchmaking-agenda-desktop');

    // The iCalendar file: one VEVENT per meeting, at the fair's local time.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('agenda-ics').click()]);
    expect(download.suggestedFilename()).toBe('agenda.ics');
    const ics = readFileSync((await download.path())!, 'utf8');
    const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines[lines.length - 1]).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT').length).toBe(meetings.length);
    expect(lines.filter((l) => l === 'END:VEVENT').length).toBe(meetings.length);
    const local = (d: Date) => d.toLocaleString('sv-SE', { timeZone: TZ }).replace(/[-:]/g, '').replace(' ', 'T');
    for (const m of meetings) {
      const start = lines.indexOf(`UID:mm-${m.id}@fair-system`);
      expect(start).toBeGreaterThan(0);
      const event = lines.slice(lines.lastIndexOf('BEGIN:VEVENT', start), lines.indexOf('END:VEVENT', start));
      expect(event).toEqual(
        expect.arrayContaining([
          `DTSTART;TZID=${TZ}:${local(m.starts)}`,
          `DTEND;TZID=${TZ}:${local(m.ends)}`,
          `SUMMARY:Meeting with ${m.company === m.other ? m.other : `${m.other} (${m.company})`}`,
          expect.stringMatching(new RegExp(`^LOCATION:Table ${m.table} `)),
        ]),
      );
    }
  }, 240_000);

  it('matchmaking on a second device: joining again offers "use matchmaking on this device", which re-issues the token; the first device is told and can take it back', async () => {
    const oldToken = await firstPage.evaluate((k) => localStorage.getItem(k), `fair.mm.${ex.id}`);
    expect(oldToken).toBeTruthy();
    const second = await device(PHONE);
    const page = await portal(second);
    const join = await open(page, 'Business matchmaking');
    await join.getByRole('button', { name: 'Join matchmaking' }).click();
    const offer = page.getByTestId('mm-other-device');
    await offer.getByText('You already joined matchmaking on another device.').waitFor();
    // The offer takes the place of the form on the phone's screen, in view (not above it).
    await page.waitForFunction(() => {
      const r = (document.querySelector('[data-testid=mm-other-device]') as unknown as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect();
      return r.top >= 0 && r.bottom <= (globalThis as unknown as { innerHeight: number }).innerHeight;
    });
    expect(await page.locator('input[name=mmOffers]').count()).toBe(0);
    await shot(page, 'portal-matchmaking-other-device-phone');
    await offer.getByRole('button', { name: 'Use matchmaking on this device' }).click();
    // The same participant: its requests and agenda are here.
    await page.getByTestId('matchmaking').waitFor();
    await page.locator('[data-testid=requests-out] li[data-status=accepted]', { hasText: 'Tanaka Hiro' }).waitFor();
    await page.locator('[data-testid=requests-in] li[data-status=accepted]', { hasText: people.partner.name }).waitFor();
    await page.locator('[data-testid=agenda] tbody tr', { hasText: 'Tanaka Hiro' }).waitFor();
    await shot(page, 'portal-matchmaking-second-device-phone');
    const newToken = await page.evaluate((k) => localStorage.getItem(k), `fair.mm.${ex.id}`);
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(oldToken);
    expect((await as(sys, oldToken!, 'GET', '/matchmaking/requests')).status).toBe(401);
    expect((await as(sys, newToken!, 'GET', '/matchmaking/requests')).status).toBe(200);

    // The first device learns it on its next refresh, forgets the refused token and offers to take it back.
    await firstPage.reload();
    const back = firstPage.getByTestId('mm-other-device');
    await back.getByText('Matchmaking was opened on another device, so it was closed on this one.').waitFor();
    expect(await firstPage.evaluate((k) => localStorage.getItem(k), `fair.mm.${ex.id}`)).toBeNull();
    await back.getByRole('button', { name: 'Use matchmaking on this device' }).click();
    await firstPage.locator('[data-testid=agenda] tbody tr', { hasText: people.partner.name }).waitFor();
    expect((await as(sys, newToken!, 'GET', '/matchmaking/requests')).status).toBe(401);
    const [{ n }] = (await sys.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'matchmaking.token.reissue' AND fair_id = $1`, [fairId])) as { n: number }[];
    expect(n).toBe(2);
    await second.close();
    await firstDevice.close();
  }, 180_000);

  it('leads: visitor badges scanned at the booth in the portal, the list, and the CSV with contact details only where the visitor consented', async () => {
    const visitors = [
      { name: 'Le Van Consent', email: `consent-${process.pid}@buyer.example`, phone: '+84 90 111 2222', company: 'Hanoi Plastics' },
      { name: 'Pham Thi Private', email: `private-${process.pid}@buyer.example`, phone: '+84 90 333 4444', company: 'Da Nang Rubber' },
    ];
    const codes: string[] = [];
    for (const v of visitors) {
      const r = await sys.http('POST', `/api/visitors/fairs/${SLUG}/register`, { body: { ...v, country: 'VN', visitorType: 'trade-buyer', lang: 'en', consent: true } });
      expect(r.status).toBeLessThan(300);
      codes.push(await passCodeFromMail(v.email));
    }
    const ctx = await device(PHONE);
    const page = await portal(ctx);
    const leads = await open(page, 'Leads scanned at the booth');
    /** a handheld scanner types the code and Enter into the focused field */
    const scan = async (code: string, opts: { note?: string; rating?: string; consent?: boolean } = {}) => {
      if (opts.note) await leads.locator('input[name=leadNote]').fill(opts.note);
      if (opts.rating) await leads.locator('input[name=leadRating]').fill(opts.rating);
      if (opts.consent) await leads.getByLabel('The visitor agrees to share email and phone').check();
      await leads.locator('input[name=leadCode]').fill(code);
      await leads.locator('input[name=leadCode]').press('Enter');
    };
    await scan(codes[0]!, { note: 'Wants 2 CNC quotes', rating: '4', consent: true });
    await page.waitForFunction(() => document.querySelector('[data-testid=lead-saved]')?.textContent?.trim() === 'Lead saved: Le Van Consent (scans today: 1)');
    await scan(codes[1]!, { note: 'Just looking' });
    await page.waitForFunction(() => document.querySelector('[data-testid=lead-saved]')?.textContent?.trim() === 'Lead saved: Pham Thi Private (scans today: 1)');
    await scan(codes[0]!);
    await page.waitForFunction(() => document.querySelector('[data-testid=lead-saved]')?.textContent?.trim() === 'Lead saved: Le Van Consent (scans today: 2)');
    // Not a pass of this fair: the API's message, the typed code kept, selected in the focused field.
    await scan('NOT A PASS');
    await page.getByTestId('form-error').getByText('This is not a valid, current pass of this fair').waitFor();
    expect(await leads.locator('input[name=leadCode]').inputValue()).toBe('NOT A PASS');
    expect(await page.getByTestId('lead-saved').count()).toBe(0);
    await page.waitForFunction(() => {
      const el = (document as unknown as { activeElement: { name?: string; value: string; selectionStart: number | null; selectionEnd: number | null } | null }).activeElement;
      return el?.name === 'leadCode' && el.selectionStart === 0 && el.selectionEnd === el.value.length && el.value === 'NOT A PASS';
    });
    // So the scanner's next badge (keystrokes and Enter, no clearing) replaces the bad code.
    await page.keyboard.type(codes[1]!);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=lead-saved]')?.textContent?.trim() === 'Lead saved: Pham Thi Private (scans today: 2)');
    expect(await page.getByTestId('form-error').count()).toBe(0);
    // The confirmation follows a language switch too.
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=lead-saved]')?.textContent?.trim() === 'Đã lưu: Pham Thi Private (số lần quét hôm nay: 2)');
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=lead-saved]')?.textContent?.trim() === 'Lead saved: Pham Thi Private (scans today: 2)');
    expect(await leads.locator('input[name=leadCode]').inputValue()).toBe('');

    const table = leads.getByTestId('leads');
    // the list reloads after each scan: wait for the last one's count
    await page.waitForFunction(() => {
      const trs = Array.from((document as unknown as { querySelectorAll(s: string): ArrayLike<{ cells: ArrayLike<{ textContent: string }> }> }).querySelectorAll('[data-testid=leads] tbody tr'));
      return trs.length === 2 && trs.some((tr) => tr.cells[0]?.textContent === 'Pham Thi Private' && tr.cells[3]?.textContent === '2');
    });
    const shown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as unknown as { cells: { textContent: string }[] }).cells, (c) => c.textContent)));
    expect(shown.map((r) => r.slice(0, 7))).toEqual([
      ['Le Van Consent', 'Hanoi Plastics', 'VN', '2', '4', 'Wants 2 CNC quotes', visitors[0]!.email],
      ['Pham Thi Private', 'Da Nang Rubber', 'VN', '2', '', 'Just looking', ''],
    ]);
    await shot(page, 'portal-leads-phone');

    const [download] = await Promise.all([page.waitForEvent('download'), leads.getByTestId('leads-csv').click()]);
    expect(download.suggestedFilename()).toBe('leads.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(csv.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['day', 'first scanned', 'scans', 'name', 'company', 'country', 'visitor type', 'sectors', 'rating', 'note', 'email', 'phone']);
    const db = (await sys.dataSource.query(
      `SELECT to_char(l.scanned_on, 'YYYY-MM-DD') AS day, l.first_scanned_at, l.scans, v.name, l.contact_consent FROM leads l JOIN visitors v ON v.id = l.visitor_id WHERE l.exhibitor_id = $1 ORDER BY l.first_scanned_at`,
      [ex.id],
    )) as { day: string; first_scanned_at: Date; scans: number; name: string; contact_consent: boolean }[];
    expect(db.map((r) => [r.name, r.scans, r.contact_consent])).toEqual([
      ['Le Van Consent', 2, true],
      ['Pham Thi Private', 2, false],
    ]);
    expect(rows.slice(1)).toEqual([
      [day(0), db[0]!.first_scanned_at.toISOString(), '2', 'Le Van Consent', 'Hanoi Plastics', 'VN', 'trade-buyer', '', '4', 'Wants 2 CNC quotes', visitors[0]!.email, visitors[0]!.phone],
      [day(0), db[1]!.first_scanned_at.toISOString(), '2', 'Pham Thi Private', 'Da Nang Rubber', 'VN', 'trade-buyer', '', '', 'Just looking', '', ''],
    ]);
    await ctx.close();
  }, 180_000);
  it('sign-in page: a wrong password is refused on the page, the right one opens the portal; the emailed sign-in link works once', async () => {
    const password = 'Kansai-sign-in-2026';
    const other = await approvedExhibitor(9, { legalName: 'Osaka Sign-in Works', country: 'JP', sectors: ['mechanical'], password });
    // nobody signed in: only the language and the fair are set
    const fresh = async () => {
      const c = await browser.newContext({ viewport: PHONE, locale: 'en-GB', timezoneId: TZ });
      await c.addInitScript((slug) => {
        localStorage.setItem('fair.lang', 'en');
        localStorage.setItem('fair.slug', slug);
      }, SLUG);
      return c;
    };

    // password
    let ctx = await fresh();
    let page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/exhibitor/sign-in');
    await page.locator('input[name=email]').fill(other.email);
    await page.locator('input[name=password]').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('form-error').waitFor();
    expect(new URL(page.url()).pathname).toBe('/exhibitor/sign-in');
    await page.locator('input[name=password]').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('[data-testid=exhibitor-status]', { hasText: 'Approved' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/exhibitor/portal');
    expect(await page.getByText('Osaka Sign-in Works').count()).toBeGreaterThan(0);
    await ctx.close();

    // email link, read from the SMTP sink
    ctx = await fresh();
    page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/exhibitor/sign-in');
    await page.locator('input[name=email]').fill(other.email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByText('If this email has an account, a sign-in link is on its way.').waitFor();
    const mail = await eventually(async () => (await mailsTo(sys, other.email)).find((m) => m.text.includes('/exhibitor/sign-in?token=')), 30_000);
    const link = `/exhibitor/sign-in?token=${encodeURIComponent(linkToken(mail!, '/exhibitor/sign-in'))}`;
    await page.goto(sys.baseUrl + link);
    await page.getByRole('button', { name: 'Sign in with this link' }).click();
    await page.locator('[data-testid=exhibitor-status]', { hasText: 'Approved' }).waitFor();
    await shot(page, 'portal-signed-in-by-link-phone');
    await ctx.close();

    // the same link a second time: refused, and the page says so
    ctx = await fresh();
    page = await ctx.newPage();
    await page.goto(sys.baseUrl + link);
    await page.getByRole('button', { name: 'Sign in with this link' }).click();
    await page.getByTestId('form-error').waitFor();
    expect(new URL(page.url()).pathname).toBe('/exhibitor/sign-in');
    await ctx.close();
  }, 120_000);
});
