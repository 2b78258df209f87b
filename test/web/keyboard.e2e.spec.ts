/**
 * Keyboard use in Chromium: a person with only a keyboard (Tab, Shift+Tab, Enter, Space, arrow
 * keys; no mouse, no page.fill or click) registers as a visitor (sectors, consent, the API's
 * consent error) and reaches the confirmation; fills and sends the exhibitor application; uses
 * the skip link and switches the language; signs in at the gate and checks codes typed by a
 * handheld scanner (characters then Enter), also after moving to the direction radios.
 * At every stop the focus is visible (a :focus-visible outline that the element does not have
 * unfocused, at 3:1 against what is around it) and on the forms the focus order is the visual
 * order (each stop below the previous one, or to its right on the same row). What the forms sent
 * is checked in the database. Skips with a message when no Chromium exists.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { chromiumPath, contrastRatio, ensureWebBuild, launch } from './browser';

const executable = chromiumPath();
if (!executable) process.stderr.write('[web e2e] SKIPPED: no Chromium found (install Debian package "chromium"); browser tests did not run.\n');
const describeBrowser = executable ? describe : describe.skip;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 860 };
const SLUG = `keyboard-fair-${process.pid}`;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

interface Storage {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
}

/** What has the focus, as the page shows it. */
interface Focus {
  /** the control's name attribute, else data-testid, else "tag:text" */
  key: string;
  tag: string;
  type: string | null;
  checked: boolean;
  inForm: boolean;
  /** page coordinates */
  rect: { x: number; y: number; w: number; h: number };
  focusVisible: boolean;
  outline: string;
  shadow: string;
  /** outline or box-shadow differs from the same element unfocused (null: no unfocused style recorded) */
  changed: boolean | null;
  /** outline colour when an outline of 2px or more is drawn */
  ring: string | null;
  /** the opaque background just outside the element, where the outline is drawn */
  behind: string;
}

// Run in the browser (serialised by playwright): no closures over this file.
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';
function recordUnfocused(selector: string): void {
  const g: any = globalThis;
  const map: any = g.__unfocused ?? (g.__unfocused = new WeakMap());
  for (const el of g.document.querySelectorAll(selector)) {
    // The element that has the focus now (an autofocused field) is measured on an unfocused
    // copy of itself put beside it for a moment (same classes, same place in the styles).
    const probe = el === g.document.activeElement ? el.cloneNode(false) : el;
    if (probe !== el) {
      probe.removeAttribute('id');
      el.parentNode.insertBefore(probe, el);
    }
    const cs = g.getComputedStyle(probe);
    map.set(el, { outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`, shadow: cs.boxShadow });
    if (probe !== el) probe.remove();
  }
}
function describeFocus(): Focus | null {
  const g: any = globalThis;
  const el = g.document.activeElement;
  if (!el || el === g.document.body) return null;
  const cs = g.getComputedStyle(el);
  const base = g.__unfocused?.get(el);
  const outline = `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`;
  const r = el.getBoundingClientRect();
  // What is drawn just left of the element (the outline sits there): its first opaque background.
  let behind = 'rgb(255, 255, 255)';
  const under = g.document.elementsFromPoint(Math.max(0, r.left - 4), r.top + r.height / 2).find((e: any) => e !== el && !el.contains(e));
  for (let p = under; p; p = p.parentElement) {
    const bg = g.getComputedStyle(p).backgroundColor;
    if (!/^rgba\(.*, 0\)$|^transparent$/.test(bg)) {
      behind = bg;
      break;
    }
  }
  const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
  return {
    key: el.getAttribute('name') ?? el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}:${text}`,
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute('type'),
    checked: !!el.checked,
    inForm: !!el.closest('form'),
    rect: { x: r.left + g.scrollX, y: r.top + g.scrollY, w: r.width, h: r.height },
    focusVisible: el.matches(':focus-visible'),
    outline,
    shadow: cs.boxShadow,
    changed: base ? base.outline !== outline || base.shadow !== cs.boxShadow : null,
    ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 ? cs.outlineColor : null,
    behind,
  };
}

/** Why this focus is not visibly shown, or null when it is. */
function invisible(f: Focus): string | null {
  if (!f.focusVisible) return `${f.key}: not :focus-visible`;
  if (f.changed !== true) return `${f.key}: looks the same focused as unfocused (${f.outline}; ${f.shadow})`;
  if (!f.ring && f.shadow === 'none') return `${f.key}: no outline or box-shadow (${f.outline})`;
  if (f.ring && contrastRatio(f.ring, f.behind) < 3) return `${f.key}: outline ${f.ring} on ${f.behind} is ${contrastRatio(f.ring, f.behind).toFixed(2)}:1 (< 3:1)`;
  return null;
}

/** Stops whose order breaks the reading order: the next one is neither below the previous nor to its right on the same row. */
function outOfVisualOrder(stops: Focus[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < stops.length; i++) {
    const a = stops[i - 1]!.rect;
    const b = stops[i]!.rect;
    const below = b.y >= a.y + a.h - 2;
    const sameRowRight = b.y < a.y + a.h && a.y < b.y + b.h && b.x >= a.x + a.w - 2;
    if (!below && !sameRowRight) out.push(`${stops[i - 1]!.key} -> ${stops[i]!.key}`);
  }
  return out;
}

/** The focused element's tag and text (after a page change the focus should be on the new page's heading). */
const focusedHeading = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string | null } | null } }).document.activeElement;
    return el ? `${el.tagName}:${(el.textContent ?? '').trim()}` : null;
  });

