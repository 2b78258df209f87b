import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, ok, organiserApi, session } from '../api/client';
import { StaffSignIn } from '../ui/sign-in';
import type { paths } from '../api/schema';
import { BOOTH_KINDS, type BoothKind } from '../api/views';
import type { BatchProgress, ExhibitorList, ExhibitorView, Fair, FloorPlanBooth, FloorPlanView, Gate, GateDevice, ProposalView, ReleasedBooth } from '../api/views';
import { WithFair } from '../fair-context';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { FloorPlan } from '../ui/floor-plan';
import { Field, FormError, useSubmit } from '../ui/form';
import { Dashboard, Report } from './organiser-live';
import { Matchmaking, Queues } from './organiser-matchmaking';
import { OfflineConflicts } from './organiser-conflicts';

const TABS = ['applications', 'floor-plan', 'invitations', 'gates', 'dashboard', 'matchmaking', 'report', 'queues'] as const;
type Tab = (typeof TABS)[number];

export function OrganiserPage() {
  const { t } = useI18n();
  const [signedIn, setSignedIn] = useState(() => session.token('organiser') !== null);
  if (!signedIn) return <StaffSignIn title={t.organiserSignIn} storeAs="organiser" roles={['organiser']} onDone={() => setSignedIn(true)} />;
  return <WithFair>{(fair) => <Console fair={fair} onSignOut={() => setSignedIn(false)} />}</WithFair>;
}


function Console({ fair, onSignOut }: { fair: Fair; onSignOut(): void }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const tab = (TABS.find((x) => path === `/organiser/${x}`) ?? 'applications') as Tab;
  return (
    <section>
      <div className="row spread">
        <h1>{t.navOrganiser}</h1>
        <button
          type="button"
          onClick={() => {
            session.clear('organiser');
            onSignOut();
          }}
        >
          {t.signOut}
        </button>
      </div>
      <nav className="tabs" aria-label={t.navOrganiser}>
        {TABS.map((x) => (
          <Link key={x} to={`/organiser/${x}`} aria-current={tab === x ? 'page' : undefined}>
            {t.tab[x]}
          </Link>
        ))}
      </nav>
      {tab === 'applications' && <Applications fair={fair} />}
      {tab === 'floor-plan' && <Plan fair={fair} />}
      {tab === 'invitations' && <Invitations fair={fair} />}
      {tab === 'gates' && <Gates fair={fair} />}
      {tab === 'dashboard' && <Dashboard fair={fair} />}
      {tab === 'matchmaking' && <Matchmaking fair={fair} />}
      {tab === 'report' && <Report fair={fair} />}
      {tab === 'queues' && <Queues />}
    </section>
  );
}

type Status = NonNullable<paths['/api/fairs/{fair}/exhibitor-applications']['get']['parameters']['query']>['status'];
const STATUSES: NonNullable<Status>[] = ['submitted', 'email_confirmed', 'under_review', 'approved', 'rejected', 'changes_requested', 'withdrawn', 'draft'];

type Origin = 'international' | 'domestic';
type Decision = 'reject' | 'request-changes';

