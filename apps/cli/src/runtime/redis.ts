import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import type { AppConfig } from '@fair/core';

export interface RedisHandle {
  url: string;
  private: boolean;
  stop(): Promise<void>;
}

export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

export class NoRedisError extends Error {}

function findOnPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find((candidate) => existsSync(candidate));
}

/**
 * REDIS_URL when something answers there; otherwise a private redis-server on its own port with
 * its data under DATA_DIR/redis, stopped with this process; otherwise one clear line.
 */
export async function ensureRedis(config: AppConfig): Promise<RedisHandle> {
  if (await redisAnswers(config.REDIS_URL)) return { url: config.REDIS_URL, private: false, stop: async () => undefined };
  const binary = findOnPath('redis-server');
  if (!binary) {
    throw new NoRedisError(
      `No Redis answers at ${config.REDIS_URL} and redis-server is not installed: install it (apt-get install redis-server) or set REDIS_URL to a running Redis.`,
    );
  }
  const dir = resolve(config.DATA_DIR, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '60 1', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url)) {
      return {
        url,
        private: true,
        stop: () =>
          new Promise<void>((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.kill('SIGTERM');
          }),
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new NoRedisError(`No Redis answers at ${config.REDIS_URL}, and a private redis-server on port ${port} did not start.`);
}
