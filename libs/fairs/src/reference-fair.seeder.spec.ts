import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { ReferenceFairSeeder } from './reference-fair.seeder';

describe('the reference fair seed', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  });
  afterAll(() => sys?.close());

  it('creates 180 booths once, even when seeded twice at the same time and again later', async () => {
    const seeder = sys.api.get(ReferenceFairSeeder);
    const [a, b] = await Promise.all([seeder.seed(), seeder.seed()]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const again = await seeder.seed();
    expect(again).toEqual({ fairId: a.fairId, created: false, boothsCreated: 0 });
    const counts = await sys.dataSource.query(`SELECT kind, count(*)::int AS n FROM booths GROUP BY kind ORDER BY kind`);
    expect(counts).toEqual([
      { kind: 'domestic', n: 83 },
      { kind: 'international', n: 57 },
      { kind: 'technical-matchmaking', n: 20 },
      { kind: 'technical-workshop', n: 20 },
    ]);
    const res = await sys.http('GET', '/api/fairs');
    expect(res.body).toEqual([
      expect.objectContaining({
        slug: 'hanoi-manufacturers-network-2018',
        booths: 180,
        boothsByKind: { international: 57, domestic: 83, 'technical-matchmaking': 20, 'technical-workshop': 20 },
      }),
    ]);
  });
});
