import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Pool } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

/**
 * Several pooled connections sending parameterised queries (the extended protocol: Parse,
 * Bind, Execute, Sync) at the same time, with and without transactions, as api + worker do.
 */
describe('embedded PostgreSQL under concurrent connections', () => {
  let pg: EmbeddedPostgres;
  let pool: Pool;

  beforeAll(async () => {
    pg = await startEmbeddedPostgres({});
    pool = new Pool({ connectionString: pg.url, max: 12 });
    await pool.query('CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL)');
    await pool.query('INSERT INTO t SELECT g, 0 FROM generate_series(1, 10) g');
  });
  afterAll(async () => {
    await pool?.end();
    await pg?.stop();
  });

  it('keeps each connection\'s statements and portals apart', async () => {
    const results = await Promise.all(
      // Different statement texts and shapes, so a statement bound on the wrong connection shows.
      Array.from({ length: 300 }, (_, i) =>
        i % 3 === 0
          ? pool.query(`SELECT $1::int AS v /* ${i} */`, [i])
          : i % 3 === 1
            ? pool.query(`SELECT $1::int + 0 AS v, $2::text AS s /* ${i} */`, [i, 'x'])
            : pool.query(`SELECT v FROM (VALUES ($1::int)) AS x(v) WHERE $2::bool /* ${i} */`, [i, true]),
      ),
    );
    results.forEach((r, i) => expect(r.rows[0].v).toBe(i));
  });

  it('keeps large messages (split over many TCP reads) whole and in order', async () => {
    const big = (i: number) => String(i % 10).repeat(300_000 + i);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => pool.query('SELECT $1::int AS v, length($2::text) AS len', [i, big(i)])),
    );
    results.forEach((r, i) => expect([r.rows[0].v, r.rows[0].len]).toEqual([i, 300_000 + i]));
  });

  it('runs concurrent transactions one at a time without losing updates', async () => {
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          const { rows } = await c.query('SELECT n FROM t WHERE id = $1 FOR UPDATE', [(i % 10) + 1]);
          await c.query('UPDATE t SET n = $1 WHERE id = $2', [rows[0].n + 1, (i % 10) + 1]);
          await c.query(i % 5 === 0 ? 'ROLLBACK' : 'COMMIT');
        } finally {
          c.release();
        }
      }),
    );
    const { rows } = await pool.query('SELECT sum(n)::int AS total FROM t');
    expect(rows[0].total).toBe(48);
  });

  it('survives a client that disconnects inside a transaction', async () => {
    const c = await pool.connect();
    await c.query('BEGIN');
    await c.query('UPDATE t SET n = n + 100 WHERE id = 1');
    c.release(new Error('drop this connection'));
    const { rows } = await pool.query('SELECT n FROM t WHERE id = 1');
    expect(rows[0].n).toBeLessThan(100);
  });
});
