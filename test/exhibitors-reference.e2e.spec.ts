import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import PostalMime from 'postal-mime';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { REFERENCE_COUNTS, ReferenceFairSeeder } from '@fair/fairs';
import { referenceApplications } from '../libs/exhibitors/src/testing/application-fixtures';

const FAIR = 'hanoi-manufacturers-network-2018';

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

describe("the reference fair's 138 exhibitors register, confirm and are approved through the API", () => {
  let sys: TestSystem;
  let organiser: string;
  const fixtures = referenceApplications();

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    await sys.api.get(ReferenceFairSeeder).seed();
    organiser = await sys.signIn('organiser');
  });
  afterAll(() => sys?.close());

  it('registers, confirms by emailed link, reviews and approves all 138; the requests add up to 57 + 83 + 20 + 20', async () => {
    expect(fixtures).toHaveLength(138);
    const applied = await pool(fixtures, 8, async (f) => {
      const res = await sys.http('POST', `/api/fairs/${FAIR}/exhibitor-applications`, { body: f.body });
      expect([res.status, res.body.code]).toEqual([201, undefined]);
      return { id: res.body.id as string, email: String(f.body.email) };
    });

    const messages = await sys.smtp!.waitFor(138, 120_000);
    const tokens = new Map<string, string>();
    for (const m of messages.slice(0, 138)) {
      const parsed = await PostalMime.parse(m.raw);
      const url = parsed.text?.match(/https?:\/\/\S+\/exhibitor\/confirm\?token=\S+/)?.[0];
      tokens.set(m.to[0]!, new URL(url!).searchParams.get('token')!);
    }
    expect(tokens.size).toBe(138);

    await pool(applied, 8, async (a) => {
      const confirmed = await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token: tokens.get(a.email) } });
      expect([confirmed.status, confirmed.body.status]).toEqual([200, 'email_confirmed']);
      const reviewed = await sys.http('POST', `/api/exhibitor-applications/${a.id}/start-review`, { token: organiser });
      expect(reviewed.status).toBe(200);
      const approved = await sys.http('POST', `/api/exhibitor-applications/${a.id}/approve`, { token: organiser, body: {} });
      expect(approved.body.status).toBe('approved');
    });

    const requests = await sys.http('GET', `/api/fairs/${FAIR}/exhibitor-requests`, { token: organiser });
    expect(requests.body.exhibitors).toBe(138);
    expect(requests.body.booths).toEqual(REFERENCE_COUNTS);
    expect(requests.body.booths).toEqual({ international: 57, domestic: 83, 'technical-matchmaking': 20, 'technical-workshop': 20 });
    const technical = requests.body.items.filter((r: { requested: Record<string, number> }) => r.requested['technical-matchmaking'] + r.requested['technical-workshop'] > 0);
    expect(technical).toHaveLength(1);
    expect(technical[0].requested).toEqual({ international: 0, domestic: 0, 'technical-matchmaking': 20, 'technical-workshop': 20 });
    const byOrigin = (o: string) => requests.body.items.filter((r: { origin: string }) => r.origin === o).length;
    expect([byOrigin('international'), byOrigin('domestic')]).toEqual([55, 83]);

    const catalogue = await sys.http('GET', `/api/fairs/${FAIR}/catalogue?limit=500&lang=vi`);
    expect(catalogue.body.total).toBe(138);
    // 138 confirmation + 138 account + 138 under-review + 138 approval emails, each sent once
    const mails = await sys.smtp!.waitFor(552, 120_000);
    expect(mails.length).toBe(552);
    // the worker marks a row sent just after the SMTP server's answer
    await eventually(async () => (await sys.dataSource.query(`SELECT count(*)::int AS n FROM mail_messages WHERE status = 'sent'`))[0].n === 552);
    await new Promise((r) => setTimeout(r, 300));
    expect(sys.smtp!.messages.length).toBe(552);
  });
});
