import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../actor';
import { AuditService } from '../audit.service';
import { CurrentActor, Public, Roles } from '../auth.decorators';
import { SESSION_COOKIE, tokenFrom } from '../auth.guard';
import { AuthService } from '../auth.service';
import { CreateUserDto, LoginDto, SessionDto, SessionUserDto } from './auth.dto';

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
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  async login(
    @Body() body: LoginDto,
    @Req() req: { headers: Record<string, string | undefined> },
    @Res({ passthrough: true }) reply: CookieReply,
  ): Promise<SessionDto> {
    const session = await this.auth.login(body.email, body.password, req.headers['user-agent']);
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
  @ApiOkResponse({ type: SessionUserDto })
  async createUser(@Body() body: CreateUserDto, @CurrentActor() actor: Actor): Promise<SessionUserDto> {
    return this.db.transaction(async (m) => {
      const user = await this.auth.createUser(body, m);
      await this.audit.record(m, actor, { action: 'user.create', entity: 'user', entityId: user.id, after: user });
      return user;
    });
  }
}
