import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@fair/core';
import { ExhibitorErrors } from './exhibitors.errors';
import { rowsOf } from './sql-rows';
import { signToken, verifyToken, type TokenPurpose } from './exhibitor-token.codec';

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  'confirm-email': 7 * 24 * 3600_000,
  'magic-link': 20 * 60_000,
  draft: 30 * 24 * 3600_000,
};

export interface ConsumedToken {
  id: string;
  exhibitor_id: string | null;
  user_id: string | null;
}

/** One-time link tokens: created in the caller's transaction, consumed by a conditional UPDATE. */
@Injectable()
export class ExhibitorTokensService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async create(m: EntityManager, purpose: TokenPurpose, owner: { exhibitorId?: string; userId?: string }): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO exhibitor_tokens (exhibitor_id, user_id, purpose, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond') RETURNING id`,
      [owner.exhibitorId ?? null, owner.userId ?? null, purpose, TOKEN_TTL_MS[purpose]],
    );
    return rows[0]!.id;
  }

  sign(purpose: TokenPurpose, id: string): string {
    return signToken(this.config.APP_SECRET, purpose, id);
  }

  /**
   * The token's row when it is valid and unused, without using it up (a draft's resume token
   * edits the draft many times, then submits it once). The row lock orders it with a concurrent
   * consume: after a submit has used the token, this finds nothing.
   */
  async check(m: EntityManager, purpose: TokenPurpose, token: unknown): Promise<ConsumedToken> {
    const id = verifyToken(this.config.APP_SECRET, purpose, token);
    if (!id) throw ExhibitorErrors.TOKEN_INVALID();
    const [row] = rowsOf<ConsumedToken>(
      await m.query(
        `SELECT id, exhibitor_id, user_id FROM exhibitor_tokens
          WHERE id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
        [id, purpose],
      ),
    );
    if (!row) throw ExhibitorErrors.TOKEN_INVALID();
    return row;
  }

  /**
   * Marks the token used and returns its row; two requests with one token: the row lock lets
   * exactly one UPDATE match. Rolled back with the caller's transaction if what follows fails.
   */
  async consume(m: EntityManager, purpose: TokenPurpose, token: unknown): Promise<ConsumedToken> {
    const id = verifyToken(this.config.APP_SECRET, purpose, token);
    if (!id) throw ExhibitorErrors.TOKEN_INVALID();
    const [row] = rowsOf<ConsumedToken>(
      await m.query(
      `UPDATE exhibitor_tokens SET used_at = now()
        WHERE id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING id, exhibitor_id, user_id`,
        [id, purpose],
      ),
    );
    if (!row) throw ExhibitorErrors.TOKEN_INVALID();
    return row;
  }
}
