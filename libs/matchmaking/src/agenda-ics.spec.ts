import { describe, expect, it } from '@jest/globals';
import { MailTemplates } from '@fair/mail';
import { type Agenda, agendaIcs, agendaLine, partyLabel } from './agenda-ics';
import { MatchmakingMailTemplates } from './jobs/matchmaking-mail.templates';
import { MM_AGENDA_MAIL, MM_REQUEST_MAIL } from './meeting-effects';

/** An exhibitor participant's name is its company: the .ics, the agenda email and the request emails name it once. */
const agenda = (lang: 'vi' | 'en'): Agenda => ({
  participantId: 'p1',
  name: 'Le Van Buyer',
  email: 'buyer@example.vn',
  lang,
  fairNameVi: 'Hội chợ thử',
  fairNameEn: 'Test fair',
  timeZone: 'Asia/Ho_Chi_Minh',
  meetings: [
    { meetingId: 'm1', startsAt: '2026-10-01T01:30:00.000Z', endsAt: '2026-10-01T02:00:00.000Z', table: 'T1', otherName: 'Osaka Mould Co.', otherCompany: 'Osaka Mould Co.', status: 'scheduled' },
    { meetingId: 'm2', startsAt: '2026-10-01T02:00:00.000Z', endsAt: '2026-10-01T02:30:00.000Z', table: 'T2', otherName: 'Tanaka Hiro', otherCompany: 'Osaka Mould Trading', status: 'scheduled' },
    { meetingId: 'm3', startsAt: '2026-10-01T02:30:00.000Z', endsAt: '2026-10-01T03:00:00.000Z', table: 'T3', otherName: 'Nguyen Solo', otherCompany: '', status: 'scheduled' },
  ],
});
const summaries = (ics: string) =>
  ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l.startsWith('SUMMARY:'));
const ctx = (lang: 'vi' | 'en') => ({ lang, publicUrl: 'http://localhost', mailId: 'mail-1' });

describe('the other party of a meeting, named once', () => {
  it('is the name alone when the company is the name or missing, else name (company)', () => {
    expect(partyLabel('Osaka Mould Co.', 'Osaka Mould Co.')).toBe('Osaka Mould Co.');
    expect(partyLabel('Osaka Mould Co.', ' osaka mould co. ')).toBe('Osaka Mould Co.');
    expect(partyLabel('Tanaka Hiro', 'Osaka Mould Trading')).toBe('Tanaka Hiro (Osaka Mould Trading)');
    expect(partyLabel('Nguyen Solo', '')).toBe('Nguyen Solo');
    expect(partyLabel('Nguyen Solo', null)).toBe('Nguyen Solo');
  });

  it('titles the .ics events without repeating an exhibitor', () => {
    expect(summaries(agendaIcs(agenda('en')))).toEqual(['SUMMARY:Meeting with Osaka Mould Co.', 'SUMMARY:Meeting with Tanaka Hiro (Osaka Mould Trading)', 'SUMMARY:Meeting with Nguyen Solo']);
    expect(summaries(agendaIcs(agenda('vi')))).toEqual(['SUMMARY:Gặp Osaka Mould Co.', 'SUMMARY:Gặp Tanaka Hiro (Osaka Mould Trading)', 'SUMMARY:Gặp Nguyen Solo']);
  });

  it('lists the agenda email lines and its attachment the same way', async () => {
    const templates = new MailTemplates();
    new MatchmakingMailTemplates(templates).onModuleInit();
    const a = agenda('en');
    expect(a.meetings.map((m) => agendaLine(m, 'en', a.timeZone))).toEqual([
      '01/10/2026 08:30–09:00 · Table T1 · Osaka Mould Co.',
      '01/10/2026 09:00–09:30 · Table T2 · Tanaka Hiro (Osaka Mould Trading)',
      '01/10/2026 09:30–10:00 · Table T3 · Nguyen Solo',
    ]);
    for (const lang of ['en', 'vi'] as const) {
      const mail = await templates.render(MM_AGENDA_MAIL, agenda(lang) as unknown as Record<string, unknown>, ctx(lang));
      expect(mail.text).toContain(`${lang === 'en' ? 'Table' : 'Bàn'} T1 · Osaka Mould Co.`);
      expect(mail.text).not.toContain('Osaka Mould Co. (Osaka Mould Co.)');
      expect(mail.text).toContain('Tanaka Hiro (Osaka Mould Trading)');
      expect(summaries(String(mail.attachments![0]!.content))[0]).toBe(lang === 'en' ? 'SUMMARY:Meeting with Osaka Mould Co.' : 'SUMMARY:Gặp Osaka Mould Co.');
    }
  });

  it('names an exhibitor once in the request emails', async () => {
    const templates = new MailTemplates();
    new MatchmakingMailTemplates(templates).onModuleInit();
    const params = { event: 'requested', otherName: 'Osaka Mould Co.', otherCompany: 'Osaka Mould Co.', recipientName: 'Le Van Buyer', fairNameVi: 'Hội chợ thử', fairNameEn: 'Test fair' };
    expect((await templates.render(MM_REQUEST_MAIL, params, ctx('en'))).subject).toBe('Osaka Mould Co. would like to meet you – Test fair');
    expect((await templates.render(MM_REQUEST_MAIL, params, ctx('vi'))).subject).toBe('Osaka Mould Co. muốn gặp bạn – Hội chợ thử');
    const person = await templates.render(MM_REQUEST_MAIL, { ...params, otherName: 'Tanaka Hiro', otherCompany: 'Osaka Mould Trading' }, ctx('en'));
    expect(person.subject).toBe('Tanaka Hiro (Osaka Mould Trading) would like to meet you – Test fair');
  });
});