function Applications({ fair }: { fair: Fair }) {
  const { t, lang, dateTime } = useI18n();
  const [status, setStatus] = useState<Status | ''>('');
  const [origin, setOrigin] = useState<Origin | ''>('');
  const [kind, setKind] = useState<BoothKind | ''>('');
  const [q, setQ] = useState('');
  const [list, setList] = useState<ExhibitorList | null>(null);
  // The application whose reason is being written (reject / request changes), and the reason.
  const [deciding, setDeciding] = useState<{ id: string; action: Decision } | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, fieldErrors, run, setError } = useSubmit();
  // Answers can arrive out of order (one request per keystroke in the search): only the latest is shown.
  const latest = useRef(0);
  const load = useCallback(() => {
    const n = ++latest.current;
    ok(organiserApi.GET('/api/fairs/{fair}/exhibitor-applications', { params: { path: { fair: fair.id }, query: { status: status || undefined, origin: origin || undefined, kind: kind || undefined, q: q || undefined, lang, limit: 200 } } }))
      .then((r) => {
        if (n === latest.current) setList(r);
      })
      .catch(() => undefined);
  }, [fair.id, status, origin, kind, q, lang]);
  useEffect(load, [load]);
  const act = (id: string, action: 'start-review' | 'approve') =>
    run(async () => {
      if (action === 'start-review') await ok(organiserApi.POST('/api/exhibitor-applications/{id}/start-review', { params: { path: { id } } }));
      else await ok(organiserApi.POST('/api/exhibitor-applications/{id}/approve', { params: { path: { id } }, body: {} }));
      load();
    });
  const decide = () =>
    run(async () => {
      const { id, action } = deciding!;
      if (action === 'reject') await ok(organiserApi.POST('/api/exhibitor-applications/{id}/reject', { params: { path: { id } }, body: { reason } }));
      else await ok(organiserApi.POST('/api/exhibitor-applications/{id}/request-changes', { params: { path: { id } }, body: { reason } }));
      setDeciding(null);
      setReason('');
      load();
    });
  const startDecision = (id: string, action: Decision) => {
    setError(null);
    setReason('');
    setDeciding({ id, action });
  };
  return (
    <section>
      <form className="filters row" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label={t.filterStatus} name="status" as="select" value={status ?? ''} onValue={(v) => setStatus(v as Status)}>
          <option value="">{t.all}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t.status[s]}
            </option>
          ))}
        </Field>
        <Field label={t.filterOrigin} name="origin" as="select" value={origin} onValue={(v) => setOrigin(v as Origin | '')}>
          <option value="">{t.all}</option>
          <option value="domestic">{t.origin.domestic}</option>
          <option value="international">{t.origin.international}</option>
        </Field>
        <Field label={t.filterKind} name="kind" as="select" value={kind} onValue={(v) => setKind(v as BoothKind | '')}>
          <option value="">{t.all}</option>
          {BOOTH_KINDS.map((k) => (
            <option key={k} value={k}>
              {t.kind[k]}
            </option>
          ))}
        </Field>
        <Field label={t.search} name="q" type="search" value={q} onValue={setQ} />
      </form>
      {!deciding && <FormError error={error} />}
      <p role="status" data-testid="application-count">
        {list ? t.results(list.total) : t.loading}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.f.legalName}</th>
              <th scope="col">{t.f.country}</th>
              <th scope="col">{t.originCol}</th>
              <th scope="col">{t.f.booths}</th>
              <th scope="col">{t.applicationStatus}</th>
              <th scope="col">{t.submitted}</th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {list?.items.map((a) => (
              <Fragment key={a.id}>
                <tr data-application={a.email} data-status={a.status}>
                  <td>{a.legalName}</td>
                  <td>{a.country}</td>
                  <td>{t.origin[a.origin]}</td>
                  <td>
                    {Object.entries(a.boothRequests)
                      .map(([k, n]) => `${n} × ${t.kind[k as keyof typeof t.kind]}`)
                      .join(', ')}
                  </td>
                  <td>{t.status[a.status as keyof typeof t.status] ?? a.status}</td>
                  <td>{a.submittedAt ? dateTime(a.submittedAt) : ''}</td>
                  <td className="actions">
                    {a.status === 'email_confirmed' && (
                      <button type="button" disabled={busy} onClick={() => void act(a.id, 'start-review')}>
                        {t.startReview}
                      </button>
                    )}
                    {a.status === 'under_review' && (
                      <>
                        <button type="button" className="primary" disabled={busy} onClick={() => void act(a.id, 'approve')}>
                          {t.approve}
                        </button>
                        <button type="button" disabled={busy} aria-expanded={deciding?.id === a.id && deciding.action === 'request-changes'} onClick={() => startDecision(a.id, 'request-changes')}>
                          {t.requestChanges}
                        </button>
                        <button type="button" disabled={busy} aria-expanded={deciding?.id === a.id && deciding.action === 'reject'} onClick={() => startDecision(a.id, 'reject')}>
                          {t.reject}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
                {deciding?.id === a.id && (
                  <tr className="decision" data-decision={a.email}>
                    <td colSpan={7}>
                      <form
                        noValidate
                        aria-label={`${deciding.action === 'reject' ? t.reject : t.requestChanges}: ${a.legalName}`}
                        onSubmit={(e) => {
                          e.preventDefault();
                          void decide();
                        }}
                      >
                        <FormError error={error} shown={['reason']} />
                        <Field label={t.reasonLabel} name="reason" as="textarea" required value={reason} onValue={setReason} error={fieldErrors.reason} />
                        <div className="row">
                          <button type="submit" className="primary" disabled={busy}>
                            {deciding.action === 'reject' ? t.sendRejection : t.sendChangeRequest}
                          </button>
                          <button
                            type="button"
                            onClick={() => {
                              setDeciding(null);
                              setError(null);
                            }}
                          >
                            {t.cancel}
                          </button>
                        </div>
                      </form>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Plan({ fair }: { fair: Fair }) {
  const { t, lang, number, dateTime } = useI18n();
  const [plan, setPlan] = useState<FloorPlanView | null>(null);
  // What the last release did: the booth is free, or the waitlist offered it at once to a waiting exhibitor.
  const [released, setReleased] = useState<ReleasedBooth | null>(null);
  const [approved, setApproved] = useState<ExhibitorView[]>([]);
  const [booth, setBooth] = useState<FloorPlanBooth | null>(null);
  const [exhibitor, setExhibitor] = useState('');
  const [proposal, setProposal] = useState<ProposalView | null>(null);
  const [roundIds, setRoundIds] = useState<string[]>([]);
  const [turnMinutes, setTurnMinutes] = useState('60');
  // A hold or assign the API refused for the booth's kind (KIND_NOT_ALLOWED): the panel then asks for the reason of the exception.
  const [override, setOverride] = useState<'hold' | 'assign' | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const [overrideBlank, setOverrideBlank] = useState(false);
  const overrideForm = useRef<HTMLFormElement>(null);
  // The reason is what to do next: the field gets the focus (and is scrolled into view).
  useEffect(() => {
    if (override) overrideForm.current?.querySelector('textarea')?.focus();
  }, [override]);
  const { busy, error, run, setError } = useSubmit();
  const resetOverride = () => {
    setOverride(null);
    setOverrideReason('');
    setOverrideBlank(false);
  };
  const load = useCallback(() => {
    ok(organiserApi.GET('/api/fairs/{fair}/booth-allocation/floor-plan', { params: { path: { fair: fair.id } } }))
      .then((p) => {
        setPlan(p);
        // The open booth panel shows the booth as it is now (someone else may have taken it meanwhile).
        setBooth((b) => (b ? (p.booths.find((x) => x.id === b.id) ?? null) : null));
      })
      .catch(() => undefined);
    ok(organiserApi.GET('/api/fairs/{fair}/exhibitor-applications', { params: { path: { fair: fair.id }, query: { status: 'approved', limit: 500, lang } } }))
      .then((r) => setApproved(r.items))
      .catch(() => undefined);
  }, [fair.id, lang]);
  useEffect(load, [load]);
  /** Hold, assign (with the reason of an exception once the API asked for one) or release the open booth. */
  const act = (what: 'hold' | 'assign' | 'release', reason?: string) =>
    run(async () => {
      const path = { fair: fair.id, booth: booth!.id };
      const extra = reason ? { overrideReason: reason } : {};
      setReleased(null);
      try {
        if (what === 'assign') await ok(organiserApi.POST('/api/fairs/{fair}/booths/{booth}/assign', { params: { path }, body: { exhibitorId: exhibitor, ...extra } }));
        if (what === 'hold') await ok(organiserApi.POST('/api/fairs/{fair}/booths/{booth}/hold', { params: { path }, body: { exhibitorId: exhibitor, expiresAt: new Date(Date.now() + 48 * 3600_000).toISOString(), ...extra } }));
        if (what === 'release') setReleased(await ok(organiserApi.POST('/api/fairs/{fair}/booths/{booth}/release', { params: { path }, body: {} })));
        setBooth(null);
        resetOverride();
      } catch (err) {
        // The booth's kind is not one this exhibitor asked for or may have: the organiser may go on with a reason.
        if (err instanceof ApiError && err.code === 'KIND_NOT_ALLOWED' && what !== 'release') setOverride(what);
        throw err;
      } finally {
        // Refused or not, the plan is read again: after a refusal it shows why (e.g. the booth was taken meanwhile).
        load();
      }
    });
  const propose = () =>
    run(async () => {
      setProposal(await ok(organiserApi.POST('/api/fairs/{fair}/booth-proposals', { params: { path: { fair: fair.id } }, body: { timeLimitMs: 3000 } })));
    });
  const decide = (what: 'apply' | 'discard') =>
    run(async () => {
      const path = { fair: fair.id, id: proposal!.id };
      if (what === 'apply') await ok(organiserApi.POST('/api/fairs/{fair}/booth-proposals/{id}/apply', { params: { path } }));
      else await ok(organiserApi.POST('/api/fairs/{fair}/booth-proposals/{id}/discard', { params: { path } }));
      setProposal(null);
      load();
    });
  const openRound = () =>
    run(async () => {
      await ok(organiserApi.POST('/api/fairs/{fair}/booth-rounds', { params: { path: { fair: fair.id } }, body: { exhibitorIds: roundIds, turnMinutes: Number(turnMinutes) } }));
      setRoundIds([]);
    });
  if (!plan) return <p role="status">{t.loading}</p>;
  const marked = new Set(proposal?.changes.map((c) => c.boothId) ?? (booth ? [booth.id] : []));
  // The exhibitor a released booth was offered to, by name: from the approved list, else from the plan read again.
  const offeredTo =
    released?.offeredTo &&
    (approved.find((a) => a.id === released.offeredTo)?.legalName ?? plan.booths.find((b) => b.code === released.booth && b.occupant?.exhibitorId === released.offeredTo)?.occupant?.name ?? t.waitingExhibitor);
  return (
    <section>
      <p role="status" data-testid="plan-counts">
        {t.boothStatus.available}: {number(plan.counts.available)} · {t.boothStatus.held}: {number(plan.counts.held)} · {t.boothStatus.assigned}: {number(plan.counts.assigned)}
      </p>
      {!booth && <FormError error={error} />}
      <div className="row">
        <button type="button" onClick={() => void propose()} disabled={busy}>
          {t.runSolver}
        </button>
        <a href={`/api/fairs/${fair.id}/booth-allocation/export.csv`} onClick={(e) => e.preventDefault()} hidden>
          CSV
        </a>
      </div>
      {proposal && (
        <div className="panel" data-testid="proposal">
          <h2>{t.proposal}</h2>
          <p data-testid="proposal-score" data-percent={proposal.score.percentOfBound}>
            {t.proposalScore(number(Math.round(proposal.score.percentOfBound * 10) / 10), proposal.changes.length)}
          </p>
          <details open={proposal.changes.length <= 50}>
            <summary>{t.proposedPlacements(proposal.changes.length)}</summary>
            <ul data-testid="proposal-changes">
              {proposal.changes.map((c) => (
                <li key={c.boothId} data-booth={c.booth} data-exhibitor={c.exhibitorId}>
                  {t.placementChange(c.booth, c.exhibitor)}
                </li>
              ))}
            </ul>
          </details>
          {proposal.unmet.length > 0 && (
            <details open={proposal.unmet.length <= 50}>
              <summary>{t.unmetWishes(proposal.unmet.length)}</summary>
              <ul data-testid="proposal-unmet">
                {proposal.unmet.slice(0, 200).map((u, i) => (
                  <li key={i} data-exhibitor={u.companyId} data-wish={u.wish}>
                    {u.exhibitor}: {t.wish[u.wish]}
                    {u.wish === 'booths' && typeof u.detail?.requested === 'number' && typeof u.detail.got === 'number' ? ` (${t.boothsGot(u.detail.got, u.detail.requested)})` : ''}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="row">
            <button type="button" className="primary" onClick={() => void decide('apply')} disabled={busy}>
              {t.apply}
            </button>
            <button type="button" onClick={() => void decide('discard')} disabled={busy}>
              {t.discard}
            </button>
          </div>
        </div>
      )}
      <FloorPlan
        booths={plan.booths}
        marked={marked}
        onPick={(b) => {
          setError(null);
          setReleased(null);
          resetOverride();
          setBooth(b);
        }}
      />
      {/* What the release did, where its panel was. */}
      {!booth && released && (
        <p role="status" className="alert" data-testid="release-outcome" data-status={released.status}>
          {offeredTo && released.expiresAt ? t.releasedOffered(released.booth, offeredTo, dateTime(released.expiresAt)) : t.releasedAvailable(released.booth)}
        </p>
      )}
      {booth && (
        <div className="panel" role="dialog" aria-label={booth.code} data-testid="booth-panel">
          <h2>
            {booth.code} · {t.boothStatus[booth.status]}
          </h2>
          <FormError error={error} />
          {booth.occupant && <p data-testid="booth-occupant">{booth.occupant.name}</p>}
          {booth.status === 'available' ? (
            <>
              <Field
                label={t.exhibitor}
                name="exhibitor"
                as="select"
                value={exhibitor}
                onValue={(v) => {
                  setExhibitor(v);
                  setError(null);
                  resetOverride();
                }}
              >
                <option value="">—</option>
                {approved.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.legalName}
                  </option>
                ))}
              </Field>
              {override ? (
                <form
                  ref={overrideForm}
                  noValidate
                  aria-label={t.overrideTitle}
                  data-testid="override-form"
                  data-action={override}
                  onSubmit={(e) => {
                    e.preventDefault();
                    const reason = overrideReason.trim();
                    setOverrideBlank(!reason);
                    if (reason) void act(override, reason);
                  }}
                >
                  <Field
                    label={t.overrideReason}
                    name="overrideReason"
                    as="textarea"
                    required
                    value={overrideReason}
                    onValue={(v) => {
                      setOverrideReason(v);
                      setOverrideBlank(false);
                    }}
                    hint={t.overrideHint}
                    error={overrideBlank ? t.overrideReasonMissing : undefined}
                  />
                  <div className="row">
                    <button type="submit" className="primary" disabled={busy}>
                      {override === 'assign' ? t.assignWithReason : t.holdWithReason}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        resetOverride();
                        setError(null);
                      }}
                    >
                      {t.cancel}
                    </button>
                  </div>
                </form>
              ) : (
                <div className="row">
                  <button type="button" className="primary" disabled={!exhibitor || busy} onClick={() => void act('assign')}>
                    {t.assign}
                  </button>
                  <button type="button" disabled={!exhibitor || busy} onClick={() => void act('hold')}>
                    {t.hold}
                  </button>
                </div>
              )}
            </>
          ) : (
            <button type="button" disabled={busy} onClick={() => void act('release')}>
              {t.release}
            </button>
          )}
          <button
            type="button"
            onClick={() => {
              setBooth(null);
              setError(null);
              resetOverride();
            }}
          >
            {t.close}
          </button>
        </div>
      )}
      <details className="panel">
        <summary>{t.openRound}</summary>
        <p>{t.openRoundHint}</p>
        <ol>
          {approved.map((a) => (
            <li key={a.id}>
              <label>
                <input
                  type="checkbox"
                  checked={roundIds.includes(a.id)}
                  onChange={(e) => setRoundIds(e.target.checked ? [...roundIds, a.id] : roundIds.filter((x) => x !== a.id))}
                />{' '}
                {a.legalName} {roundIds.includes(a.id) && `(#${roundIds.indexOf(a.id) + 1})`}
              </label>
            </li>
          ))}
        </ol>
        <Field label={t.turnMinutes} name="turnMinutes" type="number" min={1} value={turnMinutes} onValue={setTurnMinutes} />
        <button type="button" className="primary" disabled={!roundIds.length || busy} onClick={() => void openRound()}>
          {t.openRound}
        </button>
      </details>
    </section>
  );
}

function Invitations({ fair }: { fair: Fair }) {
  const { t, number } = useI18n();
  const [batchId, setBatchId] = useState<string | null>(() => localStorage.getItem(`fair.batch.${fair.id}`));
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const { busy, error, run } = useSubmit();
  useEffect(() => {
    if (!batchId) return;
    let stop = false;
    const poll = async () => {
      try {
        const p = await ok(organiserApi.GET('/api/visitors/invitation-batches/{batch}', { params: { path: { batch: batchId } } }));
        if (stop) return;
        setProgress(p);
        if (!p.done) setTimeout(() => void poll(), 1000);
      } catch {
        if (!stop) setTimeout(() => void poll(), 3000);
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [batchId]);
  const send = () =>
    run(async () => {
      const r = await ok(organiserApi.POST('/api/visitors/fairs/{fair}/invitations', { params: { path: { fair: fair.id } }, body: {} }));
      if (r.batchId) {
        localStorage.setItem(`fair.batch.${fair.id}`, r.batchId);
        setBatchId(r.batchId);
      }
    });
  const pct = progress && progress.total ? Math.round(((progress.sent + progress.failed) / progress.total) * 100) : 0;
  return (
    <section>
      <FormError error={error} />
      <button type="button" className="primary" onClick={() => void send()} disabled={busy}>
        {t.sendInvitations}
      </button>
      {progress && (
        <div className="panel" data-testid="batch-progress" data-total={progress.total} data-sent={progress.sent} data-queued={progress.queued + progress.sending} data-failed={progress.failed} data-done={progress.done}>
          <progress max={100} value={pct} aria-label={t.progress} />
          <p role="status" data-testid="batch-figures">
            {t.batchFigures(number(progress.total), number(progress.sent), number(progress.queued + progress.sending), number(progress.failed))}
          </p>
          {progress.failures.length > 0 && (
            <ul>
              {progress.failures.map((f) => (
                <li key={f.email}>
                  {f.email}: {f.error}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function Gates({ fair }: { fair: Fair }) {
  const { t, lang } = useI18n();
  const [gates, setGates] = useState<Gate[]>([]);
  const [devices, setDevices] = useState<GateDevice[]>([]);
  const [form, setForm] = useState({ code: '', nameVi: '', nameEn: '' });
  const { busy, error, fieldErrors, run } = useSubmit();
  const load = useCallback(() => {
    ok(organiserApi.GET('/api/checkin/fairs/{fair}/gates', { params: { path: { fair: fair.id } } }))
      .then(setGates)
      .catch(() => undefined);
    ok(organiserApi.GET('/api/checkin/fairs/{fair}/devices', { params: { path: { fair: fair.id } } }))
      .then(setDevices)
      .catch(() => undefined);
  }, [fair.id]);
  useEffect(load, [load]);
  const addDevice = (gate: Gate) =>
    run(async () => {
      const d = await ok(organiserApi.POST('/api/checkin/gates/{gate}/devices', { params: { path: { gate: gate.id } }, body: { name: `${gate.code}-${devices.filter((x) => x.gateId === gate.id).length + 1}` } }));
      setDevices([...devices, d]);
    });
  return (
    <section>
      <form
        className="panel"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await ok(organiserApi.POST('/api/checkin/fairs/{fair}/gates', { params: { path: { fair: fair.id } }, body: form }));
            setForm({ code: '', nameVi: '', nameEn: '' });
            load();
          });
        }}
      >
        <h2>{t.addGate}</h2>
        <FormError error={error} shown={['code', 'nameVi', 'nameEn']} />
        <div className="grid3">
          <Field label={t.gateCode} name="code" required value={form.code} onValue={(v) => setForm({ ...form, code: v })} error={fieldErrors.code} />
          <Field label={t.f.nameVi} name="nameVi" required value={form.nameVi} onValue={(v) => setForm({ ...form, nameVi: v })} error={fieldErrors.nameVi} />
          <Field label={t.f.nameEn} name="nameEn" required value={form.nameEn} onValue={(v) => setForm({ ...form, nameEn: v })} error={fieldErrors.nameEn} />
        </div>
        <button type="submit" disabled={busy}>
          {t.addGate}
        </button>
      </form>
      <ul className="gates">
        {gates.map((g) => (
          <li key={g.id} className="panel" data-gate={g.code}>
            <strong>
              {g.code} · {lang === 'vi' ? g.nameVi : g.nameEn}
            </strong>
            <button type="button" onClick={() => void addDevice(g)} disabled={busy}>
              {t.addDevice}
            </button>
            <ul>
              {devices
                .filter((d) => d.gateId === g.id)
                .map((d) => (
                  <li key={d.id} data-device={d.id}>
                    {d.name}: <code>{d.id}</code> — <a href={`/gate?device=${d.id}`} onClick={(e) => (e.preventDefault(), navigate(`/gate?device=${d.id}`))}>{t.openScanner}</a>
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
      <OfflineConflicts fair={fair} />
    </section>
  );
}
