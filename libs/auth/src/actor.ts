import type { Role } from './user.entity';

/**
 * Who is acting: the signed-in user of a request, the system (jobs, seed, CLI), or a visitor
 * without an account who proved who they are with their pass code (matchmaking self-service).
 */
export interface Actor {
  userId: string | null;
  role: Role | 'system' | 'visitor';
  email?: string;
  name?: string;
  lang?: 'vi' | 'en';
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system' };
