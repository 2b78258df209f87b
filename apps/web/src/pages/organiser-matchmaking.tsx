import { useCallback, useEffect, useState } from 'react';
import { ok, organiserApi, session } from '../api/client';
import type { Fair, MatchmakingSettings, MeetingTable, SchedulerProposal } from '../api/views';
import { useI18n } from '../i18n';
import { Field, FormError, useSubmit } from '../ui/form';

type SessionRow = { date: string; start: string; end: string; breaks: string };

const toRows = (s: MatchmakingSettings): SessionRow[] => s.sessions.map((x) => ({ date: x.date, start: x.start, end: x.end, breaks: (x.breaks ?? []).map((b) => `${b.start}-${b.end}`).join(', ') }));

/** "12:00-13:00, 15:00-15:15" → breaks; what cannot be read is sent as typed, so the API names the bad field. */
const parseBreaks = (text: string) =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const [start = '', end = ''] = x.split(/\s*[-–]\s*/);
      return { start, end };
    });

/** Sessions (days and hours of meetings, with breaks), slot length, limits and the scheduling mode (PUT settings). */
function SettingsForm({ fair, settings, onSaved }: { fair: Fair; settings: MatchmakingSettings; onSaved(s: MatchmakingSettings): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState(() => ({ mode: settings.mode, slotMinutes: String(settings.slotMinutes), perDayLimit: String(settings.perDayLimit), requestExpiryHours: String(settings.requestExpiryHours) }));
  const [rows, setRows] = useState<SessionRow[]>(() => toRows(settings));
  const [saved, setSaved] = useState(false);
  const { busy, error, fieldErrors, run } = useSubmit();
  const setRow = (i: number, patch: Partial<SessionRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = () =>
    run(async () => {
      setSaved(false);
      const body = {
        mode: form.mode,
        slotMinutes: Number(form.slotMinutes),
        perDayLimit: Number(form.perDayLimit),
        requestExpiryHours: Number(form.requestExpiryHours),
        utcOffset: settings.utcOffset,
        sessions: rows.map((r) => ({ date: r.date, start: r.start, end: r.end, breaks: parseBreaks(r.breaks) })),
      };
      const next = await ok(organiserApi.PUT('/api/matchmaking/fairs/{fair}/settings', { params: { path: { fair: fair.id } }, body }));
      onSaved(next);
      setRows(toRows(next));
      setSaved(true);
    });
  const rowError = (i: number, key: string) => Object.entries(fieldErrors).find(([f]) => f === `sessions[${i}].${key}` || f.startsWith(`sessions[${i}].${key}[`) || f.startsWith(`sessions[${i}].${key}.`))?.[1];
  return (
    <form
      className="panel"
      noValidate
      data-testid="mm-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t.mmSettings}</h2>
      <FormError error={error} shown={['mode', 'slotMinutes', 'perDayLimit', 'requestExpiryHours', 'sessions']} />
      <div className="grid4">
        <Field label={t.mmModeLabel} name="mode" as="select" value={form.mode} onValue={(v) => setForm({ ...form, mode: v as MatchmakingSettings['mode'] })} error={fieldErrors.mode}>
          <option value="immediate">{t.mmMode.immediate}</option>
          <option value="batch">{t.mmMode.batch}</option>
        </Field>
        <Field label={t.slotMinutesLabel} name="slotMinutes" type="number" min={5} max={240} value={form.slotMinutes} onValue={(v) => setForm({ ...form, slotMinutes: v })} error={fieldErrors.slotMinutes} />
        <Field label={t.perDayLabel} name="perDayLimit" type="number" min={1} max={100} value={form.perDayLimit} onValue={(v) => setForm({ ...form, perDayLimit: v })} error={fieldErrors.perDayLimit} />
        <Field label={t.requestExpiryLabel} name="requestExpiryHours" type="number" min={1} value={form.requestExpiryHours} onValue={(v) => setForm({ ...form, requestExpiryHours: v })} error={fieldErrors.requestExpiryHours} />
      </div>
      <h3>{t.sessionsTitle}</h3>
      {rows.length === 0 && <p>{t.noSessions}</p>}
      <ol data-testid="mm-sessions">
        {rows.map((r, i) => (
          <li key={i} className="grid4" data-session={i}>
            <Field label={t.sessionDate(i + 1)} name={`session-${i}-date`} type="date" value={r.date} onValue={(v) => setRow(i, { date: v })} error={rowError(i, 'date')} />
            <Field label={t.sessionStart} name={`session-${i}-start`} type="time" value={r.start} onValue={(v) => setRow(i, { start: v })} error={rowError(i, 'start')} />
            <Field label={t.sessionEnd} name={`session-${i}-end`} type="time" value={r.end} onValue={(v) => setRow(i, { end: v })} error={rowError(i, 'end')} />
            <Field label={t.sessionBreaks} name={`session-${i}-breaks`} value={r.breaks} onValue={(v) => setRow(i, { breaks: v })} hint={t.sessionBreaksHint} error={rowError(i, 'breaks')} />
            <button type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t.removeSession(i + 1)}
            </button>
          </li>
        ))}
      </ol>
      <div className="row">
        <button type="button" onClick={() => setRows([...rows, { date: fair.startsOn, start: '08:00', end: '17:00', breaks: '' }])}>
          {t.addSession}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t.saveSettings}
        </button>
        {saved && (
          <span role="status" data-testid="mm-settings-saved">
            {t.saved}
          </span>
        )}
      </div>
    </form>
  );
}

