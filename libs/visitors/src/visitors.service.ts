import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, type Actor } from '@fair/auth';
import { pgCode, PG_UNIQUE_VIOLATION } from '@fair/db';
import { FairsService, type FairEntity } from '@fair/fairs';
import { InvitationsService } from './invitations.service';
import { PassesService } from './passes.service';
import { readVisitorCsv, type VisitorInput } from './visitor-list.csv';
import { defaultEntryPolicy, type VisitorType } from './visitor-types';
import type { VisitorSource } from './entities/visitor.entity';
import { VisitorErrors } from './visitors.errors';

export interface VisitorView extends Omit<VisitorInput, 'entryPolicy'> {
  id: string;
  source: VisitorSource;
  passId: string;
  passSerial: number;
  passIssue: number;
  passStatus: 'active' | 'revoked';
  entryPolicy: string;
}

/** Visitors of a fair: public registration, organiser adds and CSV imports; each gets a pass. */
@Injectable()
export class VisitorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly passes: PassesService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
  ) {}

  /** Public self-registration; the pass is mailed at once (same transaction as the visitor). */
  async register(fairRef: string, input: VisitorInput & { consent: boolean }): Promise<{ visitorId: string; passSerial: number }> {
    if (input.consent !== true) throw VisitorErrors.CONSENT_REQUIRED();
    const fair = await this.fairs.get(fairRef);
    return this.db.transaction(async (m) => {
      const [created] = await this.create(m, fair, [input], 'registration');
      await this.invitations.queueForPasses(m, fair, [created!.passId]);
      return { visitorId: created!.visitorId, passSerial: created!.serial };
    });
  }

  async add(actor: Actor, fairRef: string, input: VisitorInput & { sendInvitation?: boolean }, source: VisitorSource = 'organiser'): Promise<VisitorView> {
    const fair = await this.fairs.get(fairRef);
    const id = await this.db.transaction(async (m) => {
      const [created] = await this.create(m, fair, [input], source);
      if (input.sendInvitation) await this.invitations.queueForPasses(m, fair, [created!.passId]);
      await this.audit.record(m, actor, { action: 'visitor.create', entity: 'visitor', entityId: created!.visitorId, fairId: fair.id, after: { ...input } });
      return created!.visitorId;
    });
    return this.get(fair.id, id);
  }

  /** All rows or none: row errors are reported by line before anything is written. */
  async importCsv(actor: Actor, fairRef: string, csv: string): Promise<{ imported: number }> {
    const fair = await this.fairs.get(fairRef);
    return this.db.transaction(async (m) => {
      const existing: { email: string }[] = await m.query(`SELECT lower(email) AS email FROM visitors WHERE fair_id = $1`, [fair.id]);
      const rows = readVisitorCsv(csv, new Set(existing.map((e) => e.email)));
      await this.create(m, fair, rows, 'import');
      await this.audit.record(m, actor, { action: 'visitors.import', entity: 'fair', entityId: fair.id, fairId: fair.id, after: { visitors: rows.length } });
      return { imported: rows.length };
    });
  }

  async list(fairRef: string, filter: { visitorType?: VisitorType; limit?: number; offset?: number }): Promise<{ total: number; items: VisitorView[] }> {
    const fair = await this.fairs.get(fairRef);
    const where = `v.fair_id = $1 AND ($2::text IS NULL OR v.visitor_type = $2)`;
    const total: { n: string }[] = await this.db.query(`SELECT count(*) AS n FROM visitors v WHERE ${where}`, [fair.id, filter.visitorType ?? null]);
    const items = await this.select(`${where} ORDER BY p.serial LIMIT $3 OFFSET $4`, [fair.id, filter.visitorType ?? null, filter.limit ?? 100, filter.offset ?? 0]);
    return { total: Number(total[0]!.n), items };
  }

  async get(fairId: string, visitorId: string): Promise<VisitorView> {
    if (!/^[0-9a-f-]{36}$/i.test(visitorId)) throw VisitorErrors.VISITOR_NOT_FOUND();
    const [row] = await this.select(`v.fair_id = $1 AND v.id = $2`, [fairId, visitorId]);
    if (!row) throw VisitorErrors.VISITOR_NOT_FOUND();
    return row;
  }

  /** Inserts visitors and their passes in the caller's transaction. */
  async create(m: EntityManager, fair: FairEntity, inputs: VisitorInput[], source: VisitorSource, exhibitorId: string | null = null) {
    let rows: { id: string; visitor_type: VisitorType }[];
    try {
      rows = await m.query(
        `INSERT INTO visitors (fair_id, name, company, country, email, phone, visitor_type, sectors, lang, consent_at, source, exhibitor_id)
         SELECT $1, n, c, k, e, p, t, s, l, now(), $2, $3
           FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::text[])
             WITH ORDINALITY AS x(n, c, k, e, p, t, s, l, i)
          ORDER BY i
         RETURNING id, visitor_type`,
        [
          fair.id,
          source,
          exhibitorId,
          inputs.map((i) => i.name.trim()),
          inputs.map((i) => i.company?.trim() ?? ''),
          inputs.map((i) => i.country.toUpperCase()),
          inputs.map((i) => i.email.trim()),
          inputs.map((i) => i.phone ?? null),
          inputs.map((i) => i.visitorType),
          inputs.map((i) => JSON.stringify(i.sectors ?? [])),
          inputs.map((i) => i.lang),
        ],
      );
    } catch (err) {
      // The unique index decides between two racing registrations of one email.
      if (pgCode(err) === PG_UNIQUE_VIOLATION) throw VisitorErrors.VISITOR_EMAIL_TAKEN({ email: inputs.length === 1 ? inputs[0]!.email : '' });
      throw err;
    }
    const passes = await this.passes.issueMany(
      m,
      fair,
      rows.map((r, i) => ({ visitorId: r.id, visitorType: r.visitor_type, entryPolicy: inputs[i]!.entryPolicy ?? defaultEntryPolicy(r.visitor_type) })),
    );
    return passes.map((p) => ({ visitorId: p.visitorId, passId: p.id, serial: Number(p.serial) }));
  }

  private async select(where: string, params: unknown[]): Promise<VisitorView[]> {
    const rows: (Omit<VisitorView, 'passSerial'> & { passSerial: string })[] = await this.db.query(
      `SELECT v.id, v.name, v.company, v.country, v.email, v.phone, v.visitor_type AS "visitorType", v.sectors, v.lang, v.source,
              p.id AS "passId", p.serial AS "passSerial", p.issue AS "passIssue", p.status AS "passStatus", p.entry_policy AS "entryPolicy"
         FROM visitors v JOIN passes p ON p.visitor_id = v.id WHERE ${where}`,
      params,
    );
    return rows.map((r) => ({ ...r, passSerial: Number(r.passSerial) }));
  }
}
