import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SingleBar } from 'cli-progress';
import { decode as decodePng } from 'fast-png';
import jsQR from 'jsqr';
import PostalMime from 'postal-mime';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AuthService, type Role } from '@fair/auth';
import { installClock, OffsetClock, resetConfigCache } from '@fair/core';
import { startSmtpSink, type SmtpSink } from '@fair/mail';
import { REFERENCE_SECTORS, writeFloorPlanCsv, type BoothKind } from '@fair/fairs';
import { createApiApp } from '../../../api/src/http/configure-app';
import { WorkerModule } from '../../../worker/src/worker.module';
import { arrival, companies, rng, visitors as planVisitors, type SimulationParams, type VisitorPlan } from './plan';

export interface StepStats {
  step: string;
  calls: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface Headline {
  companies: number;
  booths: { total: number; international: number; domestic: number; technical: number; technicalMatchmaking: number; technicalWorkshop: number };
  visits: number;
  tradeMeetings: number;
}

export interface SimulationResult {
  fair: { id: string; slug: string; startsOn: string; endsOn: string };
  headline: Headline;
  report: Record<string, any>;
  steps: StepStats[];
  wallSeconds: number;
  counts: { scheduled: number; held: number; noShow: number; declined: number; expired: number; emails: number };
}

export interface SimulationOptions {
  /** a progress bar on stderr */
  progress?: boolean;
  /** one line per step on stderr */
  log?: (line: string) => void;
}

const LOCAL_OFFSET_MIN = 7 * 60; // the simulated fair is in Asia/Ho_Chi_Minh (UTC+7, no DST)

class Http {
  constructor(private readonly base: string) {}
  async call<T = any>(method: string, path: string, opts: { body?: unknown; token?: string; participant?: string } = {}): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { 'accept-language': 'en' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.participant) headers['x-participant-token'] = opts.participant;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + '/api' + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* text */
    }
    return { status: res.status, body };
  }
}

class SimulationError extends Error {}

