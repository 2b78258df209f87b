import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { nonce, scan, setupGates, type GateSetup } from './checkin.fixtures';

describe('gate check-in (API)', () => {
  let sys: TestSystem;
  let s: GateSetup;
  const code = (email: string) => s.codes.get(email)!.code;

  beforeAll(async () => {
    sys = await startTestSystem();
    const visitors: [string, string, string][] = [
      ['single@x.vn', 'general', 'single'],
      ['reentry@x.vn', 'press', 're-entry'],
      ['daily@x.vn', 'trade-buyer', 'once-per-day'],
      ['reissued@x.vn', 'importer', 're-entry'],
      ['cancelled@x.vn', 'importer', 're-entry'],
    ];
    for (let i = 0; i < 30; i++) visitors.push([`crowd-${i}@x.vn`, 'general', 'single']);
    s = await setupGates(sys, 'checkin-e2e', 8, visitors);
  });
  afterAll(() => sys.close());

  it('answers each rule with its verdict and the visitor name and type', async () => {
    const [d0, d1] = s.devices;
    const first = await scan(sys, d0!, code('single@x.vn'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ verdict: 'admitted', visitor: { name: expect.any(String), visitorType: 'general' } });
    expect((await scan(sys, d1!, code('single@x.vn'))).body.verdict).toBe('already-inside');
    expect((await scan(sys, d1!, code('single@x.vn'), { direction: 'out' })).body.verdict).toBe('exited');
    expect((await scan(sys, d1!, code('single@x.vn'))).body).toMatchObject({ verdict: 'already-inside', reason: 'single-entry-used' });

    expect((await scan(sys, d0!, code('reentry@x.vn'))).body.verdict).toBe('admitted');
    expect((await scan(sys, d0!, code('reentry@x.vn'))).body.verdict).toBe('already-inside');
    expect((await scan(sys, d0!, code('reentry@x.vn'), { direction: 'out' })).body.verdict).toBe('exited');
    expect((await scan(sys, d0!, code('reentry@x.vn'), { direction: 'out' })).body.verdict).toBe('not-inside');
    expect((await scan(sys, d1!, code('reentry@x.vn'))).body.verdict).toBe('re-entry');

    expect((await scan(sys, d0!, code('daily@x.vn'))).body.verdict).toBe('admitted');
    await scan(sys, d0!, code('daily@x.vn'), { direction: 'out' });
    expect((await scan(sys, d0!, code('daily@x.vn'))).body).toMatchObject({ verdict: 'already-inside', reason: 'used-today' });

    const presence = await sys.http('GET', `/api/checkin/fairs/${s.fair.slug}/presence`, { token: s.org });
    expect(presence.body).toMatchObject({ inside: 1, byVisitorType: { press: 1 } });
  });

  it('refuses reissued and cancelled codes as revoked', async () => {
    const old = code('reissued@x.vn');
    const re = await sys.http('POST', `/api/visitors/fairs/${s.fair.slug}/passes/${s.codes.get('reissued@x.vn')!.passId}/reissue`, { token: s.org, body: { sendInvitation: false } });
    expect(re.status).toBe(200);
    expect((await scan(sys, s.devices[0]!, old)).body).toMatchObject({ verdict: 'revoked', reason: 'reissued' });
    const fresh = (await sys.dataSource.query(`SELECT code FROM passes WHERE id = $1`, [re.body.passId]))[0].code;
    expect((await scan(sys, s.devices[0]!, fresh)).body.verdict).toBe('admitted');
    await sys.http('POST', `/api/visitors/fairs/${s.fair.slug}/passes/${s.codes.get('cancelled@x.vn')!.passId}/cancel`, { token: s.org, body: {} });
    expect((await scan(sys, s.devices[0]!, code('cancelled@x.vn'))).body).toMatchObject({ verdict: 'revoked', reason: 'cancelled' });
  });

  it('answers garbage, truncated, oversized and foreign codes with "invalid", never 500', async () => {
    const good = code('crowd-29@x.vn');
    const bad = ['', 'hello', good.slice(0, 100), good + 'A', 'A'.repeat(5000), good.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), '💥'.repeat(50)];
    for (const text of bad) {
      const res = await scan(sys, s.devices[0]!, text);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ verdict: 'invalid', visitor: null });
    }
    expect((await scan(sys, s.devices[0]!, 'A'.repeat(20_000))).status).toBe(422);
    expect((await scan(sys, s.devices[0]!, 12345)).status).toBe(422);
    // A device of another fair scanning this fair's code: the code is not valid there.
    const other = await setupGates(sys, 'checkin-other', 1, [['o@x.vn', 'general', 'single']]);
    expect((await scan(sys, other.devices[0]!, good)).body).toMatchObject({ verdict: 'invalid', reason: 'wrong-fair' });
    expect((await scan(sys, s.devices[0]!, other.codes.get('o@x.vn')!.code)).body).toMatchObject({ verdict: 'invalid', reason: 'wrong-fair' });
  });

  it('answers not-valid-yet before the fair and expired after it', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    for (const [slug, from, to, verdict] of [['future-fair', 3, 5, 'not-valid-yet'], ['past-fair', -5, -3, 'expired']] as const) {
      const f = await sys.http('POST', '/api/fairs', { token: s.org, body: { slug, nameVi: slug, nameEn: slug, startsOn: day(from), endsOn: day(to) } });
      const g = await setupGates(sys, slug, 1, [[`${slug}@x.vn`, 'general', 'single']], { id: f.body.id, slug });
      expect((await scan(sys, g.devices[0]!, g.codes.get(`${slug}@x.vn`)!.code)).body).toMatchObject({ verdict, visitor: { visitorType: 'general' } });
    }
  });

  it('needs the staff member signed in on the device', async () => {
    const stranger = await sys.signIn('gate');
    const res = await sys.http('POST', `/api/checkin/devices/${s.devices[0]!.id}/scans`, { token: stranger, body: { code: code('crowd-0@x.vn'), nonce: nonce() } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('DEVICE_NOT_SIGNED_IN');
    expect((await sys.http('POST', `/api/checkin/devices/not-a-device/scans`, { token: stranger, body: { code: 'x', nonce: nonce() } })).status).toBe(404);
  });

  it('stores a re-sent scan once, even when the copies arrive together', async () => {
    const d = s.devices[2]!;
    const body = { code: code('crowd-28@x.vn'), nonce: nonce() };
    const answers = await Promise.all(Array.from({ length: 12 }, () => sys.http('POST', `/api/checkin/devices/${d.id}/scans`, { token: d.token, body })));
    expect(answers.every((a) => a.status === 200 && a.body.verdict === 'admitted')).toBe(true);
    expect(answers.filter((a) => !a.body.replayed)).toHaveLength(1);
    const rows = await sys.dataSource.query(`SELECT count(*)::int AS n FROM checkin_scans WHERE nonce = $1`, [body.nonce]);
    expect(rows[0].n).toBe(1);
  });

  it('admits each code exactly once when every gate scans it at the same instant', async () => {
    const crowd = Array.from({ length: 25 }, (_, i) => code(`crowd-${i}@x.vn`));
    const answers = await Promise.all(crowd.flatMap((c) => s.devices.map((d) => scan(sys, d, c))));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const admitted = answers.filter((a) => a.body.verdict === 'admitted');
    expect(admitted).toHaveLength(crowd.length);
    expect(new Set(admitted.map((a) => a.body.serial)).size).toBe(crowd.length);
    expect(answers.filter((a) => a.body.verdict === 'already-inside')).toHaveLength(crowd.length * (s.devices.length - 1));
    const db = await sys.dataSource.query(
      `SELECT count(*)::int AS n FROM checkin_scans WHERE fair_id = $1 AND verdict = 'admitted' AND serial = ANY($2::bigint[])`,
      [s.fair.id, admitted.map((a) => a.body.serial)],
    );
    expect(db[0].n).toBe(crowd.length);
  });
});
