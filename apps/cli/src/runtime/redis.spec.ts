import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '@fair/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRedis, NoRedisError, redisAnswers } from './redis';

describe('ensureRedis', () => {
  it('uses the Redis at REDIS_URL when it answers', async () => {
    const handle = await ensureRedis(parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }));
    expect(handle.private).toBe(false);
    await handle.stop();
    expect(await redisAnswers('redis://127.0.0.1:6379')).toBe(true);
  });

  it('starts a private redis-server (data under DATA_DIR) when nothing answers, and stops it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fair-redis-'));
    try {
      const handle = await ensureRedis(parseConfig({ REDIS_URL: 'redis://127.0.0.1:1', DATA_DIR: dir }));
      expect(handle.private).toBe(true);
      expect(handle.url).not.toBe('redis://127.0.0.1:1');
      expect(await redisAnswers(handle.url)).toBe(true);
      await handle.stop();
      expect(await redisAnswers(handle.url)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in one line how to get Redis when none can be had', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(ensureRedis(parseConfig({ REDIS_URL: 'redis://127.0.0.1:1' }))).rejects.toThrow(NoRedisError);
      await expect(ensureRedis(parseConfig({ REDIS_URL: 'redis://127.0.0.1:1' }))).rejects.toThrow(/^No Redis answers at redis:\/\/127.0.0.1:1 .*apt-get install redis-server.*REDIS_URL[^\n]*$/);
    } finally {
      process.env.PATH = path;
    }
  });
});
