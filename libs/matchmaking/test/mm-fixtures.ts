import PostalMime from 'postal-mime';
import type { TestSystem } from '@fair/testing';

export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export const PROFILE = { sectors: ['mechanical'], offers: ['CNC machining'], seeks: ['moulds'], companySize: 'small', countries: ['JP'], languages: ['vi'] };

/** a participant endpoint call with the personal token */
export async function as(sys: TestSystem, token: string, method: string, path: string, body?: unknown, lang: 'vi' | 'en' = 'vi') {
  const res = await fetch(`${sys.baseUrl}/api${path}`, {
    method,
    headers: { 'x-participant-token': token, 'accept-language': lang, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* text (the .ics) */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** a fair over days first..first+2 from today, with `mmBooths` technical-matchmaking booths M1..Mn and one domestic booth */
export async function createFair(sys: TestSystem, org: string, slug: string, mmBooths = 0, first = 1): Promise<string> {
  const f = await sys.http('POST', '/api/fairs', {
    token: org,
    body: { slug, nameVi: `Hội chợ ${slug}`, nameEn: `Fair ${slug}`, venueVi: 'Hà Nội', venueEn: 'Hanoi', startsOn: day(first), endsOn: day(first + 2) },
  });
  if (f.status !== 201) throw new Error(`fair: ${f.status} ${JSON.stringify(f.body)}`);
  if (mmBooths) {
    const lines = ['hall,code,kind,area_m2,corner,price_vnd,x,y,width,height', 'H,D1,domestic,9,false,1000,0,20,3,3'];
    for (let i = 0; i < mmBooths; i++) lines.push(`H,M${i + 1},technical-matchmaking,9,false,0,${i * 3},0,3,3`);
    const plan = await sys.http('POST', `/api/fairs/${slug}/floor-plan`, { token: org, body: { csv: lines.join('\n') } });
    if (plan.status >= 300) throw new Error(`plan: ${plan.status} ${JSON.stringify(plan.body)}`);
  }
  return f.body.id;
}

export async function settings(sys: TestSystem, org: string, slug: string, over: Record<string, unknown> = {}) {
  return sys.http('PUT', `/api/matchmaking/fairs/${slug}/settings`, {
    token: org,
    body: {
      slotMinutes: 30,
      perDayLimit: 4,
      requestExpiryHours: 48,
      mode: 'immediate',
      sessions: [{ date: day(1), start: '08:00', end: '10:00', breaks: [{ start: '09:00', end: '09:30' }] }],
      ...over,
    },
  });
}

/** a registered visitor; returns its id and the QR pass code that was mailed to it */
export async function visitor(sys: TestSystem, org: string, slug: string, name: string, company: string, extra: Record<string, unknown> = {}) {
  const res = await sys.http('POST', `/api/visitors/fairs/${slug}`, {
    token: org,
    body: { name, company, country: 'VN', email: `${name.toLowerCase().replace(/\s/g, '.')}@example.vn`, visitorType: 'trade-buyer', lang: 'vi', ...extra },
  });
  if (res.status !== 201) throw new Error(`visitor: ${res.status} ${JSON.stringify(res.body)}`);
  const id: string = res.body.id ?? res.body.visitor?.id;
  const [pass] = await sys.dataSource.query(`SELECT code FROM passes WHERE visitor_id = $1`, [id]);
  return { id, code: pass.code as string, email: res.body.email as string };
}

/** the organiser opts a visitor in; returns participant id and token */
export async function optIn(sys: TestSystem, org: string, slug: string, visitorId: string, profile: Record<string, unknown> = {}) {
  const r = await sys.http('POST', `/api/matchmaking/fairs/${slug}/participants`, { token: org, body: { visitorId, ...PROFILE, ...profile } });
  if (r.status !== 201) throw new Error(`opt-in: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.participantId as string, token: r.body.token as string };
}

export interface ParsedMail {
  to: string;
  subject: string;
  text: string;
  lang: string | undefined;
  attachments: { filename: string | null; mimeType: string; content: string }[];
}

export async function mailsTo(sys: TestSystem, address: string): Promise<ParsedMail[]> {
  const out: ParsedMail[] = [];
  for (const m of sys.smtp!.messages) {
    if (!m.to.includes(address)) continue;
    const p = await PostalMime.parse(m.raw);
    out.push({
      to: address,
      subject: p.subject ?? '',
      text: p.text ?? '',
      lang: p.html?.match(/<html lang="(\w+)"/)?.[1],
      attachments: p.attachments.map((a) => ({
        filename: a.filename,
        mimeType: a.mimeType,
        content: typeof a.content === 'string' ? a.content : Buffer.from(a.content as ArrayBuffer).toString('utf8'),
      })),
    });
  }
  return out;
}
