import { useCallback, useEffect, useState } from 'react';
import { ok, organiserApi, session } from '../api/client';
import type { Fair, MatchmakingSettings, MeetingTable, SchedulerProposal } from '../api/views';
import { useI18n } from '../i18n';
import { Field, FormError, useSubmit } from '../ui/form';

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
      <div className="panel">
        <h2>{t.mmSettings}</h2>
        {settings && (
          <>
            <p>
              {t.mmMode[settings.mode]} · {t.slotMinutes(settings.slotMinutes)}, {t.perDay(settings.perDayLimit)}
            </p>
            {settings.sessions.length === 0 ? (
              <p>{t.noSessions}</p>
            ) : (
              <ul data-testid="mm-sessions">
                {settings.sessions.map((s) => (
                  <li key={s.date + s.start}>
                    {s.date} {s.start}–{s.end}
                    {s.breaks?.length ? ` (${s.breaks.map((b) => `${b.start}–${b.end}`).join(', ')})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
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
            <p data-testid="mm-placed">{t.proposalFigures(number(proposal.considered), number(proposal.placed), number(proposal.upperBound))}</p>
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
