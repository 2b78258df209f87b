import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@fair/core';
import { REDIS } from '@fair/jobs';

export interface TallyIncrement {
  /** Counter group, e.g. `visits:<fair>:hour`; stored as one Redis hash. */
  key: string;
  /** Counter inside the group, e.g. an hour, a gate id, a visitor type. */
  field: string;
  by: number;
}

// Marks the event as applied and applies its increments in one atomic step, so a job that
// runs twice (a retry after a crash between Redis and the job's completion) counts once.
const APPLY_ONCE = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) == false then return 0 end
for i = 2, #KEYS do redis.call('HINCRBY', KEYS[i], ARGV[i * 2 - 2], ARGV[i * 2 - 1]) end
return 1`;

/**
 * Counters by key in Redis hashes, fed by jobs. Generic: the visit tallies (checkin) and
 * meeting tallies (matchmaking) each name their own keys. Idempotent per event id.
 */
@Injectable()
export class TallyStore {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.REDIS_PREFIX}:tally:`;
  }

  /** Applies the increments unless this event id was applied before; true when applied now. */
  async applyOnce(eventId: string, increments: TallyIncrement[], rememberSeconds = 14 * 86_400): Promise<boolean> {
    const keys = [`${this.prefix}seen:${eventId}`, ...increments.map((i) => this.prefix + i.key)];
    const args = [String(rememberSeconds), ...increments.flatMap((i) => [i.field, String(i.by)])];
    return (await this.redis.eval(APPLY_ONCE, keys.length, ...keys, ...args)) === 1;
  }

  async read(key: string): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.prefix + key);
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
  }
}
