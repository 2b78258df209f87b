import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { ok, publicApi } from './api/client';
import type { Fair } from './api/views';
import type { paths } from './api/schema';
import { useI18n } from './i18n';

type FairSummary = paths['/api/fairs']['get']['responses']['200']['content']['application/json'][number];

interface FairState {
  fair: Fair | null;
  fairs: FairSummary[];
  choose(slug: string): void;
  error: string | null;
}
const Ctx = createContext<FairState>({ fair: null, fairs: [], choose: () => undefined, error: null });

/** The fair the pages are about: ?fair=<slug>, else the last chosen, else the first listed. */
export function FairProvider({ children }: { children: ReactNode }) {
  const [fairs, setFairs] = useState<FairSummary[]>([]);
  const [full, setFull] = useState<Fair | null>(null);
  const [slug, setSlug] = useState<string | null>(() => new URLSearchParams(location.search).get('fair') ?? localStorage.getItem('fair.slug'));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    const load = () =>
      ok(publicApi.GET('/api/fairs'))
        .then((list) => !stop && setFairs(list))
        .catch((e: Error) => {
          if (stop) return;
          setError(e.message);
          setTimeout(load, 3000);
        });
    load();
    return () => {
      stop = true;
    };
  }, []);
  const summary = fairs.find((f) => f.slug === slug || f.id === slug) ?? fairs[0] ?? null;
  useEffect(() => {
    if (!summary) return;
    ok(publicApi.GET('/api/fairs/{fair}', { params: { path: { fair: summary.id } } })).then(setFull, (e: Error) => setError(e.message));
  }, [summary?.id]);
  const fair = full && full.id === summary?.id ? full : null;
  const choose = (s: string) => {
    localStorage.setItem('fair.slug', s);
    setSlug(s);
  };
  return <Ctx.Provider value={{ fair, fairs, choose, error: fairs.length ? null : error }}>{children}</Ctx.Provider>;
}

export const useFair = () => useContext(Ctx);

/** Renders children with the fair once it is known. */
export function WithFair({ children }: { children: (fair: Fair) => ReactNode }) {
  const { fair, error } = useFair();
  const { t } = useI18n();
  if (fair) return <>{children(fair)}</>;
  return <p role="status">{error ? t.noConnection : t.loading}</p>;
}

export function fairName(fair: Fair, lang: 'vi' | 'en'): string {
  return lang === 'vi' ? fair.nameVi : fair.nameEn;
}