describeBrowser('keyboard use in Chromium (no mouse)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let organiser: string;
  let fairId: string;
  let deviceId: string;
  let passCode: string;
  /** focus shown badly, by test */
  const unseen: string[] = [];

  async function context(lang: 'vi' | 'en', viewport: { width: number; height: number }): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport, locale: lang === 'vi' ? 'vi-VN' : 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });
    await ctx.addInitScript(
      ({ slug, lang }) => {
        const g = globalThis as unknown as { sessionStorage: Storage; localStorage: Storage };
        if (g.sessionStorage.getItem('seeded')) return;
        g.sessionStorage.setItem('seeded', '1');
        g.localStorage.setItem('fair.lang', lang);
        g.localStorage.setItem('fair.slug', slug);
      },
      { slug: SLUG, lang },
    );
    return ctx;
  }
  const focus = async (page: Page): Promise<Focus> => {
    const f = await page.evaluate(describeFocus);
    if (!f) throw new Error('nothing has the focus');
    const why = invisible(f);
    if (why) unseen.push(why);
    return f;
  };
  /** One key press, then what has the focus. */
  const press = async (page: Page, key: string): Promise<Focus> => {
    await page.keyboard.press(key);
    return focus(page);
  };
  /** Tab (or Shift+Tab) until `until` holds, at most `max` presses; every stop on the way. */
  async function tabUntil(page: Page, until: (f: Focus) => boolean, max = 20, key = 'Tab'): Promise<Focus[]> {
    const stops: Focus[] = [];
    for (let i = 0; i < max; i++) {
      const f = await press(page, key);
      stops.push(f);
      if (until(f)) return stops;
    }
    throw new Error(`not reached with ${max} x ${key}; stops: ${stops.map((s) => s.key).join(', ')}`);
  }
  /**
   * Walks a form with Tab from the control that has the focus to its submit button, acting on
   * each control by its name (typing, Space, arrow keys); returns every stop, the button last.
   */
  async function fillByKeyboard(page: Page, actions: Record<string, string[] | ((page: Page) => Promise<void>)>): Promise<Focus[]> {
    const stops = [await focus(page)];
    for (let i = 0; i < 40; i++) {
      const f = stops[stops.length - 1]!;
      if (f.tag === 'button' && f.type === 'submit') return stops;
      const act = actions[f.key];
      if (typeof act === 'function') await act(page);
      else for (const k of act ?? []) await page.keyboard.press(k);
      stops.push(await press(page, 'Tab'));
    }
    throw new Error(`no submit button reached: ${stops.map((s) => s.key).join(', ')}`);
  }
  const type = (text: string) => async (page: Page) => page.keyboard.type(text);

  beforeAll(async () => {
    ensureWebBuild();
    sys = await startTestSystem();
    browser = await launch(executable!);
    organiser = await sys.signIn('organiser');
    const fair = await sys.http('POST', '/api/fairs', {
      token: organiser,
      body: {
        slug: SLUG,
        nameVi: 'Hội chợ Công nghiệp Thái Nguyên',
        nameEn: 'Thai Nguyen Industry Fair',
        venueVi: 'Trung tâm Hội chợ Thái Nguyên',
        venueEn: 'Thai Nguyen Fair Centre',
        startsOn: day(-1),
        endsOn: day(1),
        sectors: [
          { code: 'mechanical', vi: 'Cơ khí chế tạo', en: 'Mechanical engineering' },
          { code: 'electronics', vi: 'Điện tử', en: 'Electronics' },
        ],
      },
    });
    expect(fair.status).toBe(201);
    fairId = fair.body.id;
    const lines = ['hall,code,kind,area_m2,corner,price_vnd,x,y,width,height'];
    for (let i = 0; i < 3; i++) lines.push(`A,D${i + 1},domestic,9,false,45000000,${i * 3},0,3,3`, `A,W${i + 1},technical-workshop,9,false,0,${i * 3},4,3,3`);
    expect((await sys.http('POST', `/api/fairs/${SLUG}/floor-plan`, { token: organiser, body: { csv: lines.join('\n') } })).status).toBeLessThan(300);
    const gate = await sys.http('POST', `/api/checkin/fairs/${SLUG}/gates`, { token: organiser, body: { code: 'E1', nameVi: 'Cổng Đông', nameEn: 'East gate' } });
    deviceId = (await sys.http('POST', `/api/checkin/gates/${gate.body.id}/devices`, { token: organiser, body: { name: 'E1-1' } })).body.id;
    const email = `keyboard-gate-visitor-${process.pid}@example.vn`;
    const r = await sys.http('POST', `/api/visitors/fairs/${SLUG}/register`, { body: { name: 'Lê Văn Cổng', country: 'VN', email, visitorType: 'general', lang: 'vi', consent: true } });
    expect(r.status).toBe(201);
    const [pass] = (await sys.dataSource.query(`SELECT p.code FROM passes p JOIN visitors v ON v.id = p.visitor_id WHERE v.email = $1`, [email])) as { code: string }[];
    passCode = pass!.code;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('a visitor registers on a phone with the keyboard only: header then fields in visual order, sectors and consent with Space, type with arrows, the consent error takes the focus, confirmation reached', async () => {
    unseen.length = 0;
    const email = `keyboard-visitor-${process.pid}@example.vn`;
    const ctx = await context('vi', PHONE);
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/visitor/register');
    await page.locator('input[name=name]').waitFor();
    await page.evaluate(recordUnfocused, FOCUSABLE);

    // From the top: skip link, the fair's name, six menu links, the language button, then the form.
    const header = await tabUntil(page, (f) => f.key === 'name');
    expect(header.map((f) => f.key).slice(-2)).toEqual(['lang-switch', 'name']);
    expect(header).toHaveLength(10);

    const stops = await fillByKeyboard(page, {
      name: type('Phạm Thị Bàn Phím'),
      company: type('Công ty Phím Tắt'),
      email: type(email),
      phone: type('0912 000 111'),
      visitorType: ['ArrowDown'], // trade-buyer -> importer
      'sector-electronics': ['Space'],
      // consent left unticked: the API says so
    });
    expect(stops.map((f) => f.key)).toEqual(['name', 'company', 'country', 'email', 'phone', 'visitorType', 'sector-mechanical', 'sector-electronics', 'consent', 'button:Đăng ký']);
    expect(stops.every((f) => f.inForm)).toBe(true);
    expect(outOfVisualOrder(stops)).toEqual([]);
    expect(await page.locator('input[name=sector-electronics]').isChecked()).toBe(true);

    // Shift+Tab walks the same stops backwards.
    const back = await tabUntil(page, (f) => f.key === 'name', 12, 'Shift+Tab');
    expect(back.map((f) => f.key)).toEqual(stops.map((f) => f.key).reverse().slice(1));

    // Enter in a text field sends the form; the consent error appears and its checkbox gets the focus.
    await page.keyboard.press('Enter');
    await page.locator('[data-field-error=consent]').waitFor();
    expect((await focus(page)).key).toBe('consent');
    await page.keyboard.press('Space');
    expect(await page.locator('input[name=consent]').isChecked()).toBe(true);
    expect((await press(page, 'Tab')).key).toBe('button:Đăng ký');
    await page.keyboard.press('Enter');
    await page.getByTestId('registered').waitFor();
    expect(await page.getByTestId('registered').textContent()).toContain(email);
    // the page changed: the focus is on its heading, so the next Tab continues from there
    expect(await focusedHeading(page)).toBe(`H1:${(await page.locator('[data-testid=registered] h1').textContent())!.trim()}`);

    const rows = (await sys.dataSource.query(`SELECT name, company, country, phone, visitor_type, sectors, lang, consent_at FROM visitors WHERE fair_id = $1 AND email = $2`, [fairId, email])) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Phạm Thị Bàn Phím', company: 'Công ty Phím Tắt', country: 'VN', visitor_type: 'importer', sectors: ['electronics'], lang: 'vi' });
    expect(rows[0]!.consent_at).toBeInstanceOf(Date);
    expect(unseen).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('an exhibitor fills and sends the application on a desktop with the keyboard only (text, textarea lines, sectors, booth counts with arrow keys, consent)', async () => {
    unseen.length = 0;
    const email = `keyboard-exhibitor-${process.pid}@example.vn`;
    const ctx = await context('en', DESKTOP);
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/exhibitor/apply');
    await page.locator('input[name=legalName]').waitFor();
    await page.evaluate(recordUnfocused, FOCUSABLE);
    await tabUntil(page, (f) => f.key === 'legalName');
    const stops = await fillByKeyboard(page, {
      legalName: type('Keyboard Precision Co., Ltd.'),
      nameVi: type('Công ty Cơ khí Bàn Phím'),
      taxId: type(`0109${process.pid}`),
      address: type('5 Hoàng Văn Thụ, Thái Nguyên'),
      website: type('https://keyboard.example.vn'),
      products: async (p) => {
        await p.keyboard.type('Bearings');
        await p.keyboard.press('Enter'); // a new line in the textarea, not a submit
        await p.keyboard.type('Gears');
      },
      'sector-mechanical': ['Space'],
      'booths-domestic': ['ArrowUp'], // 1 -> 2
      'booths-technical-workshop': ['ArrowUp', 'ArrowUp', 'ArrowDown'], // 0 -> 1
      contactName: type('Đỗ Văn Phím'),
      email: type(email),
      phone: type('0912 345 678'),
      password: type('keyboard-only-secret'),
      consent: ['Space'],
    });
    expect(stops.map((f) => f.key)).toEqual([
      'legalName',
      'nameVi',
      'nameEn',
      'country',
      'taxId',
      'address',
      'website',
      'products',
      'sector-mechanical',
      'sector-electronics',
      'booths-international',
      'booths-domestic',
      'booths-technical-matchmaking',
      'booths-technical-workshop',
      'contactName',
      'email',
      'phone',
      'password',
      'consent',
      'button:Submit application',
    ]);
    expect(outOfVisualOrder(stops)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=applied], [data-field-error], [data-testid=form-error]').first().waitFor();
    expect(await page.locator('[data-field-error], [data-testid=form-error]').allTextContents()).toEqual([]);
    await page.getByTestId('applied').waitFor();
    expect(await focusedHeading(page)).toBe(`H1:${(await page.locator('[data-testid=applied] h1').textContent())!.trim()}`);

    const rows = (await sys.dataSource.query(
      `SELECT legal_name, name_vi, country, address, website, products, sectors, booth_requests, contact_name, phone, consent_at, pending_password_hash IS NOT NULL AS has_password FROM exhibitors WHERE fair_id = $1 AND email = $2`,
      [fairId, email],
    )) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      legal_name: 'Keyboard Precision Co., Ltd.',
      name_vi: 'Công ty Cơ khí Bàn Phím',
      country: 'VN',
      address: '5 Hoàng Văn Thụ, Thái Nguyên',
      website: 'https://keyboard.example.vn',
      products: 'Bearings\nGears',
      sectors: ['mechanical'],
      contact_name: 'Đỗ Văn Phím',
      phone: '+84912345678',
      has_password: true,
    });
    expect(rows[0]!.booth_requests).toEqual({ domestic: 2, 'technical-workshop': 1 });
    expect(rows[0]!.consent_at).toBeInstanceOf(Date);
    expect(unseen).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('the skip link (shown when focused) jumps past the menu; the language button switches with Enter and back with Space, keeping the focus', async () => {
    unseen.length = 0;
    const ctx = await context('vi', DESKTOP);
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/');
    await page.getByRole('heading', { name: 'Hội chợ Công nghiệp Thái Nguyên' }).waitFor();
    await page.evaluate(recordUnfocused, FOCUSABLE);

    const skip = await press(page, 'Tab');
    expect(skip.key).toBe('a:Bỏ qua đến nội dung');
    expect(skip.rect.x).toBeGreaterThanOrEqual(0); // on screen, not left at -9999px
    expect(skip.rect.w).toBeGreaterThan(20);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('main');
    // The next Tab goes to the page's first link (the first card), not to the menu.
    const first = await press(page, 'Tab');
    expect(first.key).toBe(`a:${'Tham gia triển lãmĐăng ký gian hàng cho doanh nghiệp'.slice(0, 40)}`);
    expect(first.rect.y).toBeGreaterThan(skip.rect.y + 40);

    const lang = (await tabUntil(page, (f) => f.key === 'lang-switch', 3, 'Shift+Tab')).pop()!;
    expect(lang.key).toBe('lang-switch');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Thai Nguyen Industry Fair' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('en');
    const after = await focus(page);
    expect(after.key).toBe('lang-switch');
    expect(await page.getByTestId('lang-switch').textContent()).toBe('Tiếng Việt');
    await page.keyboard.press('Space');
    await page.getByRole('heading', { name: 'Hội chợ Công nghiệp Thái Nguyên' }).waitFor();
    expect((await focus(page)).key).toBe('lang-switch');
    expect(await page.evaluate(() => (globalThis as unknown as { localStorage: Storage }).localStorage.getItem('fair.lang'))).toBe('vi');
    expect(unseen).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('gate: sign in and start the device by keyboard; a handheld scanner types the code and Enter; the direction radios move with arrow keys and the next scan still lands in the scan field', async () => {
    unseen.length = 0;
    const staff = `keyboard-gate-${process.pid}@test.local`;
    await sys.signIn('gate', staff);
    const ctx = await context('en', PHONE);
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/gate');
    await page.locator('input[name=email]').waitFor();
    await page.evaluate(recordUnfocused, FOCUSABLE);
    await tabUntil(page, (f) => f.key === 'email');
    await page.keyboard.type(staff);
    expect((await press(page, 'Tab')).key).toBe('password');
    await page.keyboard.type('correct-horse-battery');
    await page.keyboard.press('Enter');

    await page.locator('input[name=device]').waitFor();
    await page.evaluate(recordUnfocused, FOCUSABLE);
    await tabUntil(page, (f) => f.key === 'device', 25);
    await page.keyboard.type(deviceId);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=kit-status][data-ready=true]').waitFor();
    await page.evaluate(recordUnfocused, FOCUSABLE);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('scan-input');

    // A handheld scanner: the code's characters quickly, then Enter.
    await page.keyboard.type(passCode, { delay: 2 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=verdict][data-verdict=admitted]').waitFor();
    expect(await page.getByTestId('verdict').textContent()).toContain('Lê Văn Cổng');
    expect(await page.getByTestId('scan-input').inputValue()).toBe('');

    // To the direction radios: Tab past "Check" and the camera button; ArrowRight picks "Exit".
    const toRadio = await tabUntil(page, (f) => f.type === 'radio', 4);
    expect(toRadio.map((f) => f.key)).toEqual(['button:Check', 'camera-toggle', 'dir']);
    expect(toRadio.at(-1)!.checked).toBe(true);
    const exit = await press(page, 'ArrowRight');
    expect([exit.key, exit.checked]).toEqual(['dir', true]);
    expect(await page.getByLabel('Exit').isChecked()).toBe(true);
    // The scanner types while the radio has the focus: the code still goes to the scan field.
    await page.keyboard.type(passCode, { delay: 2 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=verdict][data-verdict=exited]').waitFor();
    expect((await focus(page)).key).toBe('code'); // the scan field
    expect(await page.getByLabel('Exit').isChecked()).toBe(true);

    const scans = (await sys.dataSource.query(`SELECT direction, verdict FROM checkin_scans WHERE device_id = $1 ORDER BY id`, [deviceId])) as { direction: string; verdict: string }[];
    expect(scans).toEqual([
      { direction: 'in', verdict: 'admitted' },
      { direction: 'out', verdict: 'exited' },
    ]);
    expect(unseen).toEqual([]);
    await ctx.close();
  }, 60_000);
});
