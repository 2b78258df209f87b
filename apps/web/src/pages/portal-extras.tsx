import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, download, exhibitorApi, ok, publicApi } from '../api/client';
import type { Agenda, ExhibitorView, Lead, MyRequest, Recommendation, StaffMember } from '../api/views';
import { useI18n } from '../i18n';
import { Checkbox, Field, FormError, useSubmit } from '../ui/form';

/** The exhibitor's staff members, and their passes (exhibitor-staff visitors, sent by email). */
export function StaffSection({ ex }: { ex: ExhibitorView }) {
  const { t } = useI18n();
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [form, setForm] = useState({ name: '', role: '', email: '' });
  // the figures, not the sentence: the sentence follows a language switch
  const [passes, setPasses] = useState<{ issued: number; skipped: number } | null>(null);
  const { busy, error, fieldErrors, run } = useSubmit();
  const load = useCallback(() => {
    ok(exhibitorApi.GET('/api/exhibitors/{id}/staff', { params: { path: { id: ex.id } } })).then(setStaff, () => undefined);
  }, [ex.id]);
  useEffect(load, [load]);
  return (
    <details className="panel">
      <summary>{t.staff}</summary>
      {staff.length === 0 ? (
        <p>{t.noStaff}</p>
      ) : (
        <ul data-testid="staff-list">
          {staff.map((s) => (
            <li key={s.id}>
              {s.name}
              {s.role && ` · ${s.role}`}
              {s.email && ` · ${s.email}`}{' '}
              <button type="button" disabled={busy} onClick={() => void run(async () => (await ok(exhibitorApi.DELETE('/api/exhibitors/{id}/staff/{staffId}', { params: { path: { id: ex.id, staffId: s.id } } })), load()))}>
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{t.staffPassNote}</p>
      <p>
        <button
          type="button"
          disabled={busy || ex.status !== 'approved'}
          onClick={() =>
            void run(async () => {
              const r = await ok(exhibitorApi.POST('/api/exhibitors/{id}/staff-passes', { params: { path: { id: ex.id } } }));
              setPasses({ issued: r.issued.length, skipped: r.skipped.length });
            })
          }
        >
          {t.issueStaffPasses}
        </button>{' '}
        {passes && (
          <span role="status" data-testid="staff-passes-result">
            {t.staffPassesResult(passes.issued, passes.skipped)}
          </span>
        )}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await ok(exhibitorApi.POST('/api/exhibitors/{id}/staff', { params: { path: { id: ex.id } }, body: { name: form.name, role: form.role || undefined, email: form.email || undefined } }));
            setForm({ name: '', role: '', email: '' });
            load();
          });
        }}
      >
        <FormError error={error} shown={['name', 'role', 'email']} />
        <div className="grid3">
          <Field label={t.f.fullName} name="staffName" required value={form.name} onValue={(v) => setForm({ ...form, name: v })} error={fieldErrors.name} />
          <Field label={t.staffRole} name="staffRole" value={form.role} onValue={(v) => setForm({ ...form, role: v })} error={fieldErrors.role} />
          <Field label={t.f.email} name="staffEmail" type="email" value={form.email} onValue={(v) => setForm({ ...form, email: v })} error={fieldErrors.email} />
        </div>
        <button type="submit" disabled={busy}>
          {t.addStaff}
        </button>
      </form>
    </details>
  );
}

/** Leads scanned at the booth (a handheld scanner types the badge code), the list and the CSV export. */
export function LeadsSection({ ex }: { ex: ExhibitorView }) {
  const { t, lang, dateTime } = useI18n();
  const [leads, setLeads] = useState<Lead[]>([]);
  const [form, setForm] = useState({ code: '', note: '', rating: '', consent: false });
  // the scan, not the sentence: the sentence follows a language switch
  const [saved, setSaved] = useState<{ name: string; scans: number } | null>(null);
  const { busy, error, fieldErrors, run } = useSubmit();
  const load = useCallback(() => {
    ok(exhibitorApi.GET('/api/leads/fairs/{fair}', { params: { path: { fair: ex.fairId } } })).then(setLeads, () => undefined);
  }, [ex.fairId]);
  useEffect(load, [load]);
  return (
    <details className="panel" open>
      <summary>{t.leads}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const codeField = e.currentTarget.elements.namedItem('leadCode') as HTMLInputElement | null;
          // the previous scan's confirmation must not stand next to this scan's error
          setSaved(null);
          void run(async () => {
            const r = await ok(
              exhibitorApi.POST('/api/leads/fairs/{fair}/scans', {
                params: { path: { fair: ex.fairId } },
                body: { code: form.code, note: form.note || undefined, rating: form.rating === '' ? undefined : Number(form.rating), contactConsent: form.consent },
              }),
            );
            setSaved({ name: r.visitor.name, scans: r.scans });
            setForm({ code: '', note: '', rating: '', consent: false });
            load();
            return true;
          }).then((saved) => {
            // A failed scan keeps its code visible but selected: a handheld scanner's next code
            // (typed + Enter) replaces it instead of being appended to it.
            if (!saved && codeField) {
              codeField.focus();
              codeField.select();
            }
          });
        }}
      >
        <h4>{t.scanLead}</h4>
        <FormError error={error} shown={['code', 'note', 'rating']} />
        <Field label={t.leadCode} name="leadCode" required value={form.code} onValue={(v) => setForm({ ...form, code: v })} error={fieldErrors.code} />
        <div className="grid3">
          <Field label={t.leadNote} name="leadNote" value={form.note} onValue={(v) => setForm({ ...form, note: v })} error={fieldErrors.note} />
          <Field label={t.leadRating} name="leadRating" type="number" min={0} max={5} value={form.rating} onValue={(v) => setForm({ ...form, rating: v })} error={fieldErrors.rating} />
        </div>
        <Checkbox name="contactConsent" label={t.contactConsent} checked={form.consent} onChange={(c) => setForm({ ...form, consent: c })} />
        <button type="submit" disabled={busy || !form.code}>
          {t.saveLead}
        </button>
        {saved && (
          <span role="status" data-testid="lead-saved">
            {' '}
            {t.leadSaved(saved.name, saved.scans)}
          </span>
        )}
      </form>
      {leads.length === 0 ? (
        <p>{t.noLeads}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="leads">
            <thead>
              <tr>
                <th scope="col">{t.f.fullName}</th>
                <th scope="col">{t.f.company}</th>
                <th scope="col">{t.f.country}</th>
                <th scope="col">{t.scans}</th>
                <th scope="col">{t.leadRating}</th>
                <th scope="col">{t.leadNote}</th>
                <th scope="col">{t.f.email}</th>
                <th scope="col">{t.when}</th>
              </tr>
            </thead>
            <tbody>
              {leads.map((l) => (
                <tr key={l.day + l.firstScannedAt + l.name}>
                  <td>{l.name}</td>
                  <td>{l.company}</td>
                  <td>{l.country}</td>
                  <td>{l.scans}</td>
                  <td>{l.rating ?? ''}</td>
                  <td>{l.note}</td>
                  <td>{l.email ?? ''}</td>
                  <td>{dateTime(l.firstScannedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" onClick={() => void run(() => download('exhibitor', `/api/leads/fairs/${ex.fairId}/export.csv?lang=${lang}`, 'leads.csv'))} data-testid="leads-csv">
        {t.exportCsv}
      </button>
    </details>
  );
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const SIZES = ['micro', 'small', 'medium', 'large'] as const;

/** Matchmaking for the exhibitor: join, recommendations with reasons, requests in/out, agenda with .ics. */
export function MatchmakingSection({ ex }: { ex: ExhibitorView }) {
  const { t, lang, dateTime } = useI18n();
  const key = `fair.mm.${ex.id}`;
  const [token, setToken] = useState<string | null>(() => localStorage.getItem(key));
  /**
   * joined on another device: 'joined' when joining here says so, 'revoked' when the token kept
   * here was refused (another device re-issued it); either way the page offers to re-issue here.
   */
  const [elsewhere, setElsewhere] = useState<'joined' | 'revoked' | null>(null);
  const offer = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState({ sectors: ex.sectors.join(', '), offers: '', seeks: '', companySize: 'small' as (typeof SIZES)[number], countries: ex.country, languages: 'vi, en' });
  const [recs, setRecs] = useState<Recommendation[]>([]);
  const [requests, setRequests] = useState<MyRequest[]>([]);
  const [agenda, setAgenda] = useState<Agenda | null>(null);
  const { busy, error, fieldErrors, run } = useSubmit();
  const header = { 'x-participant-token': token ?? '' };
  const load = useCallback(() => {
    if (!token) return;
    const h = { params: { header: { 'x-participant-token': token } } };
    // A refused token was re-issued on another device: forget it and offer to take matchmaking back here.
    const refused = (e: ApiError) => {
      if (e.status !== 401) return;
      localStorage.removeItem(key);
      setToken(null);
      setElsewhere('revoked');
    };
    ok(publicApi.GET('/api/matchmaking/recommendations', h)).then(setRecs, refused);
    ok(publicApi.GET('/api/matchmaking/requests', h)).then(setRequests, refused);
    ok(publicApi.GET('/api/matchmaking/agenda', h)).then(setAgenda, refused);
  }, [token, key]);
  useEffect(() => {
    load();
    // Requests from others and meetings they accept arrive without a reload.
    const timer = setInterval(load, 15000);
    return () => clearInterval(timer);
  }, [load]);
  const keepToken = (r: { token: string }) => {
    localStorage.setItem(key, r.token);
    setElsewhere(null);
    setToken(r.token);
  };
  useEffect(() => {
    if (error?.code === 'MM_ALREADY_JOINED') setElsewhere('joined');
  }, [error]);
  // The offer replaces the form the person was looking at: bring it into view (phones).
  useEffect(() => {
    if (elsewhere) offer.current?.scrollIntoView?.({ block: 'nearest' });
  }, [elsewhere]);
  const act = (id: string, what: 'accept' | 'decline') =>
    run(async () => {
      const p = { params: { path: { id }, header } };
      if (what === 'accept') await ok(publicApi.POST('/api/matchmaking/requests/{id}/accept', p));
      else await ok(publicApi.POST('/api/matchmaking/requests/{id}/decline', p));
      load();
    });
  if (!token) {
    return (
      <details className="panel" open={elsewhere === 'revoked' || undefined} data-testid="matchmaking-join">
        <summary>{t.matchmaking}</summary>
        {elsewhere ? (
          <div className="alert" role="status" data-testid="mm-other-device" ref={offer}>
            {error?.code !== 'MM_ALREADY_JOINED' && <FormError error={error} />}
            <p>{elsewhere === 'revoked' ? t.tokenRevoked : t.tokenLost}</p>
            <p className="muted">{t.useOnThisDeviceNote}</p>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void run(async () => keepToken(await ok(exhibitorApi.POST('/api/matchmaking/fairs/{fair}/join/exhibitor/reissue', { params: { path: { fair: ex.fairId } } }))))}
            >
              {t.useOnThisDevice}
            </button>
          </div>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () =>
                keepToken(
                  await ok(
                    exhibitorApi.POST('/api/matchmaking/fairs/{fair}/join/exhibitor', {
                      params: { path: { fair: ex.fairId } },
                      body: { sectors: list(form.sectors), offers: list(form.offers), seeks: list(form.seeks), companySize: form.companySize, countries: list(form.countries.toUpperCase()), languages: list(form.languages.toLowerCase()) },
                    }),
                  ),
                ),
              );
            }}
          >
            <FormError error={error} shown={['sectors', 'offers', 'seeks', 'companySize', 'countries', 'languages']} />
            <Field label={t.sectorsCsv} name="mmSectors" value={form.sectors} onValue={(v) => setForm({ ...form, sectors: v })} error={fieldErrors.sectors} />
            <Field label={t.offers} name="mmOffers" value={form.offers} onValue={(v) => setForm({ ...form, offers: v })} error={fieldErrors.offers} />
            <Field label={t.seeks} name="mmSeeks" value={form.seeks} onValue={(v) => setForm({ ...form, seeks: v })} error={fieldErrors.seeks} />
            <Field label={t.companySize} name="mmSize" as="select" value={form.companySize} onValue={(v) => setForm({ ...form, companySize: v as (typeof SIZES)[number] })}>
              {SIZES.map((s) => (
                <option key={s} value={s}>
                  {t.sizes[s]}
                </option>
              ))}
            </Field>
            <Field label={t.targetCountries} name="mmCountries" value={form.countries} onValue={(v) => setForm({ ...form, countries: v })} error={fieldErrors.countries} />
            <Field label={t.languages} name="mmLanguages" value={form.languages} onValue={(v) => setForm({ ...form, languages: v })} error={fieldErrors.languages} />
            <button type="submit" className="primary" disabled={busy}>
              {t.joinMatchmaking}
            </button>
          </form>
        )}
      </details>
    );
  }
  const byDir = (d: 'in' | 'out') => requests.filter((r) => r.direction === d);
  return (
    <details className="panel" open data-testid="matchmaking">
      <summary>{t.matchmaking}</summary>
      <FormError error={error} />
      <h4>{t.recommendations}</h4>
      {recs.length === 0 ? (
        <p>{t.noRecommendations}</p>
      ) : (
        <ul data-testid="recommendations">
          {recs.map((r) => (
            <li key={r.participantId}>
              <strong>{r.displayName}</strong>
              <ul>
                {r.reasons.map((x) => (
                  <li key={x.en}>{x[lang]}</li>
                ))}
              </ul>
              <button
                type="button"
                disabled={busy}
                onClick={() => void run(async () => (await ok(publicApi.POST('/api/matchmaking/requests', { params: { header }, body: { to: r.participantId } })), load()))}
              >
                {t.requestMeeting}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h4>{t.requests}</h4>
      {(['in', 'out'] as const).map((d) => (
        <div key={d}>
          <h5>{d === 'in' ? t.requestsIn : t.requestsOut}</h5>
          <ul data-testid={`requests-${d}`}>
            {byDir(d).map((r) => (
              <li key={r.id} data-status={r.status}>
                {r.otherName} · {t.requestStatus[r.status]}
                {r.message && ` · “${r.message}”`}
                {d === 'in' && r.status === 'pending' && (
                  <>
                    {' '}
                    <button type="button" className="primary" disabled={busy} onClick={() => void act(r.id, 'accept')}>
                      {t.accept}
                    </button>
                    <button type="button" disabled={busy} onClick={() => void act(r.id, 'decline')}>
                      {t.decline}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <h4>{t.agenda}</h4>
      {!agenda?.meetings.length ? (
        <p>{t.noMeetings}</p>
      ) : (
        <table data-testid="agenda">
          <thead>
            <tr>
              <th scope="col">{t.when}</th>
              <th scope="col">{t.table}</th>
              <th scope="col">{t.with}</th>
            </tr>
          </thead>
          <tbody>
            {agenda.meetings.map((m) => (
              <tr key={m.meetingId}>
                <td>{dateTime(m.startsAt)}</td>
                <td>{m.table}</td>
                <td>
                  {m.otherName}
                  {/* an exhibitor's name is its company: not twice */}
                  {m.otherCompany && m.otherCompany !== m.otherName && ` (${m.otherCompany})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => void run(() => download('exhibitor', '/api/matchmaking/agenda.ics', 'agenda.ics', header))} data-testid="agenda-ics">
        {t.downloadIcs}
      </button>
    </details>
  );
}
