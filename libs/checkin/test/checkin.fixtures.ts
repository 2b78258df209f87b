import { randomBytes } from 'node:crypto';
import type { TestSystem } from '@fair/testing';
import type { PassPayload } from '@fair/visitors';
import type { ScanContext } from '../src/scan-recorder';
import { createOpenFair } from '../../visitors/test/visitors.fixtures';

export interface GateSetup {
  fair: { id: string; slug: string };
  org: string;
  /** One signed-in gate staff token per device. */
  devices: { id: string; token: string; gateId: string }[];
  /** Pass codes by visitor email. */
  codes: Map<string, { code: string; passId: string; serial: number }>;
}

export const nonce = () => randomBytes(9).toString('base64url');

/**
 * A fair open now with `gates` gates (one device each, each with its own signed-in staff) and
 * visitors given as [email, type, policy] triples, imported by CSV so each has a pass.
 */
export async function setupGates(
  sys: TestSystem,
  slug: string,
  gates: number,
  visitors: [string, string, string][],
  fair?: { id: string; slug: string },
): Promise<GateSetup> {
  const org = await sys.signIn('organiser');
  fair ??= await createOpenFair(sys, org, slug);
  const csv = ['name,email,country,visitor_type,entry_policy', ...visitors.map(([e, t, p], i) => `Khách ${i},${e},VN,${t},${p}`)].join('\n');
  const imp = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/import`, { token: org, body: { csv } });
  if (imp.status !== 200) throw new Error(`import: ${imp.status} ${JSON.stringify(imp.body)}`);
  const devices: GateSetup['devices'] = [];
  for (let g = 0; g < gates; g++) {
    const gate = await sys.http('POST', `/api/checkin/fairs/${fair.slug}/gates`, { token: org, body: { code: `G${g}`, nameVi: `Cổng ${g}`, nameEn: `Gate ${g}` } });
    const device = await sys.http('POST', `/api/checkin/gates/${gate.body.id}/devices`, { token: org, body: { name: `Scanner ${g}` } });
    const token = await sys.signIn('gate');
    const signIn = await sys.http('POST', `/api/checkin/devices/${device.body.id}/sign-in`, { token });
    if (signIn.status !== 200) throw new Error(`device sign-in: ${signIn.status}`);
    devices.push({ id: device.body.id, token, gateId: gate.body.id });
  }
  const rows: { email: string; code: string; id: string; serial: string }[] = await sys.dataSource.query(
    `SELECT v.email, p.code, p.id, p.serial FROM passes p JOIN visitors v ON v.id = p.visitor_id WHERE p.fair_id = $1`,
    [fair.id],
  );
  return { fair, org, devices, codes: new Map(rows.map((r) => [r.email, { code: r.code, passId: r.id, serial: Number(r.serial) }])) };
}

export function scan(sys: TestSystem, device: { id: string; token: string }, code: unknown, extra: Record<string, unknown> = {}) {
  return sys.http('POST', `/api/checkin/devices/${device.id}/scans`, { token: device.token, body: { code, nonce: nonce(), ...extra } });
}

/**
 * An online scan of a well-signed code of this setup's fair, for calling the recording functions
 * directly: from gate `device` (default the first), a fresh nonce, now; `payload` and the rest
 * override what a test needs.
 */
export function onlineScan(
  s: GateSetup,
  payload: Pick<PassPayload, 'serial' | 'visitorType' | 'entryPolicy'> & Partial<PassPayload>,
  { device = 0, ...over }: Partial<ScanContext> & { device?: number } = {},
): ScanContext {
  const d = s.devices[device]!;
  return {
    fairId: s.fair.id,
    timeZone: 'Asia/Ho_Chi_Minh',
    deviceId: d.id,
    gateId: d.gateId,
    staffUserId: null,
    nonce: nonce(),
    direction: 'in',
    decoded: { ok: true, payload: { keyId: 1, fairId: s.fair.id, issue: 1, validFrom: 0, validUntil: 4_000_000_000, ...payload } },
    at: new Date(),
    offline: false,
    ...over,
  };
}
