import type { Role } from './user.entity';

/** Who is acting: the signed-in user of a request, or the system (jobs, seed, CLI). */
export interface Actor {
  userId: string | null;
  role: Role | 'system';
  email?: string;
  name?: string;
  lang?: 'vi' | 'en';
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system' };
