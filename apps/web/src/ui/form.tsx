import { useEffect, useId, useLayoutEffect, useRef, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { ApiError, fieldText } from '../api/client';
import { useI18n } from '../i18n';

/**
 * Form state kept in sessionStorage under `key`: a reload, a lost connection or a failed submit
 * never loses what was typed. Fields named in `secret` (a password) stay in memory only and are
 * never written to storage. `clear()` after a successful submit.
 */
export function useDraft<T extends object>(key: string, initial: T, secret: readonly (keyof T)[] = []): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = `fair.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey);
      const restored: Partial<T> = saved ? (JSON.parse(saved) as Partial<T>) : {};
      for (const k of secret) delete restored[k];
      return { ...initial, ...restored };
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    const stored: Partial<T> = { ...value };
    for (const k of secret) delete stored[k];
    sessionStorage.setItem(storageKey, JSON.stringify(stored));
  }, [storageKey, value]);
  return [value, (patch) => setValue((v) => ({ ...v, ...patch })), () => {
    sessionStorage.removeItem(storageKey);
    setValue(initial);
  }];
}

/**
 * Submit handling: busy flag, the API's per-field errors and the general message. The error is
 * kept with its texts in both languages and the field messages are taken in the current one at
 * each render, so a language switch re-translates what is shown. Keyboard users
 * keep their place: after a failed submit the first field marked invalid in the same form gets
 * the focus (its error is read with it), and when the busy state took the focus away (a button
 * disabled while sending loses it) it goes back to the control that sent.
 */
export function useSubmit() {
  const { lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const origin = useRef<HTMLElement | null>(null);
  const run = async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    const active = document.activeElement;
    origin.current = active instanceof HTMLElement && active !== document.body ? active : null;
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(ApiError.from(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  // A layout effect: the focus moves in the same frame as the error appears (before paint), so
  // neither a screen reader nor a fast keyboard user acts on the old focus in between.
  useLayoutEffect(() => {
    const from = origin.current;
    if (busy || !from) return;
    origin.current = null;
    const invalid = error ? from.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]') : null;
    if (invalid) invalid.focus();
    else if ((!document.activeElement || document.activeElement === document.body) && from.isConnected) from.focus();
  }, [busy, error]);
  return { busy, error, fieldErrors: error?.byField(lang) ?? {}, run, setError };
}

/** The general error of a form (role=alert), plus the fields without their own input. */
export function FormError({ error, shown = [] }: { error: ApiError | null; shown?: string[] }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const byField = error.byField(lang);
  if (!error.fields.length && shown.some((s) => byField[s])) return null;
  const others = error.fields.filter((f) => !shown.some((s) => f.field === s || f.field.startsWith(s + '.') || f.field.startsWith(s + '[')));
  return (
    <div className="alert error" role="alert" data-testid="form-error">
      <strong>{error.offline ? t.offlineSubmit : error.say(lang)}</strong>
      {others.length > 0 && (
        <ul>
          {others.map((f) => (
            <li key={f.field + f.message}>
              <code>{f.field}</code>: {fieldText(f, lang)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type FieldProps = {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  value: string;
  onValue(v: string): void;
  as?: 'input' | 'textarea' | 'select';
  children?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'name' | 'onChange' | 'children'>;

/** A labelled field with its hint and the API's error for it right below, linked by aria-describedby. */
export function Field({ label, name, error, hint, value, onValue, as = 'input', children, ...rest }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } as const;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {rest.required && <span aria-hidden="true"> *</span>}
      </label>
      {as === 'textarea' ? (
        <textarea {...common} value={value} onChange={(e) => onValue(e.target.value)} required={rest.required} rows={3} />
      ) : as === 'select' ? (
        <select {...common} value={value} onChange={(e) => onValue(e.target.value)} required={rest.required}>
          {children}
        </select>
      ) : (
        <input {...rest} {...common} value={value} onChange={(e) => onValue(e.target.value)} />
      )}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-err`} className="field-error" data-field-error={name}>
          {error}
        </small>
      )}
    </div>
  );
}

export function Checkbox({ label, checked, onChange, error, name }: { label: ReactNode; checked: boolean; onChange(v: boolean): void; error?: string; name: string }) {
  const id = useId();
  return (
    <div className={`field check${error ? ' has-error' : ''}`}>
      <input id={id} name={name} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} />
      <label htmlFor={id}>{label}</label>
      {error && (
        <small id={`${id}-err`} className="field-error" data-field-error={name}>
          {error}
        </small>
      )}
    </div>
  );
}

/** The fair's sectors as checkboxes (Vietnamese or English names), with the API's error for `sectors`. */
export function SectorChecks({ legend, sectors, value, onChange, error }: { legend: string; sectors: { code: string; vi: string; en: string }[]; value: string[]; onChange(v: string[]): void; error?: string }) {
  const { lang } = useI18n();
  return (
    <fieldset aria-describedby={error ? 'sectors-err' : undefined}>
      <legend>{legend}</legend>
      {sectors.map((s) => (
        <Checkbox key={s.code} name={`sector-${s.code}`} label={lang === 'vi' ? s.vi : s.en} checked={value.includes(s.code)} onChange={(c) => onChange(c ? [...value, s.code] : value.filter((x) => x !== s.code))} />
      ))}
      {error && (
        <small id="sectors-err" className="field-error" data-field-error="sectors">
          {error}
        </small>
      )}
    </fieldset>
  );
}
