/**
 * Errors already on screen follow the language switch (vi/en) without a new request: per-field
 * errors of a form, a domain error shown next to its field (consent), a form's general API error,
 * an error the web app finds itself (an account of the wrong role), and a scan the API refused at
 * the gate. The API sends every error's text in both languages (`text`, and each field's `text`).
 */
import { it, expect, beforeAll, afterAll } from '@jest/globals';
import type { Browser, Page, Request, Response } from 'playwright-core';
import type { TestSystem } from '@fair/testing';
import { describeWithChromium, seededContext, startWebFair, textIs } from './browser';

const PHONE = { width: 390, height: 844 };
const SLUG = `lang-fair-${process.pid}`;

type Texts = { vi: string; en: string };
type ErrorBody = { code: string; message: string; text: Texts; fields?: { field: string; message: string; text: Texts }[] };

describeWithChromium()('errors on screen follow the language switch', () => {
  let sys: TestSystem;
  let browser: Browser;
  let organiser: string;
  const context = (lang: 'vi' | 'en', tokens: Record<string, string> = {}) => seededContext(browser, { lang, slug: SLUG, viewport: PHONE, tokens });

  /** Clicks `button` and returns the API's error answer to the POST to `path`. */
  async function refused(page: Page, button: string, path: RegExp): Promise<{ status: number; lang: string | undefined; body: ErrorBody }> {
    const [res] = await Promise.all([page.waitForResponse((r: Response) => path.test(new URL(r.url()).pathname) && r.request().method() === 'POST'), page.getByRole('button', { name: button, exact: true }).click()]);
    return { status: res.status(), lang: (await res.request().allHeaders())['accept-language'], body: (await res.json()) as ErrorBody };
  }

  /** Switches the language; the returned function tells how many API requests other than reads were sent since. */
  async function switchLanguage(page: Page): Promise<() => number> {
    const sent: string[] = [];
    page.on('request', (r: Request) => {
      if (new URL(r.url()).pathname.startsWith('/api/') && r.method() !== 'GET') sent.push(r.url());
    });
    await page.getByTestId('lang-switch').click();
    return () => sent.length;
  }

  beforeAll(async () => {
    ({ sys, browser, organiser } = await startWebFair({ slug: SLUG, nameVi: 'Hội chợ Ngôn ngữ', nameEn: 'Language Fair', sector: { code: 'textiles', vi: 'Dệt may', en: 'Textiles' } }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('a form: the API per-field errors and the general message change language with the switch, and so does a domain error shown at its field (consent), without sending again', async () => {
    const ctx = await context('en');
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/visitor/register');
    await page.fill('input[name=country]', 'V');
    await page.fill('input[name=email]', 'kinhbac@');
    const path = /\/api\/visitors\/fairs\/[^/]+\/register$/;
    const bad = await refused(page, 'Register', path);
    expect([bad.status, bad.lang, bad.body.code]).toEqual([422, 'en', 'VALIDATION_FAILED']);
    expect(bad.body.text).toEqual({ en: 'Some fields are not valid', vi: 'Một số trường không hợp lệ' });
    expect(bad.body.message).toBe(bad.body.text.en);
    const first: Record<string, Texts> = {};
    for (const f of bad.body.fields ?? []) first[f.field] ??= f.text;
    expect(Object.keys(first).sort()).toEqual(['country', 'email', 'name']);
    expect(first.email).toEqual({ en: 'email must be an email', vi: 'email không phải là địa chỉ email hợp lệ' });
    await textIs(page, '[data-testid=form-error] strong', 'Some fields are not valid');
    for (const [field, text] of Object.entries(first)) await textIs(page, `[data-field-error="${field}"]`, text.en);

    const sentSince = await switchLanguage(page);
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).waitFor();
    await textIs(page, '[data-testid=form-error] strong', 'Một số trường không hợp lệ');
    for (const [field, text] of Object.entries(first)) {
      expect(text.vi).not.toBe(text.en);
      await textIs(page, `[data-field-error="${field}"]`, text.vi);
    }
    expect(await page.locator('[data-field-error]').count()).toBe(3);
    expect(sentSince()).toBe(0);

    // A rule of the service (consent) shown next to its checkbox: asked in Vietnamese, switched to English.
    await page.fill('input[name=name]', 'Lê Văn Nam');
    await page.fill('input[name=country]', 'VN');
    await page.fill('input[name=email]', `lang-${process.pid}@example.vn`);
    const consent = await refused(page, 'Đăng ký', path);
    expect([consent.status, consent.lang, consent.body.code]).toEqual([422, 'vi', 'CONSENT_REQUIRED']);
    expect(consent.body.text).toEqual({ vi: 'Vui lòng đồng ý cho phép xử lý dữ liệu cá nhân để đăng ký', en: 'Please agree to the processing of your data to register' });
    await textIs(page, '[data-field-error="consent"]', consent.body.text.vi);
    const again = await switchLanguage(page);
    await textIs(page, '[data-field-error="consent"]', 'Please agree to the processing of your data to register');
    expect(await page.locator('[data-field-error]').count()).toBe(1);
    expect(again()).toBe(0);
    await ctx.close();
  }, 120_000);

  it("sign-in: the API's refusal and the app's own wrong-role message change language with the switch", async () => {
    const gateEmail = `lang-gate-${process.pid}@test.local`;
    await sys.signIn('gate', gateEmail);
    const ctx = await context('vi');
    const page = await ctx.newPage();
    await page.goto(sys.baseUrl + '/organiser');
    await page.fill('input[name=email]', gateEmail);
    await page.fill('input[name=password]', 'not-the-password');
    const wrong = await refused(page, 'Đăng nhập', /\/api\/auth\/login$/);
    expect([wrong.status, wrong.lang, wrong.body.code]).toEqual([401, 'vi', 'INVALID_CREDENTIALS']);
    expect(wrong.body.text).toEqual({ vi: 'Email hoặc mật khẩu không đúng', en: 'Email or password is wrong' });
    await textIs(page, '[data-testid=form-error] strong', 'Email hoặc mật khẩu không đúng');
    const sentSince = await switchLanguage(page);
    await textIs(page, '[data-testid=form-error] strong', 'Email or password is wrong');
    expect(sentSince()).toBe(0);

    // The right password of a gate account: the API lets it in, the organiser page does not.
    await page.fill('input[name=password]', 'correct-horse-battery');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await textIs(page, '[data-testid=form-error] strong', 'This account cannot use this page.');
    const again = await switchLanguage(page);
    await textIs(page, '[data-testid=form-error] strong', 'Tài khoản này không dùng được trang này.');
    expect(again()).toBe(0);
    await ctx.close();
  }, 120_000);

  it('the gate: a scan the API refused shows why, and the reason changes language with the switch', async () => {
    const gate = await sys.http('POST', `/api/checkin/fairs/${SLUG}/gates`, { token: organiser, body: { code: 'L1', nameVi: 'Cổng L1', nameEn: 'Gate L1' } });
    const device = await sys.http('POST', `/api/checkin/gates/${gate.body.id}/devices`, { token: organiser, body: { name: 'L1-1' } });
    expect([gate.status, device.status]).toEqual([201, 201]);
    const ctx = await context('en', { gate: await sys.signIn('gate') });
    const page = await ctx.newPage();
    await page.goto(`${sys.baseUrl}/gate?device=${device.body.id}`);
    await page.getByTestId('scan-input').waitFor();
    // A code longer than any pass (the API takes up to 16,384 characters) is refused as input.
    await page.getByTestId('scan-input').fill('X'.repeat(17_000));
    const scan = await refused(page, 'Check', /\/api\/checkin\/devices\/[^/]+\/scans$/);
    expect([scan.status, scan.lang, scan.body.code]).toEqual([422, 'en', 'VALIDATION_FAILED']);
    await textIs(page, '[data-testid=verdict] .verdict-name', 'Some fields are not valid');
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('invalid');
    const sentSince = await switchLanguage(page);
    await textIs(page, '[data-testid=verdict] .verdict-name', 'Một số trường không hợp lệ');
    expect(sentSince()).toBe(0);
    await ctx.close();
  }, 120_000);
});