function expectStatus(res: { status: number; body: any }, ok: number[], what: string): any {
  if (!ok.includes(res.status)) throw new SimulationError(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

/** Steps with their calls' latencies; a progress bar over the current step. */
class Steps {
  readonly done: StepStats[] = [];
  private current?: { step: string; started: number; latencies: number[]; bar?: SingleBar };
  constructor(private readonly options: SimulationOptions) {}

  start(step: string, total: number): void {
    this.finish();
    const bar = this.options.progress
      ? new SingleBar({ format: `${step.padEnd(28)} [{bar}] {value}/{total} {duration}s`, stream: process.stderr, hideCursor: true, clearOnComplete: false })
      : undefined;
    bar?.start(Math.max(total, 1), 0);
    this.current = { step, started: performance.now(), latencies: [], bar };
  }

  /** Times one call of the current step. */
  async time<T>(work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.current?.latencies.push(performance.now() - t0);
      this.current?.bar?.increment();
    }
  }

  tick(n = 1): void {
    this.current?.bar?.increment(n);
  }

  finish(): void {
    const c = this.current;
    if (!c) return;
    c.bar?.stop();
    const seconds = (performance.now() - c.started) / 1000;
    const sorted = [...c.latencies].sort((a, b) => a - b);
    const q = (p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10 : 0);
    const stats = { step: c.step, calls: sorted.length, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round((sorted.length / Math.max(seconds, 0.001)) * 10) / 10, p50Ms: q(0.5), p99Ms: q(0.99) };
    this.done.push(stats);
    this.options.log?.(`${stats.step}: ${stats.calls} calls in ${stats.seconds}s (${stats.perSecond}/s, p50 ${stats.p50Ms} ms, p99 ${stats.p99Ms} ms)`);
    this.current = undefined;
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

async function until<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 600_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new SimulationError(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
/** UTC instant of a fair-local day (index from the first day) and minute of the day */
const at = (firstDay: string, day: number, minute: number) => new Date(Date.parse(`${firstDay}T00:00:00Z`) + day * 86_400_000 + (minute - LOCAL_OFFSET_MIN) * 60_000);

/** The pass code inside a pass email's QR image. */
async function codeFromMail(raw: Buffer | string): Promise<{ to: string; code: string }> {
  const mail = await PostalMime.parse(raw);
  const png = mail.attachments.find((a) => a.mimeType === 'image/png');
  if (!png) throw new SimulationError(`pass email without a QR image: ${mail.subject}`);
  const img = decodePng(new Uint8Array(png.content as ArrayBuffer));
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  const rowBytes = Math.ceil((img.width * img.channels * img.depth) / 8);
  const data = img.data as Uint8Array;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      let v: number;
      if (img.depth === 1) v = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
      else v = data[(y * img.width + x) * img.channels]!;
      if (img.palette) v = img.palette[v]![0]!;
      const o = (y * img.width + x) * 4;
      rgba[o] = rgba[o + 1] = rgba[o + 2] = v;
      rgba[o + 3] = 255;
    }
  }
  const qr = jsQR(rgba, img.width, img.height);
  if (!qr) throw new SimulationError(`could not read the QR code of a pass email: ${mail.subject}`);
  return { to: (mail.to?.[0]?.address ?? '').toLowerCase(), code: qr.data };
}

/**
 * A whole fair through the real HTTP API and the real worker, both in this process, on the
 * database at DATABASE_URL and the Redis at REDIS_URL, with an SMTP sink; fair time is an
 * OffsetClock the simulator moves forward (decision 015).
 */
export async function runSimulation(p: SimulationParams, options: SimulationOptions = {}): Promise<SimulationResult> {
  const started = performance.now();
  const runId = randomBytes(3).toString('hex');
  const rand = rng(p.seed);
  const steps = new Steps(options);
  const clock = new OffsetClock();
  const restoreClock = installClock(clock);
  const smtp: SmtpSink = await startSmtpSink();
  Object.assign(process.env, { SMTP_URL: smtp.url, REDIS_PREFIX: `sim-${runId}`, OUTBOX_POLL_MS: '20', LOG_LEVEL: 'error', SEED_ON_START: 'false' });
  resetConfigCache();
  let api: NestFastifyApplication | undefined;
  let worker: INestApplicationContext | undefined;
  try {
    api = await createApiApp({ logger: ['error'] });
    await api.listen({ port: 0, host: '127.0.0.1' });
    const port = (api.getHttpServer().address() as { port: number }).port;
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    await worker.init();
    const db = api.get<DataSource>(getDataSourceToken());
    const http = new Http(`http://127.0.0.1:${port}`);
    const auth = api.get(AuthService);
    const user = async (role: Role, name: string) => {
      const email = `sim-${runId}-${name}@fair.example`;
      await auth.createUser({ email, name, role, password: 'simulated-fair-password' });
      return expectStatus(await http.call('POST', '/auth/login', { body: { email, password: 'simulated-fair-password' } }), [200], 'sign-in').token as string;
    };
    const outboxIdle = async () => {
      const [r] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE completed_at IS NULL AND failed_at IS NULL AND available_at <= greatest(now(), $1::timestamptz)`, [clock.now()]);
      return r.n === 0;
    };

    // ---- the fair, its floor plan, gates and matchmaking settings ----
    steps.start('fair and floor plan', 3);
    const org = await user('organiser', 'organiser');
    const first = new Date(Date.now() + 30 * 86_400_000);
    const startsOn = isoDate(first);
    const endsOn = isoDate(new Date(first.getTime() + (p.days - 1) * 86_400_000));
    const slug = `simulated-fair-${runId}`;
    const fair = expectStatus(
      await steps.time(() =>
        http.call('POST', '/fairs', {
          token: org,
          body: { slug, nameVi: `Hội chợ mô phỏng ${runId}`, nameEn: `Simulated fair ${runId}`, venueVi: 'Hà Nội', venueEn: 'Hanoi', startsOn, endsOn, sectors: REFERENCE_SECTORS },
        }),
      ),
      [201],
      'create fair',
    );
    const plan = floorPlan(p.booths);
    expectStatus(await steps.time(() => http.call('POST', `/fairs/${slug}/floor-plan`, { token: org, body: { csv: writeFloorPlanCsv(plan) } })), [200, 201], 'floor plan');

    // ---- exhibitors apply, confirm by the emailed link, are reviewed and approved ----
    const cos = companies(p);
    steps.start('exhibitors apply', cos.length);
    const applied = await pool(cos, p.concurrency, async (c) => {
      const email = `sim-${runId}-ex${c.index}@exhibitors.example`;
      const body = applicationBody(c, email, runId);
      const res = expectStatus(await steps.time(() => http.call('POST', `/fairs/${slug}/exhibitor-applications`, { body })), [201], 'apply');
      return { id: res.id as string, email, company: c };
    });
    steps.start('confirm, review, approve', applied.length);
    const parsedText = new WeakMap<object, string>();
    const confirmLinks = await until(async () => {
      const links = new Map<string, string>();
      for (const m of smtp.messages) {
        // bodies are base64 (libs/mail/src/mime-compose.ts): read each message once, then from the cache
        let text = parsedText.get(m);
        if (text === undefined) parsedText.set(m, (text = (await PostalMime.parse(m.raw)).text ?? ''));
        const url = text.match(/https?:\/\/\S+\/exhibitor\/confirm\?token=\S+/)?.[0];
        if (url) links.set(m.to[0]!.toLowerCase(), new URL(url).searchParams.get('token')!);
      }
      return links.size >= applied.length && links;
    }, 'exhibitor confirmation emails');
    const exhibitors = await pool(applied, p.concurrency, async (a) => {
      const confirmed = expectStatus(await steps.time(() => http.call('POST', '/exhibitor-auth/confirm', { body: { token: confirmLinks.get(a.email) } })), [200], 'confirm');
      expectStatus(await http.call('POST', `/exhibitor-applications/${a.id}/start-review`, { token: org }), [200], 'start review');
      expectStatus(await http.call('POST', `/exhibitor-applications/${a.id}/approve`, { token: org, body: {} }), [200], 'approve');
      return { ...a, session: confirmed.token as string };
    });

    // ---- booths: the solver's proposal, applied ----
    steps.start('booth allocation', 2);
    const proposal = expectStatus(await steps.time(() => http.call('POST', `/fairs/${slug}/booth-proposals`, { token: org, body: { timeLimitMs: 1000 } })), [201], 'booth proposal');
    expectStatus(await steps.time(() => http.call('POST', `/fairs/${slug}/booth-proposals/${proposal.id}/apply`, { token: org })), [200], 'apply proposal');
    const floor: { id: string; code: string; kind: BoothKind }[] = expectStatus(await http.call('GET', `/fairs/${slug}/booths`), [200], 'booths');
    const assignedRows: { booth_id: string; exhibitor_id: string }[] = await db.query(`SELECT booth_id, exhibitor_id FROM booth_allocations WHERE fair_id = $1 AND status = 'assigned'`, [fair.id]);
    // what the solver left unmet (it places all on the reference fair) is assigned by hand, as an organiser would
    const taken = new Set(assignedRows.map((r) => r.booth_id));
    for (const ex of exhibitors) {
      for (const [kind, want] of Object.entries(ex.company.booths) as [BoothKind, number][]) {
        const have = assignedRows.filter((r) => r.exhibitor_id === ex.id && floor.find((b) => b.id === r.booth_id)?.kind === kind).length;
        for (let k = have; k < want; k++) {
          const free = floor.find((b) => b.kind === kind && !taken.has(b.id));
          if (!free) break;
          taken.add(free.id);
          expectStatus(await http.call('POST', `/fairs/${slug}/booths/${free.code}/assign`, { token: org, body: { exhibitorId: ex.id } }), [200], 'assign booth');
        }
      }
    }

    // ---- visitors: self-registration and an invited list, passes through the queue to the sink ----
    const people = planVisitors(p, runId);
    const mailsBefore = smtp.messages.length;
    steps.start('visitors register', p.registeredVisitors);
    await pool(people.filter((v) => !v.invited), p.concurrency, async (v) => {
      const body = { name: `Khách ${v.index}`, company: `Công ty khách ${v.index}`, country: v.country, email: v.email, visitorType: v.visitorType, lang: v.index % 3 ? 'vi' : 'en', sectors: [SIM_SECTORS_FOR(v.index)], consent: true };
      expectStatus(await steps.time(() => http.call('POST', `/visitors/fairs/${slug}/register`, { body })), [201], 'register');
    });
    steps.start('visitors invited', 2);
    const invited = people.filter((v) => v.invited);
    if (invited.length) {
      const csv = ['name,email,country,visitor_type,company,sectors,lang,entry_policy', ...invited.map((v) => `Khách mời ${v.index},${v.email},${v.country},${v.visitorType},Công ty ${v.index},${SIM_SECTORS_FOR(v.index)},${v.index % 2 ? 'vi' : 'en'},re-entry`)].join('\n');
      expectStatus(await steps.time(() => http.call('POST', `/visitors/fairs/${slug}/import`, { token: org, body: { csv } })), [200], 'import visitors');
      expectStatus(await steps.time(() => http.call('POST', `/visitors/fairs/${slug}/invitations`, { token: org, body: {} })), [200, 201, 202], 'invitations');
    }
    steps.start('pass emails read (QR)', people.length);
    const codes = new Map<string, string>();
    let read = mailsBefore;
    await until(async () => {
      const batch = smtp.messages.slice(read);
      read += batch.length;
      for (const m of batch) {
        if (!m.to[0]?.toLowerCase().endsWith('@visitors.example')) continue;
        const { to, code } = await steps.time(() => codeFromMail(m.raw));
        codes.set(to || m.to[0]!.toLowerCase(), code);
      }
      return codes.size >= people.length;
    }, 'pass emails');

    // ---- gates ----
    steps.start('gates', p.gates);
    const devices = await pool(
      Array.from({ length: p.gates }, (_, g) => g),
      p.concurrency,
      async (g) => {
        const gate = expectStatus(await steps.time(() => http.call('POST', `/checkin/fairs/${slug}/gates`, { token: org, body: { code: `G${g + 1}`, nameVi: `Cổng ${g + 1}`, nameEn: `Gate ${g + 1}` } })), [201], 'gate');
        const device = expectStatus(await http.call('POST', `/checkin/gates/${gate.id}/devices`, { token: org, body: { name: `Scanner ${g + 1}` } }), [201], 'device');
        const token = await user('gate', `gate${g}`);
        expectStatus(await http.call('POST', `/checkin/devices/${device.id}/sign-in`, { token }), [200], 'device sign-in');
        return { id: device.id as string, token };
      },
    );

    // ---- matchmaking: settings, a table at every exhibitor booth, participants, requests ----
    steps.start('matchmaking setup', 1);
    const sessions = Array.from({ length: p.days }, (_, d) => ({ date: isoDate(new Date(Date.parse(`${startsOn}T00:00:00Z`) + d * 86_400_000)), start: '08:00', end: '17:00', breaks: [{ start: '12:00', end: '13:00' }] }));
    expectStatus(await steps.time(() => http.call('PUT', `/matchmaking/fairs/${slug}/settings`, { token: org, body: { slotMinutes: 30, perDayLimit: 16, requestExpiryHours: 72, mode: 'batch', sessions } })), [200], 'settings');
    const boothTables = floor.filter((b) => (b.kind === 'international' || b.kind === 'domestic') && taken.has(b.id));
    steps.start('meeting tables', boothTables.length);
    await pool(boothTables, p.concurrency, async (b) => {
      expectStatus(await steps.time(() => http.call('POST', `/matchmaking/fairs/${slug}/tables`, { token: org, body: { name: `Booth ${b.code}`, boothId: b.id } })), [201], 'table');
    });
    steps.start('participants opt in', exhibitors.length + people.filter((v) => v.matchmaking).length);
    const profile = (sectors: string[]) => ({ sectors, offers: ['manufacturing'], seeks: ['partners'], companySize: 'medium', countries: ['VN'], languages: ['vi', 'en'] });
    const exParticipants = await pool(exhibitors, p.concurrency, async (ex) => {
      const r = expectStatus(await steps.time(() => http.call('POST', `/matchmaking/fairs/${slug}/join/exhibitor`, { token: ex.session, body: profile(ex.company.sectors) })), [200, 201], 'exhibitor opt-in');
      return { id: r.participantId as string, token: r.token as string };
    });
    const mmVisitors = people.filter((v) => v.matchmaking);
    const dayWindow = (d: number) => ({ start: at(startsOn, d, 8 * 60).toISOString(), end: at(startsOn, d, 17 * 60).toISOString() });
    const vParticipants = new Map<number, { id: string; token: string }>();
    await pool(mmVisitors, p.concurrency, async (v) => {
      const r = expectStatus(
        await steps.time(() => http.call('POST', `/matchmaking/fairs/${slug}/join/visitor`, { body: { passCode: codes.get(v.email)!, ...profile([SIM_SECTORS_FOR(v.index)]), availability: v.days.map(dayWindow) } })),
        [200, 201],
        'visitor opt-in',
      );
      vParticipants.set(v.index, { id: r.participantId, token: r.token });
    });

    // requests: visitor -> exhibitor pairs, each pair once; answers by the exhibitor
    const pairs: { v: VisitorPlan; e: number }[] = [];
    const perVisitor = new Map<number, number>();
    const wanted = p.meetingsHeld + p.noShows + p.declined + p.expired;
    const exCount = exParticipants.length;
    for (let k = 0; pairs.length < wanted; k++) {
      const v = mmVisitors[k % mmVisitors.length]!;
      const n = perVisitor.get(v.index) ?? 0;
      if (n >= Math.min(exCount, 16 * v.days.length)) {
        if (k > wanted * 50) throw new SimulationError('not enough matchmaking capacity for the meetings asked for');
        continue;
      }
      perVisitor.set(v.index, n + 1);
      pairs.push({ v, e: (v.index * 7 + n * 31) % exCount });
    }
    const outcomes = pairs.map((_, i) => (i < p.declined ? 'decline' : i < p.declined + p.expired ? 'expire' : 'accept'));
    steps.start('meeting requests', pairs.length);
    const requests = await pool(pairs, p.concurrency, async (pair) => {
      const r = expectStatus(await steps.time(() => http.call('POST', '/matchmaking/requests', { participant: vParticipants.get(pair.v.index)!.token, body: { to: exParticipants[pair.e]!.id } })), [201], 'request');
      return r.id as string;
    });
    steps.start('requests answered', pairs.length - p.expired);
    await pool(pairs.map((pair, i) => ({ pair, i })), p.concurrency, async ({ pair, i }) => {
      if (outcomes[i] === 'expire') return;
      expectStatus(await steps.time(() => http.call('POST', `/matchmaking/requests/${requests[i]}/${outcomes[i]}`, { participant: exParticipants[pair.e]!.token })), [200], 'answer');
    });

    steps.start('scheduler run and publish', 2);
    const mmRun = expectStatus(await steps.time(() => http.call('POST', `/matchmaking/fairs/${slug}/proposals`, { token: org })), [200, 201], 'meeting proposal');
    expectStatus(await steps.time(() => http.call('POST', `/matchmaking/fairs/${slug}/proposals/${mmRun.id}/publish`, { token: org })), [200], 'publish');
    const scheduledTarget = p.meetingsHeld + p.noShows;
    if (mmRun.placed < scheduledTarget) throw new SimulationError(`the scheduler placed ${mmRun.placed} meetings; ${scheduledTarget} are needed (${JSON.stringify(mmRun.reasons)})`);

    steps.start('agendas', mmVisitors.length);
    const meetings: { id: string; start: number; end: number; v: VisitorPlan; e: number }[] = [];
    const exByParticipant = new Map(exParticipants.map((x, i) => [x.id, i]));
    await pool(mmVisitors, p.concurrency, async (v) => {
      const agenda = expectStatus(await steps.time(() => http.call('GET', '/matchmaking/agenda', { participant: vParticipants.get(v.index)!.token })), [200], 'agenda');
      for (const m of agenda.meetings as { meetingId: string; startsAt: string; endsAt: string; status: string }[]) {
        if (m.status !== 'scheduled') continue;
        meetings.push({ id: m.meetingId, start: Date.parse(m.startsAt), end: Date.parse(m.endsAt), v, e: -1 });
      }
    });
    // the exhibitor side of each meeting (read from the rows: the exhibitors' agendas would say the same in N more calls)
    const meetingEx: { id: string; a: string; b: string }[] = await db.query(`SELECT id, a_id AS a, b_id AS b FROM mm_meetings WHERE fair_id = $1 AND status = 'scheduled'`, [fair.id]);
    const exOf = new Map(meetingEx.map((m) => [m.id, exByParticipant.get(m.a) ?? exByParticipant.get(m.b)!]));
    for (const m of meetings) m.e = exOf.get(m.id)!;
    meetings.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
    // exactly meetingsHeld are held: spread over the slots, the rest become no-shows
    const heldSet = new Set<string>();
    const stride = meetings.length / p.meetingsHeld;
    for (let i = 0; i < p.meetingsHeld; i++) heldSet.add(meetings[Math.floor(i * stride)]!.id);

    // ---- the fair days: gates and meeting check-ins in time order ----
    type Ev = { t: number; kind: 'in' | 'out' | 'meeting'; v?: VisitorPlan; meeting?: (typeof meetings)[number] };
    const events: Ev[] = [];
    const dayMeetings = new Map<string, (typeof meetings)[number][]>();
    for (const m of meetings) {
      const d = Math.floor((m.start + LOCAL_OFFSET_MIN * 60_000 - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000);
      const key = `${m.v.index}:${d}`;
      (dayMeetings.get(key) ?? dayMeetings.set(key, []).get(key)!).push(m);
      if (heldSet.has(m.id)) events.push({ t: m.start + Math.floor(rand() * 10) * 60_000, kind: 'meeting', meeting: m });
    }
    for (const v of people) {
      for (const d of v.days) {
        const plan = arrival(rand, v.reentryDays.includes(d));
        const mine = dayMeetings.get(`${v.index}:${d}`) ?? [];
        const minute = (t: number) => Math.round((t - at(startsOn, d, 0).getTime()) / 60_000);
        let arrive = plan.arrive;
        let leave = plan.leave;
        if (mine.length) {
          arrive = Math.min(arrive, minute(Math.min(...mine.map((m) => m.start))) - 20);
          leave = Math.max(leave, minute(Math.max(...mine.map((m) => m.end))) + 10);
        }
        events.push({ t: at(startsOn, d, arrive).getTime(), kind: 'in', v });
        if (plan.out !== undefined && plan.out > arrive + 10 && plan.back! + 10 < leave) {
          events.push({ t: at(startsOn, d, plan.out).getTime(), kind: 'out', v });
          events.push({ t: at(startsOn, d, plan.back!).getTime(), kind: 'in', v });
        } else if (v.reentryDays.includes(d)) {
          events.push({ t: at(startsOn, d, arrive + 10).getTime(), kind: 'out', v });
          events.push({ t: at(startsOn, d, arrive + 20).getTime(), kind: 'in', v });
        }
        events.push({ t: at(startsOn, d, Math.min(leave, 23 * 60)).getTime(), kind: 'out', v });
      }
    }
    events.sort((a, b) => a.t - b.t);
    steps.start('fair days (gates, meetings)', events.length);
    const BUCKET = 5 * 60_000;
    const nonce = () => randomBytes(9).toString('base64url');
    const unexpected: string[] = [];
    let gateRobin = 0;
    for (let i = 0; i < events.length; ) {
      const bucket = Math.floor(events[i]!.t / BUCKET) * BUCKET;
      let j = i;
      while (j < events.length && events[j]!.t < bucket + BUCKET) j++;
      const group = events.slice(i, j);
      clock.advanceTo(new Date(Math.max(bucket, events[i]!.t - (events[i]!.kind === 'meeting' ? 0 : BUCKET))));
      // a visitor's two events never share a 5-minute bucket (they are 10+ minutes apart), so order within one does not matter
      await pool(group, p.concurrency, async (ev) => {
        if (ev.kind === 'meeting') {
          const m = ev.meeting!;
          const vCode = codes.get(m.v.email)!;
          const a = await steps.time(() => http.call('POST', `/matchmaking/fairs/${slug}/meetings/${m.id}/scan`, { token: devices[0]!.token, body: { code: vCode } }));
          const b = await http.call('POST', `/matchmaking/meetings/${m.id}/confirm`, { participant: exParticipants[m.e]!.token });
          if (a.status !== 200 || b.status !== 200 || b.body.status !== 'held') unexpected.push(`meeting ${m.id}: ${a.status}/${b.status} ${JSON.stringify(b.body).slice(0, 200)}`);
          return;
        }
        const device = devices[gateRobin++ % devices.length]!;
        const r = await steps.time(() => http.call('POST', `/checkin/devices/${device.id}/scans`, { token: device.token, body: { code: codes.get(ev.v!.email)!, nonce: nonce(), direction: ev.kind } }));
        const verdict = r.body?.verdict;
        const ok = ev.kind === 'in' ? verdict === 'admitted' || verdict === 're-entry' : verdict === 'exited';
        if (!ok) unexpected.push(`scan ${ev.kind} of visitor ${ev.v!.index}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      });
      i = j;
    }
    if (unexpected.length) throw new SimulationError(`${unexpected.length} steps did not go as planned, e.g. ${unexpected.slice(0, 3).join(' | ')}`);

    // ---- after the fair: no-shows by the close jobs, expired requests, tallies; then the report ----
    steps.start('after the fair (jobs)', 1);
    clock.advanceTo(at(startsOn, p.days, 60));
    await until(outboxIdle, 'the worker to finish the due jobs');
    steps.tick();
    steps.start('post-fair report', 2);
    const run = expectStatus(await steps.time(() => http.call('POST', `/reports/fairs/${slug}/post-fair/runs`, { token: org, body: { lang: 'en' } })), [202], 'report run');
    await until(async () => (await http.call('GET', `/reports/runs/${run.id}`, { token: org })).body?.status === 'done', 'the report run');
    const report = expectStatus(await steps.time(() => http.call('GET', `/reports/runs/${run.id}/report.json`, { token: org })), [200], 'report');
    steps.finish();

    const [c] = await db.query(
      `SELECT count(*) FILTER (WHERE status IN ('scheduled', 'held', 'no-show'))::int AS scheduled, count(*) FILTER (WHERE status = 'held')::int AS held,
              count(*) FILTER (WHERE status = 'no-show')::int AS no_show FROM mm_meetings WHERE fair_id = $1`,
      [fair.id],
    );
    const [r] = await db.query(`SELECT count(*) FILTER (WHERE status = 'declined')::int AS declined, count(*) FILTER (WHERE status = 'expired')::int AS expired FROM mm_requests WHERE fair_id = $1`, [fair.id]);
    return {
      fair: { id: fair.id, slug, startsOn, endsOn },
      headline: report.headline,
      report,
      steps: steps.done,
      wallSeconds: Math.round((performance.now() - started) / 100) / 10,
      counts: { scheduled: c.scheduled, held: c.held, noShow: c.no_show, declined: r.declined, expired: r.expired, emails: smtp.messages.length },
    };
  } finally {
    steps.finish();
    await worker?.close().catch(() => undefined);
    await api?.close().catch(() => undefined);
    await smtp.stop();
    restoreClock();
  }
}

