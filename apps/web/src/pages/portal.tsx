import { useCallback, useEffect, useState } from 'react';
import { ApiError, exhibitorApi, ok, session } from '../api/client';
import type { ExhibitorView, SelectionView } from '../api/views';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { FloorPlan } from '../ui/floor-plan';
import { Field, FormError, useSubmit } from '../ui/form';
import { LeadsSection, MatchmakingSection, StaffSection } from './portal-extras';

export function PortalPage() {
  const { t, lang } = useI18n();
  const [mine, setMine] = useState<ExhibitorView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    ok(exhibitorApi.GET('/api/exhibitors/mine'))
      .then(setMine)
      .catch((e: ApiError) => {
        if (e.status === 401) navigate('/exhibitor/sign-in');
        else setError(e);
      });
  }, []);
  useEffect(() => {
    if (!session.token('exhibitor')) navigate('/exhibitor/sign-in');
    else load();
  }, [load]);
  if (error) return <p className="alert error">{error.offline ? t.offlineLoad : error.say(lang)}</p>;
  if (!mine) return <p role="status">{t.loading}</p>;
  return (
    <section>
      <div className="row spread">
        <h1>{t.navPortal}</h1>
        <button
          type="button"
          onClick={() => {
            session.clear('exhibitor');
            navigate('/exhibitor/sign-in');
          }}
        >
          {t.signOut}
        </button>
      </div>
      {mine.length === 0 && <p>{t.noApplication}</p>}
      {mine.map((ex) => (
        <ExhibitorCard key={ex.id} ex={ex} reload={load} />
      ))}
    </section>
  );
}

function ExhibitorCard({ ex, reload }: { ex: ExhibitorView; reload(): void }) {
  const { t, dateTime } = useI18n();
  return (
    <article className="panel">
      <h2>{ex.legalName}</h2>
      <p>
        {t.applicationStatus}: <strong data-testid="exhibitor-status">{t.status[ex.status as keyof typeof t.status] ?? ex.status}</strong>
        {ex.submittedAt && <span className="muted"> · {dateTime(ex.submittedAt)}</span>}
      </p>
      {ex.reviewNote && <p className="alert">{ex.reviewNote}</p>}
      <p data-testid="assigned-booths">
        {t.assignedBooths}: {ex.assignedBooths.length ? ex.assignedBooths.join(', ') : t.none}
      </p>
      {ex.status === 'approved' && <BoothSelection fairId={ex.fairId} onPicked={reload} />}
      {ex.status === 'approved' && (
        <>
          <StaffSection ex={ex} />
          <MatchmakingSection ex={ex} />
          <LeadsSection ex={ex} />
        </>
      )}
      <ProfileForm ex={ex} onSaved={reload} />
      <p>
        <Link to="/catalogue">{t.navCatalogue}</Link>
      </p>
    </article>
  );
}

function BoothSelection({ fairId, onPicked }: { fairId: string; onPicked(): void }) {
  const { t, dateTime, vnd } = useI18n();
  const [view, setView] = useState<SelectionView | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const { busy, error, run } = useSubmit();
  const load = useCallback(() => {
    ok(exhibitorApi.GET('/api/fairs/{fair}/booth-selection', { params: { path: { fair: fairId } } }))
      .then(setView)
      .catch(() => undefined);
  }, [fairId]);
  useEffect(() => {
    load();
    const timer = setInterval(load, 15000);
    return () => clearInterval(timer);
  }, [load]);
  if (!view) return null;
  const round = view.round;
  const myTurn = !!round?.myTurnNow;
  const pick = () =>
    run(async () => {
      const codes = view.booths.filter((b) => chosen.has(b.id)).map((b) => b.code);
      await ok(exhibitorApi.POST('/api/fairs/{fair}/booth-rounds/{round}/pick', { params: { path: { fair: fairId, round: round!.id } }, body: { booths: codes } }));
      setChosen(new Set());
      load();
      onPicked();
    });
  const total = view.booths.filter((b) => chosen.has(b.id)).reduce((s, b) => s + b.priceVnd, 0);
  return (
    <section aria-labelledby="sel-h">
      <h3 id="sel-h">{t.boothSelection}</h3>
      {round ? (
        <p role="status" data-testid="turn-status">
          {myTurn ? t.yourTurnNow(round.turnEndsAt ? dateTime(round.turnEndsAt) : '') : round.status === 'open' ? t.yourTurnLater(round.myPosition, round.currentPosition ?? 0) : t.roundClosed}
        </p>
      ) : (
        <p>{t.noRound}</p>
      )}
      <FloorPlan
        booths={view.booths}
        marked={chosen}
        onPick={myTurn ? (b) => setChosen((s) => (s.has(b.id) ? new Set([...s].filter((x) => x !== b.id)) : new Set([...s, b.id]))) : undefined}
        canPick={(b) => b.status === 'available'}
      />
      {/* Booths of kinds its application did not ask for come as 'not-requested', and free booths of a kind it already has all it asked for of
          as 'enough' (each drawn in its own colour, never selectable; the API refuses them too).
          A refused pick (a booth taken meanwhile, more booths than asked for...) is said right above the button that sent it. */}
      <FormError error={error} />
      {myTurn && (
        <div className="row">
          <span>
            {t.chosen}: {view.booths.filter((b) => chosen.has(b.id)).map((b) => b.code).join(', ') || t.none} · {vnd(total)}
          </span>
          <button type="button" className="primary" disabled={busy || chosen.size === 0} onClick={() => void pick()} data-testid="pick-booths">
            {t.confirmBooths}
          </button>
        </div>
      )}
    </section>
  );
}

function ProfileForm({ ex, onSaved }: { ex: ExhibitorView; onSaved(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ nameVi: ex.nameVi ?? '', nameEn: ex.nameEn ?? '', website: ex.website ?? '', products: ex.products ?? '', description: ex.description ?? '' });
  const [saved, setSaved] = useState(false);
  const { busy, error, fieldErrors, run } = useSubmit();
  const set = (p: Partial<typeof form>) => {
    setSaved(false);
    setForm({ ...form, ...p });
  };
  return (
    <details>
      <summary>{t.editProfile}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await ok(exhibitorApi.PATCH('/api/exhibitors/{id}', { params: { path: { id: ex.id } }, body: { ...form, website: form.website || undefined } }));
            setSaved(true);
            onSaved();
          });
        }}
      >
        <FormError error={error} shown={Object.keys(form)} />
        <Field label={t.f.nameVi} name="nameVi" value={form.nameVi} onValue={(v) => set({ nameVi: v })} error={fieldErrors.nameVi} />
        <Field label={t.f.nameEn} name="nameEn" value={form.nameEn} onValue={(v) => set({ nameEn: v })} error={fieldErrors.nameEn} />
        <Field label={t.f.website} name="website" type="url" value={form.website} onValue={(v) => set({ website: v })} error={fieldErrors.website} />
        <Field label={t.f.products} name="products" as="textarea" value={form.products} onValue={(v) => set({ products: v })} error={fieldErrors.products} />
        <Field label={t.f.description} name="description" as="textarea" value={form.description} onValue={(v) => set({ description: v })} error={fieldErrors.description} />
        <button type="submit" disabled={busy}>
          {t.save}
        </button>
        {saved && <span role="status"> {t.saved}</span>}
      </form>
    </details>
  );
}
