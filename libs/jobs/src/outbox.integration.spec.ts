import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import PostalMime from 'postal-mime';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { MailService, MailTemplates, mailLayout } from '@fair/mail';
import { OutboxRelay } from '@fair/jobs/worker';
import { JobProducer } from './job.producer';
import { OutboxService } from './outbox.service';

describe('outbox -> BullMQ -> worker -> nodemailer, on real Postgres, Redis and SMTP', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    // The worker renders mail, so templates are registered in the worker's registry.
    sys.worker!.get(MailTemplates).register('test.hello', (params, ctx) => ({
      subject: ctx.lang === 'vi' ? `Xin chào ${params.name}` : `Hello ${params.name}`,
      ...mailLayout({ lang: ctx.lang, heading: 'Hi', paragraphs: [`<b>${params.name}</b>`] }),
    }));
  });
  afterAll(() => sys?.close());

  it('runs an outbox job once it commits, and marks it completed', async () => {
    const id = await sys.dataSource.transaction((m) => sys.api.get(OutboxService).enqueue(m, 'system.ping', { note: 'x' }));
    const row = await eventually(async () => {
      const [r] = await sys.dataSource.query(`SELECT relayed_at, completed_at FROM outbox WHERE id = $1`, [id]);
      return r.completed_at ? r : null;
    });
    expect(row.relayed_at).not.toBeNull();
  });

  it('writes nothing when the transaction rolls back', async () => {
    await expect(
      sys.dataSource.transaction(async (m) => {
        await sys.api.get(OutboxService).enqueue(m, 'system.ping', { note: 'rolled back' }, { dedupeKey: 'rb-1' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await sys.dataSource.query(`SELECT 1 FROM outbox WHERE dedupe_key = 'rb-1'`);
    expect(rows).toHaveLength(0);
  });

  it('sends a queued mail through SMTP exactly once, escaped, in the recipient language', async () => {
    const mail = sys.api.get(MailService);
    const queue = (key: string) =>
      sys.dataSource.transaction((m) =>
        mail.queue(m, { to: 'buyer@example.com', lang: 'vi', template: 'test.hello', params: { name: '<script>x</script>' }, dedupeKey: key }),
      );
    const id = await queue('hello-1');
    expect(await queue('hello-1')).toBeNull(); // the same dedupe key queues nothing more
    const [msg] = await sys.smtp!.waitFor(1);
    const parsed = await PostalMime.parse(msg!.raw);
    expect(parsed.subject).toBe('Xin chào <script>x</script>');
    expect(parsed.html).toContain('&#60;b&#62;&#60;script&#62;');
    expect(parsed.messageId).toBe(`<${id}@fair.local>`);
    await eventually(async () => (await sys.dataSource.query(`SELECT status FROM mail_messages WHERE id = $1`, [id]))[0].status === 'sent');
    await new Promise((r) => setTimeout(r, 300));
    expect(sys.smtp!.messages).toHaveLength(1);
  });

  it('re-relays a job that Redis lost (e.g. a restart with nothing on disk)', async () => {
    const relay = sys.worker!.get(OutboxRelay);
    const producer = sys.api.get(JobProducer);
    await sys.stopWorker(); // nothing consumes while we lose the job
    const id = await sys.dataSource.transaction((m) => sys.api.get(OutboxService).enqueue(m, 'system.ping', { note: 'lost' }));
    await sys.dataSource.query(`UPDATE outbox SET relayed_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    expect(await producer.queue('tallies').getJob(`ob-${id}`)).toBeUndefined();
    await sys.startWorker();
    const fresh = sys.worker!.get(OutboxRelay);
    expect(fresh).not.toBe(relay);
    await eventually(async () => (await sys.dataSource.query(`SELECT completed_at FROM outbox WHERE id = $1`, [id]))[0].completed_at);
    const [row] = await sys.dataSource.query(`SELECT relay_count FROM outbox WHERE id = $1`, [id]);
    expect(row.relay_count).toBe(1);
  });
});
