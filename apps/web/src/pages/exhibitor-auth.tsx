import { useState } from 'react';
import { ApiError, ok, publicApi, session } from '../api/client';
import { both, useI18n } from '../i18n';
import { navigate } from '../router';
import { Field, FormError, useSubmit } from '../ui/form';

/** The page behind the emailed confirmation link: posts the token (and a password if none was chosen). */
export function ConfirmPage() {
  const { t } = useI18n();
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const [password, setPassword] = useState('');
  const { busy, error, fieldErrors, run } = useSubmit();
  const confirm = () =>
    run(async () => {
      const r = await ok(publicApi.POST('/api/exhibitor-auth/confirm', { body: { token, password: password || undefined } }));
      session.set('exhibitor', r.token);
      navigate('/exhibitor/portal?confirmed=1');
    });
  return (
    <section className="narrow">
      <h1>{t.confirmTitle}</h1>
      {!token ? (
        <p className="alert error" role="alert">
          {t.confirmNoToken}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <p>{t.confirmText}</p>
          <FormError error={error} shown={['password']} />
          <Field label={t.f.password} name="password" type="password" value={password} onValue={setPassword} error={fieldErrors.password} hint={t.confirmPasswordHint} autoComplete="new-password" />
          <button type="submit" className="primary" disabled={busy}>
            {t.confirmButton}
          </button>
        </form>
      )}
    </section>
  );
}

/** Exhibitor sign-in: password, or a link by email (the link comes back here with ?token=). */
export function ExhibitorSignInPage() {
  const { t } = useI18n();
  const token = new URLSearchParams(location.search).get('token');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, fieldErrors, run } = useSubmit();
  const signIn = () =>
    run(async () => {
      const r = await ok(publicApi.POST('/api/auth/login', { body: { email, password } }));
      if (r.user.role !== 'exhibitor') throw ApiError.local('WRONG_ROLE', both((d) => d.wrongRole));
      session.set('exhibitor', r.token);
      navigate('/exhibitor/portal');
    });
  const redeem = () =>
    run(async () => {
      const r = await ok(publicApi.POST('/api/exhibitor-auth/magic-link/redeem', { body: { token: token! } }));
      session.set('exhibitor', r.token);
      navigate('/exhibitor/portal');
    });
  const link = () =>
    run(async () => {
      await ok(publicApi.POST('/api/exhibitor-auth/magic-link', { body: { email } }));
      setSent(true);
    });
  if (token) {
    return (
      <section className="narrow">
        <h1>{t.signIn}</h1>
        <FormError error={error} />
        <button type="button" className="primary" onClick={() => void redeem()} disabled={busy}>
          {t.signInWithLink}
        </button>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t.exhibitorSignIn}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void signIn();
        }}
      >
        <FormError error={error} shown={['email', 'password']} />
        <Field label={t.f.email} name="email" type="email" required value={email} onValue={setEmail} error={fieldErrors.email} autoComplete="email" />
        <Field label={t.f.password} name="password" type="password" value={password} onValue={setPassword} error={fieldErrors.password} autoComplete="current-password" />
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {t.signIn}
          </button>
          <button type="button" onClick={() => void link()} disabled={busy || !email}>
            {t.emailMeALink}
          </button>
        </div>
        {sent && <p role="status">{t.linkSent}</p>}
      </form>
    </section>
  );
}
