import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import type { DataSource } from 'typeorm';
import type { Actor } from '@fair/auth';
import { FairsService } from '@fair/fairs';
import { LeadsService } from './leads.service';

export interface LeadRow {
  day: string;
  firstScannedAt: string;
  scans: number;
  name: string;
  company: string;
  country: string;
  visitorType: string;
  sectors: string[];
  rating: number | null;
  note: string;
  /** only where the visitor consented at the booth */
  email: string | null;
  phone: string | null;
}

const HEADER = {
  en: ['day', 'first scanned', 'scans', 'name', 'company', 'country', 'visitor type', 'sectors', 'rating', 'note', 'email', 'phone'],
  vi: ['ngày', 'lần quét đầu', 'số lần quét', 'họ tên', 'công ty', 'quốc gia', 'loại khách', 'ngành', 'đánh giá', 'ghi chú', 'email', 'điện thoại'],
};

/**
 * An exhibitor's leads as CSV (UTF-8 with BOM for spreadsheets). Badge data (name, company,
 * country, type, sectors) is what the visitor shows by handing over the badge; email and phone
 * only where the visitor consented at the booth (`contact_consent`), otherwise empty.
 */
@Injectable()
export class LeadsExport {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly leads: LeadsService,
  ) {}

  /** The exhibitor's leads, oldest first (what the CSV holds), for the portal's list. */
  async list(actor: Actor, fairRef: string): Promise<LeadRow[]> {
    return (await this.rows(actor, fairRef)).map((r) => ({
      day: r.day as string,
      firstScannedAt: new Date(r.first_scanned_at as string).toISOString(),
      scans: Number(r.scans),
      name: r.name as string,
      company: r.company as string,
      country: r.country as string,
      visitorType: r.visitor_type as string,
      sectors: r.sectors as string[],
      rating: (r.rating as number | null) ?? null,
      note: r.note as string,
      email: (r.email as string) || null,
      phone: (r.phone as string) || null,
    }));
  }

  async csv(actor: Actor, fairRef: string, lang: 'vi' | 'en'): Promise<string> {
    const rows = await this.rows(actor, fairRef);
    const records = rows.map((r) => [
      r.day,
      new Date(r.first_scanned_at as string).toISOString(),
      r.scans,
      r.name,
      r.company,
      r.country,
      r.visitor_type,
      (r.sectors as string[]).join('|'),
      r.rating ?? '',
      r.note,
      r.email,
      r.phone,
    ]);
    return '\uFEFF' + stringify([HEADER[lang], ...records], { record_delimiter: '\r\n' });
  }

  private async rows(actor: Actor, fairRef: string): Promise<Record<string, unknown>[]> {
    const fair = await this.fairs.get(fairRef);
    const exhibitorId = await this.leads.approvedExhibitor(actor, fair.id);
    return this.db.query(
      `SELECT to_char(l.scanned_on, 'YYYY-MM-DD') AS day, l.first_scanned_at, l.scans, v.name, v.company, v.country, v.visitor_type,
              v.sectors, l.rating, l.note,
              CASE WHEN l.contact_consent THEN v.email ELSE '' END AS email,
              CASE WHEN l.contact_consent THEN coalesce(v.phone, '') ELSE '' END AS phone
         FROM leads l JOIN visitors v ON v.id = l.visitor_id
        WHERE l.fair_id = $1 AND l.exhibitor_id = $2 ORDER BY l.first_scanned_at, l.id`,
      [fair.id, exhibitorId],
    );
  }
}
