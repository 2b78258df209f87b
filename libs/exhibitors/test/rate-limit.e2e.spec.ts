import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { ReferenceFairSeeder } from '@fair/fairs';
import { AuthService } from '@fair/auth';
import { REDIS as REDIS_TOKEN } from '@fair/jobs';
import { applicationBody } from '../src/testing/application-fixtures';
import { confirmedApplicant, REF_FAIR } from './applicant';
import { linkToken, mailsTo } from './mail-helpers';

/**
 * Emails on request (sign-in links, new confirmation links) and password failures are limited
 * per email and per client address with Redis counters; the answers never tell whether an
 * account exists. This API is told to trust X-Forwarded-For from the loopback address the test
 * connects from (TRUST_PROXY, as behind a local proxy), so each test speaks from its own address.
 */
describe('rate limits on sign-in mails, confirmation mails and password failures', () => {
  let sys: TestSystem;
  const post = async (path: string, body: unknown, ip: string, lang: 'vi' | 'en' = 'en') => {
    const res = await fetch(`${sys.baseUrl}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': lang, 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any>, retryAfter: res.headers.get('retry-after') };
  };
  const mailCount = async (to: string, subject: RegExp) => (await mailsTo(sys, to)).filter((m) => subject.test(m.subject)).length;
  const SIGN_IN = /sign-in link|Liên kết đăng nhập/;
  const CONFIRM = /Confirm your application email|Xác nhận email/;

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true, env: { TRUST_PROXY: 'loopback' } });
    await sys.api.get(ReferenceFairSeeder).seed();
  });
  afterAll(() => sys?.close());

  it('sends at most 5 sign-in links per email in 15 minutes, answering alike for unknown emails', async () => {
    const known = await confirmedApplicant(sys, 1);
    const unknown = 'nobody-1@example.jp';
    for (let k = 0; k < 5; k++) {
      expect((await post('/exhibitor-auth/magic-link', { email: known.email }, `198.51.100.${k + 1}`)).status).toBe(202);
      expect((await post('/exhibitor-auth/magic-link', { email: unknown }, `198.51.100.${k + 1}`)).status).toBe(202);
    }
    const limitedKnown = await post('/exhibitor-auth/magic-link', { email: known.email.toUpperCase() }, '198.51.100.77', 'vi');
    const limitedUnknown = await post('/exhibitor-auth/magic-link', { email: unknown }, '198.51.100.78', 'vi');
    expect([limitedKnown.status, limitedKnown.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(limitedKnown.body.message).toBe('Bạn đã thử quá nhiều lần; vui lòng thử lại sau 15 phút');
    expect(Number(limitedKnown.retryAfter)).toBeGreaterThan(800);
    // no account enumeration: same status and same body whether or not the account exists
    const answer = (r: { status: number; body: Record<string, any> }) => [r.status, r.body.code, r.body.message, r.body.details?.minutes];
    expect(answer(limitedUnknown)).toEqual(answer(limitedKnown));
    const en = await post('/exhibitor-auth/magic-link', { email: known.email }, '198.51.100.79', 'en');
    expect(en.body.message).toBe('Too many attempts; try again in 15 minutes');

    await eventually(async () => (await mailCount(known.email, SIGN_IN)) === 5 || undefined);
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM exhibitor_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1 AND t.purpose = 'magic-link'`, [known.email]);
    expect(n).toBe(5);
    // the links that were sent still work
    const token = linkToken((await mailsTo(sys, known.email)).find((m) => SIGN_IN.test(m.subject))!, '/exhibitor/sign-in');
    expect((await post('/exhibitor-auth/magic-link/redeem', { token }, '198.51.100.80')).status).toBe(200);
  });

  it('sends at most 20 mails on request per client address in 15 minutes, whatever the emails', async () => {
    const ip = '203.0.113.9';
    for (let k = 0; k < 20; k++) {
      expect((await post('/exhibitor-auth/magic-link', { email: `spray-${k}@example.jp` }, ip)).status).toBe(202);
    }
    const limited = await post('/exhibitor-auth/magic-link', { email: 'spray-fresh@example.jp' }, ip);
    expect([limited.status, limited.body.code]).toEqual([429, 'RATE_LIMITED']);
    // another address is not affected, and the counters are per purpose
    expect((await post('/exhibitor-auth/magic-link', { email: 'spray-fresh@example.jp' }, '203.0.113.10')).status).toBe(202);
    expect((await post('/exhibitor-auth/confirmation/resend', { email: 'spray-fresh@example.jp' }, ip)).status).toBe(202);
  });

  it('resends the confirmation link (older links stop working), limited per email, same answer for unknown emails', async () => {
    const body = applicationBody(2);
    const email = String(body.email);
    expect((await sys.http('POST', `/api/fairs/${REF_FAIR}/exhibitor-applications`, { body })).status).toBe(201);
    const first = linkToken(await eventually(async () => (await mailsTo(sys, email)).find((m) => CONFIRM.test(m.subject))), '/exhibitor/confirm');

    expect((await post('/exhibitor-auth/confirmation/resend', { email: email.toUpperCase() }, '192.0.2.1')).status).toBe(202);
    await eventually(async () => (await mailCount(email, CONFIRM)) === 2 || undefined);
    const second = linkToken((await mailsTo(sys, email)).filter((m) => CONFIRM.test(m.subject))[1]!, '/exhibitor/confirm');
    expect(second).not.toBe(first);
    expect((await post('/exhibitor-auth/confirm', { token: first }, '192.0.2.1')).status).toBe(410);

    for (let k = 0; k < 4; k++) expect((await post('/exhibitor-auth/confirmation/resend', { email }, `192.0.2.${k + 2}`)).status).toBe(202);
    for (let k = 0; k < 5; k++) expect((await post('/exhibitor-auth/confirmation/resend', { email: 'nobody-2@example.jp' }, `192.0.2.${k + 2}`)).status).toBe(202);
    const known = await post('/exhibitor-auth/confirmation/resend', { email }, '192.0.2.50');
    const unknown = await post('/exhibitor-auth/confirmation/resend', { email: 'nobody-2@example.jp' }, '192.0.2.51');
    expect([known.status, known.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect([unknown.status, unknown.body.code, unknown.body.message]).toEqual([known.status, known.body.code, known.body.message]);
    await eventually(async () => (await mailCount(email, CONFIRM)) === 6 || undefined);
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM mail_messages WHERE to_address = 'nobody-2@example.jp'`);
    expect(n).toBe(0);

    // only the newest link confirms (the mails may arrive in any order)
    const links = (await mailsTo(sys, email)).filter((m) => CONFIRM.test(m.subject)).map((m) => linkToken(m, '/exhibitor/confirm'));
    const answers = [];
    for (const token of links) answers.push((await post('/exhibitor-auth/confirm', { token }, '192.0.2.1')).status);
    expect(answers.sort()).toEqual([200, 410, 410, 410, 410, 410]);
    const [row] = await sys.dataSource.query(`SELECT status FROM exhibitors WHERE email = $1`, [email]);
    expect(row.status).toBe('email_confirmed');
  });

  it('refuses password logins after 10 failures per email in 15 minutes, even the right password, alike for unknown emails', async () => {
    const email = 'organiser-limit@test.local';
    const password = 'correct-horse-battery';
    await sys.api.get(AuthService).createUser({ email, name: 'Limit', role: 'organiser', password });
    // successes are not counted
    for (let k = 0; k < 12; k++) expect((await post('/auth/login', { email, password }, '198.18.0.1')).status).toBe(200);
    for (let k = 0; k < 10; k++) {
      expect((await post('/auth/login', { email, password: 'wrong-password-1' }, `198.18.1.${k + 1}`)).status).toBe(401);
      expect((await post('/auth/login', { email: 'nobody-3@test.local', password: 'wrong-password-1' }, `198.18.1.${k + 1}`)).status).toBe(401);
    }
    const right = await post('/auth/login', { email: email.toUpperCase(), password }, '198.18.2.1', 'vi');
    expect([right.status, right.body.code]).toEqual([429, 'RATE_LIMITED']);
    const ghost = await post('/auth/login', { email: 'nobody-3@test.local', password }, '198.18.2.2', 'vi');
    expect([ghost.status, ghost.body.code, ghost.body.message]).toEqual([right.status, right.body.code, right.body.message]);
    expect(right.body.message).toMatch(/thử lại sau 15 phút/);
    // other accounts sign in from the same addresses
    await sys.api.get(AuthService).createUser({ email: 'organiser-other@test.local', name: 'Other', role: 'organiser', password });
    expect((await post('/auth/login', { email: 'organiser-other@test.local', password }, '198.18.1.1')).status).toBe(200);
  });

  it('counts parallel guesses at one account atomically: at most 10 are checked', async () => {
    const email = 'organiser-race@test.local';
    await sys.api.get(AuthService).createUser({ email, name: 'Race', role: 'organiser', password: 'correct-horse-battery' });
    const results = await Promise.all(Array.from({ length: 25 }, (_, k) => post('/auth/login', { email, password: `guess-number-${k}` }, `198.18.3.${k + 1}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('refuses password logins from an address after 50 failures there, whatever the emails', async () => {
    const ip = '198.18.9.9';
    for (let k = 0; k < 50; k++) expect((await post('/auth/login', { email: `spray-${k}@test.local`, password: 'wrong-password-1' }, ip)).status).toBe(401);
    await sys.api.get(AuthService).createUser({ email: 'organiser-ip@test.local', name: 'Ip', role: 'organiser', password: 'correct-horse-battery' });
    const blocked = await post('/auth/login', { email: 'organiser-ip@test.local', password: 'correct-horse-battery' }, ip);
    expect([blocked.status, blocked.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await post('/auth/login', { email: 'organiser-ip@test.local', password: 'correct-horse-battery' }, '198.18.9.10')).status).toBe(200);
    // the counters are Redis keys under this system's prefix, with an expiry, holding no email address
    const redis = sys.api.get<{ keys(p: string): Promise<string[]>; ttl(k: string): Promise<number> }>(REDIS_TOKEN);
    const keys = await redis.keys(`${sys.redisPrefix}:rate:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => k.includes('@'))).toEqual([]);
    for (const k of keys.slice(0, 5)) expect(await redis.ttl(k)).toBeGreaterThan(0);
  });
});
