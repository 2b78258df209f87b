import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from './actor';
import type { Role } from './user.entity';

export const IS_PUBLIC = 'fair:public';
export const ROLES_KEY = 'fair:roles';

/** The route needs no session (public registration, catalogue, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route needs one of these roles. Routes with neither decorator need any signed-in user. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The signed-in actor of the request (set by AuthGuard). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor | undefined => {
  const req = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  return req.actor;
});
