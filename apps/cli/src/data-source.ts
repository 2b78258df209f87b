import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@fair/db';
import { AuditLogEntity, SessionEntity, UserEntity } from '@fair/auth';
import { OutboxEntity } from '@fair/jobs';
import { MailMessageEntity } from '@fair/mail';
import { BoothEntity, FairEntity, HallEntity } from '@fair/fairs';
import { VISITOR_ENTITIES } from '@fair/visitors';
import { CHECKIN_ENTITIES } from '@fair/checkin';
import { ExhibitorEntity, ExhibitorStaffEntity, ExhibitorTokenEntity } from '@fair/exhibitors';

/**
 * Every entity class, listed by hand (no globs), for the CLI's own data source: migrations and
 * `typeorm migration:generate`. A test checks this list against what the app modules load.
 */
export const ALL_ENTITIES = [
  UserEntity,
  SessionEntity,
  AuditLogEntity,
  OutboxEntity,
  MailMessageEntity,
  FairEntity,
  HallEntity,
  BoothEntity,
  ...VISITOR_ENTITIES,
  ...CHECKIN_ENTITIES,
  ExhibitorEntity,
  ExhibitorStaffEntity,
  ExhibitorTokenEntity,
];

export function cliDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions({ url, entities: ALL_ENTITIES, poolSize: 4 }));
}

/** Runs pending migrations; returns their names. Safe to call from several processes at once. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = cliDataSource(url);
  await ds.initialize();
  try {
    // One migrator at a time across processes (api start + cli): an advisory lock on a fixed key.
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('fair:migrations'))`);
      const done = await ds.runMigrations({ transaction: 'each' });
      return done.map((m) => m.name);
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('fair:migrations'))`).catch(() => undefined);
      await runner.release();
    }
  } finally {
    await ds.destroy();
  }
}
