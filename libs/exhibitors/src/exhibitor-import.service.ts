import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '@fair/core';
import { inTransaction, pgCode, PG_UNIQUE_VIOLATION } from '@fair/db';
import { AuditService, type Actor } from '@fair/auth';
import { FairsService } from '@fair/fairs';
import { ApplicationService } from './application.service';
import { ExhibitorErrors } from './exhibitors.errors';
import { LIVE_STATUSES } from './exhibitor-status';
import { readExhibitorCsv } from './exhibitor-import.csv';
import { loadFairFacts } from './fair-facts';

/**
 * Organisers import a list of companies they have already vetted (e.g. a delegation): the rows
 * arrive approved and each company gets an email to confirm its address and open its account.
 * All rows or none.
 */
@Injectable()
export class ExhibitorImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly applications: ApplicationService,
    private readonly audit: AuditService,
  ) {}

  async import(actor: Actor, fairRef: string, csv: string): Promise<{ imported: number; ids: string[] }> {
    const fair = await this.fairs.get(fairRef);
    try {
      return await inTransaction(this.db, async (m) => {
        const facts = await loadFairFacts(m, fair);
        const live: { tax_id: string; email: string }[] = await m.query(
          `SELECT tax_id, lower(email) AS email FROM exhibitors WHERE fair_id = $1 AND status = ANY($2)`,
          [fair.id, LIVE_STATUSES],
        );
        const rows = readExhibitorCsv(csv, facts, { taxIds: new Set(live.map((l) => l.tax_id)), emails: new Set(live.map((l) => l.email)) });
        const ids: string[] = [];
        for (const row of rows) {
          const id = await this.applications.insert(m, fair.id, row.app, 'approved', { source: 'import' });
          await this.applications.sendConfirmation(m, id, true);
          ids.push(id);
        }
        await this.audit.record(m, actor, { action: 'exhibitor.import', entity: 'fair', entityId: fair.id, fairId: fair.id, after: { imported: ids.length, ids } });
        return { imported: ids.length, ids };
      });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'CSV_ROWS_INVALID') throw ExhibitorErrors.EXHIBITOR_IMPORT_INVALID(err.details);
      // Someone applied online between our check and our insert: the partial unique index won.
      if (pgCode(err) === PG_UNIQUE_VIOLATION) {
        throw ExhibitorErrors.EXHIBITOR_IMPORT_INVALID({ count: 1, reason: 'a company in the file applied meanwhile; import again to see which' });
      }
      throw err;
    }
  }
}
