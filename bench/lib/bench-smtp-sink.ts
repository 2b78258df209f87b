/**
 * Postfix's smtp-sink (C, "parallelized SMTP test server", from Debian's postfix package) as the
 * invitation benchmark's SMTP peer. Like wrk for the gate scans, the instrument should not take
 * the CPU it measures: the Node sink (smtp-server, libs/mail/src/smtp-sink.ts) spends ~0.8–1.1 ms
 * of CPU per 28 KB invitation on these two cores, smtp-sink ~0.3–0.4 ms with every message
 * dumped to a file (decision 020).
 *
 * Found on PATH (postfix installed) or in .cache/postfix, where `.ci/run` unpacks the Debian
 * package without installing it (`apt-get download postfix` + `dpkg -x`: no mail daemon, no
 * configuration). Each message is dumped to its own file: the benchmark counts them, checks every
 * recipient got exactly one, and takes one as the ready-made message for raw nodemailer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSmtpSink } from '../../libs/mail/src/smtp-sink';

export interface BenchSmtpSink {
  /** "postfix smtp-sink 3.7.11" */
  name: string;
  url: string;
  waitFor(count: number, timeoutMs: number): Promise<void>;
  /** One received message as the client sent it (CRLF, the sink's own headers removed). */
  sample(): Buffer;
  /** Messages per recipient address, from the dumped envelopes. */
  recipients(): Map<string, number>;
  /** CPU (user + system) the sink has used so far, seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const LOCAL = resolve(__dirname, '../../.cache/postfix');

/** The smtp-sink binary and the library folder it needs, or null when there is none. */
export function findPostfixSmtpSink(): { bin: string; env: NodeJS.ProcessEnv; version: string } | null {
  const candidates = [
    { bin: '/usr/sbin/smtp-sink', libs: '/usr/lib/postfix' },
    { bin: join(LOCAL, 'usr/sbin/smtp-sink'), libs: join(LOCAL, 'usr/lib/postfix') },
  ];
  for (const c of candidates) {
    if (!existsSync(c.bin)) continue;
    // .ci/run notes the package version it unpacked; an installed postfix is the system's
    const stamp = join(LOCAL, 'VERSION');
    const version = c.bin.startsWith(LOCAL) && existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : 'installed';
    return { bin: c.bin, env: { ...process.env, LD_LIBRARY_PATH: c.libs }, version };
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

async function startPostfixSmtpSink(): Promise<BenchSmtpSink | null> {
  const found = findPostfixSmtpSink();
  if (!found) return null;
  const dir = mkdtempSync(join(tmpdir(), 'fair-smtp-sink-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(dir, 0o777); // smtp-sink drops root privileges for the user given with -u
  const port = await freePort();
  // -c: running counters on stdout ("mesg=N"); -d: one file per message; 256: listen backlog
  const args = ['-c', ...(asRoot ? ['-u', 'nobody'] : []), '-d', join(dir, 'm'), `127.0.0.1:${port}`, '256'];
  const child: ChildProcess = spawn(found.bin, args, { env: found.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let received = 0;
  let stderr = '';
  const waiters: { count: number; done: () => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    const counts = [...chunk.toString('latin1').matchAll(/mesg=(\d+)/g)];
    if (counts.length) received = Number(counts.at(-1)![1]);
    for (const w of [...waiters]) if (received >= w.count) (waiters.splice(waiters.indexOf(w), 1), w.done());
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<never>((_, rej) => child.once('exit', (code) => rej(new Error(`smtp-sink exited (${code}): ${stderr.trim()}`))));
  exited.catch(() => undefined);
  // listening once it accepts a connection
  for (let i = 0; ; i++) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), res(true)));
      s.once('error', () => res(false));
    });
    if (ok) break;
    if (i > 50 || child.exitCode !== null) throw new Error(`smtp-sink did not start: ${stderr.trim()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const files = () => readdirSync(dir).map((f) => join(dir, f));
  return {
    name: `postfix smtp-sink (${found.version})`,
    url: `smtp://127.0.0.1:${port}`,
    waitFor(count, timeoutMs) {
      if (received >= count) return Promise.resolve();
      return Promise.race([
        exited,
        new Promise<void>((res, rej) => {
          const timer = setTimeout(() => rej(new Error(`smtp-sink: ${received} of ${count} messages after ${timeoutMs} ms`)), timeoutMs);
          waiters.push({ count, done: () => (clearTimeout(timer), res()) });
        }),
      ]);
    },
    sample() {
      // the dump ends the message with an empty line of its own
      const text = readFileSync(files()[0]!, 'latin1').replace(/\n\n$/, '\n');
      // the sink's X-Client/X-Helo/X-Mail/X-Rcpt headers and its Received header (3 lines) come first
      const lines = text.split('\n');
      const received = lines.findIndex((l) => l.startsWith('Received: from') && l.length > 0);
      return Buffer.from(lines.slice(received + 3).join('\r\n'), 'latin1');
    },
    recipients() {
      const counts = new Map<string, number>();
      for (const f of files()) {
        const head = readFileSync(f, 'latin1').slice(0, 2000);
        for (const m of head.matchAll(/^X-Rcpt-Args: <([^>]*)>/gm)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
      }
      return counts;
    },
    cpuSeconds() {
      const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    },
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The project's own sink (smtp-server) behind the same interface, when smtp-sink is missing. */
async function startNodeSmtpSink(): Promise<BenchSmtpSink> {
  const sink = await startSmtpSink();
  const started = process.cpuUsage();
  return {
    name: 'node smtp-server (libs/mail, in the benchmark process)',
    url: sink.url,
    waitFor: async (count, timeoutMs) => void (await sink.waitFor(count, timeoutMs)),
    sample: () => sink.messages[0]!.raw,
    recipients() {
      const counts = new Map<string, number>();
      for (const m of sink.messages) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
      return counts;
    },
    // in-process: the benchmark's own (small) work is counted with it
    cpuSeconds: () => {
      const u = process.cpuUsage(started);
      return (u.user + u.system) / 1e6;
    },
    stop: () => sink.stop(),
  };
}

/** Postfix's smtp-sink when there is one (.ci/run unpacks it), else the Node sink. */
export async function startBenchSmtpSink(): Promise<BenchSmtpSink> {
  // BENCH_SMTP_SINK=node: the Node sink even when smtp-sink exists, to compare the two
  return (process.env.BENCH_SMTP_SINK === 'node' ? null : await startPostfixSmtpSink()) ?? (await startNodeSmtpSink());
}
