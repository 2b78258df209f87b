import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RateLimiter, type RateRule } from '@fair/jobs';
import type { Actor } from '../actor';
import { AuditService } from '../audit.service';
import { CurrentActor, Public, Roles } from '../auth.decorators';
import { SESSION_COOKIE, tokenFrom } from '../auth.guard';
import { AuthService } from '../auth.service';
import { CreateUserDto, LoginDto, SessionDto, SessionUserDto } from './auth.dto';

/** Failed password logins counted per email and per client address, 15 minutes a window. */
export const LOGIN_FAILURE_LIMITS = {
  email: { name: 'login-failure-email', max: 10, windowSeconds: 900 },
  ip: { name: 'login-failure-ip', max: 50, windowSeconds: 900 },
} satisfies Record<string, RateRule>;

interface CookieReply {
  setCookie(name: string, value: string, opts: Record<string, unknown>): unknown;
  clearCookie(name: string, opts: Record<string, unknown>): unknown;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly limiter: RateLimiter,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  async login(
    @Body() body: LoginDto,
    @Req() req: { headers: Record<string, string | undefined>; ip?: string },
    @Res({ passthrough: true }) reply: CookieReply,
  ): Promise<SessionDto> {
    const ip = { rule: LOGIN_FAILURE_LIMITS.ip, subject: req.ip ?? 'unknown' };
    await this.limiter.check([ip]);
    // Counted before the password is checked, so parallel guesses at one account cannot slip
    // past the limit; given back when the password was right: only failures stay counted.
    const attempt = await this.limiter.take([{ rule: LOGIN_FAILURE_LIMITS.email, subject: body.email }]);
    const session = await this.auth.login(body.email, body.password, req.headers['user-agent']).catch(async (err: unknown) => {
      await this.limiter.count([ip]);
      throw err;
    });
    await this.limiter.giveBack(attempt);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      expires: session.expiresAt,
    });
    return session;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiBearerAuth()
  async logout(@Req() req: { headers: Record<string, string | undefined>; cookies?: Record<string, string> }, @Res({ passthrough: true }) reply: CookieReply): Promise<void> {
    const token = tokenFrom(req);
    if (token) await this.auth.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: SessionUserDto })
  me(@CurrentActor() actor: Actor): SessionUserDto {
    return { id: actor.userId!, email: actor.email!, name: actor.name!, role: actor.role as SessionUserDto['role'], lang: actor.lang ?? 'vi' };
  }

  /** Organisers add gate staff and other organisers (exhibitor accounts come from registration). */
  @Post('users')
  @Roles('organiser')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: SessionUserDto })
  async createUser(@Body() body: CreateUserDto, @CurrentActor() actor: Actor): Promise<SessionUserDto> {
    return this.db.transaction(async (m) => {
      const user = await this.auth.createUser(body, m);
      await this.audit.record(m, actor, { action: 'user.create', entity: 'user', entityId: user.id, after: user });
      return user;
    });
  }
}
