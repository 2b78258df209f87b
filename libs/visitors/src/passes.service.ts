import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, type Actor } from '@fair/auth';
import { inTransaction } from '@fair/db';
import { PassEntity } from './entities/pass.entity';
import { fairValidityWindow } from './fair-window';
import { QrKeysService } from './qr-keys.service';
import { encodePassCode } from './qr/pass-code';
import { VisitorErrors } from './visitors.errors';
import type { EntryPolicy, VisitorType } from './visitor-types';

export interface FairForPass {
  id: string;
  startsOn: string;
  endsOn: string;
  timeZone: string;
}

export interface NewPass {
  visitorId: string;
  visitorType: VisitorType;
  entryPolicy: EntryPolicy;
}

/** What a gate needs about a pass at scan time (the visitor's name for the verdict screen). */
export interface PassForScan {
  passId: string;
  issue: number;
  status: 'active' | 'revoked';
  visitorName: string;
  company: string;
  visitorType: VisitorType;
}

export interface Revocation {
  serial: number;
  issue: number;
  reason: 'reissued' | 'cancelled';
  revokedAt: string;
}

/** Passes: issue (sign a code), reissue (new issue number, old one revoked), cancel. */
@Injectable()
export class PassesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keys: QrKeysService,
    private readonly audit: AuditService,
  ) {}

  /** Issues passes inside the caller's transaction; serials come from the sequence first, then get signed. */
  async issueMany(m: EntityManager, fair: FairForPass, items: NewPass[]): Promise<PassEntity[]> {
    if (items.length === 0) return [];
    const signer = await this.keys.signer(fair.id, m);
    const window = fairValidityWindow(fair);
    const serials: { s: string }[] = await m.query(`SELECT nextval('pass_serial_seq') AS s FROM generate_series(1, $1)`, [items.length]);
    const rows = items.map((item, i) => {
      const serial = Number(serials[i]!.s);
      const code = encodePassCode(
        { keyId: signer.keyId, fairId: fair.id, serial, issue: 1, visitorType: item.visitorType, entryPolicy: item.entryPolicy, ...window },
        signer.privateKey,
      );
      return { ...item, serial, code };
    });
    const out: PassEntity[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const inserted: PassEntity[] = await m.query(
        `INSERT INTO passes (fair_id, visitor_id, serial, visitor_type, entry_policy, valid_from, valid_until, key_id, code)
         SELECT $1, v, s, t, p, to_timestamp($2), to_timestamp($3), $4, c
           FROM unnest($5::uuid[], $6::bigint[], $7::text[], $8::text[], $9::text[]) AS x(v, s, t, p, c)
         RETURNING id, fair_id AS "fairId", visitor_id AS "visitorId", serial, issue, visitor_type AS "visitorType",
                   entry_policy AS "entryPolicy", valid_from AS "validFrom", valid_until AS "validUntil", key_id AS "keyId", code, status`,
        [
          fair.id,
          window.validFrom,
          window.validUntil,
          signer.keyId,
          chunk.map((r) => r.visitorId),
          chunk.map((r) => r.serial),
          chunk.map((r) => r.visitorType),
          chunk.map((r) => r.entryPolicy),
          chunk.map((r) => r.code),
        ],
      );
      out.push(...inserted);
    }
    return out;
  }

  /** A new code for the same pass: the issue number goes up and the old code is revoked. */
  async reissue(actor: Actor, passId: string, fair: FairForPass, after?: (m: EntityManager, pass: PassEntity) => Promise<void>): Promise<PassEntity> {
    const signer = await this.keys.signer(fair.id);
    return inTransaction(this.db, async (m) => {
      const pass = await this.lock(m, passId, fair.id);
      if (pass.status === 'revoked') throw VisitorErrors.PASS_REVOKED();
      if (pass.issue >= 65535) throw VisitorErrors.PASS_ISSUE_LIMIT();
      const issue = pass.issue + 1;
      const window = fairValidityWindow(fair);
      const code = encodePassCode(
        { keyId: signer.keyId, fairId: fair.id, serial: Number(pass.serial), issue, visitorType: pass.visitorType, entryPolicy: pass.entryPolicy, ...window },
        signer.privateKey,
      );
      await m.query(`INSERT INTO pass_revocations (fair_id, serial, issue, reason) VALUES ($1, $2, $3, 'reissued')`, [fair.id, pass.serial, pass.issue]);
      await m.query(
        `UPDATE passes SET issue = $2, code = $3, key_id = $4, valid_from = to_timestamp($5), valid_until = to_timestamp($6), updated_at = now() WHERE id = $1`,
        [pass.id, issue, code, signer.keyId, window.validFrom, window.validUntil],
      );
      await this.audit.record(m, actor, { action: 'pass.reissue', entity: 'pass', entityId: pass.id, fairId: fair.id, before: { issue: pass.issue }, after: { issue } });
      const updated = { ...pass, issue, code, keyId: signer.keyId };
      if (after) await after(m, updated);
      return updated;
    });
  }

  /** Cancels a pass for good: its current code goes on the revocation list. */
  async cancel(actor: Actor, passId: string, fairId: string, reason?: string): Promise<void> {
    await inTransaction(this.db, async (m) => {
      const pass = await this.lock(m, passId, fairId);
      if (pass.status === 'revoked') return;
      await m.query(`UPDATE passes SET status = 'revoked', updated_at = now() WHERE id = $1`, [pass.id]);
      await m.query(`INSERT INTO pass_revocations (fair_id, serial, issue, reason) VALUES ($1, $2, $3, 'cancelled') ON CONFLICT DO NOTHING`, [
        fairId,
        pass.serial,
        pass.issue,
      ]);
      await this.audit.record(m, actor, { action: 'pass.cancel', entity: 'pass', entityId: pass.id, fairId, reason: reason ?? null });
    });
  }

  async revocations(fairId: string): Promise<Revocation[]> {
    const rows: { serial: string; issue: number; reason: Revocation['reason']; revoked_at: Date }[] = await this.db.query(
      `SELECT serial, issue, reason, revoked_at FROM pass_revocations WHERE fair_id = $1 ORDER BY revoked_at, serial`,
      [fairId],
    );
    return rows.map((r) => ({ serial: Number(r.serial), issue: r.issue, reason: r.reason, revokedAt: r.revoked_at.toISOString() }));
  }

  async findForScan(m: EntityManager, fairId: string, serial: number): Promise<PassForScan | undefined> {
    const rows: PassForScan[] = await m.query(
      `SELECT p.id AS "passId", p.issue, p.status, v.name AS "visitorName", v.company, v.visitor_type AS "visitorType"
         FROM passes p JOIN visitors v ON v.id = p.visitor_id WHERE p.fair_id = $1 AND p.serial = $2`,
      [fairId, serial],
    );
    return rows[0];
  }

  async get(passId: string, fairId?: string): Promise<PassEntity> {
    const pass = await this.db.getRepository(PassEntity).findOne({ where: fairId ? { id: passId, fairId } : { id: passId } });
    if (!pass) throw VisitorErrors.PASS_NOT_FOUND();
    return pass;
  }

  private async lock(m: EntityManager, passId: string, fairId: string): Promise<PassEntity> {
    const pass = await m.getRepository(PassEntity).findOne({ where: { id: passId, fairId }, lock: { mode: 'pessimistic_write' } });
    if (!pass) throw VisitorErrors.PASS_NOT_FOUND();
    return pass;
  }
}
