/**
 * Setup for the check-in scenario, through the real API in its own process: an organiser (made
 * in SQL, then signed in over HTTP), an open fair, visitors imported by CSV (each gets a signed
 * pass), gates with one device each and one signed-in gate staff member per device.
 */
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';

export interface Api {
  url: string;
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
}

export function api(url: string): Api {
  return {
    url,
    async call(method, path, body, token) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

const PASSWORD = 'bench-password-123';

async function must(p: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
}

export async function organiserToken(a: Api, pg: Pool): Promise<string> {
  const email = `org-${randomBytes(4).toString('hex')}@bench.example`;
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
  await pg.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Bench organiser', 'organiser', $2)`, [email, hash]);
  return (await must(a.call('POST', '/api/auth/login', { email, password: PASSWORD }), 'login')).token;
}

/** A fair open from yesterday to the day after tomorrow, with `visitors` imported visitors. */
export async function openFairWithVisitors(a: Api, org: string, slug: string, visitors: number, policy: string): Promise<{ id: string; slug: string }> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const fair = await must(a.call('POST', '/api/fairs', { slug, nameVi: `Hội chợ ${slug}`, nameEn: `Fair ${slug}`, startsOn: day(-1), endsOn: day(2) }, org), 'fair');
  const types = ['trade-buyer', 'importer', 'general', 'press', 'exhibitor-staff'];
  for (let start = 0; start < visitors; start += 5000) {
    const lines = ['name,email,country,visitor_type,entry_policy,lang'];
    for (let i = start; i < Math.min(visitors, start + 5000); i++) lines.push(`Khách ${i},v${i}@${slug}.example,VN,${types[i % 5]},${policy},${i % 2 ? 'en' : 'vi'}`);
    await must(a.call('POST', `/api/visitors/fairs/${slug}/import`, { csv: lines.join('\n') }, org), 'import');
  }
  return { id: fair.id, slug };
}

/** `count` gates, each with one device and its own signed-in gate staff member. */
export async function gateDevices(a: Api, org: string, slug: string, count: number): Promise<{ id: string; token: string }[]> {
  const out: { id: string; token: string }[] = [];
  for (let g = 0; g < count; g++) {
    const gate = await must(a.call('POST', `/api/checkin/fairs/${slug}/gates`, { code: `G${g}`, nameVi: `Cổng ${g}`, nameEn: `Gate ${g}` }, org), 'gate');
    const device = await must(a.call('POST', `/api/checkin/gates/${gate.id}/devices`, { name: `Scanner ${g}` }, org), 'device');
    const email = `gate-${g}-${randomBytes(3).toString('hex')}@bench.example`;
    await must(a.call('POST', '/api/auth/users', { email, name: `Gate ${g}`, role: 'gate', password: PASSWORD }, org), 'gate user');
    const token = (await must(a.call('POST', '/api/auth/login', { email, password: PASSWORD }), 'gate login')).token;
    await must(a.call('POST', `/api/checkin/devices/${device.id}/sign-in`, undefined, token), 'device sign-in');
    out.push({ id: device.id, token });
  }
  return out;
}
