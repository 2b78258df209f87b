import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import PostalMime from 'postal-mime';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { decodePassCode, publicKeyFromRaw } from '../src';
import { createOpenFair, visitorCsv } from './visitors.fixtures';

describe('visitors, passes and invitations (API + worker + SMTP sink)', () => {
  let sys: TestSystem;
  let org: string;
  let fair: { id: string; slug: string };

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    org = await sys.signIn('organiser');
    fair = await createOpenFair(sys, org, 'visitors-e2e');
  });
  afterAll(() => sys.close());

  const passCode = async (visitorId: string) =>
    (await sys.dataSource.query(`SELECT code, serial, issue FROM passes WHERE visitor_id = $1`, [visitorId]))[0] as { code: string; serial: string; issue: number };

  it('registers a visitor publicly, requires consent, refuses a second registration of the email', async () => {
    const body = { name: 'Trần Thị Bình', country: 'VN', email: 'binh@example.vn', visitorType: 'trade-buyer', lang: 'vi', sectors: ['mechanical'] };
    const noConsent = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/register`, { body: { ...body, consent: false }, lang: 'vi' });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.code).toBe('CONSENT_REQUIRED');
    const ok = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/register`, { body: { ...body, consent: true } });
    expect(ok.status).toBe(201);
    const again = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/register`, { body: { ...body, email: 'BINH@example.vn', consent: true } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('VISITOR_EMAIL_TAKEN');
    const bad = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/register`, { body: { ...body, email: 'x@y.vn', visitorType: 'vip', consent: true, extra: 1 } });
    expect(bad.status).toBe(422);

    // The registration mails the pass: vi subject, QR inline (cid) and attached, PDF badge.
    const [msg] = await sys.smtp!.waitFor(1);
    const mail = await PostalMime.parse(msg!.raw);
    expect(mail.subject).toContain('Thư mời tham quan');
    const inline = mail.attachments.find((a) => a.contentId);
    expect(inline?.mimeType).toBe('image/png');
    expect(mail.html).toContain(`cid:${inline!.contentId!.replace(/[<>]/g, '')}`);
    expect(mail.attachments.filter((a) => a.mimeType === 'image/png')).toHaveLength(2);
    const pdf = mail.attachments.find((a) => a.mimeType === 'application/pdf');
    expect(Buffer.from(pdf!.content as ArrayBuffer).subarray(0, 5).toString()).toBe('%PDF-');
    // The code in the mail is the pass's code, and it verifies with the published public key.
    const keys = await sys.http('GET', `/api/visitors/fairs/${fair.slug}/public-keys`);
    const visitor = (await sys.dataSource.query(`SELECT id FROM visitors WHERE email = 'binh@example.vn'`))[0];
    const { code } = await passCode(visitor.id);
    const pub = publicKeyFromRaw(Buffer.from(keys.body.keys[0].publicKey, 'base64'));
    expect(decodePassCode(code, fair.id, () => pub)).toMatchObject({ ok: true, payload: { visitorType: 'trade-buyer' } });
  });

  it('imports a CSV all-or-nothing with row-numbered errors', async () => {
    const bad = visitorCsv(5, 'imp') + '\nNo Email,,VN,general,,,vi\nX,binh@example.vn,VN,general,,,vi';
    const res = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/import`, { token: org, body: bad, contentType: 'text/csv' });
    expect(res.status).toBe(422);
    const lines = new Set((res.body.details?.rows ?? res.body.rows ?? []).map((r: { line: number }) => r.line));
    expect([...lines].sort()).toEqual([7, 8]);
    expect((await sys.dataSource.query(`SELECT count(*)::int AS n FROM visitors WHERE email LIKE 'imp-%'`))[0].n).toBe(0);

    const good = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/import`, { token: org, body: { csv: visitorCsv(40, 'imp') } });
    expect(good.status).toBe(200);
    expect(good.body.imported).toBe(40);
    const list = await sys.http('GET', `/api/visitors/fairs/${fair.slug}?limit=1000`, { token: org });
    expect(list.body.total).toBe(41);
    expect(new Set(list.body.items.map((v: { passSerial: number }) => v.passSerial)).size).toBe(41);
  });

  it('reissues a pass (issue +1, old code on the revocation list) and keeps old codes valid after key rotation', async () => {
    const visitor = (await sys.dataSource.query(`SELECT id FROM visitors WHERE email = 'imp-0@example.vn'`))[0];
    const before = await passCode(visitor.id);
    const rotated = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/keys/rotate`, { token: org });
    expect(rotated.body.keys.map((k: { keyId: number; active: boolean }) => [k.keyId, k.active])).toEqual([[1, false], [2, true]]);
    const passId = (await sys.dataSource.query(`SELECT id FROM passes WHERE visitor_id = $1`, [visitor.id]))[0].id;
    const re = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/passes/${passId}/reissue`, { token: org, body: { sendInvitation: false } });
    expect(re.status).toBe(200);
    expect(re.body.issue).toBe(2);
    const after = await passCode(visitor.id);
    expect(after.code).not.toBe(before.code);
    const gate = await sys.signIn('gate');
    const rev = await sys.http('GET', `/api/visitors/fairs/${fair.slug}/revocations`, { token: gate });
    expect(rev.body.revocations).toEqual([expect.objectContaining({ serial: Number(before.serial), issue: 1, reason: 'reissued' })]);
    const keys = new Map(rotated.body.keys.map((k: { keyId: number; publicKey: string }) => [k.keyId, publicKeyFromRaw(Buffer.from(k.publicKey, 'base64'))]));
    const lookup = (_f: string, kid: number) => keys.get(kid) as never;
    expect(decodePassCode(before.code, fair.id, lookup)).toMatchObject({ ok: true, payload: { keyId: 1, issue: 1 } });
    expect(decodePassCode(after.code, fair.id, lookup)).toMatchObject({ ok: true, payload: { keyId: 2, issue: 2 } });
    expect((await sys.http('POST', `/api/visitors/fairs/${fair.slug}/passes/not-a-uuid/reissue`, { token: org, body: {} })).status).toBe(404);
  });

  it('sends invitations as a batch with progress, and a second "send all" queues nothing new', async () => {
    const start = sys.smtp!.messages.length;
    const res = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/invitations`, { token: org, body: { visitorTypes: ['importer', 'press'] } });
    expect(res.status).toBe(202);
    expect(res.body.queued).toBe(16);
    await sys.smtp!.waitFor(start + 16);
    const progress = await eventually(async () => {
      const p = await sys.http('GET', `/api/visitors/invitation-batches/${res.body.batchId}`, { token: org });
      return p.body.done ? p.body : null;
    });
    expect(progress).toMatchObject({ total: 16, sent: 16, queued: 0, failed: 0 });
    const again = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/invitations`, { token: org, body: { visitorTypes: ['importer', 'press'] } });
    expect(again.body.queued).toBe(0);
    // A permanent failure shows up in the batch's progress with its error.
    await sys.dataSource.query(`UPDATE mail_messages SET status = 'failed', last_error = '550 mailbox unavailable' WHERE id = (SELECT id FROM mail_messages WHERE batch_id = $1 LIMIT 1)`, [res.body.batchId]);
    const p = await sys.http('GET', `/api/visitors/invitation-batches/${res.body.batchId}`, { token: org });
    expect(p.body).toMatchObject({ sent: 15, failed: 1, failures: [expect.objectContaining({ error: '550 mailbox unavailable' })] });
    const en = sys.smtp!.messages.slice(start).map((m) => m.raw.toString()).filter((r) => /Subject: Your invitation/.test(r));
    expect(en.length).toBe(8);
  });
});
