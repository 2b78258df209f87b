import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { ReferenceFairSeeder } from '@fair/fairs';
import { applicationBody } from '../src/testing/application-fixtures';
import { linkToken, mailsTo } from './mail-helpers';

const FAIR = 'hanoi-manufacturers-network-2018';

describe('exhibitor registration: apply, confirm by email, sign in', () => {
  let sys: TestSystem;
  const count = async () => (await sys.dataSource.query(`SELECT count(*)::int AS n FROM exhibitors`))[0].n as number;
  const apply = (body: Record<string, unknown>, lang: 'vi' | 'en' = 'en') => sys.http('POST', `/api/fairs/${FAIR}/exhibitor-applications`, { body, lang });
  const mailFor = async (address: string, n = 1) => eventually(async () => (await mailsTo(sys, address))[n - 1]);

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    await sys.api.get(ReferenceFairSeeder).seed();
  });
  afterAll(() => sys?.close());

  it('answers each kind of bad input with a per-field error in the caller language and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email' }, 'email'],
      [{ phone: '12345' }, 'phone'],
      [{ country: 'XX' }, 'country'],
      [{ sectors: ['space-travel'] }, 'sectors'],
      [{ legalName: 'x'.repeat(301) }, 'legalName'],
      [{ products: 'p'.repeat(2001) }, 'products'],
      [{ booths: [{ kind: 'international', count: 58 }] }, 'booths[0].count'],
      [{ booths: [{ kind: 'technical-workshop', count: 21 }] }, 'booths[0].count'],
      [{ booths: [{ kind: 'castle', count: 1 }] }, 'booths[0].kind'],
      [{ consent: false }, 'consent'],
      [{ placement: { nearPartners: ['n'.repeat(201)] } }, 'placement.nearPartners'],
      [{ extra: 'field' }, 'extra'],
    ];
    for (const [override, field] of cases) {
      const res = await apply(applicationBody(1, override), 'vi');
      expect([res.status, res.body.code]).toEqual([422, 'VALIDATION_FAILED']);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining([expect.stringContaining(field)]));
      // Vietnamese messages for a Vietnamese caller
      expect(res.body.message).toBe('Một số trường không hợp lệ');
    }
    const booths = await apply(applicationBody(1, { booths: [{ kind: 'international', count: 58 }] }), 'vi');
    expect(booths.body.fields[0].message).toMatch(/chỉ có 57/);
    expect((await sys.http('POST', '/api/fairs/no-such-fair/exhibitor-applications', { body: applicationBody(1) })).status).toBe(404);
    expect(await count()).toBe(0);
  });

  it('stores text with script tags as plain text and escapes it in the email', async () => {
    const legalName = '<script>alert("x")</script> Evil Co';
    const res = await apply(applicationBody(2, { legalName, products: '<b>bold</b>' }));
    expect(res.status).toBe(201);
    const [row] = await sys.dataSource.query(`SELECT legal_name, products FROM exhibitors WHERE id = $1`, [res.body.id]);
    expect(row).toEqual({ legal_name: legalName, products: '<b>bold</b>' });
    const mail = await mailFor('applicant-2@example.jp');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&#60;script&#62;');
  });

  it('derives domestic from VN and international otherwise', async () => {
    const vn = await apply(applicationBody(3, { country: 'vn', phone: '0912 345 678', booths: [{ kind: 'domestic', count: 2 }] }));
    expect([vn.status, vn.body.origin]).toEqual([201, 'domestic']);
    const [row] = await sys.dataSource.query(`SELECT country, phone, booth_requests FROM exhibitors WHERE id = $1`, [vn.body.id]);
    expect(row).toEqual({ country: 'VN', phone: '+84912345678', booth_requests: { domestic: 2 } });
    expect((await apply(applicationBody(4, { country: 'KR', phone: '+82 2-312-3456' }))).body.origin).toBe('international');
  });

  it('confirms the email through the real mail path, creates the account and signs in three ways', async () => {
    const res = await apply(applicationBody(10, { lang: 'vi', password: 'applicant-password-1' }));
    expect(res.body.status).toBe('submitted');
    const mail = await mailFor('applicant-10@example.jp');
    expect(mail.lang).toBe('vi');
    expect(mail.subject).toMatch(/Xác nhận email/);
    const token = linkToken(mail, '/exhibitor/confirm');

    // A forged or altered token is refused and changes nothing.
    expect((await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token: token.slice(0, -2) + 'xx' } })).status).toBe(410);

    const confirmed = await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ exhibitorId: res.body.id, status: 'email_confirmed', user: { role: 'exhibitor', email: 'applicant-10@example.jp', lang: 'vi' } });
    const again = await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token } });
    expect([again.status, again.body.code]).toEqual([410, 'TOKEN_INVALID']);

    const mine = await sys.http('GET', '/api/exhibitors/mine', { token: confirmed.body.token });
    expect(mine.body.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([[res.body.id, 'email_confirmed']]);
    const [link] = await sys.dataSource.query(`SELECT e.user_id = u.id AS linked, u.role FROM exhibitors e JOIN users u ON lower(u.email) = e.email WHERE e.id = $1`, [res.body.id]);
    expect(link).toEqual({ linked: true, role: 'exhibitor' });

    // the password chosen at application works
    const login = await sys.http('POST', '/api/auth/login', { body: { email: 'applicant-10@example.jp', password: 'applicant-password-1' } });
    expect(login.status).toBe(200);

    // a one-time email link works once
    expect((await sys.http('POST', '/api/exhibitor-auth/magic-link', { body: { email: 'APPLICANT-10@example.jp' } })).status).toBe(202);
    expect((await sys.http('POST', '/api/exhibitor-auth/magic-link', { body: { email: 'nobody@example.jp' } })).status).toBe(202);
    const magicMail = await eventually(async () => (await mailsTo(sys, 'applicant-10@example.jp')).find((m) => /sign-in|Đăng nhập|đăng nhập/i.test(m.subject)));
    const magic = linkToken(magicMail, '/exhibitor/sign-in');
    const signedIn = await sys.http('POST', '/api/exhibitor-auth/magic-link/redeem', { body: { token: magic } });
    expect([signedIn.status, signedIn.body.user.role]).toEqual([200, 'exhibitor']);
    expect((await sys.http('GET', '/api/auth/me', { token: signedIn.body.token })).body.email).toBe('applicant-10@example.jp');
    expect((await sys.http('POST', '/api/exhibitor-auth/magic-link/redeem', { body: { token: magic } })).status).toBe(410);
    // a confirmation token is not a sign-in token
    expect((await sys.http('POST', '/api/exhibitor-auth/magic-link/redeem', { body: { token } })).status).toBe(410);
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM mail_messages WHERE to_address = 'nobody@example.jp'`);
    expect(n).toBe(0);
  });

  it('sets the password at confirmation when none was given at application', async () => {
    await apply(applicationBody(11));
    const token = linkToken(await mailFor('applicant-11@example.jp'), '/exhibitor/confirm');
    const weak = await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token, password: 'short' } });
    expect(weak.status).toBe(422);
    const ok = await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token, password: 'a-good-long-password' } });
    expect(ok.status).toBe(200);
    const login = await sys.http('POST', '/api/auth/login', { body: { email: 'applicant-11@example.jp', password: 'a-good-long-password' } });
    expect(login.status).toBe(200);
  });

  it('refuses a second live application of the same company, saying where the first stands', async () => {
    const first = await apply(applicationBody(20));
    expect(first.status).toBe(201);
    const sameTax = await apply(applicationBody(21, { taxId: applicationBody(20).taxId }));
    expect([sameTax.status, sameTax.body.code]).toEqual([409, 'DUPLICATE_APPLICATION']);
    expect(sameTax.body.message).toMatch(/same tax.*submitted, waiting for email confirmation/);
    const sameEmail = await apply(applicationBody(22, { email: 'APPLICANT-20@example.jp' }), 'vi');
    expect([sameEmail.status, sameEmail.body.code]).toEqual([409, 'DUPLICATE_APPLICATION']);
    expect(sameEmail.body.message).toMatch(/cùng email.*chờ xác nhận email/);
    // tax numbers match without their separators
    const spaced = await apply(applicationBody(23, { taxId: `JP-${String(1_000_020).slice(0, 3)} ${String(1_000_020).slice(3)}` }));
    expect(spaced.status).toBe(409);
  });

  it('lets exactly one of many simultaneous applications of one company through (partial unique index)', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, k) => apply(applicationBody(30 + k, { taxId: 'VN-RACE-0001', country: 'VN', phone: '0912345678', booths: [{ kind: 'domestic', count: 1 }] }))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM exhibitors WHERE tax_id = 'VNRACE0001'`);
    expect(n).toBe(1);
  });

  it('allows applying again once the first application is withdrawn', async () => {
    const first = await apply(applicationBody(40));
    const token = linkToken(await mailFor('applicant-40@example.jp'), '/exhibitor/confirm');
    const session = (await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token } })).body.token;
    expect((await sys.http('POST', `/api/exhibitors/${first.body.id}/withdraw`, { token: session })).body.status).toBe('withdrawn');
    expect((await apply(applicationBody(40))).status).toBe(201);
  });

  it('saves a draft and submits it later with its resume token', async () => {
    const draft = await apply(applicationBody(50, { draft: true }));
    expect([draft.status, draft.body.status]).toEqual([201, 'draft']);
    expect(draft.body.resumeToken).toEqual(expect.any(String));
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM mail_messages WHERE to_address = 'applicant-50@example.jp'`);
    expect(n).toBe(0);
    expect((await sys.http('POST', `/api/exhibitor-applications/${draft.body.id}/submit`, { body: { resumeToken: 'nope' } })).status).toBe(410);
    const submitted = await sys.http('POST', `/api/exhibitor-applications/${draft.body.id}/submit`, { body: { resumeToken: draft.body.resumeToken } });
    expect([submitted.status, submitted.body.status]).toEqual([200, 'submitted']);
    expect(linkToken(await mailFor('applicant-50@example.jp'), '/exhibitor/confirm')).toBeTruthy();
    expect((await sys.http('POST', `/api/exhibitor-applications/${draft.body.id}/submit`, { body: { resumeToken: draft.body.resumeToken } })).status).toBe(410);
  });
});
