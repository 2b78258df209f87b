/**
 * Scenario "checkin": `npm run bench -- checkin [--json]`
 *
 * 1. Online scans through the real API (own process, throwaway database cloned from the migrated
 *    template) at 8, 32 and 64 concurrent gates: closed-loop keep-alive connections driven by wrk
 *    (C, like pgbench), scanning in then out over 20,000 re-entry passes; p50/p99 from wrk's
 *    histogram. Next to pgbench's ceiling. The 32 gates once more with autocannon (Node, ~80 µs
 *    of CPU per request on the same two cores) to show what the load generator takes.
 * 2. Pass signature verifications per second on one core (the whole gate check: Base45, layout,
 *    Ed25519) next to raw crypto.verify of the same bytes.
 * 3. The reference fair's 3,029 invitations end to end, with one worker process and with two (run before the scans, whose tally jobs would
 *    otherwise be waiting in the outbox for the same worker) (POST → outbox → BullMQ → render with QR PNG
 *    and PDF badge → SMTP sink: Postfix's smtp-sink, C, when .ci/run has unpacked it), next to raw
 *    nodemailer sending a ready-made message to the same sink.
 *
 * 4. Two floors under a scan at 32 gates, same wrk load (bench/lib/scan-floor.server.ts, decision
 *    022): bare Fastify with the same pass check and one pgbench-like UPDATE per scan, then bare
 *    Fastify with the same pass check and the real recording function. They show what part of
 *    pgbench's ceiling any scan API could reach on this machine, and where the rest goes.
 *
 * JSON keys the issue asks for: `ratioToCeiling` (scans/s at 32 gates ÷ pgbench tps) and `p99Ms`.
 */
import { fork } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import nodemailer from 'nodemailer';
import { Pool } from 'pg';
import { ensureTemplate } from '../libs/testing/src/test-database';
import sodium from 'sodium-native';
import { base45Decode, decodePassCode, encodePassCode, rawPublicKey } from '../libs/visitors/src';
import { startBenchSmtpSink } from './lib/bench-smtp-sink';
import { api, gateDevices, openFairWithVisitors, organiserToken, type Api } from './lib/checkin-fixtures';
import { wrkScanLoad, wrkVersion } from './lib/wrk';
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

const LEVELS = [8, 32, 64];
const FLOORS = [
  { mode: 'update', what: 'floor: bare Fastify + pass check + one-row UPDATE' },
  { mode: 'record', what: 'floor: bare Fastify + pass check + the real recording' },
] as const;
const PASSES = 20_000;
const INVITATIONS = 3_029;

/**
 * Scans at `devices.length` concurrent gates with autocannon (one connection per gate, each with
 * its device path and staff token, a fresh nonce per request), for the comparison with wrk.
 * Latencies are exact per response.
 */