/** Matchmaking for organisers: sessions, tables, and the batch scheduler's proposal (run, review, publish/discard). */
export function Matchmaking({ fair }: { fair: Fair }) {
  const { t, number } = useI18n();
  const [settings, setSettings] = useState<MatchmakingSettings | null>(null);
  const [tables, setTables] = useState<MeetingTable[]>([]);
  const [name, setName] = useState('');
  const [proposal, setProposal] = useState<SchedulerProposal | null>(null);
  const { busy, error, fieldErrors, run } = useSubmit();
  const path = { fair: fair.id };
  const load = useCallback(() => {
    ok(organiserApi.GET('/api/matchmaking/fairs/{fair}/settings', { params: { path } })).then(setSettings, () => undefined);
    ok(organiserApi.GET('/api/matchmaking/fairs/{fair}/tables', { params: { path } })).then(setTables, () => undefined);
  }, [fair.id]);
  useEffect(load, [load]);
  const decide = (what: 'publish' | 'discard') =>
    run(async () => {
      const p = { params: { path: { fair: fair.id, id: proposal!.id } } };
      setProposal(await ok(what === 'publish' ? organiserApi.POST('/api/matchmaking/fairs/{fair}/proposals/{id}/publish', p) : organiserApi.POST('/api/matchmaking/fairs/{fair}/proposals/{id}/discard', p)));
    });
  return (
    <section>
      <FormError error={error} shown={['name']} />
      {settings && <SettingsForm fair={fair} settings={settings} onSaved={setSettings} />}
      <div className="panel">
        <h2>{t.tables}</h2>
        <ul data-testid="mm-tables">
          {tables.map((tb) => (
            <li key={tb.id}>
              {tb.name} {!tb.active && <span className="muted">({t.inactive})</span>}{' '}
              {tb.active && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void run(async () => (await ok(organiserApi.DELETE('/api/matchmaking/fairs/{fair}/tables/{table}', { params: { path: { fair: fair.id, table: tb.id } } })), load()))}
                >
                  {t.remove}
                </button>
              )}
            </li>
          ))}
        </ul>
        <form
          className="row"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await ok(organiserApi.POST('/api/matchmaking/fairs/{fair}/tables', { params: { path }, body: { name } }));
              setName('');
              load();
            });
          }}
        >
          <Field label={t.tableName} name="name" value={name} onValue={setName} error={fieldErrors.name} required />
          <button type="submit" disabled={busy}>
            {t.addTable}
          </button>
        </form>
      </div>
      <div className="panel">
        <button type="button" className="primary" disabled={busy} onClick={() => void run(async () => setProposal(await ok(organiserApi.POST('/api/matchmaking/fairs/{fair}/proposals', { params: { path } }))))}>
          {t.runScheduler}
        </button>
        {proposal && (
          <div data-testid="mm-proposal" data-status={proposal.status}>
            <h2>
              {t.schedulerProposal} · {t.proposalStatus[proposal.status]}
            </h2>
            <p data-testid="mm-placed" data-placed={proposal.placed} data-considered={proposal.considered}>{t.proposalFigures(number(proposal.considered), number(proposal.placed), number(proposal.upperBound))}</p>
            {Object.keys(proposal.reasons).length > 0 && (
              <>
                <h3>{t.leftOut}</h3>
                <ul>
                  {Object.entries(proposal.reasons).map(([r, n]) => (
                    <li key={r} data-reason={r}>
                      {t.unplacedReason[r] ?? r}: {number(n ?? 0)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {proposal.status === 'open' && (
              <div className="row">
                <button type="button" className="primary" disabled={busy} onClick={() => void decide('publish')}>
                  {t.publish}
                </button>
                <button type="button" disabled={busy} onClick={() => void decide('discard')}>
                  {t.discard}
                </button>
              </div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/** The job queues' dashboard (bull-board at /admin/queues, organisers only via the session cookie). */
export function Queues() {
  const { t } = useI18n();
  return (
    <section className="panel">
      <h2>{t.queues}</h2>
      <p>{t.queuesIntro}</p>
      <a
        href="/admin/queues"
        target="_blank"
        rel="noopener"
        data-testid="open-queues"
        onClick={() => {
          // The board authenticates by the session cookie; a session kept only in this page's storage is handed over for that path.
          const token = session.token('organiser');
          if (token) document.cookie = `fair_session=${encodeURIComponent(token)}; path=/admin/queues; SameSite=Strict`;
        }}
      >
        {t.openQueues}
      </a>
    </section>
  );
}
