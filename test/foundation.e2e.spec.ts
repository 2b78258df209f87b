import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';

const CSV = `hall,code,kind,area_m2,corner,price_vnd,x,y,width,height,hall_name_vi,hall_name_en
H1,H1-01,international,9,yes,52000000,0,0,3,3,Nhà 1,Hall 1
H1,H1-02,domestic,9,no,16000000,3,0,3,3,,
H2,H2-01,technical-matchmaking,12,no,0,20,0,4,3,Nhà 2,Hall 2
`;

describe('foundation: API + worker on real PostgreSQL and Redis', () => {
  let sys: TestSystem;
  let organiser: string;
  let fairId: string;

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true });
    organiser = await sys.signIn('organiser');
  });
  afterAll(() => sys?.close());

  it('reports Postgres and Redis healthy', async () => {
    const res = await sys.http('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', postgres: { ok: true }, redis: { ok: true } });
  });

  it('serves the OpenAPI document', async () => {
    const res = await sys.http('GET', '/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/fairs/{fair}/floor-plan', '/api/auth/login']));
  });

  it('refuses organiser routes without a session or with the wrong role', async () => {
    const body = { slug: 'x-fair', nameVi: 'X', nameEn: 'X', startsOn: '2026-12-01', endsOn: '2026-12-02' };
    expect((await sys.http('POST', '/api/fairs', { body })).status).toBe(401);
    const gate = await sys.signIn('gate');
    const res = await sys.http('POST', '/api/fairs', { body, token: gate });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ROLE_REQUIRED');
  });

  it('creates a fair, imports a floor plan CSV and reads it back', async () => {
    const created = await sys.http('POST', '/api/fairs', {
      token: organiser,
      body: { slug: 'e2e-fair', nameVi: 'Hội chợ thử', nameEn: 'Test fair', startsOn: '2026-12-01', endsOn: '2026-12-03' },
    });
    expect(created.status).toBe(201);
    // the fields left out come back with their defaults, as the response schema (FairDto) says
    expect(created.body).toMatchObject({ venueVi: '', venueEn: '', organiserVi: '', organiserEn: '', timeZone: 'Asia/Ho_Chi_Minh', sectors: [] });
    fairId = created.body.id;

    const imported = await sys.http('POST', `/api/fairs/${fairId}/floor-plan`, { token: organiser, body: CSV, contentType: 'text/csv' });
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual({ imported: 3, hallsCreated: 2 });

    const booths = await sys.http('GET', `/api/fairs/e2e-fair/booths`);
    expect(booths.body.map((b: { code: string; kind: string; priceVnd: number; isCorner: boolean }) => [b.code, b.kind, b.priceVnd, b.isCorner])).toEqual([
      ['H1-01', 'international', 52000000, true],
      ['H1-02', 'domestic', 16000000, false],
      ['H2-01', 'technical-matchmaking', 0, false],
    ]);
    const halls = await sys.http('GET', `/api/fairs/${fairId}/halls`);
    expect(halls.body.map((h: { code: string; nameEn: string }) => [h.code, h.nameEn])).toEqual([
      ['H1', 'Hall 1'],
      ['H2', 'Hall 2'],
    ]);
    const audit = await sys.dataSource.query(`SELECT action, actor_role FROM audit_log WHERE fair_id = $1 ORDER BY id`, [fairId]);
    expect(audit).toEqual([
      { action: 'fair.create', actor_role: 'organiser' },
      { action: 'floor-plan.import', actor_role: 'organiser' },
    ]);
  });

  it('refuses a CSV with bad rows, names the lines, and writes nothing', async () => {
    const bad = `hall,code,kind,area_m2,corner,price_vnd,x,y,width,height\nH3,H3-01,domestic,9,no,1,0,0,3,3\nH3,H3-02,castle,9,no,1,3,0,3,3\nH3,H1-01,domestic,9,no,1,6,0,3,3\n`;
    const res = await sys.http('POST', `/api/fairs/${fairId}/floor-plan`, { token: organiser, body: { csv: bad }, lang: 'vi' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CSV_ROWS_INVALID');
    expect(res.body.details.rows.map((r: { line: number }) => r.line)).toEqual([3, 4]);
    expect(res.body.message).toMatch(/dòng/);
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM booths WHERE fair_id = $1`, [fairId]);
    expect(n).toBe(3);
    const halls = await sys.dataSource.query(`SELECT code FROM halls WHERE fair_id = $1 AND code = 'H3'`, [fairId]);
    expect(halls).toEqual([]);
  });

  it('answers bad input with per-field errors, never 500', async () => {
    const cases: [string, string, unknown][] = [
      ['POST', '/api/fairs', { slug: 'BAD SLUG', nameVi: '', nameEn: 'x'.repeat(400), startsOn: 'tomorrow', endsOn: '2026-01-01', hack: true }],
      ['POST', '/api/fairs', '{"not json'],
      ['POST', '/api/fairs', [1, 2, 3]],
      ['POST', `/api/fairs/${fairId}/halls`, { code: '../etc', nameVi: 1, nameEn: null }],
      ['GET', '/api/fairs/00000000-0000-0000-0000-000000000000', undefined],
      ['GET', '/api/fairs/%00%ff', undefined],
    ];
    for (const [method, path, body] of cases) {
      const res = await sys.http(method, path, { token: organiser, body });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|stack/i);
    }
    const res = await sys.http('POST', '/api/fairs', { token: organiser, body: cases[0]![2] });
    expect(res.status).toBe(422);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['endsOn', 'hack', 'nameEn', 'nameVi', 'slug', 'startsOn'].sort().filter((f) => f !== 'endsOn'));
  });

  it('refuses a second fair with the same slug with 409', async () => {
    const body = { slug: 'e2e-fair', nameVi: 'A', nameEn: 'A', startsOn: '2026-12-01', endsOn: '2026-12-03' };
    const res = await sys.http('POST', '/api/fairs', { token: organiser, body });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('FAIR_SLUG_TAKEN');
  });
});
