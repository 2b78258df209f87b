import { useEffect, type ReactNode } from 'react';
import { FairProvider, useFair, fairName } from './fair-context';
import { I18nProvider, useI18n, type Lang } from './i18n';
import { consumeNavigation, Link, useLocation } from './router';
import { ConnectionBanner } from './ui/connection';
import { CataloguePage, HomePage } from './pages/public';
import { ApplyPage, AppliedPage } from './pages/exhibitor-apply';
import { ConfirmPage, ExhibitorSignInPage } from './pages/exhibitor-auth';
import { PassPage, RegisteredPage, RegisterPage } from './pages/visitor';
import { PortalPage } from './pages/portal';
import { GatePage } from './pages/gate';
import { OrganiserPage } from './pages/organiser';

function route(path: string): ReactNode {
  switch (path) {
    case '/':
      return <HomePage />;
    case '/catalogue':
      return <CataloguePage />;
    case '/exhibitor/apply':
      return <ApplyPage />;
    case '/exhibitor/applied':
      return <AppliedPage />;
    case '/exhibitor/confirm':
      return <ConfirmPage />;
    case '/exhibitor/sign-in':
      return <ExhibitorSignInPage />;
    case '/exhibitor/portal':
      return <PortalPage />;
    case '/visitor/register':
      return <RegisterPage />;
    case '/visitor/registered':
      return <RegisteredPage />;
    case '/pass':
      return <PassPage />;
    case '/gate':
      return <GatePage />;
    default:
      if (path === '/organiser' || path.startsWith('/organiser/')) return <OrganiserPage />;
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t.notFound}</h1>
      <Link to="/">{t.home}</Link>
    </section>
  );
}

function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return (
    <button type="button" className="lang" onClick={() => setLang(other)} aria-label={t.switchLanguage} lang={other} data-testid="lang-switch">
      {other === 'vi' ? 'Tiếng Việt' : 'English'}
    </button>
  );
}

/**
 * After the user moves to another page (a link, a form that leads on; not the first load), the
 * focus goes to the new page's heading, as a full page load would put a screen reader or keyboard
 * user at the top of the new content.
 */
function useFocusOnNavigation(path: string): void {
  useEffect(() => {
    if (!consumeNavigation()) return;
    const heading = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main');
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }, [path]);
}

function Shell() {
  const { path } = useLocation();
  const { t, lang } = useI18n();
  const { fair } = useFair();
  const wide = path.startsWith('/organiser');
  useFocusOnNavigation(path);
  return (
    <>
      <a className="skip" href="#main">
        {t.skipToContent}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          {fair ? fairName(fair, lang) : t.appName}
        </Link>
        <nav aria-label={t.mainNav}>
          <Link to="/exhibitor/apply">{t.navApply}</Link>
          <Link to="/visitor/register">{t.navRegister}</Link>
          <Link to="/catalogue">{t.navCatalogue}</Link>
          <Link to="/exhibitor/portal">{t.navPortal}</Link>
          <Link to="/organiser">{t.navOrganiser}</Link>
          <Link to="/gate">{t.navGate}</Link>
        </nav>
        <LangSwitch />
      </header>
      <ConnectionBanner />
      <main id="main" className={wide ? 'wide' : ''} tabIndex={-1}>
        {route(path)}
      </main>
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <FairProvider>
        <Shell />
      </FairProvider>
    </I18nProvider>
  );
}
