/**
 * Scenario "exhibitors": online applications through the real API, each followed by its email
 * confirmation (which creates the exhibitor account and a session). `npm run bench -- exhibitors`
 *
 * The API runs in its own process on a throwaway database cloned from the migrated template. The
 * load generator runs closed-loop clients; each does POST application, then reads its token row id
 * from the database and signs the link as the worker would (untimed: the worker is not running,
 * so no email is sent), then POST confirm. Latencies are exact per request.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { ensureTemplate } from '../libs/testing/src/test-database';
import { applicationBody } from '../libs/exhibitors/src/testing/application-fixtures';
import { signToken } from '../libs/exhibitors/src/exhibitor-token.codec';
import {
  benchDurationSec,
  benchOptions,
  ceilings,
  createBenchDatabase,
  dropBenchDatabase,
  emitJson,
  forkServer,
  LatencySamples,
  log,
  printWithCeilings,
  round,
} from './lib';

const CLIENTS = 16;
const SECRET = randomBytes(24).toString('hex');

async function main(): Promise<void> {
  const { json } = benchOptions();
  const c = await ceilings();
  const dbName = `fair_bench_exhibitors_${process.pid}`;
  const url = await createBenchDatabase(dbName, { template: await ensureTemplate() });
  const server = await forkServer(resolve(__dirname, 'lib/api.server.ts'), {
    DATABASE_URL: url,
    APP_SECRET: SECRET,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    REDIS_PREFIX: `fairbench-${process.pid}`,
    DATABASE_POOL_SIZE: '20',
  });
  const pg = new Pool({ connectionString: url, max: 4 });
  const post = async (path: string, body: unknown) => {
    const t0 = performance.now();
    const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const payload = (await res.json()) as Record<string, unknown>;
    return { ms: performance.now() - t0, status: res.status, body: payload };
  };
  const apply = new LatencySamples();
  const confirm = new LatencySamples();
  const pair = new LatencySamples();
  let failures = 0;
  let counter = 0;
  try {
    const durationSec = benchDurationSec(10);
    log(`  ${CLIENTS} clients, ${durationSec}s: apply + confirm`);
    const deadline = performance.now() + durationSec * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < deadline) {
          const i = ++counter;
          const a = await post('/api/fairs/hanoi-manufacturers-network-2018/exhibitor-applications', applicationBody(i, { taxId: `BENCH${i}`, email: `bench-${i}@bench.example` }));
          if (a.status !== 201) {
            failures++;
            continue;
          }
          const rows = await pg.query<{ id: string }>(`SELECT id FROM exhibitor_tokens WHERE exhibitor_id = $1 AND purpose = 'confirm-email'`, [a.body.id]);
          const k = await post('/api/exhibitor-auth/confirm', { token: signToken(SECRET, 'confirm-email', rows.rows[0]!.id) });
          if (k.status !== 200) {
            failures++;
            continue;
          }
          apply.add(a.ms);
          confirm.add(k.ms);
          pair.add(a.ms + k.ms);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const rate = round(pair.size / elapsed, 1);
    const fmt = (s: LatencySamples) => ({ p50: round(s.percentile(50)), p99: round(s.percentile(99)) });
    printWithCeilings(
      `Exhibitor applications through the API (${CLIENTS} clients, ${round(elapsed, 1)} s, ${failures} failed)`,
      c,
      [
        ['application + confirmation', rate, 'pairs/s', fmt(pair).p50, fmt(pair).p99],
        ['  POST application', rate, 'req/s', fmt(apply).p50, fmt(apply).p99],
        ['  POST confirm (account + session)', rate, 'req/s', fmt(confirm).p50, fmt(confirm).p99],
      ],
      { json },
    );
    if (json) {
      emitJson({
        scenario: 'exhibitors',
        ceilings: c,
        figures: { clients: CLIENTS, seconds: round(elapsed, 1), completed: pair.size, failures, pairsPerSec: rate, pairMs: fmt(pair), applyMs: fmt(apply), confirmMs: fmt(confirm) },
      });
    }
  } finally {
    await pg.end();
    await server.stop();
    await dropBenchDatabase(dbName);
  }
}

main().catch((e) => {
  process.stderr.write(`bench exhibitors: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
