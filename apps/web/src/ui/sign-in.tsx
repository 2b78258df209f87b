import { useState } from 'react';
import { ApiError, ok, publicApi, session, type Role } from '../api/client';
import { both, useI18n } from '../i18n';
import { Field, FormError, useSubmit } from './form';

/** Email + password sign-in for staff pages; keeps the token under `storeAs` when the role fits. */
export function StaffSignIn({ title, storeAs, roles, onDone }: { title: string; storeAs: Role; roles: Role[]; onDone(): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, fieldErrors, run } = useSubmit();
  return (
    <section className="narrow">
      <h1>{title}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const r = await ok(publicApi.POST('/api/auth/login', { body: { email, password } }));
            if (!roles.includes(r.user.role as Role)) throw ApiError.local('WRONG_ROLE', both((d) => d.wrongRole));
            session.set(storeAs, r.token);
            onDone();
          });
        }}
      >
        <FormError error={error} shown={['email', 'password']} />
        <Field label={t.f.email} name="email" type="email" required value={email} onValue={setEmail} error={fieldErrors.email} autoComplete="username" />
        <Field label={t.f.password} name="password" type="password" required value={password} onValue={setPassword} error={fieldErrors.password} autoComplete="current-password" />
        <button type="submit" className="primary" disabled={busy}>
          {t.signIn}
        </button>
      </form>
    </section>
  );
}
