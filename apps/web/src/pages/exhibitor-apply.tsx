import { ok, publicApi } from '../api/client';
import { BOOTH_KINDS, type ApplyBody, type BoothKind, type Fair } from '../api/views';
import { WithFair } from '../fair-context';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { Checkbox, Field, FormError, SectorChecks, useDraft, useSubmit } from '../ui/form';

const EMPTY = {
  legalName: '',
  nameVi: '',
  nameEn: '',
  country: 'VN',
  taxId: '',
  address: '',
  website: '',
  sectors: [] as string[],
  products: '',
  contactName: '',
  email: '',
  phone: '',
  password: '',
  booths: { international: '0', domestic: '1', 'technical-matchmaking': '0', 'technical-workshop': '0' } as Record<BoothKind, string>,
  consent: false,
};

export function ApplyPage() {
  return <WithFair>{(fair) => <ApplyForm fair={fair} />}</WithFair>;
}

const TEXT_FIELDS = ['legalName', 'nameVi', 'nameEn', 'country', 'taxId', 'address', 'website', 'products', 'contactName', 'email', 'phone', 'password'] as const;

function ApplyForm({ fair }: { fair: Fair }) {
  const { t, lang } = useI18n();
  const [form, set, clear] = useDraft(`apply.${fair.id}`, EMPTY, ['password']);
  const { busy, error, fieldErrors, run } = useSubmit();
  const submit = () =>
    run(async () => {
      const body: ApplyBody = {
        legalName: form.legalName,
        nameVi: form.nameVi || undefined,
        nameEn: form.nameEn || undefined,
        country: form.country.toUpperCase(),
        taxId: form.taxId,
        address: form.address,
        website: form.website || undefined,
        sectors: form.sectors,
        products: form.products || undefined,
        contactName: form.contactName,
        email: form.email,
        phone: form.phone,
        password: form.password || undefined,
        booths: BOOTH_KINDS.map((kind) => ({ kind, count: Number(form.booths[kind]) || 0 })).filter((b) => b.count > 0),
        consent: form.consent,
        lang,
      };
      await ok(publicApi.POST('/api/fairs/{fair}/exhibitor-applications', { params: { path: { fair: fair.id } }, body }));
      clear();
      navigate(`/exhibitor/applied?email=${encodeURIComponent(form.email)}`);
    });
  const boothError = Object.entries(fieldErrors).find(([k]) => k.startsWith('booths'))?.[1];
  return (
    <section className="narrow">
      <h1>{t.applyTitle}</h1>
      <p>{t.applyIntro}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <FormError error={error} shown={[...TEXT_FIELDS, 'sectors', 'booths', 'consent']} />
        <fieldset>
          <legend>{t.company}</legend>
          <Field label={t.f.legalName} name="legalName" required value={form.legalName} onValue={(v) => set({ legalName: v })} error={fieldErrors.legalName} autoComplete="organization" />
          <Field label={t.f.nameVi} name="nameVi" value={form.nameVi} onValue={(v) => set({ nameVi: v })} error={fieldErrors.nameVi} />
          <Field label={t.f.nameEn} name="nameEn" value={form.nameEn} onValue={(v) => set({ nameEn: v })} error={fieldErrors.nameEn} />
          <Field label={t.f.country} name="country" required value={form.country} onValue={(v) => set({ country: v })} error={fieldErrors.country} hint={t.f.countryHint} maxLength={2} autoComplete="country" />
          <Field label={t.f.taxId} name="taxId" required value={form.taxId} onValue={(v) => set({ taxId: v })} error={fieldErrors.taxId} />
          <Field label={t.f.address} name="address" required value={form.address} onValue={(v) => set({ address: v })} error={fieldErrors.address} autoComplete="street-address" />
          <Field label={t.f.website} name="website" type="url" value={form.website} onValue={(v) => set({ website: v })} error={fieldErrors.website} />
          <Field label={t.f.products} name="products" as="textarea" value={form.products} onValue={(v) => set({ products: v })} error={fieldErrors.products} />
        </fieldset>
        <SectorChecks legend={`${t.f.sectors} *`} sectors={fair.sectors} value={form.sectors} onChange={(v) => set({ sectors: v })} error={fieldErrors.sectors} />
        <fieldset aria-describedby={boothError ? 'booths-err' : undefined}>
          <legend>{t.f.booths}</legend>
          <div className="grid4">
            {BOOTH_KINDS.map((kind) => (
              <Field key={kind} label={t.kind[kind]} name={`booths-${kind}`} type="number" min={0} max={20} inputMode="numeric" value={form.booths[kind]} onValue={(v) => set({ booths: { ...form.booths, [kind]: v } })} />
            ))}
          </div>
          {boothError && (
            <small id="booths-err" className="field-error" data-field-error="booths">
              {boothError}
            </small>
          )}
        </fieldset>
        <fieldset>
          <legend>{t.contact}</legend>
          <Field label={t.f.contactName} name="contactName" required value={form.contactName} onValue={(v) => set({ contactName: v })} error={fieldErrors.contactName} autoComplete="name" />
          <Field label={t.f.email} name="email" type="email" required value={form.email} onValue={(v) => set({ email: v })} error={fieldErrors.email} autoComplete="email" />
          <Field label={t.f.phone} name="phone" type="tel" required value={form.phone} onValue={(v) => set({ phone: v })} error={fieldErrors.phone} autoComplete="tel" />
          <Field label={t.f.password} name="password" type="password" value={form.password} onValue={(v) => set({ password: v })} error={fieldErrors.password} hint={t.f.passwordHint} autoComplete="new-password" />
        </fieldset>
        <Checkbox name="consent" label={t.f.consentExhibitor} checked={form.consent} onChange={(c) => set({ consent: c })} error={fieldErrors.consent} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.sending : t.submitApplication}
        </button>
      </form>
    </section>
  );
}

export function AppliedPage() {
  const { t } = useI18n();
  const email = new URLSearchParams(location.search).get('email') ?? '';
  return (
    <section className="narrow" data-testid="applied">
      <h1>{t.appliedTitle}</h1>
      <p>{t.appliedText(email)}</p>
    </section>
  );
}
