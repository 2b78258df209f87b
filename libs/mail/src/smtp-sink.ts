import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface SinkMessage {
  from: string;
  to: string[];
  raw: Buffer;
  receivedAt: Date;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: SinkMessage[];
  /** Resolves when at least `count` messages have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  stop(): Promise<void>;
}

/**
 * A local SMTP server that keeps what it receives: the development mail catcher of `npm start`
 * (messages saved as .eml under a folder) and the real SMTP peer of the tests and the simulation.
 */
export async function startSmtpSink(options: { port?: number; dir?: string; failFirst?: number } = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const dir = options.dir ? resolve(options.dir) : undefined;
  if (dir) mkdirSync(dir, { recursive: true });
  let toFail = options.failFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 30 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (toFail > 0) {
          toFail--;
          const err = new Error('451 temporary failure (test)') as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        const raw = Buffer.concat(chunks);
        const msg: SinkMessage = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          receivedAt: new Date(),
        };
        messages.push(msg);
        if (dir) writeFileSync(join(dir, `${Date.now()}-${messages.length}.eml`), raw);
        for (const w of [...waiters]) {
          if (messages.length >= w.count) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(options.port ?? 0, '127.0.0.1', () => res());
  });
  // A client that dies mid-conversation (a killed worker) resets its socket; that is the
  // client's problem, not the sink's, and must not surface as an unhandled 'error' event.
  server.on('error', () => undefined);
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(count, timeoutMs = 30_000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`SMTP sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), res(messages)) });
      });
    },
    stop: () => new Promise<void>((res) => server.close(() => res())),
  };
}
