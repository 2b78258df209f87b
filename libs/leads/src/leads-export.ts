import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import type { DataSource } from 'typeorm';
import type { Actor } from '@fair/auth';
import { FairsService } from '@fair/fairs';
import { LeadsService } from './leads.service';

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

  async csv(actor: Actor, fairRef: string, lang: 'vi' | 'en'): Promise<string> {
    const fair = await this.fairs.get(fairRef);
    const exhibitorId = await this.leads.approvedExhibitor(actor, fair.id);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT to_char(l.scanned_on, 'YYYY-MM-DD') AS day, l.first_scanned_at, l.scans, v.name, v.company, v.country, v.visitor_type,
              v.sectors, l.rating, l.note,
              CASE WHEN l.contact_consent THEN v.email ELSE '' END AS email,
              CASE WHEN l.contact_consent THEN coalesce(v.phone, '') ELSE '' END AS phone
         FROM leads l JOIN visitors v ON v.id = l.visitor_id
        WHERE l.fair_id = $1 AND l.exhibitor_id = $2 ORDER BY l.first_scanned_at, l.id`,
      [fair.id, exhibitorId],
    );
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
}
