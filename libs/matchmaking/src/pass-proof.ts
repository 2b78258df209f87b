import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodePassCode, QrKeysService } from '@fair/visitors';
import { MatchmakingErrors } from './matchmaking.errors';

export interface PassHolder {
  visitorId: string;
  /** set when the pass belongs to an exhibitor's staff member */
  exhibitorId: string | null;
}

/**
 * A visitor's QR pass code (signed by the fair's key and mailed only to them) as proof of who
 * they are: for self-service opt-in and for check-in at a meeting table. The code must be the
 * pass's current issue and the pass active.
 */
@Injectable()
export class PassProof {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keys: QrKeysService,
  ) {}

  async holder(fairId: string, code: string, manager: EntityManager = this.db.manager): Promise<PassHolder> {
    let keys = await this.keys.verificationKeys(fairId);
    let decoded = decodePassCode(code, fairId, (_f, kid) => keys.get(kid));
    if (!decoded.ok && decoded.reason === 'unknown-key') {
      keys = await this.keys.verificationKeys(fairId, true);
      decoded = decodePassCode(code, fairId, (_f, kid) => keys.get(kid));
    }
    if (!decoded.ok) throw MatchmakingErrors.MM_BAD_PASS();
    const [pass] = await manager.query(
      `SELECT p.visitor_id, v.exhibitor_id FROM passes p JOIN visitors v ON v.id = p.visitor_id
        WHERE p.fair_id = $1 AND p.serial = $2 AND p.issue = $3 AND p.status = 'active'`,
      [fairId, decoded.payload.serial, decoded.payload.issue],
    );
    if (!pass) throw MatchmakingErrors.MM_BAD_PASS();
    return { visitorId: pass.visitor_id, exhibitorId: pass.exhibitor_id };
  }
}
