import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { createOpenFair, visitorCsv } from './visitors.fixtures';
import { buildWorker, exited, spawnWorker } from './worker-process';

const BATCH = 300;
const messageId = (raw: Buffer) => /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('latin1'))?.[1];

/**
 * "Never lost, never sent twice": a real worker process (the production build) is SIGKILLed in
 * the middle of an invitation batch and started again; the SMTP sink must end up with every
 * invitation exactly once (by Message-ID, which is fixed per mail_messages row).
 */
describe('invitation batch survives a killed worker', () => {
  let sys: TestSystem;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    buildWorker();
    sys = await startTestSystem({ smtp: true });
  }, 240_000);
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await exited(worker);
    }
    await sys?.close();
  });

  it(`delivers all ${BATCH} invitations exactly once across a SIGKILL`, async () => {
    const org = await sys.signIn('organiser');
    const fair = await createOpenFair(sys, org, 'kill-test');
    expect((await sys.http('POST', `/api/visitors/fairs/${fair.slug}/import`, { token: org, body: { csv: visitorCsv(BATCH, 'kill') } })).status).toBe(200);
    const batch = await sys.http('POST', `/api/visitors/fairs/${fair.slug}/invitations`, { token: org, body: {} });
    expect(batch.body.queued).toBe(BATCH);

    // A slow SMTP rate keeps the batch running long enough to kill the worker in its middle.
    worker = spawnWorker(sys, { MAIL_RATE_PER_SECOND: '40' });
    await eventually(async () => sys.smtp!.messages.length >= 40, 60_000);
    worker.kill('SIGKILL');
    await exited(worker);
    const atKill = sys.smtp!.messages.length;
    expect(atKill).toBeLessThan(BATCH);

    worker = spawnWorker(sys, { MAIL_RATE_PER_SECOND: '200' });
    const progress = await eventually(async () => {
      const p = await sys.http('GET', `/api/visitors/invitation-batches/${batch.body.batchId}`, { token: org });
      return p.body.done ? p.body : null;
    }, 150_000, 250);
    expect(progress).toMatchObject({ total: BATCH, sent: BATCH, failed: 0 });

    const ids = sys.smtp!.messages.map((m) => messageId(m.raw));
    const unique = new Set(ids);
    expect(ids.every(Boolean)).toBe(true);
    expect(unique.size).toBe(BATCH);
    // The only duplicate window is "SMTP said 250, the process died before recording it":
    // at most the messages in flight at the kill (nodemailer's pool has 5 connections).
    const duplicates = ids.length - unique.size;
    expect(duplicates).toBeLessThanOrEqual(5);
    process.stdout.write(`kill test: ${atKill} delivered before SIGKILL, ${duplicates} re-delivered duplicates (same Message-ID)\n`);
  }, 240_000);
});
