import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '@fair/testing';

/** The operator CLI as people run it: the built binary, a real database, JSON on stdout. */
describe('cli (built, against a real PostgreSQL)', () => {
  let db: TestDatabase;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/run-cli.mjs', ...args], {
      env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: 'development', LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 120_000,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('lists the reference fair, seeded on first use, with booth counts by kind as JSON', () => {
    const res = run('fairs', '--json');
    expect(res.stderr).not.toMatch(/error/i);
    expect(res.status).toBe(0);
    const fairs = JSON.parse(res.stdout);
    expect(fairs).toHaveLength(1);
    expect(fairs[0].boothsByKind).toEqual({ international: 57, domestic: 83, 'technical-matchmaking': 20, 'technical-workshop': 20 });
  });

  it('seeds idempotently and creates users, refusing bad input with a clear message', () => {
    expect(JSON.parse(run('seed', '--json').stdout)).toMatchObject({ created: false, boothsCreated: 0 });
    const ok = run('user:create', '--email', 'first@fair.vn', '--password', 'organiser-pass', '--json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ email: 'first@fair.vn', role: 'organiser' });
    const again = run('user:create', '--email', 'first@fair.vn', '--password', 'organiser-pass');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const weak = run('user:create', '--email', 'x@fair.vn', '--password', 'short');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/at least 10 characters/);
  });

  it('stops with one line naming a bad variable', () => {
    const res = spawnSync(process.execPath, ['scripts/run-cli.mjs', 'fairs'], {
      env: { ...process.env, DATABASE_URL: 'mysql://nope', PORT: 'x' },
      encoding: 'utf8',
    });
    expect(res.status).toBe(78);
    expect(res.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Invalid configuration: PORT="x" - expected/),
      expect.stringMatching(/^Invalid configuration: DATABASE_URL="mysql:\/\/nope" - expected a URL starting with postgres:\/\//),
    ]);
  });
});
