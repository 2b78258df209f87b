import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { resetConfigCache } from '@fair/core';
import { startSmtpSink, type SmtpSink } from '@fair/mail';
import { AuthService, type Role } from '@fair/auth';
import { createApiApp } from '../../../apps/api/src/http/configure-app';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { createTestDatabase, testRedisPrefix, type TestDatabase } from './test-database';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestSystem {
  baseUrl: string;
  db: TestDatabase;
  dataSource: DataSource;
  api: NestFastifyApplication;
  worker?: INestApplicationContext;
  smtp?: SmtpSink;
  redisPrefix: string;
  http<T = any>(method: string, path: string, options?: { body?: unknown; token?: string; lang?: 'vi' | 'en'; contentType?: string }): Promise<HttpResult<T>>;
  /** Creates a user directly and signs in through the API; returns the bearer token. */
  signIn(role: Role, email?: string): Promise<string>;
  startWorker(): Promise<INestApplicationContext>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

let userCounter = 0;

/**
 * The real system for one test file: its own database (cloned from the migrated template),
 * its own Redis key prefix, an SMTP sink when asked, the API listening on a free port, and the
 * worker in the same process when asked.
 *
 * `database` and `redisPrefix` start it on a database and Redis prefix something else already
 * filled (e.g. `runSimulation`); the system then owns them: `close()` drops that database and
 * clears that prefix.
 */
export async function startTestSystem(
  options: { worker?: boolean; smtp?: boolean; env?: Record<string, string>; database?: TestDatabase; redisPrefix?: string } = {},
): Promise<TestSystem> {
  const db = options.database ?? (await createTestDatabase());
  const redisPrefix = options.redisPrefix ?? testRedisPrefix();
  const smtp = options.smtp ? await startSmtpSink() : undefined;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_PREFIX: redisPrefix,
    OUTBOX_POLL_MS: '50',
    LOG_LEVEL: 'error',
    DATABASE_POOL_SIZE: '10',
    ...(smtp ? { SMTP_URL: smtp.url } : {}),
    ...options.env,
  });
  resetConfigCache();
  const api = await createApiApp({ logger: ['error'] });
  await api.listen({ port: 0, host: '127.0.0.1' });
  const address = api.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const dataSource = api.get<DataSource>(getDataSourceToken());

  let worker: INestApplicationContext | undefined;
  const system: TestSystem = {
    baseUrl,
    db,
    dataSource,
    api,
    smtp,
    redisPrefix,
    get worker() {
      return worker;
    },
    async http(method, path, opts = {}) {
      const headers: Record<string, string> = { 'accept-language': opts.lang ?? 'en' };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        headers['content-type'] = opts.contentType ?? 'application/json';
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      }
      const res = await fetch(baseUrl + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body: parsed as any, headers: res.headers };
    },
    async signIn(role, email) {
      const address = email ?? `${role}-${process.pid}-${++userCounter}@test.local`;
      const password = 'correct-horse-battery';
      await api.get(AuthService).createUser({ email: address, name: `${role} ${userCounter}`, role, password });
      const res = await system.http('POST', '/api/auth/login', { body: { email: address, password } });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async startWorker() {
      worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
      await worker.init();
      return worker;
    },
    async stopWorker() {
      await worker?.close();
      worker = undefined;
    },
    async close() {
      await system.stopWorker();
      await api.close();
      await smtp?.stop();
      await clearRedisPrefix(redisPrefix);
      await db.drop();
    },
  };
  if (options.worker) await system.startWorker();
  return system;
}

/** Deletes every key under a test's prefix. */
export async function clearRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until `check` returns a truthy value (or throws after timeoutMs). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
