import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Lang } from '@fair/core';
import { FairsService } from '@fair/fairs';
import { ExhibitorBoothCodes } from './exhibitor-booth-codes';

export interface CatalogueEntry {
  id: string;
  name: string;
  legalName: string;
  country: string;
  countryName: string;
  sectors: { code: string; name: string }[];
  products: string;
  description: string;
  logoUrl: string | null;
  website: string | null;
  boothCodes: string[];
}

const regionNames: Record<Lang, Intl.DisplayNames> = {
  vi: new Intl.DisplayNames(['vi'], { type: 'region' }),
  en: new Intl.DisplayNames(['en'], { type: 'region' }),
};

/** The public list of approved exhibitors of a fair, in the reader's language. */
@Injectable()
export class CatalogueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly boothCodes: ExhibitorBoothCodes,
  ) {}

  async list(fairRef: string, lang: Lang, f: { q?: string; sector?: string; country?: string; limit?: number; offset?: number }): Promise<{ total: number; items: CatalogueEntry[] }> {
    const fair = await this.fairs.get(fairRef);
    const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = `fair_id = $1 AND status = 'approved'
      AND ($2::text IS NULL OR legal_name ILIKE $2 OR name_vi ILIKE $2 OR name_en ILIKE $2 OR products ILIKE $2 OR description ILIKE $2)
      AND ($3::text IS NULL OR sectors @> jsonb_build_array($3::text))
      AND ($4::text IS NULL OR country = upper($4))`;
    const params = [fair.id, like, f.sector ?? null, f.country ?? null];
    const [{ total }] = (await this.db.query(`SELECT count(*)::int AS total FROM exhibitors WHERE ${where}`, params)) as { total: number }[];
    const rows: { id: string; legal_name: string; name_vi: string | null; name_en: string | null; country: string; sectors: string[]; products: string; description: string; logo_url: string | null; website: string | null }[] =
      await this.db.query(
        `SELECT id, legal_name, name_vi, name_en, country, sectors, products, description, logo_url, website FROM exhibitors
          WHERE ${where} ORDER BY COALESCE(${lang === 'vi' ? 'name_vi' : 'name_en'}, legal_name), id LIMIT $5 OFFSET $6`,
        [...params, Math.min(f.limit ?? 100, 500), f.offset ?? 0],
      );
    const sectorNames = new Map(fair.sectors.map((s) => [s.code, s[lang]]));
    const codes = await this.boothCodes.codes(fair.id, rows.map((r) => r.id));
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        name: (lang === 'vi' ? r.name_vi : r.name_en) ?? r.legal_name,
        legalName: r.legal_name,
        country: r.country,
        countryName: regionNames[lang].of(r.country) ?? r.country,
        sectors: r.sectors.map((code) => ({ code, name: sectorNames.get(code) ?? code })),
        products: r.products,
        description: r.description,
        logoUrl: r.logo_url,
        website: r.website,
        boothCodes: codes.get(r.id) ?? [],
      })),
    };
  }
}
