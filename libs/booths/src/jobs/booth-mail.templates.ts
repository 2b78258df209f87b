import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Lang } from '@fair/core';
import { mailLayout, MailTemplates, type RenderContext } from '@fair/mail';
import { BOOTH_MAIL_TEMPLATE, type BoothMailEvent } from '../booth-mailer';

type P = Record<string, unknown>;

/** Dates in the fair's time zone (GMT+7), written the local way for each language. */
function when(iso: unknown, lang: Lang): string {
  if (!iso) return '';
  return new Date(String(iso)).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'medium', timeStyle: 'short' }) + ' (GMT+7)';
}

const TEXT: Record<BoothMailEvent, Record<Lang, (p: P, booths: string, until: string) => { subject: string; lines: string[] }>> = {
  held: {
    vi: (p, b, u) => ({ subject: `Gian hàng ${b} đang được giữ chỗ cho bạn – ${p.fairNameVi}`, lines: [`Ban tổ chức đang giữ gian ${b} cho doanh nghiệp của bạn đến ${u}.`] }),
    en: (p, b, u) => ({ subject: `Booth ${b} is held for you – ${p.fairNameEn}`, lines: [`The organisers hold booth ${b} for your company until ${u}.`] }),
  },
  offered: {
    vi: (p, b, u) => ({ subject: `Có gian hàng trống dành cho bạn: ${b} – ${p.fairNameVi}`, lines: [`Gian ${b} vừa trống và được giữ cho bạn (danh sách chờ). Vui lòng xác nhận trong cổng doanh nghiệp trước ${u}.`] }),
    en: (p, b, u) => ({ subject: `A booth came free for you: ${b} – ${p.fairNameEn}`, lines: [`Booth ${b} came free and is held for you (waitlist). Please accept it in the exhibitor portal before ${u}.`] }),
  },
  assigned: {
    vi: (p, b) => ({ subject: `Gian hàng của bạn: ${b} – ${p.fairNameVi}`, lines: [`Doanh nghiệp của bạn đã được phân gian ${b}.`] }),
    en: (p, b) => ({ subject: `Your booth: ${b} – ${p.fairNameEn}`, lines: [`Your company has been assigned booth ${b}.`] }),
  },
  released: {
    vi: (p, b) => ({ subject: `Gian hàng ${b} đã được trả lại – ${p.fairNameVi}`, lines: [`Gian ${b} không còn dành cho doanh nghiệp của bạn.`, ...(p.reason ? [`Lý do: ${p.reason}`] : [])] }),
    en: (p, b) => ({ subject: `Booth ${b} was released – ${p.fairNameEn}`, lines: [`Booth ${b} is no longer reserved for your company.`, ...(p.reason ? [`Reason: ${p.reason}`] : [])] }),
  },
  expired: {
    vi: (p, b) => ({ subject: `Hết thời hạn giữ gian ${b} – ${p.fairNameVi}`, lines: [`Thời hạn giữ chỗ gian ${b} đã hết nên gian hàng đã được trả lại.`] }),
    en: (p, b) => ({ subject: `Your hold on booth ${b} expired – ${p.fairNameEn}`, lines: [`The hold on booth ${b} expired, so the booth is available again.`] }),
  },
  turn: {
    vi: (p, _b, u) => ({ subject: `Đến lượt bạn chọn gian hàng – ${p.fairNameVi}`, lines: [`Đến lượt doanh nghiệp của bạn chọn gian hàng. Vui lòng chọn trong cổng doanh nghiệp trước ${u}.`] }),
    en: (p, _b, u) => ({ subject: `Your turn to pick booths – ${p.fairNameEn}`, lines: [`It is your company's turn to pick booths. Please choose in the exhibitor portal before ${u}.`] }),
  },
  'turn-missed': {
    vi: (p) => ({ subject: `Bạn đã lỡ lượt chọn gian hàng – ${p.fairNameVi}`, lines: ['Thời gian chọn gian hàng của bạn đã hết. Doanh nghiệp của bạn được đưa vào danh sách chờ và sẽ được báo khi có gian trống.'] }),
    en: (p) => ({ subject: `You missed your turn to pick booths – ${p.fairNameEn}`, lines: ['Your time to pick booths ended. Your company is on the waitlist and will be offered booths that come free.'] }),
  },
};

/** Registers the booth allocation email in the worker, where mail.send renders it. */
@Injectable()
export class BoothMailTemplates implements OnModuleInit {
  constructor(private readonly templates: MailTemplates) {}

  onModuleInit(): void {
    this.templates.register(BOOTH_MAIL_TEMPLATE, (p, ctx) => this.render(p, ctx));
  }

  private render(p: P, ctx: RenderContext) {
    const booths = ((p.booths as string[]) ?? []).join(', ');
    const t = TEXT[p.event as BoothMailEvent][ctx.lang](p, booths, when(p.expiresAt, ctx.lang));
    const greeting = ctx.lang === 'vi' ? `Kính gửi ${String(p.legalName)},` : `Dear ${String(p.legalName)},`;
    return { subject: t.subject, ...mailLayout({ lang: ctx.lang, heading: t.subject, paragraphs: [greeting, ...t.lines] }) };
  }
}
