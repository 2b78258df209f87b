import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FairsService } from '@fair/fairs';
import { AuditService, type Actor } from '@fair/auth';
import { ExhibitorsService } from '@fair/exhibitors';
import { PassProof } from './pass-proof';
import { inTransaction, pgConstraint, PG_UNIQUE_VIOLATION, pgCode, queryReturning } from '@fair/db';
import { MatchmakingErrors } from './matchmaking.errors';
import type { ParticipantProfile, ParticipantRow } from './participant-profile';
import { recommend, type Recommendation } from './recommendations';

export const hashToken = (token: string) => createHash('sha256').update(token).digest();

/**
 * Opt-in: an exhibitor or a registered visitor of the fair joins matchmaking with a profile and
 * gets a personal access token (stored hashed) for the participant endpoints. The company key
 * ties people of one company together (an exhibitor and its staff visitors; visitors by company name).
 */
@Injectable()
export class ParticipantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly exhibitors: ExhibitorsService,
    private readonly passes: PassProof,
    private readonly audit: AuditService,
  ) {}

  /** self-service: the signed-in user's own approved exhibitor joins */
  async joinAsExhibitor(actor: Actor, fairRef: string, profile: ParticipantProfile) {
    const fair = await this.fairs.get(fairRef);
    const exhibitorId = actor.userId ? await this.exhibitors.exhibitorIdForUser(actor.userId, fair.id) : null;
    if (!exhibitorId) throw MatchmakingErrors.MM_NOT_EXHIBITOR();
    try {
      return await this.optIn(fair.id, { exhibitorId }, profile);
    } catch (err) {
      if ((err as { code?: string }).code === 'MM_SUBJECT_NOT_FOUND') throw MatchmakingErrors.MM_NOT_EXHIBITOR();
      throw err;
    }
  }

  /**
   * self-service, a second device: a new token for the signed-in exhibitor's existing
   * participant. Only the hash is stored, so the old token cannot be shown again: it is replaced
   * (the other device's token stops working) and the change is audited.
   */
  async reissueExhibitorToken(actor: Actor, fairRef: string): Promise<{ participant: ParticipantRow; token: string }> {
    const fair = await this.fairs.get(fairRef);
    const exhibitorId = actor.userId ? await this.exhibitors.exhibitorIdForUser(actor.userId, fair.id) : null;
    if (!exhibitorId) throw MatchmakingErrors.MM_NOT_EXHIBITOR();
    const token = randomBytes(24).toString('base64url');
    return inTransaction(this.db, async (m) => {
      const [ex] = await m.query(`SELECT status FROM exhibitors WHERE id = $1 AND fair_id = $2`, [exhibitorId, fair.id]);
      if (ex?.status !== 'approved') throw MatchmakingErrors.MM_NOT_EXHIBITOR();
      const [row] = await queryReturning<ParticipantRow>(m, `UPDATE mm_participants SET token_hash = $3 WHERE fair_id = $1 AND exhibitor_id = $2 RETURNING *`, [
        fair.id,
        exhibitorId,
        hashToken(token),
      ]);
      if (!row) throw MatchmakingErrors.MM_NOT_PARTICIPANT();
      await this.audit.record(m, actor, { action: 'matchmaking.token.reissue', entity: 'mm_participant', entityId: row.id, fairId: fair.id, after: { exhibitorId } });
      return { participant: row, token };
    });
  }

  /** self-service: a registered visitor joins by presenting the QR pass code mailed to them */
  async joinAsVisitor(fairRef: string, passCode: string, profile: ParticipantProfile) {
    const fair = await this.fairs.get(fairRef);
    const holder = await this.passes.holder(fair.id, passCode);
    return this.optIn(fair.id, { visitorId: holder.visitorId }, profile);
  }

  /**
   * self-service, a second device, for a visitor: the pass code proves who they are, as when
   * joining (the pass's current issue, active), and a new token replaces the hash of that pass
   * holder's own participant; the previous token stops working. Audited like the exhibitor's.
   */
  async reissueVisitorToken(fairRef: string, passCode: string): Promise<{ participant: ParticipantRow; token: string }> {
    const fair = await this.fairs.get(fairRef);
    const token = randomBytes(24).toString('base64url');
    return inTransaction(this.db, async (m) => {
      const holder = await this.passes.holder(fair.id, passCode, m);
      const [row] = await queryReturning<ParticipantRow>(m, `UPDATE mm_participants SET token_hash = $3 WHERE fair_id = $1 AND visitor_id = $2 RETURNING *`, [
        fair.id,
        holder.visitorId,
        hashToken(token),
      ]);
      if (!row) throw MatchmakingErrors.MM_NOT_PARTICIPANT();
      await this.audit.record(m, { userId: null, role: 'visitor', email: row.email ?? undefined }, {
        action: 'matchmaking.token.reissue',
        entity: 'mm_participant',
        entityId: row.id,
        fairId: fair.id,
        after: { visitorId: holder.visitorId },
      });
      return { participant: row, token };
    });
  }

  async optIn(
    fairRef: string,
    subject: { exhibitorId?: string; visitorId?: string },
    profile: ParticipantProfile,
  ): Promise<{ participant: ParticipantRow; token: string }> {
    const fair = await this.fairs.get(fairRef);
    const who = await this.subject(fair.id, subject);
    const token = randomBytes(24).toString('base64url');
    try {
      return await inTransaction(this.db, async (m) => {
        const [row] = await m.query(
          `INSERT INTO mm_participants (fair_id, exhibitor_id, visitor_id, company_key, display_name, company, email, lang, country,
             sectors, offers, seeks, company_size, countries, languages, availability, token_hash)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING *`,
          [
            fair.id,
            subject.exhibitorId ?? null,
            subject.visitorId ?? null,
            who.companyKey,
            who.name,
            who.company,
            who.email,
            who.lang,
            who.country,
            profile.sectors,
            profile.offers,
            profile.seeks,
            profile.companySize,
            profile.countries,
            profile.languages,
            JSON.stringify(profile.availability),
            hashToken(token),
          ],
        );
        return { participant: row as ParticipantRow, token };
      });
    } catch (err) {
      if (pgCode(err) === PG_UNIQUE_VIOLATION && pgConstraint(err)?.startsWith('mm_participants_')) throw MatchmakingErrors.MM_ALREADY_JOINED();
      throw err;
    }
  }

  private async subject(fairId: string, s: { exhibitorId?: string; visitorId?: string }) {
    if (s.exhibitorId) {
      const [e] = await this.db.query(
        `SELECT id, legal_name, email, lang, country FROM exhibitors WHERE id = $1 AND fair_id = $2 AND status = 'approved'`,
        [s.exhibitorId, fairId],
      );
      if (!e) throw MatchmakingErrors.MM_SUBJECT_NOT_FOUND();
      return { companyKey: `exhibitor:${e.id}`, name: e.legal_name, company: e.legal_name, email: e.email, lang: e.lang, country: e.country };
    }
    const [v] = await this.db.query(
      `SELECT id, name, company, email, lang, country, exhibitor_id FROM visitors WHERE id = $1 AND fair_id = $2`,
      [s.visitorId, fairId],
    );
    if (!v) throw MatchmakingErrors.MM_SUBJECT_NOT_FOUND();
    const companyKey = v.exhibitor_id
      ? `exhibitor:${v.exhibitor_id}`
      : v.company.trim()
        ? `company:${v.company.trim().toLowerCase().replace(/\s+/g, ' ')}`
        : `visitor:${v.id}`;
    return { companyKey, name: v.name, company: v.company, email: v.email, lang: v.lang, country: v.country };
  }

  /** the participant a token belongs to, or 401 */
  async byToken(token: string | undefined, manager: EntityManager = this.db.manager): Promise<ParticipantRow> {
    if (!token) throw MatchmakingErrors.MM_BAD_TOKEN();
    const [row] = await manager.query(`SELECT * FROM mm_participants WHERE token_hash = $1`, [hashToken(token)]);
    if (!row) throw MatchmakingErrors.MM_BAD_TOKEN();
    return row;
  }

  /** suggestions for me: never myself, my company, anyone who declined me, or anyone I already have a request with */
  async recommendations(me: ParticipantRow, limit = 20): Promise<Recommendation[]> {
    const others: ParticipantRow[] = await this.db.query(`SELECT * FROM mm_participants WHERE fair_id = $1`, [me.fair_id]);
    const excludedRows: { id: string }[] = await this.db.query(
      `SELECT CASE WHEN from_id = $1 THEN to_id ELSE from_id END AS id FROM mm_requests
        WHERE (from_id = $1 OR to_id = $1) AND status IN ('pending', 'accepted', 'declined')`,
      [me.id],
    );
    return recommend(me, others, new Set(excludedRows.map((r) => r.id)), limit);
  }
}
