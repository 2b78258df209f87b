import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService, type Actor } from '@fair/auth';
import { inTransaction } from '@fair/db';
import { PortalService } from '@fair/exhibitors';
import { FairsService } from '@fair/fairs';
import { InvitationsService } from './invitations.service';
import { VisitorErrors } from './visitors.errors';
import { VisitorsService } from './visitors.service';

export interface StaffPassesResult {
  issued: { staffId: string; name: string; passSerial: number }[];
  skipped: { staffId: string; name: string; reason: 'no-email' | 'has-pass' }[];
}

/**
 * Exhibitor staff (listed in the exhibitor portal) get passes the way visitors do: a visitor row
 * of type exhibitor-staff tied to the exhibitor, a signed pass, and the pass email through the
 * queue. Issuing again only covers staff added since; a staff email that already holds a pass
 * for the fair is left as it is.
 */
@Injectable()
export class StaffPassesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly portal: PortalService,
    private readonly fairs: FairsService,
    private readonly visitors: VisitorsService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
  ) {}

  async issue(actor: Actor, exhibitorId: string): Promise<StaffPassesResult> {
    const exhibitor = await this.portal.own(actor, exhibitorId); // 404 for anyone else's
    if (exhibitor.status !== 'approved') throw VisitorErrors.STAFF_PASSES_NOT_APPROVED();
    const staff = await this.portal.staff(actor, exhibitorId);
    const fair = await this.fairs.get(exhibitor.fairId);
    return inTransaction(this.db, async (m) => {
      // Two clicks at once issue once: the second waits here, then finds the passes made.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`staff-passes:${exhibitorId}`]);
      const taken = new Set(
        ((await m.query(`SELECT lower(email) AS email FROM visitors WHERE fair_id = $1 AND lower(email) = ANY($2::text[])`, [
          fair.id,
          staff.filter((s) => s.email).map((s) => s.email!.toLowerCase()),
        ])) as { email: string }[]).map((r) => r.email),
      );
      const result: StaffPassesResult = { issued: [], skipped: [] };
      const todo = staff.filter((s) => {
        if (!s.email) result.skipped.push({ staffId: s.id, name: s.name, reason: 'no-email' });
        else if (taken.has(s.email.toLowerCase())) result.skipped.push({ staffId: s.id, name: s.name, reason: 'has-pass' });
        else return true;
        return false;
      });
      if (todo.length === 0) return result;
      const created = await this.visitors.create(
        m,
        fair,
        todo.map((s) => ({
          name: s.name,
          company: exhibitor.legalName,
          country: exhibitor.country,
          email: s.email!,
          phone: null,
          visitorType: 'exhibitor-staff' as const,
          sectors: exhibitor.sectors ?? [],
          lang: exhibitor.lang,
        })),
        'exhibitor',
        exhibitorId,
      );
      await this.invitations.queueForPasses(m, fair, created.map((c) => c.passId));
      result.issued = created.map((c, i) => ({ staffId: todo[i]!.id, name: todo[i]!.name, passSerial: c.serial }));
      await this.audit.record(m, actor, {
        action: 'exhibitor.staff-passes',
        entity: 'exhibitor',
        entityId: exhibitorId,
        fairId: fair.id,
        after: { issued: result.issued.map((x) => x.passSerial) },
      });
      return result;
    });
  }
}
