import { useEffect, useState } from 'react';
import { onConnection } from '../api/client';
import { useI18n } from '../i18n';

/** True while the browser and the last API request say the connection is there. */
export function useOnline(): boolean {
  const [browser, setBrowser] = useState(navigator.onLine);
  const [api, setApi] = useState(true);
  useEffect(() => {
    const on = () => setBrowser(true);
    const off = () => setBrowser(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    const stop = onConnection(setApi);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
      stop();
    };
  }, []);
  useEffect(() => {
    if (browser) setApi(true);
  }, [browser]);
  return browser && api;
}

/** A plain banner while the connection is lost; what was typed stays in the forms. */
export function ConnectionBanner() {
  const online = useOnline();
  const { t } = useI18n();
  if (online) return null;
  return (
    <div className="banner offline" role="status" aria-live="polite" data-testid="offline-banner">
      {t.offlineBanner}
    </div>
  );
}
