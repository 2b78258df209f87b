import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { decodePassCode, publicKeyFromRaw } from '@fair/visitors';
import { nonce, scan, setupGates, type GateSetup } from './checkin.fixtures';

/** The offline gate's API: the kit it verifies with, and the upload of its queued scans. */
describe('offline gates (API)', () => {
  let sys: TestSystem;
  let s: GateSetup;
  const code = (email: string) => s.codes.get(email)!.code;
  const upload = (d: { id: string; token: string }, scans: unknown[]) =>
    sys.http('POST', `/api/checkin/devices/${d.id}/offline-scans`, { token: d.token, body: { scans } });
  const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

  beforeAll(async () => {
    sys = await startTestSystem();
    s = await setupGates(sys, 'offline-e2e', 2, [
      ['one@x.vn', 'importer', 'single'],
      ['two@x.vn', 'press', 're-entry'],
      ['three@x.vn', 'general', 'single'],
      ['gone@x.vn', 'general', 're-entry'],
    ]);
  });
  afterAll(() => sys.close());

  it('gives gates the public keys and revocation list, enough to verify codes offline', async () => {
    await sys.http('POST', `/api/visitors/fairs/${s.fair.slug}/passes/${s.codes.get('gone@x.vn')!.passId}/cancel`, { token: s.org, body: {} });
    const kit = await sys.http('GET', `/api/checkin/fairs/${s.fair.slug}/offline-kit`, { token: s.devices[0]!.token });
    expect(kit.status).toBe(200);
    expect(kit.body.revocations).toEqual([expect.objectContaining({ serial: s.codes.get('gone@x.vn')!.serial, issue: 1 })]);
    const keys = new Map(kit.body.keys.map((k: { keyId: number; publicKey: string }) => [k.keyId, publicKeyFromRaw(Buffer.from(k.publicKey, 'base64'))]));
    expect(decodePassCode(code('one@x.vn'), s.fair.id, (_f, kid) => keys.get(kid) as never).ok).toBe(true);
  });

  it('stores each queued scan once with its real time, and flags a pass admitted at two gates', async () => {
    const [a, b] = s.devices;
    const batchA = [
      { code: code('one@x.vn'), nonce: nonce(), scannedAt: minutesAgo(30), localVerdict: 'admitted' },
      { code: code('two@x.vn'), nonce: nonce(), scannedAt: minutesAgo(25), localVerdict: 'admitted' },
      { code: code('two@x.vn'), nonce: nonce(), scannedAt: minutesAgo(20), localVerdict: 'exited', direction: 'out' },
      { code: code('gone@x.vn'), nonce: nonce(), scannedAt: minutesAgo(19), localVerdict: 'revoked' },
      { code: 'garbage', nonce: nonce(), scannedAt: minutesAgo(18), localVerdict: 'invalid' },
    ];
    const resA = await upload(a!, batchA);
    expect(resA.status).toBe(200);
    expect(resA.body).toMatchObject({ stored: 5, duplicates: 0, conflicts: 0 });
    expect(resA.body.results.map((r: { verdict: string }) => r.verdict)).toEqual(['admitted', 'admitted', 'exited', 'revoked', 'invalid']);

    // Gate B was offline too and also let "one" in (single entry), and let the cancelled pass in.
    const batchB = [
      { code: code('one@x.vn'), nonce: nonce(), scannedAt: minutesAgo(10), localVerdict: 'admitted' },
      { code: code('gone@x.vn'), nonce: nonce(), scannedAt: minutesAgo(9), localVerdict: 'admitted' },
      { code: code('three@x.vn'), nonce: nonce(), scannedAt: minutesAgo(8), localVerdict: 'admitted' },
    ];
    const resB = await upload(b!, batchB);
    expect(resB.body).toMatchObject({ stored: 3, duplicates: 0, conflicts: 2 });

    // A replayed batch (the gate did not get the answer) stores nothing new.
    const again = await upload(b!, batchB);
    expect(again.body).toMatchObject({ stored: 0, duplicates: 3 });
    const rows = await sys.dataSource.query(`SELECT count(*)::int AS n FROM checkin_scans WHERE fair_id = $1`, [s.fair.id]);
    expect(rows[0].n).toBe(8);
    const times = await sys.dataSource.query(`SELECT scanned_at FROM checkin_scans WHERE nonce = $1`, [batchA[0]!.nonce]);
    expect(new Date(times[0].scanned_at).toISOString()).toBe(batchA[0]!.scannedAt);

    const report = await sys.http('GET', `/api/checkin/fairs/${s.fair.slug}/conflicts`, { token: s.org });
    expect(report.body).toEqual([
      expect.objectContaining({ kind: 'double-admission', gate: 'G1', earlierGate: 'G0', visitorType: 'importer', serial: s.codes.get('one@x.vn')!.serial, id: expect.stringMatching(/^\d+$/) }),
      expect.objectContaining({ kind: 'admitted-while-invalid', verdict: 'revoked', gate: 'G1' }),
    ]);
    // Online, the single-entry pass is used up now.
    expect((await scan(sys, a!, code('one@x.vn'))).body.verdict).toBe('already-inside');
  });

  it('refuses malformed uploads with a clear error and writes nothing', async () => {
    const d = s.devices[0]!;
    const before = (await sys.dataSource.query(`SELECT count(*)::int AS n FROM checkin_scans`))[0].n;
    const bad = await upload(d, [
      { code: code('three@x.vn'), nonce: nonce(), scannedAt: minutesAgo(1), localVerdict: 'admitted' },
      { code: code('three@x.vn'), nonce: 'short', scannedAt: 'yesterday', localVerdict: 'maybe' },
    ]);
    expect(bad.status).toBe(422);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['scans[1].localVerdict', 'scans[1].nonce', 'scans[1].scannedAt']);
    expect((await sys.dataSource.query(`SELECT count(*)::int AS n FROM checkin_scans`))[0].n).toBe(before);
    const other = await setupGates(sys, 'offline-other', 1, [['x@x.vn', 'general', 'single']]);
    const foreign = await upload(other.devices[0]!, [{ code: code('three@x.vn'), nonce: nonce(), scannedAt: minutesAgo(1), localVerdict: 'admitted' }]);
    expect(foreign.body.results[0]).toMatchObject({ verdict: 'invalid', reason: 'wrong-fair', conflict: false });
  });
});
