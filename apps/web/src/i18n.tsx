import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, vi, type Dict } from './dictionary';

export type Lang = 'vi' | 'en';
/** A text in both languages: what an error on screen keeps, so it follows the language switch. */
export type Localized = Record<Lang, string>;
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const DICTS: Record<Lang, Dict> = { vi, en };
const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Dict;
  number(n: number): string;
  vnd(n: number): string;
  dateTime(iso: string | Date): string;
  date(isoDay: string): string;
  time(iso: string | Date): string;
}

function storedLang(): Lang {
  const s = typeof localStorage !== 'undefined' ? localStorage.getItem('fair.lang') : null;
  return s === 'en' || s === 'vi' ? s : 'vi';
}

/** Builds the formatting helpers of one language: Vietnamese formats (vi-VN), GMT+7, VND. */
export function i18nFor(lang: Lang, setLang: (l: Lang) => void = () => undefined): I18n {
  const locale = LOCALE[lang];
  const num = new Intl.NumberFormat(locale);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
  const dt = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });
  const d = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'long' });
  const tm = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, timeStyle: 'medium' });
  return {
    lang,
    setLang,
    t: DICTS[lang],
    number: (n) => num.format(n),
    vnd: (n) => money.format(n),
    dateTime: (v) => `${dt.format(new Date(v))} (GMT+7)`,
    // A fair's day (YYYY-MM-DD) is a calendar date, not an instant: formatted without shifting.
    date: (day) => d.format(new Date(`${day.slice(0, 10)}T00:00:00Z`)),
    time: (v) => tm.format(new Date(v)),
  };
}

/** One text of the dictionaries in both languages, e.g. `both((t) => t.wrongRole)`. */
export const both = (pick: (t: Dict) => string): Localized => ({ vi: pick(vi), en: pick(en) });

const Ctx = createContext<I18n>(i18nFor('vi'));

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const value = useMemo(
    () =>
      i18nFor(lang, (l) => {
        localStorage.setItem('fair.lang', l);
        setLangState(l);
      }),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useI18n = () => useContext(Ctx);
export const currentLang = (): Lang => storedLang();
