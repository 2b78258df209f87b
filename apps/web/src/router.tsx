import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

let moved = false;

/** True once after navigate(): the page changed because the user went somewhere. */
export function consumeNavigation(): boolean {
  const was = moved;
  moved = false;
  return was;
}

/** A small history-API router: the API serves index.html for every non-API path. */
export function navigate(to: string): void {
  moved = true;
  window.history.pushState({}, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const [href, setHref] = useState(window.location.href);
  useEffect(() => {
    const on = () => setHref(window.location.href);
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  const url = new URL(href);
  return { path: url.pathname.replace(/\/+$/, '') || '/', query: url.searchParams };
}

export function Link({ to, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={onClick} {...rest} />;
}
