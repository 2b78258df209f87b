import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { ReferenceFairSeeder } from '@fair/fairs';
import { applicationBody } from '../src/testing/application-fixtures';
import { confirmedApplicant, REF_FAIR } from './applicant';

/** The application body for an edit: everything the form sends, without password/draft. */
const editBody = (i: number, overrides: Record<string, unknown> = {}) => applicationBody(i, overrides);

describe('editing an application: drafts by resume token, change requests by the signed-in exhibitor', () => {
  let sys: TestSystem;
  let organiser: string;
  const apply = (body: Record<string, unknown>) => sys.http('POST', `/api/fairs/${REF_FAIR}/exhibitor-applications`, { body });
  const editDraft = (id: string, resumeToken: string, body: Record<string, unknown>, lang: 'vi' | 'en' = 'en') =>
    sys.http('PUT', `/api/exhibitor-applications/${id}`, { body: { ...body, resumeToken }, lang });
  const editOwn = (id: string, session: string, body: Record<string, unknown>, lang: 'vi' | 'en' = 'en') =>
    sys.http('PUT', `/api/exhibitors/${id}/application`, { token: session, body, lang });
  const act = (id: string, action: string, body: Record<string, unknown> = {}) =>
    sys.http('POST', `/api/exhibitor-applications/${id}/${action}`, { token: organiser, body });
  const snapshot = async (id: string) =>
    (await sys.dataSource.query(`SELECT row_to_json(e)::text AS j FROM exhibitors e WHERE id = $1`, [id]))[0].j as string;
  const audit = async (id: string) =>
    (await sys.dataSource.query(`SELECT action, actor_role, actor_user_id, before, after FROM audit_log WHERE entity = 'exhibitor' AND entity_id = $1 ORDER BY id`, [id])) as {
      action: string;
      actor_role: string;
      actor_user_id: string | null;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];
  const draft = async (i: number, overrides: Record<string, unknown> = {}) => {
    const res = await apply(applicationBody(i, { ...overrides, draft: true }));
    expect(res.status).toBe(201);
    return { id: res.body.id as string, token: res.body.resumeToken as string };
  };
  /** A confirmed application taken to changes_requested by an organiser. */
  const changesRequested = async (i: number, overrides: Record<string, unknown> = {}) => {
    const a = await confirmedApplicant(sys, i, overrides);
    expect((await act(a.id, 'start-review')).status).toBe(200);
    expect((await act(a.id, 'request-changes', { reason: 'add your products' })).body.status).toBe('changes_requested');
    return a;
  };

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    await sys.api.get(ReferenceFairSeeder).seed();
    organiser = await sys.signIn('organiser');
  });
  afterAll(() => sys?.close());

  it('replaces every field of a draft, booths by kind and placement wishes included, in one audited change; the token still submits', async () => {
    const d = await draft(100);
    const res = await editDraft(d.id, d.token, editBody(100, {
      legalName: 'Công ty TNHH Cơ khí Một Trăm',
      nameVi: 'Cơ khí Một Trăm',
      nameEn: 'Hundred Mechanical',
      country: 'vn',
      taxId: '0101-100 100',
      address: '100 Phố Huế, Hà Nội',
      website: 'https://motram.example.vn',
      sectors: ['electronics', 'automation'],
      products: 'bộ điều khiển <b>PLC</b>',
      contactName: 'Nguyễn Văn Một',
      email: 'Draft-Moved-100@example.vn',
      phone: '0912 345 100',
      booths: [{ kind: 'domestic', count: 2 }, { kind: 'technical-workshop', count: 1 }],
      placement: { nearPartners: ['Alpha Gears'], awayFrom: ['Beta Circuits', 'Gamma'], hall: 'b', corner: true, note: 'gần lối vào' },
      lang: 'vi',
    }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: d.id, status: 'draft', origin: 'domestic', country: 'VN', taxId: '0101100100', email: 'draft-moved-100@example.vn', phone: '+84912345100' });
    const [row] = await sys.dataSource.query(
      `SELECT legal_name, name_vi, name_en, country, origin, tax_id, address, website, sectors, products, contact_name, email, phone, lang, booth_requests, placement, status
         FROM exhibitors WHERE id = $1`,
      [d.id],
    );
    expect(row).toEqual({
      legal_name: 'Công ty TNHH Cơ khí Một Trăm',
      name_vi: 'Cơ khí Một Trăm',
      name_en: 'Hundred Mechanical',
      country: 'VN',
      origin: 'domestic',
      tax_id: '0101100100',
      address: '100 Phố Huế, Hà Nội',
      website: 'https://motram.example.vn',
      sectors: ['electronics', 'automation'],
      products: 'bộ điều khiển <b>PLC</b>',
      contact_name: 'Nguyễn Văn Một',
      email: 'draft-moved-100@example.vn',
      phone: '+84912345100',
      lang: 'vi',
      booth_requests: { domestic: 2, 'technical-workshop': 1 },
      placement: { nearPartners: ['Alpha Gears'], awayFrom: ['Beta Circuits', 'Gamma'], hall: 'B', corner: true, note: 'gần lối vào' },
      status: 'draft',
    });
    const rows = await audit(d.id);
    expect(rows.map((r) => r.action)).toEqual(['exhibitor.draft', 'exhibitor.edit']);
    expect(rows[1]!.before).toMatchObject({ country: 'JP', origin: 'international', boothRequests: { international: 1 } });
    expect(rows[1]!.after).toMatchObject({ country: 'VN', origin: 'domestic', boothRequests: { domestic: 2, 'technical-workshop': 1 } });

    // the same token edits again, then submits; the confirmation goes to the new address
    expect((await editDraft(d.id, d.token, editBody(100, { country: 'VN', phone: '0912345100', email: 'draft-moved-100@example.vn', booths: [{ kind: 'domestic', count: 1 }] }))).status).toBe(200);
    const submitted = await sys.http('POST', `/api/exhibitor-applications/${d.id}/submit`, { body: { resumeToken: d.token } });
    expect([submitted.status, submitted.body.status]).toEqual([200, 'submitted']);
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM mail_messages WHERE to_address = 'draft-moved-100@example.vn'`);
    expect(n).toBe(1);
    // once submitted the token is spent: no more edits through it
    const late = await editDraft(d.id, d.token, editBody(100));
    expect([late.status, late.body.code]).toEqual([410, 'TOKEN_INVALID']);
  });

  it('re-checks an edited draft exactly like an application: per-field 422 in vi/en, nothing stored', async () => {
    const d = await draft(110);
    const before = await snapshot(d.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email' }, 'email'],
      [{ phone: '12345' }, 'phone'],
      [{ country: 'XX' }, 'country'],
      [{ sectors: ['space-travel'] }, 'sectors'],
      [{ sectors: [] }, 'sectors'],
      [{ legalName: 'x'.repeat(301) }, 'legalName'],
      [{ booths: [{ kind: 'international', count: 58 }] }, 'booths[0].count'],
      [{ booths: [{ kind: 'domestic', count: 1 }, { kind: 'domestic', count: 1 }] }, 'booths[1].kind'],
      [{ booths: [{ kind: 'castle', count: 1 }] }, 'booths[0].kind'],
      [{ booths: [] }, 'booths'],
      [{ consent: false }, 'consent'],
      [{ placement: { hall: 'A B!' } }, 'placement.hall'],
      [{ placement: { awayFrom: Array.from({ length: 11 }, (_, k) => `C${k}`) } }, 'placement.awayFrom'],
      [{ status: 'approved' }, 'status'],
      [{ password: 'a-new-long-password' }, 'password'],
    ];
    for (const [override, field] of cases) {
      const res = await editDraft(d.id, d.token, editBody(110, override), 'vi');
      expect([res.status, res.body.code]).toEqual([422, 'VALIDATION_FAILED']);
      expect(res.body.message).toBe('Một số trường không hợp lệ');
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining([expect.stringContaining(field)]));
    }
    const tooMany = await editDraft(d.id, d.token, editBody(110, { booths: [{ kind: 'technical-matchmaking', count: 21 }] }), 'en');
    expect(tooMany.body.fields[0].message).toMatch(/only 20 booths of kind technical-matchmaking/);
    const sector = await editDraft(d.id, d.token, editBody(110, { sectors: ['mechanical', 'space-travel'] }), 'vi');
    expect(sector.body.fields[0].message).toMatch(/ngành hàng không có trong hội chợ: space-travel/);
    expect(await snapshot(d.id)).toBe(before);
    expect((await audit(d.id)).map((r) => r.action)).toEqual(['exhibitor.draft']);
  });

  it('refuses a wrong or foreign resume token and changes nothing', async () => {
    const a = await draft(120);
    const b = await draft(121);
    const before = await snapshot(a.id);
    expect((await editDraft(a.id, 'nope', editBody(120, { legalName: 'Hijacked' }))).status).toBe(410);
    expect((await editDraft(a.id, a.token.slice(0, -2) + 'xx', editBody(120, { legalName: 'Hijacked' }))).status).toBe(410);
    // b's token on a's draft: not found, not even the fair's checks (an unknown sector) are answered
    const foreign = await editDraft(a.id, b.token, editBody(120, { legalName: 'Hijacked', sectors: ['space-travel'] }));
    expect([foreign.status, foreign.body.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    expect((await editDraft('00000000-0000-4000-8000-000000000000', a.token, editBody(120))).status).toBe(404);
    expect(await snapshot(a.id)).toBe(before);
    // a signed-in exhibitor cannot edit a draft through the portal either
    const other = await confirmedApplicant(sys, 122);
    expect((await editOwn(a.id, other.session, editBody(120, { legalName: 'Hijacked' }))).status).toBe(404);
    expect(await snapshot(a.id)).toBe(before);
  });

  it('keeps the duplicate rule on edits (the database decides), without counting the application against itself', async () => {
    const a = await draft(130);
    await apply(applicationBody(131));
    const before = await snapshot(a.id);
    // unchanged tax number and email: not a duplicate of itself
    expect((await editDraft(a.id, a.token, editBody(130, { products: 'new list' }))).status).toBe(200);
    const sameTax = await editDraft(a.id, a.token, editBody(130, { taxId: 'JP-1000131' }));
    expect([sameTax.status, sameTax.body.code]).toEqual([409, 'DUPLICATE_APPLICATION']);
    expect(sameTax.body.message).toMatch(/same tax.*submitted, waiting for email confirmation/);
    const sameEmail = await editDraft(a.id, a.token, editBody(130, { email: 'APPLICANT-131@example.jp' }), 'vi');
    expect([sameEmail.status, sameEmail.body.code]).toEqual([409, 'DUPLICATE_APPLICATION']);
    expect(sameEmail.body.message).toMatch(/cùng email/);
    const [row] = await sys.dataSource.query(`SELECT tax_id, email, products FROM exhibitors WHERE id = $1`, [a.id]);
    expect(row).toEqual({ tax_id: 'JP1000130', email: 'applicant-130@example.jp', products: 'new list' });
    expect(before).not.toBe(await snapshot(a.id));
  });

  it('lets exactly one of several drafts edited at once to the same tax number keep it (partial unique index)', async () => {
    const drafts = await Promise.all([140, 141, 142, 143, 144].map((i) => draft(i)));
    const results = await Promise.all(drafts.map((d, k) => editDraft(d.id, d.token, editBody(140 + k, { taxId: 'JP-EDIT-RACE-1' }))));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM exhibitors WHERE tax_id = 'JPEDITRACE1'`);
    expect(n).toBe(1);
    const edits = await sys.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exhibitor.edit' AND entity_id = ANY($1)`, [drafts.map((d) => d.id)]);
    expect(edits[0].n).toBe(1);
  });

  it('after a change request: the owner edits, resubmits back to review, and the audit log shows both', async () => {
    const a = await changesRequested(150, { booths: [{ kind: 'international', count: 1 }] });
    const res = await editOwn(a.id, a.session, editBody(150, {
      products: 'precision parts, spindles, jigs',
      sectors: ['mechanical', 'moulds-dies'],
      booths: [{ kind: 'international', count: 2 }, { kind: 'technical-matchmaking', count: 1 }],
      placement: { nearPartners: ['Tanaka Seiki'], hall: 'A' },
    }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'changes_requested', boothRequests: { international: 2, 'technical-matchmaking': 1 }, sectors: ['mechanical', 'moulds-dies'] });
    expect((await sys.http('GET', `/api/exhibitors/${a.id}`, { token: a.session })).body.placement).toEqual({ nearPartners: ['Tanaka Seiki'], awayFrom: [], hall: 'A' });

    // the confirmed email is the account's sign-in: it cannot move; other checks as at submission
    const before = await snapshot(a.id);
    const moved = await editOwn(a.id, a.session, editBody(150, { email: 'elsewhere-150@example.jp' }), 'vi');
    expect([moved.status, moved.body.fields?.[0]?.field]).toEqual([422, 'email']);
    expect(moved.body.fields[0].message).toMatch(/email đã được xác nhận/);
    expect((await editOwn(a.id, a.session, editBody(150, { sectors: ['space-travel'] }))).status).toBe(422);
    expect((await editOwn(a.id, a.session, editBody(150, { booths: [{ kind: 'international', count: 58 }] }))).status).toBe(422);
    expect(await snapshot(a.id)).toBe(before);

    const resubmitted = await sys.http('POST', `/api/exhibitors/${a.id}/resubmit`, { token: a.session });
    expect(resubmitted.body).toEqual({ id: a.id, status: 'under_review' });
    const rows = await audit(a.id);
    expect(rows.map((r) => r.action).slice(-3)).toEqual(['exhibitor.request-changes', 'exhibitor.edit', 'exhibitor.resubmit']);
    const edit = rows.find((r) => r.action === 'exhibitor.edit')!;
    expect(edit.actor_role).toBe('exhibitor');
    expect(edit.actor_user_id).toEqual(expect.any(String));
    expect(edit.before).toMatchObject({ boothRequests: { international: 1 }, sectors: ['mechanical'] });
    // the organisers see it back in their review list with the new requests
    const list = await sys.http('GET', `/api/fairs/${REF_FAIR}/exhibitor-applications?status=under_review`, { token: organiser });
    expect(list.body.items.find((e: { id: string }) => e.id === a.id)).toMatchObject({ boothRequests: { international: 2, 'technical-matchmaking': 1 } });

    // under review again: not editable until the organisers ask again
    const locked = await editOwn(a.id, a.session, editBody(150, { products: 'late change' }));
    expect([locked.status, locked.body.code]).toEqual([409, 'NOT_EDITABLE']);
    expect(locked.body.message).toMatch(/under review/);
  });

  it('keeps an organiser override of international/domestic when the country changes', async () => {
    const a = await changesRequested(160);
    expect((await sys.http('PATCH', `/api/exhibitor-applications/${a.id}/origin`, { token: organiser, body: { origin: 'domestic' } })).status).toBe(200);
    const res = await editOwn(a.id, a.session, editBody(160, { country: 'KR', phone: '+82 2-312-3456' }));
    expect([res.status, res.body.country, res.body.origin]).toEqual([200, 'KR', 'domestic']);
  });

  it("answers 409 for approved, rejected, withdrawn and submitted applications, 404 for another exhibitor's, changing nothing", async () => {
    const approved = await confirmedApplicant(sys, 170);
    await act(approved.id, 'start-review');
    expect((await act(approved.id, 'approve')).body.status).toBe('approved');
    const rejected = await confirmedApplicant(sys, 171);
    await act(rejected.id, 'start-review');
    expect((await act(rejected.id, 'reject', { reason: 'out of scope' })).body.status).toBe('rejected');
    const withdrawn = await changesRequested(172);
    expect((await sys.http('POST', `/api/exhibitors/${withdrawn.id}/withdraw`, { token: withdrawn.session })).body.status).toBe('withdrawn');
    const confirmed = await confirmedApplicant(sys, 173);
    const other = await changesRequested(174);

    for (const [who, i, status] of [[approved, 170, 'approved'], [rejected, 171, 'rejected'], [withdrawn, 172, 'withdrawn'], [confirmed, 173, 'email confirmed']] as const) {
      const before = await snapshot(who.id);
      const res = await editOwn(who.id, who.session, editBody(i, { products: 'changed' }), 'en');
      expect([res.status, res.body.code]).toEqual([409, 'NOT_EDITABLE']);
      expect(res.body.message).toContain(status);
      const vi = await editOwn(who.id, who.session, editBody(i, { products: 'changed' }), 'vi');
      expect(vi.body.message).toMatch(/Không thể sửa hồ sơ/);
      expect(await snapshot(who.id)).toBe(before);
    }
    // another exhibitor's application, even one that is editable, is not there for the caller
    const before = await snapshot(other.id);
    const foreign = await editOwn(other.id, approved.session, editBody(174, { products: 'hijacked' }));
    expect([foreign.status, foreign.body.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    expect(await snapshot(other.id)).toBe(before);
    // organisers and the public do not use the exhibitor route
    expect((await sys.http('PUT', `/api/exhibitors/${other.id}/application`, { token: organiser, body: editBody(174) })).status).toBe(403);
    expect((await sys.http('PUT', `/api/exhibitors/${other.id}/application`, { body: editBody(174) })).status).toBe(401);
    expect(await snapshot(other.id)).toBe(before);
  });
});
