import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
// Relative on purpose: jest's globalSetup does not apply moduleNameMapper.
import { dataSourceOptions } from '../../db/src/data-source.options';
import { migrations } from '../../db/src/migrations';

/** The server the integration tests use; its databases are created and dropped here. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Refuses to touch any database whose name lacks "test": a guard against a wrong URL. */
export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) throw new Error(`refusing to use database "${name}" in tests: its name must contain "test"`);
}

function urlFor(name: string): string {
  const u = new URL(TEST_SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The template's name changes whenever the list of migrations or the text of one changes (an edit while developing it). */
export function templateName(): string {
  const hash = createHash('sha1')
    .update(migrations.map((m) => `${m.name}\n${m.prototype.up.toString()}`).join('\n'))
    .digest('hex')
    .slice(0, 10);
  return `fair_test_tpl_${hash}`;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates and migrates the template once (several jest runs at once wait on an advisory lock). */
export async function ensureTemplate(): Promise<string> {
  const name = templateName();
  assertTestDatabaseName(name);
  await admin(async (c) => {
    await c.query(`SELECT pg_advisory_lock(hashtext('fair-test-template'))`);
    try {
      const found = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
      if (found.rowCount) return;
      const building = `${name}_building`;
      await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${building}"`);
      const ds = new DataSource(dataSourceOptions({ url: urlFor(building), entities: [], poolSize: 2 }));
      await ds.initialize();
      try {
        await ds.runMigrations({ transaction: 'each' });
      } finally {
        await ds.destroy();
      }
      await c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    } finally {
      await c.query(`SELECT pg_advisory_unlock(hashtext('fair-test-template'))`);
    }
  });
  return name;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplate();
  const name = `fair_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  assertTestDatabaseName(name);
  await admin(async (c) => {
    // Postgres refuses two clones of one template at the same instant; take turns.
    await c.query(`SELECT pg_advisory_lock(hashtext('fair-test-clone'))`);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
          break;
        } catch (err) {
          if (attempt > 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      await c.query(`SELECT pg_advisory_unlock(hashtext('fair-test-clone'))`);
    }
  });
  return {
    name,
    url: urlFor(name),
    drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** A Redis key prefix no other test file uses. */
export function testRedisPrefix(): string {
  return `fairtest-${process.pid}-${randomBytes(3).toString('hex')}`;
}