const SIM_SECTORS_FOR = (i: number) => ['mechanical', 'electronics', 'automation', 'materials', 'moulds-dies', 'plastics-rubber'][i % 6]!;

function applicationBody(c: ReturnType<typeof companies>[number], email: string, runId: string): Record<string, unknown> {
  const foreign = c.origin === 'international';
  const network = !!c.booths['technical-matchmaking'] || !!c.booths['technical-workshop'];
  return {
    legalName: network ? `Mạng lưới công nghiệp ${runId}` : foreign ? `${c.country} Precision ${c.index + 1} Co., Ltd.` : `Công ty TNHH Cơ khí ${c.index + 1}`,
    ...(foreign ? {} : { nameEn: network ? `Industry network ${runId}` : `Mechanical ${c.index + 1} LLC` }),
    country: c.country,
    taxId: foreign ? `${c.country}${String(7_000_000 + c.index)}${runId}` : `01${String(10_000_000 + c.index)}`,
    address: foreign ? `${c.index + 1} Industrial Road` : `${c.index + 1} Phố Huế, Hà Nội`,
    website: 'https://example.com',
    sectors: c.sectors,
    products: 'precision parts',
    contactName: `Contact ${c.index + 1}`,
    email,
    phone: foreign ? '+81 3-5555-0100' : `09${String(10_000_000 + c.index).slice(-8)}`,
    booths: (Object.entries(c.booths) as [BoothKind, number][]).filter(([, n]) => n > 0).map(([kind, count]) => ({ kind, count })),
    placement: { nearPartners: [], awayFrom: [] },
    consent: true,
    lang: foreign ? 'en' : 'vi',
  };
}

