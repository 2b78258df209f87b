import type { RedisOptions } from 'ioredis';

/** ioredis options from REDIS_URL (redis://[user:pass@]host:port[/db], rediss:// for TLS). */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isFinite(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers need blocking commands that never give up on their own.
    maxRetriesPerRequest: null,
  };
}
