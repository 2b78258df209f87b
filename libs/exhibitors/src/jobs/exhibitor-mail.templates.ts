import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Lang } from '@fair/core';
import { mailLayout, MailTemplates, type RenderContext } from '@fair/mail';
import { EXHIBITOR_MAIL } from '../exhibitor.mailer';
import { STATUS_LABELS, type ExhibitorStatus } from '../exhibitor-status';
import { ExhibitorTokensService } from '../exhibitor-tokens.service';

type P = Record<string, unknown>;
const fairName = (p: P, lang: Lang) => String(lang === 'vi' ? p.fairNameVi : p.fairNameEn);

/** What each status email says, in both languages. `reason` is the organiser's own words. */
const STATUS_TEXT: Partial<Record<ExhibitorStatus, Record<Lang, (p: P) => { subject: string; lines: string[] }>>> = {
  email_confirmed: {
    vi: (p) => ({ subject: `Đã xác nhận email – ${fairName(p, 'vi')}`, lines: ['Email của bạn đã được xác nhận và tài khoản doanh nghiệp đã được tạo. Hồ sơ đang chờ ban tổ chức xét duyệt.'] }),
    en: (p) => ({ subject: `Email confirmed – ${fairName(p, 'en')}`, lines: ['Your email is confirmed and your exhibitor account is ready. The organisers will review your application.'] }),
  },
  under_review: {
    vi: (p) => ({ subject: `Hồ sơ đang được xét duyệt – ${fairName(p, 'vi')}`, lines: ['Ban tổ chức đã bắt đầu xét duyệt hồ sơ của bạn.'] }),
    en: (p) => ({ subject: `Your application is under review – ${fairName(p, 'en')}`, lines: ['The organisers have started reviewing your application.'] }),
  },
  approved: {
    vi: (p) => ({ subject: `Hồ sơ đã được duyệt – ${fairName(p, 'vi')}`, lines: ['Chúc mừng! Doanh nghiệp của bạn đã được duyệt tham gia hội chợ. Ban tổ chức sẽ thông báo gian hàng được phân bổ.'] }),
    en: (p) => ({ subject: `Application approved – ${fairName(p, 'en')}`, lines: ['Congratulations! Your company is approved to exhibit. The organisers will let you know your booths.'] }),
  },
  rejected: {
    vi: (p) => ({ subject: `Hồ sơ không được duyệt – ${fairName(p, 'vi')}`, lines: ['Rất tiếc, hồ sơ của bạn không được duyệt.', `Lý do: ${String(p.reason ?? '')}`] }),
    en: (p) => ({ subject: `Application not approved – ${fairName(p, 'en')}`, lines: ['We are sorry: your application was not approved.', `Reason: ${String(p.reason ?? '')}`] }),
  },
  changes_requested: {
    vi: (p) => ({ subject: `Cần bổ sung hồ sơ – ${fairName(p, 'vi')}`, lines: ['Ban tổ chức đề nghị bạn bổ sung, chỉnh sửa hồ sơ rồi gửi lại.', `Nội dung: ${String(p.reason ?? '')}`] }),
    en: (p) => ({ subject: `Changes requested – ${fairName(p, 'en')}`, lines: ['The organisers ask you to change your application and send it again.', `What to change: ${String(p.reason ?? '')}`] }),
  },
  withdrawn: {
    vi: (p) => ({ subject: `Đã rút hồ sơ – ${fairName(p, 'vi')}`, lines: ['Hồ sơ đăng ký của bạn đã được rút.'] }),
    en: (p) => ({ subject: `Application withdrawn – ${fairName(p, 'en')}`, lines: ['Your application has been withdrawn.'] }),
  },
};

/** Registers the exhibitor emails in the worker, where mail.send renders them. */
@Injectable()
export class ExhibitorMailTemplates implements OnModuleInit {
  constructor(
    private readonly templates: MailTemplates,
    private readonly tokens: ExhibitorTokensService,
  ) {}

  onModuleInit(): void {
    this.templates.register(EXHIBITOR_MAIL.confirmEmail, (p, ctx) => this.confirmEmail(p, ctx));
    this.templates.register(EXHIBITOR_MAIL.magicLink, (p, ctx) => this.magicLink(p, ctx));
    this.templates.register(EXHIBITOR_MAIL.status, (p, ctx) => this.status(p, ctx));
  }

  private confirmEmail(p: P, ctx: RenderContext) {
    const url = `${ctx.publicUrl}/exhibitor/confirm?token=${encodeURIComponent(this.tokens.sign('confirm-email', String(p.tokenId)))}`;
    const vi = ctx.lang === 'vi';
    const subject = vi ? `Xác nhận email đăng ký – ${fairName(p, 'vi')}` : `Confirm your application email – ${fairName(p, 'en')}`;
    const intro = p.imported
      ? vi
        ? `Ban tổ chức đã đăng ký ${String(p.legalName)} tham gia hội chợ. Vui lòng xác nhận email để kích hoạt tài khoản doanh nghiệp.`
        : `The organisers registered ${String(p.legalName)} for the fair. Please confirm this email to activate your exhibitor account.`
      : vi
        ? `Chúng tôi đã nhận hồ sơ đăng ký của ${String(p.legalName)}. Vui lòng xác nhận email để hoàn tất đăng ký.`
        : `We received the application of ${String(p.legalName)}. Please confirm your email to complete it.`;
    const note = vi ? 'Liên kết có hiệu lực trong 7 ngày và chỉ dùng được một lần.' : 'The link works once, for 7 days.';
    return { subject, ...mailLayout({ lang: ctx.lang, heading: subject, paragraphs: [intro, note], button: { label: vi ? 'Xác nhận email' : 'Confirm email', url } }) };
  }

  private magicLink(p: P, ctx: RenderContext) {
    const url = `${ctx.publicUrl}/exhibitor/sign-in?token=${encodeURIComponent(this.tokens.sign('magic-link', String(p.tokenId)))}`;
    const vi = ctx.lang === 'vi';
    const subject = vi ? 'Liên kết đăng nhập cổng doanh nghiệp' : 'Your exhibitor portal sign-in link';
    const paragraphs = vi
      ? [`Xin chào ${String(p.name)},`, 'Bấm vào nút dưới đây để đăng nhập. Liên kết dùng được một lần trong 20 phút.', 'Nếu bạn không yêu cầu, hãy bỏ qua thư này.']
      : [`Hello ${String(p.name)},`, 'Use the button below to sign in. The link works once, for 20 minutes.', 'If you did not ask for it, ignore this message.'];
    return { subject, ...mailLayout({ lang: ctx.lang, heading: subject, paragraphs, button: { label: vi ? 'Đăng nhập' : 'Sign in', url } }) };
  }

  private status(p: P, ctx: RenderContext) {
    const text = STATUS_TEXT[p.status as ExhibitorStatus]?.[ctx.lang](p);
    const label = STATUS_LABELS[p.status as ExhibitorStatus]?.[ctx.lang] ?? String(p.status);
    const subject = text?.subject ?? label;
    const greeting = ctx.lang === 'vi' ? `Kính gửi ${String(p.legalName)},` : `Dear ${String(p.legalName)},`;
    return { subject, ...mailLayout({ lang: ctx.lang, heading: subject, paragraphs: [greeting, ...(text?.lines ?? [label])] }) };
  }
}
