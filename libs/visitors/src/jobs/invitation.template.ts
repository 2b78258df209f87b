import { Injectable, type OnModuleInit } from '@nestjs/common';
import { escapeHtml, mailLayout, MailTemplates, type RenderedMail } from '@fair/mail';
import type { Lang } from '@fair/core';
import { INVITATION_TEMPLATE, type InvitationParams } from '../invitations.service';
import { qrMatrix, qrPng } from '../qr/qr-image';
import { VISITOR_TYPE_LABELS } from '../visitor-types';
import { badgePdf } from './badge-pdf';

const TEXT = {
  vi: {
    subject: (f: string) => `Thư mời tham quan ${f}`,
    heading: (n: string) => `Kính gửi ${n},`,
    body: (f: string, v: string, d: string) => `Trân trọng kính mời Quý khách tham quan ${f} tại ${v}, ${d}.`,
    show: 'Vui lòng xuất trình mã QR dưới đây (trên điện thoại hoặc bản in thẻ đính kèm) tại cửa vào.',
    type: 'Loại khách',
    keep: 'Mã QR là riêng của Quý khách; vui lòng không chia sẻ.',
    pass: 'Xem thẻ và in thẻ đeo',
  },
  en: {
    subject: (f: string) => `Your invitation to ${f}`,
    heading: (n: string) => `Dear ${n},`,
    body: (f: string, v: string, d: string) => `You are invited to visit ${f} at ${v}, ${d}.`,
    show: 'Please show the QR code below (on your phone or on the attached printable badge) at the entrance.',
    type: 'Visitor type',
    keep: 'This QR code is yours alone; please do not share it.',
    pass: 'View and print my pass',
  },
};

/** The "my pass" page of the web app for this code (the code carries the fair). */
export const passPageUrl = (publicUrl: string, code: string) => `${publicUrl}/pass?code=${encodeURIComponent(code)}`;

export function renderInvitation(p: InvitationParams, lang: Lang, publicUrl?: string): Promise<RenderedMail> {
  const t = TEXT[lang];
  const fair = lang === 'vi' ? p.fairNameVi : p.fairNameEn;
  const venue = (lang === 'vi' ? p.venueVi : p.venueEn) || fair;
  const dates = p.startsOn === p.endsOn ? p.startsOn : `${p.startsOn} – ${p.endsOn}`;
  const typeLabel = VISITOR_TYPE_LABELS[p.visitorType][lang];
  const qr = qrMatrix(p.code);
  const png = qrPng(p.code, { matrix: qr });
  const cid = `qr-${p.serial}-${p.issue}@fair`;
  const { html, text } = mailLayout({
    lang,
    heading: t.heading(p.name),
    paragraphs: [t.body(fair, venue, dates), t.show, `${t.type}: ${typeLabel}`, t.keep],
    button: publicUrl ? { label: t.pass, url: passPageUrl(publicUrl, p.code) } : undefined,
    extraHtml: `<p style="text-align:center"><img src="cid:${escapeHtml(cid)}" alt="QR" width="246" height="246"></p><p style="text-align:center;font-size:12px;color:#555">#${p.serial}</p>`,
  });
  return badgePdf({ fairName: fair, name: p.name, company: p.company, typeLabel, code: p.code, serial: p.serial, dates, qr }).then((pdf) => ({
    subject: t.subject(fair),
    html,
    text,
    attachments: [
      { filename: `qr-${p.serial}.png`, content: png, contentType: 'image/png', cid },
      { filename: `qr-${p.serial}.png`, content: png, contentType: 'image/png' },
      { filename: `badge-${p.serial}.pdf`, content: pdf, contentType: 'application/pdf' },
    ],
  }));
}

/** Registers the invitation template in the worker, where mail.send renders it. */
@Injectable()
export class InvitationTemplate implements OnModuleInit {
  constructor(private readonly templates: MailTemplates) {}

  onModuleInit(): void {
    this.templates.register(INVITATION_TEMPLATE, (params, ctx) => renderInvitation(params as unknown as InvitationParams, ctx.lang, ctx.publicUrl));
  }
}
