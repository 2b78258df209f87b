import { useEffect, useState } from 'react';
import { ok, publicApi } from '../api/client';
import type { CatalogueEntry } from '../api/views';
import { WithFair, fairName } from '../fair-context';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { Field } from '../ui/form';

export function HomePage() {
  const { t, lang, date } = useI18n();
  return (
    <WithFair>
      {(fair) => (
        <section className="home">
          <h1>{fairName(fair, lang)}</h1>
          <p className="lead">
            {lang === 'vi' ? fair.venueVi : fair.venueEn} · {date(fair.startsOn)} – {date(fair.endsOn)}
          </p>
          <p>{lang === 'vi' ? fair.organiserVi : fair.organiserEn}</p>
          <div className="cards">
            <Link className="card" to="/exhibitor/apply">
              <strong>{t.navApply}</strong>
              <span>{t.homeApply}</span>
            </Link>
            <Link className="card" to="/visitor/register">
              <strong>{t.navRegister}</strong>
              <span>{t.homeRegister}</span>
            </Link>
            <Link className="card" to="/catalogue">
              <strong>{t.navCatalogue}</strong>
              <span>{t.homeCatalogue}</span>
            </Link>
            <Link className="card" to="/pass">
              <strong>{t.myPass}</strong>
              <span>{t.homePass}</span>
            </Link>
          </div>
        </section>
      )}
    </WithFair>
  );
}

export function CataloguePage() {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<CatalogueEntry[] | null>(null);
  const [total, setTotal] = useState(0);
  return (
    <WithFair>
      {(fair) => <CatalogueList fairId={fair.id} q={q} setQ={setQ} items={items} setItems={setItems} total={total} setTotal={setTotal} t={t} lang={lang} />}
    </WithFair>
  );
}

function CatalogueList(p: {
  fairId: string;
  q: string;
  setQ(q: string): void;
  items: CatalogueEntry[] | null;
  setItems(i: CatalogueEntry[]): void;
  total: number;
  setTotal(n: number): void;
  t: ReturnType<typeof useI18n>['t'];
  lang: 'vi' | 'en';
}) {
  const { fairId, q, setQ, items, setItems, total, setTotal, t, lang } = p;
  useEffect(() => {
    const timer = setTimeout(() => {
      ok(publicApi.GET('/api/fairs/{fair}/catalogue', { params: { path: { fair: fairId }, query: { q: q || undefined, lang, limit: 100 } } }))
        .then((body) => {
          setItems(body.items);
          setTotal(body.total);
        })
        .catch(() => undefined);
    }, 200);
    return () => clearTimeout(timer);
  }, [fairId, q, lang]);
  return (
    <section>
      <h1>{t.navCatalogue}</h1>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label={t.search} name="q" type="search" value={q} onValue={setQ} hint={t.searchHint} />
      </form>
      <p role="status">{items ? t.results(total) : t.loading}</p>
      <ul className="catalogue">
        {items?.map((e) => (
          <li key={e.id}>
            <h2>{e.name}</h2>
            <p className="muted">
              {e.countryName}
              {e.boothCodes.length > 0 && ` · ${t.booths}: ${e.boothCodes.join(', ')}`}
            </p>
            {e.sectors.length > 0 && <p>{e.sectors.map((s) => s.name).join(', ')}</p>}
            {e.products && <p>{e.products}</p>}
            {e.website && (
              <a href={e.website} rel="noopener noreferrer" target="_blank">
                {e.website}
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
