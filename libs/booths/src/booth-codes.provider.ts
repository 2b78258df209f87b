import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ExhibitorBoothCodes } from '@fair/exhibitors';

/** Tells the exhibitor catalogue and portal which booths each exhibitor has (assigned only). */
@Injectable()
export class BoothCodesProvider implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly codes: ExhibitorBoothCodes,
  ) {}

  onModuleInit(): void {
    this.codes.provide(async (fairId, exhibitorIds) => {
      const rows: { exhibitor_id: string; codes: string[] }[] = await this.db.query(
        `SELECT a.exhibitor_id, array_agg(b.code ORDER BY b.code) AS codes FROM booth_allocations a JOIN booths b ON b.id = a.booth_id
          WHERE a.fair_id = $1 AND a.exhibitor_id = ANY($2::uuid[]) AND a.status = 'assigned' GROUP BY a.exhibitor_id`,
        [fairId, exhibitorIds],
      );
      return new Map(rows.map((r) => [r.exhibitor_id, r.codes]));
    });
  }
}
