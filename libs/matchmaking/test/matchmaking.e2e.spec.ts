import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';

/** meeting requests through HTTP: bad input gives clear errors and nothing half-written; one outcome under races */
describe('matchmaking requests (HTTP)', () => {
  let sys: TestSystem;
  let org: string;
  let fair: { id: string; slug: string };
  const tokens: string[] = [];
  const ids: string[] = [];
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  const as = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sys.baseUrl}/api${path}`, {
      method,
      headers: { 'x-participant-token': token, 'accept-language': 'vi', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  const visitor = async (name: string, company: string) => {
    const res = await sys.http('POST', `/api/visitors/fairs/${fair.slug}`, {
      token: org,
      body: { name, company, country: 'VN', email: `${name.toLowerCase().replace(/\s/g, '')}@example.vn`, visitorType: 'trade-buyer', lang: 'vi' },
    });
    expect(res.status).toBe(201);
    return res.body.id ?? res.body.visitor?.id;
  };

  beforeAll(async () => {
    sys = await startTestSystem({});
    org = await sys.signIn('organiser');
    const f = await sys.http('POST', '/api/fairs', {
      token: org,
      body: { slug: 'mm', nameVi: 'Hội chợ', nameEn: 'Fair', venueVi: 'Hà Nội', venueEn: 'Hanoi', startsOn: day(1), endsOn: day(3) },
    });
    fair = { id: f.body.id, slug: 'mm' };
    const settings = await sys.http('PUT', `/api/matchmaking/fairs/mm/settings`, {
      token: org,
      body: {
        slotMinutes: 30,
        perDayLimit: 2,
        requestExpiryHours: 48,
        mode: 'immediate',
        sessions: [{ date: day(1), start: '08:00', end: '10:00', breaks: [{ start: '09:00', end: '09:30' }] }],
      },
    });
    expect(settings.status).toBe(200);
    await sys.dataSource.query(`INSERT INTO mm_tables (fair_id, name) VALUES ($1, 'T1'), ($1, 'T2')`, [fair.id]);
    const people = [
      ['An Nguyen', 'Co khi Ha Noi'],
      ['Binh Tran', 'Co khi Ha Noi'],
      ['Chi Le', 'Nhua Sai Gon'],
      ['Dung Pham', 'Khuon mau Da Nang'],
      ['Em Vo', 'Dien tu Hai Phong'],
      ['Giang Do', 'Det may Nam Dinh'],
    ];
    for (const [name, company] of people) {
      const visitorId = await visitor(name, company);
      const r = await sys.http('POST', `/api/matchmaking/fairs/mm/participants`, {
        token: org,
        body: { visitorId, sectors: ['mechanical'], offers: ['CNC machining'], seeks: ['moulds'], companySize: 'small', countries: ['JP'], languages: ['vi'] },
      });
      expect(r.status).toBe(201);
      ids.push(r.body.participantId);
      tokens.push(r.body.token);
    }
  });
  afterAll(() => sys?.close());

  const count = async (table: string) => Number((await sys.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('refuses a meeting with oneself, one\'s own company, a non-participant and a slot outside sessions, writing nothing', async () => {
    expect((await as(tokens[0], 'POST', '/matchmaking/requests', { to: ids[0] })).body.code).toBe('MM_SELF');
    expect((await as(tokens[0], 'POST', '/matchmaking/requests', { to: ids[1] })).body.code).toBe('MM_SAME_COMPANY');
    const ghost = await as(tokens[0], 'POST', '/matchmaking/requests', { to: '00000000-0000-4000-8000-000000000000' });
    expect([ghost.status, ghost.body.code]).toEqual([404, 'MM_NOT_PARTICIPANT']);
    const off = await as(tokens[0], 'POST', '/matchmaking/requests', { to: ids[2], preferredStarts: [`${day(1)}T09:00:00+07:00`] });
    expect([off.status, off.body.code]).toEqual([422, 'MM_SLOT_OUTSIDE_SESSIONS']);
    expect(off.body.message).toMatch(/khung giờ/);
    expect((await as('nope', 'POST', '/matchmaking/requests', { to: ids[2] })).status).toBe(401);
    expect(await count('mm_requests')).toBe(0);
  });

  it('accepts exactly once when two devices accept at the same time, and schedules the meeting in a requested slot', async () => {
    const slot = new Date(`${day(1)}T09:30:00+07:00`).toISOString();
    const req = await as(tokens[0], 'POST', '/matchmaking/requests', { to: ids[2], preferredStarts: [`${day(1)}T09:30:00+07:00`] });
    expect(req.status).toBe(201);
    const [stored] = await sys.dataSource.query(`SELECT created_at, expires_at FROM mm_requests WHERE id = $1`, [req.body.id]);
    expect(req.body).toEqual({
      id: expect.any(String),
      fairId: fair.id,
      fromId: ids[0],
      toId: ids[2],
      message: '',
      preferredStarts: [slot],
      status: 'pending',
      createdAt: stored.created_at.toISOString(),
      expiresAt: stored.expires_at.toISOString(),
      answeredAt: null,
    });
    expect(Date.parse(req.body.expiresAt) - Date.parse(req.body.createdAt)).toBe(48 * 3_600_000);
    const twice = await Promise.all([1, 2, 3].map(() => as(tokens[2], 'POST', `/matchmaking/requests/${req.body.id}/accept`)));
    const statuses = twice.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    expect(twice.filter((r) => r.status === 409).every((r) => r.body.code === 'MM_REQUEST_ANSWERED')).toBe(true);
    const ok = twice.find((r) => r.status === 200)!;
    const [answered] = await sys.dataSource.query(`SELECT answered_at FROM mm_requests WHERE id = $1`, [req.body.id]);
    const [meeting] = await sys.dataSource.query(`SELECT id, table_id, created_at FROM mm_meetings WHERE request_id = $1`, [req.body.id]);
    expect(ok.body).toEqual({
      request: { ...req.body, status: 'accepted', answeredAt: answered.answered_at.toISOString() },
      meeting: {
        id: meeting.id,
        requestId: req.body.id,
        aId: ids[0],
        bId: ids[2],
        status: 'scheduled',
        tableId: meeting.table_id,
        startsAt: slot,
        endsAt: new Date(Date.parse(slot) + 30 * 60_000).toISOString(),
        createdAt: meeting.created_at.toISOString(),
      },
    });
    expect(meeting.table_id).toEqual(expect.any(String));
    expect(await count('mm_meetings')).toBe(1);
    expect(await count('mm_seats')).toBe(2);
    const again = await as(tokens[2], 'POST', `/matchmaking/requests/${req.body.id}/decline`);
    expect([again.status, again.body.code]).toEqual([409, 'MM_REQUEST_ANSWERED']);
    const dup = await as(tokens[2], 'POST', '/matchmaking/requests', { to: ids[0] });
    expect([dup.status, dup.body.code]).toEqual([409, 'MM_PAIR_EXISTS']);
  });

  it('refuses to accept an expired request and to ask again after a decline', async () => {
    const req = await as(tokens[3], 'POST', '/matchmaking/requests', { to: ids[4] });
    await sys.dataSource.query(`UPDATE mm_requests SET expires_at = now() - interval '1 minute' WHERE id = $1`, [req.body.id]);
    const late = await as(tokens[4], 'POST', `/matchmaking/requests/${req.body.id}/accept`);
    expect([late.status, late.body.code]).toEqual([409, 'MM_REQUEST_EXPIRED']);
    expect(await count('mm_meetings')).toBe(1);
    const other = await as(tokens[3], 'POST', '/matchmaking/requests', { to: ids[5], message: 'Xin gặp' });
    const declined = await as(tokens[5], 'POST', `/matchmaking/requests/${other.body.id}/decline`);
    const [answered] = await sys.dataSource.query(`SELECT answered_at FROM mm_requests WHERE id = $1`, [other.body.id]);
    expect([declined.status, declined.body]).toEqual([200, { ...other.body, status: 'declined', answeredAt: answered.answered_at.toISOString() }]);
    expect(other.body).toMatchObject({ fromId: ids[3], toId: ids[5], message: 'Xin gặp', preferredStarts: [], status: 'pending', answeredAt: null });
    const again = await as(tokens[5], 'POST', '/matchmaking/requests', { to: ids[3] });
    expect([again.status, again.body.code]).toEqual([409, 'MM_DECLINED_BEFORE']);
  });

  it('enforces the limit (per-day limit x session days) under a lock, even when requests race', async () => {
    // participant 4 has one pending (expired rows do not count): cap = 2 x 1 day
    const racing = await Promise.all([0, 2, 5].map((i) => as(tokens[i], 'POST', '/matchmaking/requests', { to: ids[4] })));
    const created = racing.filter((r) => r.status === 201).length;
    const [{ n }] = await sys.dataSource.query(
      `SELECT count(*)::int AS n FROM mm_requests WHERE (from_id = $1 OR to_id = $1) AND (status = 'accepted' OR (status = 'pending' AND expires_at > now()))`,
      [ids[4]],
    );
    expect(n).toBeLessThanOrEqual(2);
    expect(created).toBe(n);
    expect(racing.filter((r) => r.status === 409).map((r) => r.body.code)).toContain('MM_LIMIT_REACHED');
  });

  it('recommends counterparts with reasons, never oneself, one\'s company or someone with a request already', async () => {
    const r = await as(tokens[0], 'GET', '/matchmaking/recommendations');
    expect(r.status).toBe(200);
    const suggested = r.body.map((x: { participantId: string }) => x.participantId);
    expect(suggested).not.toContain(ids[0]);
    expect(suggested).not.toContain(ids[1]); // same company
    expect(suggested).not.toContain(ids[2]); // already met
    expect(suggested).toContain(ids[3]);
    expect(r.body[0].reasons[0].vi).toMatch(/cùng lĩnh vực|bạn cần|họ cần/);
  });

  it('keeps participants and tables out of overlapping meetings in the database itself', async () => {
    const [m] = await sys.dataSource.query(`SELECT * FROM mm_meetings WHERE status = 'scheduled' LIMIT 1`);
    await expect(
      sys.dataSource.query(`INSERT INTO mm_seats (meeting_id, participant_id, during) VALUES ($1, $2, tstzrange(lower($3::tstzrange) + interval '10 minutes', upper($3::tstzrange) + interval '10 minutes'))`, [
        m.id,
        m.a_id === ids[0] ? ids[2] : ids[0],
        m.during,
      ]),
    ).rejects.toThrow(/mm_seats/);
  });
});