async function autocannonScanLoad(baseUrl: string, devices: { id: string; token: string }[], codes: string[], durationSec: number) {
  const samples = new LatencySamples();
  let counter = 0;
  let connection = 0;
  const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: devices.length,
        duration: durationSec,
        requests: [
          {
            method: 'POST',
            setupRequest: (req: autocannon.Request, context: Record<string, unknown>) => {
              // each connection keeps one gate: its device and its staff member's token
              context.device ??= devices[connection++ % devices.length];
              const d = context.device as { id: string; token: string };
              const n = counter++;
              const direction = Math.floor(n / codes.length) % 2 ? 'out' : 'in';
              return {
                ...req,
                path: `/api/checkin/devices/${d.id}/scans`,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}` },
                body: JSON.stringify({ code: codes[n % codes.length], nonce: randomBytes(9).toString('base64url'), direction }),
              };
            },
          },
        ],
      } as autocannon.Options,
      (err, r) => (err ? reject(err) : resolvePromise(r)),
    );
    instance.on('response', (_c, status, _b, ms) => {
      if (status === 200) samples.add(ms);
    });
  });
  return {
    gates: devices.length,
    scansPerSec: round(samples.size / result.duration, 1),
    p50Ms: round(samples.percentile(50)),
    p99Ms: round(samples.percentile(99)),
    scans: samples.size,
    failures: result.non2xx + result.errors,
  };
}

function verifyRates(durationSec: number) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const fairId = '0b7c2b8e-1d2f-4a3b-9c4d-5e6f7a8b9c0d';
  const code = encodePassCode(
    { keyId: 1, fairId, serial: 123456, issue: 1, visitorType: 'importer', entryPolicy: 're-entry', validFrom: 1_790_000_000, validUntil: 1_790_400_000 },
    privateKey,
  );
  const rate = (fn: () => unknown) => {
    let n = 0;
    const end = performance.now() + durationSec * 1000;
    const t0 = performance.now();
    while (performance.now() < end) for (let i = 0; i < 100; i++, n++) fn();
    return Math.round(n / ((performance.now() - t0) / 1000));
  };
  const bytes = Buffer.from(base45Decode(code)!);
  const message = Buffer.concat([Buffer.from('fair-pass:v1:'), bytes.subarray(0, 34)]);
  const signature = sign(null, message, privateKey);
  const rawKey = rawPublicKey(publicKey);
  return {
    passCodePerSec: rate(() => decodePassCode(code, fairId, () => publicKey)),
    rawVerifyPerSec: rate(() => verify(null, message, publicKey, signature)),
    // what decodePassCode verifies with (libs/visitors/src/qr/pass-code.ts, docs/decisions/017)
    rawSodiumVerifyPerSec: rate(() => sodium.crypto_sign_verify_detached(signature, message, rawKey)),
  };
}

/**
 * `workers` worker processes (each with 50 concurrent jobs), as a deployment would scale them,
 * sending to Postfix's smtp-sink (C) when there is one, else to the project's Node sink. Every
 * invitation must arrive exactly once; the sink's CPU per email is reported like wrk's.
 */
async function invitationsEndToEnd(a: Api, org: string, env: Record<string, string>, workers: number) {
  const sink = await startBenchSmtpSink();
  const procs = Array.from({ length: workers }, () =>
    fork(resolve(__dirname, '../apps/worker/src/main.ts'), [], {
      env: { ...process.env, ...env, SMTP_URL: sink.url, MAIL_RATE_PER_SECOND: '100000', WORKER_CONCURRENCY: '50' },
      stdio: ['ignore', 2, 2, 'ipc'],
    }),
  );
  // Listening from the start: a worker that refuses to start must fail the run, not hang it.
  const died = Promise.race(procs.map((w) => new Promise<never>((_, reject) => w.once('exit', (code) => reject(new Error(`worker exited (${code}) before sending`))))));
  died.catch(() => undefined);
  try {
    const fair = await openFairWithVisitors(a, org, `bench-invitations-${workers}`, INVITATIONS, 're-entry');
    await new Promise((r) => setTimeout(r, 3000)); // the workers boot (swc compiles on the fly)
    log(`  ${INVITATIONS} invitations end to end, ${workers} worker process(es), to ${sink.name}`);
    const cpu0 = sink.cpuSeconds();
    const t0 = performance.now();
    const sent = await a.call('POST', `/api/visitors/fairs/${fair.slug}/invitations`, {}, org);
    if (sent.status !== 202) throw new Error(`invitations: ${sent.status} ${JSON.stringify(sent.body)}`);
    await Promise.race([sink.waitFor(INVITATIONS, 600_000), died]);
    const e2eSec = (performance.now() - t0) / 1000;
    const sinkUsPerEmail = Math.round(((sink.cpuSeconds() - cpu0) * 1e6) / INVITATIONS);
    const perRecipient = [...sink.recipients().values()];
    if (perRecipient.length !== INVITATIONS || perRecipient.some((n) => n !== 1)) {
      throw new Error(`invitations: ${perRecipient.length} recipients, ${perRecipient.filter((n) => n !== 1).length} of them not exactly once`);
    }
    const sample = sink.sample();

    log(`  raw nodemailer: ${INVITATIONS} ready-made messages (${Math.round(sample.length / 1024)} KB each)`);
    const transport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: 5, maxMessages: Infinity } as never);
    const r0 = performance.now();
    await Promise.all(Array.from({ length: INVITATIONS }, (_, i) => transport.sendMail({ envelope: { from: 'bench@fair.local', to: `r${i}@bench.example` }, raw: sample })));
    const rawSec = (performance.now() - r0) / 1000;
    transport.close();
    return {
      workers,
      count: INVITATIONS,
      seconds: round(e2eSec, 2),
      emailsPerSec: round(INVITATIONS / e2eSec, 1),
      messageKb: round(sample.length / 1024, 1),
      rawNodemailerPerSec: round(INVITATIONS / rawSec, 1),
      smtpSink: sink.name,
      sinkUsPerEmail,
    };
  } finally {
    procs.forEach((w) => w.kill('SIGTERM'));
    await sink.stop();
  }
}

async function main(): Promise<void> {
  const { json } = benchOptions();
  const c = await ceilings();
  const durationSec = benchDurationSec(10);
  log('checkin: signature verification, one core');
  const verifyFig = verifyRates(Math.min(durationSec, 3));

  const dbName = `fair_bench_checkin_${process.pid}`;
  const url = await createBenchDatabase(dbName, { template: await ensureTemplate() });
  const env = { DATABASE_URL: url, APP_SECRET: randomBytes(24).toString('hex'), NODE_ENV: 'test', LOG_LEVEL: 'error', REDIS_PREFIX: `fairbench-${process.pid}`, DATABASE_POOL_SIZE: '20', SEED_ON_START: 'false' };
  const server = await forkServer(resolve(__dirname, 'lib/api.server.ts'), env);
  const pg = new Pool({ connectionString: url, max: 2 });
  try {
    const a = api(server.url);
    const org = await organiserToken(a, pg);
    log(`  setup: ${PASSES} passes, ${Math.max(...LEVELS)} gates`);
    const fair = await openFairWithVisitors(a, org, 'bench-checkin', PASSES, 're-entry');
    const codes = (await pg.query<{ code: string }>(`SELECT code FROM passes WHERE fair_id = $1 ORDER BY serial`, [fair.id])).rows.map((r) => r.code);
    const devices = await gateDevices(a, org, fair.slug, Math.max(...LEVELS));
    // Invitations first: after the scan load the outbox holds one tally job per admission and
    // exit, and a worker started then would be draining those while the mails are timed.
    const invitations = await invitationsEndToEnd(a, org, env, 1);
    const invitations2 = await invitationsEndToEnd(a, org, env, 2);
    const wrk = await wrkVersion();
    if (!wrk) throw new Error('wrk not found on PATH: apt-get install wrk (.ci/run installs it)');
    await wrkScanLoad(server.url, devices.slice(0, 8), codes, Math.min(2, durationSec)); // warm-up
    const scans = [];
    for (const gates of LEVELS) {
      log(`  scans: ${gates} gates, ${durationSec}s (${wrk})`);
      scans.push(await wrkScanLoad(server.url, devices.slice(0, gates), codes.slice(scans.length * 6000), durationSec));
    }
    log(`  scans: 32 gates, ${durationSec}s (autocannon)`);
    const autocannon32 = await autocannonScanLoad(server.url, devices.slice(0, 32), codes.slice(3 * 6000).concat(codes.slice(0, 3 * 6000)), durationSec);

    const floors = [];
    for (const f of FLOORS) {
      log(`  ${f.what}: 32 gates, ${durationSec}s (${wrk})`);
      const floor = await forkServer(resolve(__dirname, 'lib/scan-floor.server.ts'), { ...env, FLOOR_MODE: f.mode });
      try {
        await wrkScanLoad(floor.url, devices.slice(0, 8), codes, Math.min(2, durationSec)); // warm-up
        const r = await wrkScanLoad(floor.url, devices.slice(0, 32), codes.slice(2000), durationSec);
        if (r.failures || !r.scans) throw new Error(`${f.what}: ${r.scans} scans, ${r.failures} failures`);
        floors.push({ ...f, ...r });
      } finally {
        await floor.stop();
      }
    }

    const at32 = scans.find((s) => s.gates === 32)!;
    const pgTps = c.db.ok ? c.db.tps : null;
    const ratioToCeiling = pgTps ? round(at32.scansPerSec / pgTps, 3) : null;
    const floorFigures = floors.map((f) => ({ ...f, ratioToCeiling: pgTps ? round(f.scansPerSec / pgTps, 3) : null }));
    printWithCeilings(
      'Check-in and invitations',
      c,
      [
        ...scans.map((s) => [`scan through the API, ${s.gates} gates (wrk)`, s.scansPerSec, 'scans/s', s.p50Ms, s.p99Ms]),
        [`scan through the API, 32 gates (autocannon)`, autocannon32.scansPerSec, 'scans/s', autocannon32.p50Ms, autocannon32.p99Ms],
        ...floors.map((f) => [`${f.what}, 32 gates (wrk)`, f.scansPerSec, 'scans/s', f.p50Ms, f.p99Ms]),
        ['pass code check (Base45 + Ed25519), 1 core', verifyFig.passCodePerSec, 'verif/s', null, null],
        ['raw crypto.verify Ed25519 (node:crypto), 1 core', verifyFig.rawVerifyPerSec, 'verif/s', null, null],
        ['raw Ed25519 verify (libsodium), 1 core', verifyFig.rawSodiumVerifyPerSec, 'verif/s', null, null],
        [`${INVITATIONS} invitations end to end (QR + PDF), 1 worker`, invitations.emailsPerSec, 'emails/s', null, null],
        [`${INVITATIONS} invitations end to end (QR + PDF), 2 workers`, invitations2.emailsPerSec, 'emails/s', null, null],
        ['raw nodemailer, ready-made message', invitations.rawNodemailerPerSec, 'emails/s', null, null],
        [`SMTP sink's CPU per email (${invitations.smtpSink})`, invitations.sinkUsPerEmail, 'µs', null, null],
      ],
      { json },
    );
    if (json) {
      emitJson({
        scenario: 'checkin',
        ceilings: c,
        ratioToCeiling,
        p99Ms: at32.p99Ms,
        loadGenerator: wrk,
        figures: { scans, scansAutocannon32: autocannon32, floors: floorFigures, verify: verifyFig, invitations, invitationsTwoWorkers: invitations2 },
      });
    }
  } finally {
    await pg.end();
    await server.stop();
    await dropBenchDatabase(dbName);
  }
}

main().catch((e) => {
  process.stderr.write(`bench checkin: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