/** Halls of 3 m booths in back-to-back rows, one hall per kind group, `perRow` booths a row. */
export function floorPlan(booths: Record<BoothKind, number>) {
  const halls: { code: string; vi: string; en: string; kinds: [BoothKind, string][] }[] = [
    { code: 'A', vi: 'Nhà A – Khu quốc tế', en: 'Hall A – International', kinds: [['international', 'A']] },
    { code: 'B', vi: 'Nhà B – Khu trong nước', en: 'Hall B – Domestic', kinds: [['domestic', 'B']] },
    { code: 'C', vi: 'Nhà C – Hỗ trợ kỹ thuật', en: 'Hall C – Technical support', kinds: [['technical-matchmaking', 'CM'], ['technical-workshop', 'CW']] },
  ];
  const out: { hall: string; hallNameVi: string; hallNameEn: string; code: string; kind: BoothKind; areaM2: number; isCorner: boolean; priceVnd: number; x: number; y: number; width: number; height: number }[] = [];
  let originX = 0;
  for (const h of halls) {
    let slot = 0;
    const perRow = 10;
    for (const [kind, prefix] of h.kinds) {
      for (let i = 1; i <= booths[kind]; i++, slot++) {
        const row = Math.floor(slot / perRow);
        const col = slot % perRow;
        out.push({
          hall: h.code,
          hallNameVi: h.vi,
          hallNameEn: h.en,
          code: `${prefix}${String(i).padStart(2, '0')}`,
          kind,
          areaM2: 9,
          isCorner: col === 0 || col === perRow - 1,
          priceVnd: kind === 'international' ? 52_000_000 : kind === 'domestic' ? 16_000_000 : 0,
          x: originX + 3 + col * 3,
          y: Math.floor(row / 2) * 9 + (row % 2) * 3 + 3,
          width: 3,
          height: 3,
        });
      }
    }
    originX += 3 + perRow * 3 + 10;
  }
  return out;
}
