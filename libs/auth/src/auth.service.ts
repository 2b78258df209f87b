import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@fair/core';
import { pgCode, PG_UNIQUE_VIOLATION } from '@fair/db';
import type { Actor } from './actor';
import { AuthErrors } from './auth.errors';
import type { Role } from './user.entity';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  lang: 'vi' | 'en';
}

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Users, passwords (argon2id) and opaque session tokens. A resolved session is cached in the
 * process for a few seconds so hot paths (gate scans) do not pay a lookup per request; logout
 * drops it here at once and everywhere else within that time.
 */
@Injectable()
export class AuthService {
  private readonly cache = new LRUCache<string, SessionUser>({ max: 20_000, ttl: 10_000 });
  // Verified against when an email is unknown, so the answer takes as long as for a real account.
  private readonly dummyHash = argon2.hash(randomBytes(16).toString('hex'), { type: argon2.argon2id });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  hashPassword(password: string): Promise<string> {
    if (password.length < 10) throw AuthErrors.WEAK_PASSWORD();
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async createUser(
    input: { email: string; name: string; role: Role; password?: string; lang?: 'vi' | 'en' },
    manager: EntityManager = this.db.manager,
  ): Promise<SessionUser> {
    const hash = input.password ? await this.hashPassword(input.password) : null;
    try {
      const rows: SessionUser[] = await manager.query(
        `INSERT INTO users (email, name, role, password_hash, lang) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, email, name, role, lang`,
        [input.email.trim(), input.name.trim(), input.role, hash, input.lang ?? 'vi'],
      );
      return rows[0]!;
    } catch (err) {
      if (pgCode(err) === PG_UNIQUE_VIOLATION) throw AuthErrors.EMAIL_TAKEN({ email: input.email });
      throw err;
    }
  }

  async setPassword(userId: string, password: string, manager: EntityManager = this.db.manager): Promise<void> {
    const hash = await this.hashPassword(password);
    await manager.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, hash]);
  }

  async login(email: string, password: string, userAgent?: string): Promise<IssuedSession> {
    const rows: (SessionUser & { password_hash: string | null; disabled_at: Date | null })[] = await this.db.query(
      `SELECT id, email, name, role, lang, password_hash, disabled_at FROM users WHERE lower(email) = lower($1)`,
      [email.trim()],
    );
    const user = rows[0];
    // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
    const hash = user?.password_hash ?? (await this.dummyHash);
    const ok = await argon2.verify(hash, password).catch(() => false);
    if (!user || !user.password_hash || !ok || user.disabled_at) throw AuthErrors.INVALID_CREDENTIALS();
    return this.issueSession({ id: user.id, email: user.email, name: user.name, role: user.role, lang: user.lang }, userAgent);
  }

  /** Starts a session for a user already proven (password, or a one-time email link). */
  async issueSession(user: SessionUser, userAgent?: string, manager: EntityManager = this.db.manager): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3600_000);
    await manager.query(`INSERT INTO sessions (user_id, token_hash, expires_at, user_agent) VALUES ($1, $2, $3, $4)`, [
      user.id,
      hashToken(token),
      expiresAt,
      userAgent?.slice(0, 300) ?? null,
    ]);
    return { token, expiresAt, user };
  }

  async resolve(token: string): Promise<SessionUser | null> {
    if (!token || token.length > 200) return null;
    const key = hashToken(token);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const rows: SessionUser[] = await this.db.query(
      `SELECT u.id, u.email, u.name, u.role, u.lang FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [key],
    );
    const user = rows[0] ?? null;
    if (user) this.cache.set(key, user);
    return user;
  }

  async logout(token: string): Promise<void> {
    const key = hashToken(token);
    this.cache.delete(key);
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`, [key]);
  }

  static actorOf(user: SessionUser): Actor {
    return { userId: user.id, role: user.role, email: user.email, name: user.name, lang: user.lang };
  }
}
