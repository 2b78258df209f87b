import icalGenerator, { ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';

export interface AgendaItem {
  meetingId: string;
  startsAt: string;
  endsAt: string;
  table: string;
  otherName: string;
  otherCompany: string;
  status: string;
}

export interface Agenda {
  participantId: string;
  name: string;
  email: string;
  lang: 'vi' | 'en';
  fairNameVi: string;
  fairNameEn: string;
  timeZone: string;
  meetings: AgendaItem[];
}

// Vietnam has kept UTC+7 without daylight saving since 1975: one STANDARD block describes it.
const VTIMEZONES: Record<string, string> = {
  'Asia/Ho_Chi_Minh': [
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Ho_Chi_Minh',
    'BEGIN:STANDARD',
    'DTSTART:19750613T000000',
    'TZOFFSETFROM:+0700',
    'TZOFFSETTO:+0700',
    'TZNAME:ICT',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n'),
};

/**
 * The other party as people read it: 'Name (Company)', or the name alone when there is no
 * company or it is the name (an exhibitor's name is its company), as the portal shows it.
 */
export function partyLabel(name: string, company: string | null | undefined): string {
  const c = (company ?? '').trim();
  return c && c.toLocaleLowerCase() !== name.trim().toLocaleLowerCase() ? `${name} (${c})` : name;
}

const TEXT = {
  vi: { meeting: (who: string) => `Gặp ${who}`, table: 'Bàn', calendar: (f: string) => `Lịch gặp giao thương – ${f}` },
  en: { meeting: (who: string) => `Meeting with ${who}`, table: 'Table', calendar: (f: string) => `Trade meetings – ${f}` },
};

/** A participant's scheduled meetings as an iCalendar file, times in the fair's time zone. */
export function agendaIcs(agenda: Agenda): string {
  const t = TEXT[agenda.lang];
  const fairName = agenda.lang === 'vi' ? agenda.fairNameVi : agenda.fairNameEn;
  const cal = icalGenerator({
    name: t.calendar(fairName),
    prodId: { company: 'fair-system', product: 'matchmaking', language: agenda.lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: agenda.timeZone, generator: (tz) => VTIMEZONES[tz] ?? null },
  });
  for (const m of agenda.meetings) {
    cal.createEvent({
      id: `mm-${m.meetingId}@fair-system`,
      start: DateTime.fromISO(m.startsAt, { zone: agenda.timeZone }),
      end: DateTime.fromISO(m.endsAt, { zone: agenda.timeZone }),
      timezone: agenda.timeZone,
      summary: t.meeting(partyLabel(m.otherName, m.otherCompany)),
      location: `${t.table} ${m.table} – ${fairName}`,
    });
  }
  return cal.toString();
}

/** '09:30–10:00, 02/10/2026' style, in the fair's zone */
export function agendaLine(m: AgendaItem, lang: 'vi' | 'en', timeZone: string): string {
  const s = DateTime.fromISO(m.startsAt, { zone: timeZone });
  const e = DateTime.fromISO(m.endsAt, { zone: timeZone });
  const when = `${s.toFormat('dd/MM/yyyy HH:mm')}–${e.toFormat('HH:mm')}`;
  return `${when} · ${TEXT[lang].table} ${m.table} · ${partyLabel(m.otherName, m.otherCompany)}`;
}
