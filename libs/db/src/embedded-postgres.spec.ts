import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { migrations } from './migrations';

/** The embedded engine runs the very same migrations and SQL as the real PostgreSQL. */
describe('embedded PostgreSQL (PGlite behind pglite-socket)', () => {
  let dir: string;
  let pg: EmbeddedPostgres;
  let ds: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fair-pglite-'));
    pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pglite') });
    ds = new DataSource(dataSourceOptions({ url: pg.url, entities: [], poolSize: 4 }));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every migration', async () => {
    const done = await ds.runMigrations({ transaction: 'each' });
    expect(done.map((m) => m.name)).toEqual(migrations.map((m) => new m().name ?? m.name));
    const tables = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(expect.arrayContaining(['fairs', 'booths', 'outbox', 'users']));
  });

  it('reads and writes, and enforces the same constraints', async () => {
    const [fair] = await ds.query(
      `INSERT INTO fairs (slug, name_vi, name_en, starts_on, ends_on) VALUES ('pglite-fair', 'Hội chợ', 'Fair', '2026-12-01', '2026-12-02') RETURNING id`,
    );
    const [hall] = await ds.query(`INSERT INTO halls (fair_id, code, name_vi, name_en) VALUES ($1, 'A', 'Nhà A', 'Hall A') RETURNING id`, [fair.id]);
    const insertBooth = () =>
      ds.query(
        `INSERT INTO booths (fair_id, hall_id, code, kind, area_m2, x, y, width, height) VALUES ($1, $2, 'A01', 'domestic', 9, 0, 0, 3, 3)`,
        [fair.id, hall.id],
      );
    await insertBooth();
    await expect(insertBooth()).rejects.toThrow(/duplicate key/);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM booths WHERE fair_id = $1`, [fair.id]);
    expect(n).toBe(1);
  });

  it('keeps concurrent transactions apart (one at a time, none lost)', async () => {
    await ds.query(`CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)`);
    await ds.query(`INSERT INTO counter VALUES (1, 0)`);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        ds.transaction(async (m) => {
          const [row] = await m.query(`SELECT n FROM counter WHERE id = 1 FOR UPDATE`);
          await m.query(`UPDATE counter SET n = $1 WHERE id = 1`, [row.n + 1]);
        }),
      ),
    );
    const [{ n }] = await ds.query(`SELECT n FROM counter WHERE id = 1`);
    expect(n).toBe(20);
  });

  it('keeps its data in the folder across restarts', async () => {
    await ds.destroy();
    await pg.stop();
    pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pglite') });
    ds = new DataSource(dataSourceOptions({ url: pg.url, entities: [], poolSize: 2 }));
    await ds.initialize();
    const rows = await ds.query(`SELECT slug FROM fairs`);
    expect(rows).toEqual([{ slug: 'pglite-fair' }]);
  });
});
