/**
 * Meeting requests through the real API (its own process, throwaway database cloned from the
 * migrated template, no worker): an organiser (made in SQL, signed in over HTTP) sets up a fair
 * with sessions and `participants` opted-in visitors; then closed-loop clients POST
 * /api/matchmaking/requests, each with a participant token, never the same pair twice. Each
 * request is the whole transaction: both participants' rows locked, limits counted, the request
 * row, the email (mail_messages + outbox), the tally job and the expiry job.
 */
import argon2 from 'argon2';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { ensureTemplate } from '../../libs/testing/src/test-database';
import { createBenchDatabase, dropBenchDatabase } from './bench-database';
import { forkServer, LatencySamples } from './load-test';
import { benchDurationSec, log, round } from './report';

export interface MeetingRequestFigures {
  clients: number;
  participants: number;
  seconds: number;
  created: number;
  failures: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
}

export async function meetingRequestsLoad(clients = 16, participants = 400): Promise<MeetingRequestFigures> {
  const dbName = `fair_bench_mm_requests_${process.pid}`;
  const url = await createBenchDatabase(dbName, { template: await ensureTemplate() });
  const server = await forkServer(resolve(__dirname, 'api.server.ts'), {
    DATABASE_URL: url,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    REDIS_PREFIX: `fairbench-mm-${process.pid}`,
    DATABASE_POOL_SIZE: '20',
  });
  const pg = new Pool({ connectionString: url, max: 2 });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const must = async (p: ReturnType<typeof call>, what: string) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body;
  };
  try {
    log(`  setting up: organiser, fair, ${participants} participants`);
    const password = 'bench-password-123';
    await pg.query(`INSERT INTO users (email, name, role, password_hash) VALUES ('mm-org@bench.example', 'Bench organiser', 'organiser', $1)`, [
      await argon2.hash(password, { type: argon2.argon2id }),
    ]);
    const org = { authorization: `Bearer ${(await must(call('POST', '/api/auth/login', { email: 'mm-org@bench.example', password }), 'login')).token}` };
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await must(call('POST', '/api/fairs', { slug: 'mm-bench', nameVi: 'Hội chợ mm', nameEn: 'Fair mm', startsOn: day(10), endsOn: day(12) }, org), 'fair');
    const sessions = [10, 11, 12].map((d) => ({ date: day(d), start: '08:00', end: '17:00', breaks: [{ start: '12:00', end: '13:00' }] }));
    await must(call('PUT', '/api/matchmaking/fairs/mm-bench/settings', { slotMinutes: 30, perDayLimit: 12, requestExpiryHours: 72, mode: 'immediate', sessions }, org), 'settings');
    const lines = ['name,email,company,country,visitor_type,lang'];
    for (let i = 0; i < participants; i++) lines.push(`Buyer ${i},buyer${i}@mm-bench.example,Company ${i},${i % 3 ? 'VN' : 'JP'},trade-buyer,${i % 2 ? 'en' : 'vi'}`);
    await must(call('POST', '/api/visitors/fairs/mm-bench/import', { csv: lines.join('\n') }, org), 'import');
    const visitors = (await pg.query<{ id: string }>(`SELECT id FROM visitors ORDER BY email`)).rows;
    const people: { id: string; token: string }[] = [];
    for (const v of visitors) {
      const r = await must(
        call('POST', '/api/matchmaking/fairs/mm-bench/participants', { visitorId: v.id, sectors: ['mechanical'], offers: ['CNC machining'], seeks: ['moulds'], companySize: 'small', countries: ['JP'], languages: ['vi'] }, org),
        'opt-in',
      );
      people.push({ id: r.participantId, token: r.token });
    }

    const samples = new LatencySamples();
    let failures = 0;
    let k = 0;
    const n = people.length;
    const durationSec = benchDurationSec(10);
    log(`  ${clients} clients, ${durationSec}s: POST /api/matchmaking/requests`);
    const started = performance.now();
    const deadline = started + durationSec * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < deadline) {
          // request k: from i to i + d (d grows every n requests), so no pair comes twice either way
          const i = k % n;
          const d = 1 + Math.floor(k / n);
          k++;
          const t0 = performance.now();
          const r = await call('POST', '/api/matchmaking/requests', { to: people[(i + d) % n]!.id }, { 'x-participant-token': people[i]!.token });
          if (r.status === 201) samples.add(performance.now() - t0);
          else failures++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      clients,
      participants: n,
      seconds: round(seconds, 1),
      created: samples.size,
      failures,
      requestsPerSecond: round(samples.size / seconds, 1),
      latencyMs: { p50: round(samples.percentile(50)), p99: round(samples.percentile(99)), max: round(samples.percentile(100)) },
    };
  } finally {
    await pg.end();
    await server.stop();
    await dropBenchDatabase(dbName);
  }
}
