import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { ok, publicApi, type ApiError } from '../api/client';
import { VISITOR_TYPES, type Fair, type PublicPass, type RegisterVisitorBody, type VisitorType } from '../api/views';
import { WithFair, fairName, useFair } from '../fair-context';
import { decodePass } from '../gate/pass-code';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { Checkbox, Field, FormError, SectorChecks, useDraft, useSubmit } from '../ui/form';

const EMPTY = { name: '', company: '', country: 'VN', email: '', phone: '', visitorType: 'trade-buyer' as VisitorType, sectors: [] as string[], consent: false };

export function RegisterPage() {
  return <WithFair>{(fair) => <RegisterForm fair={fair} />}</WithFair>;
}

function RegisterForm({ fair }: { fair: Fair }) {
  const { t, lang } = useI18n();
  const [form, set, clear] = useDraft(`visitor.${fair.id}`, EMPTY);
  const { busy, error, fieldErrors, run } = useSubmit();
  const submit = () =>
    run(async () => {
      const body: RegisterVisitorBody = {
        name: form.name,
        company: form.company || undefined,
        country: form.country.toUpperCase(),
        email: form.email,
        phone: form.phone || undefined,
        visitorType: form.visitorType,
        sectors: form.sectors,
        consent: form.consent,
        lang,
      };
      await ok(publicApi.POST('/api/visitors/fairs/{fair}/register', { params: { path: { fair: fair.id } }, body }));
      clear();
      navigate(`/visitor/registered?email=${encodeURIComponent(form.email)}`);
    });
  return (
    <section className="narrow">
      <h1>{t.registerTitle}</h1>
      <p>{t.registerIntro(fairName(fair, lang))}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <FormError error={error} shown={['name', 'company', 'country', 'email', 'phone', 'visitorType', 'sectors', 'consent']} />
        <Field label={t.f.fullName} name="name" required value={form.name} onValue={(v) => set({ name: v })} error={fieldErrors.name} autoComplete="name" />
        <Field label={t.f.company} name="company" value={form.company} onValue={(v) => set({ company: v })} error={fieldErrors.company} autoComplete="organization" />
        <Field label={t.f.country} name="country" required value={form.country} onValue={(v) => set({ country: v })} error={fieldErrors.country} hint={t.f.countryHint} maxLength={2} />
        <Field label={t.f.email} name="email" type="email" required value={form.email} onValue={(v) => set({ email: v })} error={fieldErrors.email} autoComplete="email" />
        <Field label={t.f.phone} name="phone" type="tel" value={form.phone} onValue={(v) => set({ phone: v })} error={fieldErrors.phone} autoComplete="tel" />
        <Field label={t.f.visitorType} name="visitorType" as="select" required value={form.visitorType} onValue={(v) => set({ visitorType: v as VisitorType })} error={fieldErrors.visitorType}>
          {VISITOR_TYPES.filter((v) => v !== 'exhibitor-staff').map((v) => (
            <option key={v} value={v}>
              {t.visitorType[v]}
            </option>
          ))}
        </Field>
        <SectorChecks legend={t.f.interests} sectors={fair.sectors} value={form.sectors} onChange={(v) => set({ sectors: v })} error={fieldErrors.sectors} />
        <Checkbox name="consent" label={t.f.consentVisitor} checked={form.consent} onChange={(c) => set({ consent: c })} error={fieldErrors.consent} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.sending : t.register}
        </button>
      </form>
    </section>
  );
}

export function RegisteredPage() {
  const { t } = useI18n();
  const email = new URLSearchParams(location.search).get('email') ?? '';
  return (
    <section className="narrow" data-testid="registered">
      <h1>{t.registeredTitle}</h1>
      <p>{t.registeredText(email)}</p>
    </section>
  );
}

/**
 * "My pass" (linked from the invitation email as /pass?code=…): the QR of the pass code, the
 * badge details the API confirms for that signed code (name, company, type, validity, status),
 * and a printable badge. Offline, the code is still shown from what it carries itself.
 */
export function PassPage() {
  const { t, lang, dateTime } = useI18n();
  const { fair } = useFair();
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('code') ?? localStorage.getItem('fair.pass') ?? '');
  const [svg, setSvg] = useState('');
  const [details, setDetails] = useState<PublicPass | null>(null);
  // Whether the API knows no such pass (the text is taken in the current language when shown).
  const [notFound, setNotFound] = useState(false);
  const pass = code ? decodePass(code) : null;
  useEffect(() => {
    setDetails(null);
    setNotFound(false);
    if (!pass) return setSvg('');
    localStorage.setItem('fair.pass', code);
    QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'Q', margin: 4 }).then(setSvg, () => setSvg(''));
    ok(publicApi.GET('/api/visitors/fairs/{fair}/my-pass', { params: { path: { fair: pass.fairId }, query: { code } } as never }))
      .then((d) => setDetails(d as PublicPass))
      .catch((e: ApiError) => setNotFound(!e.offline));
  }, [code]);
  return (
    <section className="narrow pass-page">
      <h1 className="no-print">{t.myPass}</h1>
      <div className="no-print">
        <Field label={t.passCode} name="code" as="textarea" value={code} onValue={(v) => setCode(v.trim())} hint={t.passCodeHint} error={code && !pass ? t.passCodeInvalid : notFound ? t.passNotFound : undefined} />
      </div>
      {pass && (
        <>
          <article className="badge" aria-label={t.badge} data-testid="badge">
            <p className="badge-fair">{fair ? fairName(fair, lang) : ''}</p>
            <p className="badge-name" data-testid="badge-name">{details?.name ?? ''}</p>
            {details?.company && <p className="badge-company">{details.company}</p>}
            <p className="badge-type">{t.visitorType[pass.visitorType]}</p>
            <div className="qr" role="img" aria-label={t.qrOf(pass.serial)} dangerouslySetInnerHTML={{ __html: svg }} />
            <p className="badge-serial">#{pass.serial}</p>
            <p className="muted">
              {t.validFromTo(dateTime(new Date(pass.validFrom * 1000)), dateTime(new Date(pass.validUntil * 1000)))}
            </p>
            {details && (
              <p className="no-print" role="status" data-testid="pass-status" data-status={details.status}>
                {t.passStatus[details.status]}
              </p>
            )}
          </article>
          <button type="button" className="primary no-print" onClick={() => window.print()}>
            {t.printBadge}
          </button>
        </>
      )}
    </section>
  );
}
