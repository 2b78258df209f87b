import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommonErrors } from '@fair/core';
import type { Actor } from './actor';
import { IS_PUBLIC, ROLES_KEY } from './auth.decorators';
import { AuthErrors } from './auth.errors';
import { AuthService } from './auth.service';
import type { Role } from './user.entity';

export const SESSION_COOKIE = 'fair_session';

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
  actor?: Actor;
  sessionToken?: string;
}

export function tokenFrom(req: RequestLike): string | undefined {
  const header = req.headers['authorization'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value?.startsWith('Bearer ')) return value.slice(7).trim();
  return req.cookies?.[SESSION_COOKIE];
}

/** Global guard: every route needs a session unless marked @Public; @Roles narrows further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const req = ctx.switchToHttp().getRequest<RequestLike>();
    const token = tokenFrom(req);
    const user = token ? await this.auth.resolve(token) : null;
    if (user) {
      req.actor = AuthService.actorOf(user);
      req.sessionToken = token;
    }
    if (isPublic) return true;
    if (!user) throw token ? AuthErrors.SESSION_EXPIRED() : CommonErrors.UNAUTHENTICATED();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles?.length && !roles.includes(user.role)) throw AuthErrors.ROLE_REQUIRED({ roles: roles.join(', ') });
    return true;
  }
}
