import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { ReferenceFairSeeder } from '@fair/fairs';
import { REF_FAIR } from './applicant';
import { linkToken, mailsTo } from './mail-helpers';

const HEADER = 'legal_name,name_en,country,tax_id,address,contact_name,email,phone,sectors,products,lang,booths_international,booths_domestic';

describe('organisers import exhibitors from CSV', () => {
  let sys: TestSystem;
  let organiser: string;
  const post = (csv: string, lang: 'vi' | 'en' = 'en') =>
    sys.http('POST', `/api/fairs/${REF_FAIR}/exhibitors/import`, { token: organiser, body: csv, contentType: 'text/csv', lang });
  const count = async () => (await sys.dataSource.query(`SELECT count(*)::int AS n FROM exhibitors`))[0].n as number;

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    await sys.api.get(ReferenceFairSeeder).seed();
    organiser = await sys.signIn('organiser');
  });
  afterAll(() => sys?.close());

  it('names every bad row and field, and imports nothing', async () => {
    const csv = [
      HEADER,
      'Good Co,,JP,JP9000001,Tokyo,Sato,good@d.example,+81 3 1234 5678,mechanical,,en,1,',
      'Bad Mail,,JP,JP9000002,Tokyo,Sato,not-mail,+81 3 1234 5678,mechanical,,en,1,',
      'Bad Country,,XX,JP9000003,Tokyo,Sato,c@d.example,+81 3 1234 5678,mechanical,,en,1,',
      'Bad Sector,,VN,0101999001,Hà Nội,An,s@d.example,0912345678,mechanical|space,,vi,,1',
      'Too Many,,VN,0101999002,Hà Nội,An,m@d.example,0912345679,mechanical,,vi,,84',
      'Same Tax,,JP,JP-9000001,Tokyo,Sato,other@d.example,+81 3 1234 5678,mechanical,,en,1,',
    ].join('\n');
    const res = await post(csv, 'vi');
    expect([res.status, res.body.code]).toEqual([422, 'EXHIBITOR_IMPORT_INVALID']);
    expect(res.body.message).toMatch(/5 dòng lỗi/);
    expect(res.body.details.rows.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [3, 'email'],
      [4, 'country'],
      [5, 'sectors'],
      [6, 'booths_*'],
      [7, 'tax_id'],
    ]);
    expect(await count()).toBe(0);
    expect((await post('legal_name,country\nX,JP')).body.code).toBe('CSV_MISSING_COLUMNS');
  });

  it('imports a delegation as approved exhibitors, each invited to confirm its email and open its account', async () => {
    const csv = [
      HEADER,
      'Osaka Valves,Osaka Valves Ltd,JP,JP9100001,Osaka,Tanaka,valves@osaka.example,+81 6 1234 5678,mechanical|automation,valves,en,2,',
      '"Công ty Nhựa Việt, Hà Nội",,VN,0101888001,Hà Nội,Lan,nhua@hn.example,0243 825 1234,plastics-rubber,"ống, van",vi,,1',
    ].join('\n');
    const res = await post(csv);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(2);
    const rows = await sys.dataSource.query(`SELECT legal_name, status, origin, source, booth_requests FROM exhibitors ORDER BY legal_name`);
    expect(rows).toEqual([
      { legal_name: 'Công ty Nhựa Việt, Hà Nội', status: 'approved', origin: 'domestic', source: 'import', booth_requests: { domestic: 1 } },
      { legal_name: 'Osaka Valves', status: 'approved', origin: 'international', source: 'import', booth_requests: { international: 2 } },
    ]);
    const mail = await eventually(async () => (await mailsTo(sys, 'nhua@hn.example'))[0]);
    expect(mail.text).toMatch(/Ban tổ chức đã đăng ký/);
    const confirmed = await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token: linkToken(mail, '/exhibitor/confirm'), password: 'delegation-pass-1' } });
    expect(confirmed.body).toMatchObject({ status: 'approved', user: { role: 'exhibitor' } });
    const audit = await sys.dataSource.query(`SELECT action, actor_role FROM audit_log WHERE action = 'exhibitor.import'`);
    expect(audit).toEqual([{ action: 'exhibitor.import', actor_role: 'organiser' }]);
    // the same file again: every row is now a duplicate
    const again = await post(csv);
    expect(again.body.details.rows.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [2, 'tax_id'],
      [2, 'email'],
      [3, 'tax_id'],
      [3, 'email'],
    ]);
    const exhibitor = await sys.signIn('exhibitor');
    expect((await sys.http('POST', `/api/fairs/${REF_FAIR}/exhibitors/import`, { token: exhibitor, body: { csv } })).status).toBe(403);
  });
});
