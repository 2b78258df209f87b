import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '@fair/auth';
import { CLOCK, type Clock } from '@fair/core';
import { FairsService } from '@fair/fairs';
import { QrKeysService } from '@fair/visitors';
import { verifiedPass } from './lead-pass';
import { LeadErrors } from './leads.errors';

export interface LeadScanInput {
  code: string;
  note?: string;
  rating?: number;
  /** The visitor said yes at the booth to sharing email and phone with this exhibitor. */
  contactConsent?: boolean;
}

export interface LeadScanResult {
  leadId: string;
  /** false when this visitor was already scanned by this exhibitor today (the lead was updated) */
  created: boolean;
  scans: number;
  visitor: { name: string; company: string; country: string; visitorType: string };
}

/**
 * Lead scanning: an approved exhibitor's signed-in user scans a visitor's pass at the booth.
 * One lead per exhibitor, visitor and fair-local day (unique index); a re-scan that day is an
 * upsert that counts the scan, keeps the first note unless a new one is given, and never takes
 * consent back. One statement, so two devices scanning at once still make one lead.
 */
@Injectable()
export class LeadsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly keys: QrKeysService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async scan(actor: Actor, fairRef: string, input: LeadScanInput): Promise<LeadScanResult> {
    const fair = await this.fairs.get(fairRef);
    const exhibitorId = await this.approvedExhibitor(actor, fair.id);
    const pass = await verifiedPass(this.keys, fair.id, input.code);
    if (!pass) throw LeadErrors.LEAD_BAD_PASS();
    const rows = await this.db.query(
      `WITH p AS (SELECT p.id, p.visitor_id FROM passes p WHERE p.fair_id = $1 AND p.serial = $2 AND p.issue = $3 AND p.status = 'active')
       INSERT INTO leads AS l (fair_id, exhibitor_id, visitor_id, pass_id, scanned_by, scanned_on, note, rating, contact_consent, first_scanned_at, last_scanned_at)
       SELECT $1, $4, p.visitor_id, p.id, $5, ($10::timestamptz AT TIME ZONE $6)::date, $7, $8, $9, $10, $10 FROM p
       ON CONFLICT (exhibitor_id, visitor_id, scanned_on) DO UPDATE
         SET scans = l.scans + 1, last_scanned_at = EXCLUDED.last_scanned_at, pass_id = EXCLUDED.pass_id,
             note = CASE WHEN EXCLUDED.note <> '' THEN EXCLUDED.note ELSE l.note END,
             rating = coalesce(EXCLUDED.rating, l.rating),
             contact_consent = l.contact_consent OR EXCLUDED.contact_consent
       RETURNING l.id, l.scans, l.visitor_id, (xmax = 0) AS created`,
      [fair.id, pass.serial, pass.issue, exhibitorId, actor.userId, fair.timeZone, input.note ?? '', input.rating ?? null, input.contactConsent ?? false, this.clock.now()],
    );
    const lead = rows[0];
    if (!lead) throw LeadErrors.LEAD_BAD_PASS();
    const [v] = await this.db.query(`SELECT name, company, country, visitor_type FROM visitors WHERE id = $1`, [lead.visitor_id]);
    return { leadId: lead.id, created: lead.created, scans: lead.scans, visitor: { name: v.name, company: v.company, country: v.country, visitorType: v.visitor_type } };
  }

  async approvedExhibitor(actor: Actor, fairId: string): Promise<string> {
    const [row] = await this.db.query(`SELECT id FROM exhibitors WHERE user_id = $1 AND fair_id = $2 AND status = 'approved'`, [actor.userId, fairId]);
    if (!row) throw LeadErrors.LEAD_NOT_EXHIBITOR();
    return row.id;
  }
}
