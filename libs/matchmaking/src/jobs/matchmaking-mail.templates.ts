import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Lang } from '@fair/core';
import { mailLayout, MailTemplates, type RenderContext } from '@fair/mail';
import { DateTime } from 'luxon';
import { type Agenda, agendaIcs, agendaLine, partyLabel } from '../agenda-ics';
import { MM_AGENDA_MAIL, MM_REQUEST_MAIL, type RequestMailEvent } from '../meeting-effects';

type P = Record<string, unknown>;
const ZONE = 'Asia/Ho_Chi_Minh';

function slot(p: P): string {
  if (!p.startsAt) return '';
  const s = DateTime.fromISO(String(p.startsAt), { zone: ZONE });
  const e = DateTime.fromISO(String(p.endsAt), { zone: ZONE });
  return `${s.toFormat('dd/MM/yyyy HH:mm')}–${e.toFormat('HH:mm')} (GMT+7)`;
}

const TEXT: Record<RequestMailEvent, Record<Lang, (p: P, who: string) => { subject: string; lines: string[] }>> = {
  requested: {
    vi: (p, who) => ({ subject: `${who} muốn gặp bạn – ${p.fairNameVi}`, lines: [`${who} gửi yêu cầu gặp giao thương với bạn.`, ...(p.message ? [`Lời nhắn: ${p.message}`] : []), 'Vui lòng chấp nhận hoặc từ chối trong ứng dụng kết nối giao thương.'] }),
    en: (p, who) => ({ subject: `${who} would like to meet you – ${p.fairNameEn}`, lines: [`${who} requested a business meeting with you.`, ...(p.message ? [`Message: ${p.message}`] : []), 'Please accept or decline in the matchmaking app.'] }),
  },
  accepted: {
    vi: (p, who) => ({ subject: `${who} đã chấp nhận gặp bạn – ${p.fairNameVi}`, lines: [`${who} đã chấp nhận yêu cầu gặp của bạn.`, p.startsAt ? `Thời gian: ${slot(p)}, bàn ${p.table}.` : 'Ban tổ chức sẽ xếp giờ và bàn gặp và gửi lịch cho bạn.'] }),
    en: (p, who) => ({ subject: `${who} accepted your meeting request – ${p.fairNameEn}`, lines: [`${who} accepted your meeting request.`, p.startsAt ? `When: ${slot(p)}, table ${p.table}.` : 'The organisers will schedule a time and table and send you your agenda.'] }),
  },
  declined: {
    vi: (p, who) => ({ subject: `${who} đã từ chối yêu cầu gặp – ${p.fairNameVi}`, lines: [`${who} đã từ chối yêu cầu gặp của bạn. Bạn có thể xem các gợi ý đối tác khác trong ứng dụng.`] }),
    en: (p, who) => ({ subject: `${who} declined your meeting request – ${p.fairNameEn}`, lines: [`${who} declined your meeting request. You can look at other suggested partners in the app.`] }),
  },
  expired: {
    vi: (p, who) => ({ subject: `Yêu cầu gặp ${who} đã hết hạn – ${p.fairNameVi}`, lines: [`${who} chưa trả lời yêu cầu gặp của bạn trong thời hạn nên yêu cầu đã hết hạn.`] }),
    en: (p, who) => ({ subject: `Your meeting request to ${who} expired – ${p.fairNameEn}`, lines: [`${who} did not answer your meeting request in time, so it expired.`] }),
  },
};

/** Registers the matchmaking emails (request steps, agenda with its .ics) in the worker. */
@Injectable()
export class MatchmakingMailTemplates implements OnModuleInit {
  constructor(private readonly templates: MailTemplates) {}

  onModuleInit(): void {
    this.templates.register(MM_REQUEST_MAIL, (p, ctx) => this.request(p, ctx));
    this.templates.register(MM_AGENDA_MAIL, (p, ctx) => this.agenda(p as unknown as Agenda, ctx));
  }

  private request(p: P, ctx: RenderContext) {
    const who = partyLabel(String(p.otherName), p.otherCompany ? String(p.otherCompany) : '');
    const t = TEXT[p.event as RequestMailEvent][ctx.lang](p, who);
    const greeting = ctx.lang === 'vi' ? `Kính gửi ${String(p.recipientName)},` : `Dear ${String(p.recipientName)},`;
    return { subject: t.subject, ...mailLayout({ lang: ctx.lang, heading: t.subject, paragraphs: [greeting, ...t.lines] }) };
  }

  private agenda(a: Agenda, ctx: RenderContext) {
    const vi = ctx.lang === 'vi';
    const subject = vi ? `Lịch gặp giao thương của bạn – ${a.fairNameVi}` : `Your trade meeting agenda – ${a.fairNameEn}`;
    const lines = a.meetings.length
      ? a.meetings.map((m) => agendaLine(m, ctx.lang, a.timeZone))
      : [vi ? 'Bạn chưa có cuộc gặp nào được xếp lịch.' : 'You have no scheduled meetings yet.'];
    const intro = vi
      ? `Kính gửi ${a.name}, đây là ${a.meetings.length} cuộc gặp của bạn (giờ Việt Nam, GMT+7). Tệp lịch .ics đính kèm.`
      : `Dear ${a.name}, here are your ${a.meetings.length} meetings (Vietnam time, GMT+7). The .ics calendar file is attached.`;
    return {
      subject,
      ...mailLayout({ lang: ctx.lang, heading: subject, paragraphs: [intro, ...lines] }),
      attachments: [{ filename: 'agenda.ics', content: agendaIcs({ ...a, lang: ctx.lang }), contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }],
    };
  }
}
