import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { APP_CONFIG, defineErrors, type AppConfig } from '@fair/core';
import { REDIS } from './jobs.module';

/** At most `max` hits per `windowSeconds` for one subject (an email, an IP address). */
export interface RateRule {
  name: string;
  max: number;
  windowSeconds: number;
}

export const RateLimitErrors = defineErrors({
  RATE_LIMITED: {
    status: 429,
    en: 'Too many attempts; try again in {minutes} minutes',
    vi: 'Bạn đã thử quá nhiều lần; vui lòng thử lại sau {minutes} phút',
  },
});

export interface RateCheck {
  rule: RateRule;
  subject: string;
}

/** `counts` holds [hits, seconds left] per check, in order. */
function refuseOver(checks: RateCheck[], counts: number[]): void {
  let wait = 0;
  checks.forEach((c, i) => {
    if (counts[i * 2]! > c.rule.max) wait = Math.max(wait, counts[i * 2 + 1]!, 1);
  });
  if (wait > 0) throw RateLimitErrors.RATE_LIMITED({ minutes: Math.ceil(wait / 60), retryAfterSeconds: wait });
}

/** What take() counted, so a caller can give a hit back (e.g. a login that succeeded). */
export interface RateTicket {
  keys: string[];
}

// Counts one hit on every key at once; the first hit of a window sets its expiry (fixed window).
const TAKE = `
local out = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  local ttl = redis.call('TTL', key)
  if n == 1 or ttl < 0 then
    redis.call('EXPIRE', key, ARGV[i])
    ttl = tonumber(ARGV[i])
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
return out`;

/**
 * Request counters in Redis, shared by every API instance. Subjects are hashed, so the keys do
 * not hold email addresses. The answer depends on the counters only, never on whether an
 * account exists, so a limited endpoint does not tell who has an account.
 */
@Injectable()
export class RateLimiter {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.REDIS_PREFIX}:rate:`;
  }

  /** Counts one hit per rule; throws RATE_LIMITED (429) when any subject is over its rule. */
  async take(checks: RateCheck[]): Promise<RateTicket> {
    const keys = checks.map((c) => this.key(c.rule, c.subject));
    const out = (await this.redis.eval(TAKE, keys.length, ...keys, ...checks.map((c) => String(c.rule.windowSeconds)))) as number[];
    refuseOver(checks, out);
    return { keys };
  }

  /** Throws RATE_LIMITED when one more hit would put a subject over its rule; counts nothing. */
  async check(checks: RateCheck[]): Promise<void> {
    const keys = checks.map((c) => this.key(c.rule, c.subject));
    const pipeline = this.redis.multi();
    for (const k of keys) pipeline.get(k).ttl(k);
    const replies = (await pipeline.exec()) ?? [];
    // As if this request were counted too: after `max` hits the next one is refused.
    refuseOver(checks, replies.map(([, v], i) => Number(v ?? 0) + (i % 2 === 0 ? 1 : 0)));
  }

  /** Counts one hit per rule without refusing (a failure already answered, counted for the next one). */
  async count(checks: RateCheck[]): Promise<void> {
    const keys = checks.map((c) => this.key(c.rule, c.subject));
    await this.redis.eval(TAKE, keys.length, ...keys, ...checks.map((c) => String(c.rule.windowSeconds)));
  }

  /** Takes the hits of a ticket back (a failure counter after a success). */
  async giveBack(ticket: RateTicket): Promise<void> {
    if (ticket.keys.length) await Promise.all(ticket.keys.map((k) => this.redis.decr(k)));
  }

  private key(rule: RateRule, subject: string): string {
    const digest = createHash('sha256').update(subject.trim().toLowerCase()).digest('base64url').slice(0, 27);
    return `${this.prefix}${rule.name}:${digest}`;
  }
}
