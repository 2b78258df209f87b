import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FairsService, type BoothKind } from '@fair/fairs';

export interface FloorPlanBooth {
  id: string;
  code: string;
  hall: string;
  kind: BoothKind;
  x: number;
  y: number;
  width: number;
  height: number;
  isCorner: boolean;
  areaM2: number;
  priceVnd: number;
  status: 'available' | 'held' | 'assigned';
  occupant: { exhibitorId: string; name: string; nameEn: string | null; country: string } | null;
  expiresAt: string | null;
}

export interface FloorPlanView {
  fairId: string;
  halls: { id: string; code: string; nameVi: string; nameEn: string }[];
  counts: { available: number; held: number; assigned: number };
  booths: FloorPlanBooth[];
}

const CSV_HEADER = ['hall', 'booth', 'kind', 'status', 'exhibitor_id', 'exhibitor', 'country', 'since', 'hold_expires_at'];
const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // quotes when needed; a leading = + - @ is neutralised so spreadsheets do not run it
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The floor plan with each booth's state and occupant (for drawing), and the CSV export. */
@Injectable()
export class FloorPlanService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
  ) {}

  private async rows(fairId: string) {
    return (await this.db.query(
      `SELECT b.id, b.code, h.code AS hall, b.kind, b.x::float8 AS x, b.y::float8 AS y, b.width::float8 AS width, b.height::float8 AS height,
              b.is_corner, b.area_m2::float8 AS area_m2, b.price_vnd::float8 AS price_vnd,
              a.status, a.exhibitor_id, a.expires_at, a.updated_at, e.legal_name, e.name_en, e.country
         FROM booths b JOIN halls h ON h.id = b.hall_id
         LEFT JOIN booth_allocations a ON a.booth_id = b.id AND a.status IN ('held', 'assigned')
         LEFT JOIN exhibitors e ON e.id = a.exhibitor_id
        WHERE b.fair_id = $1 ORDER BY h.code, b.code`,
      [fairId],
    )) as Record<string, any>[];
  }

  async floorPlan(fairRef: string): Promise<FloorPlanView> {
    const fair = await this.fairs.get(fairRef);
    const [halls, rows] = await Promise.all([this.fairs.halls(fair.id), this.rows(fair.id)]);
    const counts = { available: 0, held: 0, assigned: 0 };
    const booths = rows.map((r): FloorPlanBooth => {
      const status = (r.status ?? 'available') as FloorPlanBooth['status'];
      counts[status]++;
      return {
        id: r.id,
        code: r.code,
        hall: r.hall,
        kind: r.kind,
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
        isCorner: r.is_corner,
        areaM2: r.area_m2,
        priceVnd: r.price_vnd,
        status,
        occupant: r.exhibitor_id ? { exhibitorId: r.exhibitor_id, name: r.legal_name, nameEn: r.name_en, country: r.country } : null,
        expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
      };
    });
    return { fairId: fair.id, halls: halls.map((h) => ({ id: h.id, code: h.code, nameVi: h.nameVi, nameEn: h.nameEn })), counts, booths };
  }

  /** One line per booth (free ones too), UTF-8 with a BOM so spreadsheet programs read Vietnamese. */
  async exportCsv(fairRef: string): Promise<string> {
    const fair = await this.fairs.get(fairRef);
    const lines = [CSV_HEADER.join(',')];
    for (const r of await this.rows(fair.id)) {
      lines.push(
        [r.hall, r.code, r.kind, r.status ?? 'available', r.exhibitor_id, r.legal_name, r.country, r.updated_at ? new Date(r.updated_at).toISOString() : '', r.expires_at ? new Date(r.expires_at).toISOString() : '']
          .map(csvCell)
          .join(','),
      );
    }
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }
}
