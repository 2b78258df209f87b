import { Body, Controller, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { pickLang } from '@fair/core';
import { Public, SESSION_COOKIE, SessionDto, type IssuedSession } from '@fair/auth';
import { RateLimiter, type RateRule } from '@fair/jobs';
import { ApplicationEditService } from '../application-edit.service';
import { ApplicationService } from '../application.service';
import { ExhibitorAccountService } from '../exhibitor-account.service';
import { ApplyDto, ApplyResultDto, ConfirmEmailDto, DraftEditDto, MagicLinkRedeemDto, MagicLinkRequestDto, SubmitDraftDto } from './application.dto';
import { ConfirmedDto, ExhibitorViewDto, MailRequestedDto } from './views.dto';

interface Req_ {
  headers: Record<string, string | undefined>;
  ip?: string;
}

/**
 * Emails sent on request (sign-in links, new confirmation links): a few per address and some
 * more per client address in 15 minutes, counted whether or not the address has an account.
 */
export const MAIL_REQUEST_LIMITS = {
  magicLink: { email: { name: 'magic-link-email', max: 5, windowSeconds: 900 }, ip: { name: 'magic-link-ip', max: 20, windowSeconds: 900 } },
  confirmation: { email: { name: 'confirm-resend-email', max: 5, windowSeconds: 900 }, ip: { name: 'confirm-resend-ip', max: 20, windowSeconds: 900 } },
} satisfies Record<string, { email: RateRule; ip: RateRule }>;
interface CookieReply {
  setCookie(name: string, value: string, opts: Record<string, unknown>): unknown;
}

function setSessionCookie(reply: CookieReply, session: IssuedSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', expires: session.expiresAt });
}

/** The public side: apply, submit a draft, confirm the email, sign in by email link. */
@ApiTags('exhibitor registration')
@Public()
@Controller()
export class ApplicationController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly accounts: ExhibitorAccountService,
    private readonly edits: ApplicationEditService,
    private readonly limiter: RateLimiter,
  ) {}

  private limitMail(kind: keyof typeof MAIL_REQUEST_LIMITS, email: string, req: Req_) {
    const rules = MAIL_REQUEST_LIMITS[kind];
    return this.limiter.take([
      { rule: rules.email, subject: email },
      { rule: rules.ip, subject: req.ip ?? 'unknown' },
    ]);
  }

  @Post('fairs/:fair/exhibitor-applications')
  @ApiCreatedResponse({ type: ApplyResultDto })
  apply(@Param('fair') fair: string, @Body() body: ApplyDto, @Req() req: Req_): Promise<ApplyResultDto> {
    const { password, draft, ...input } = body;
    return this.applications.apply(fair, { ...input, lang: body.lang ?? pickLang(req.headers['accept-language']) }, { password, draft });
  }

  @Post('exhibitor-applications/:id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplyResultDto })
  submit(@Param('id') id: string, @Body() body: SubmitDraftDto): Promise<ApplyResultDto> {
    return this.applications.submitDraft(id, body.resumeToken);
  }

  /** Replaces the whole draft (same checks as applying); the resume token stays valid for submit. */
  @Put('exhibitor-applications/:id')
  @ApiOkResponse({ type: ExhibitorViewDto })
  edit(@Param('id') id: string, @Body() body: DraftEditDto) {
    const { resumeToken, ...input } = body;
    return this.edits.edit(id, input, { resumeToken });
  }

  /** The page behind the emailed link posts its token here (a GET would be fired by mail scanners). */
  @Post('exhibitor-auth/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: ConfirmedDto })
  async confirm(@Body() body: ConfirmEmailDto, @Req() req: Req_, @Res({ passthrough: true }) reply: CookieReply) {
    const result = await this.accounts.confirm(body.token, body.password, req.headers['user-agent']);
    setSessionCookie(reply, result.session);
    return { exhibitorId: result.exhibitorId, status: result.status, token: result.session.token, expiresAt: result.session.expiresAt, user: result.session.user };
  }

  @Post('exhibitor-auth/magic-link')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MailRequestedDto })
  async requestMagicLink(@Body() body: MagicLinkRequestDto, @Req() req: Req_): Promise<{ sent: true }> {
    await this.limitMail('magicLink', body.email, req);
    await this.accounts.requestMagicLink(body.email);
    return { sent: true };
  }

  /** A new confirmation link for applications of this email still waiting for one; 202 either way. */
  @Post('exhibitor-auth/confirmation/resend')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MailRequestedDto })
  async resendConfirmation(@Body() body: MagicLinkRequestDto, @Req() req: Req_): Promise<{ sent: true }> {
    await this.limitMail('confirmation', body.email, req);
    await this.applications.resendConfirmation(body.email);
    return { sent: true };
  }

  @Post('exhibitor-auth/magic-link/redeem')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  async redeem(@Body() body: MagicLinkRedeemDto, @Req() req: Req_, @Res({ passthrough: true }) reply: CookieReply) {
    const session = await this.accounts.redeemMagicLink(body.token, req.headers['user-agent']);
    setSessionCookie(reply, session);
    return session;
  }
}
