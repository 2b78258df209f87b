import type { DataSourceOptions, MixedList } from 'typeorm';
import { migrations } from './migrations';

/**
 * One set of options for every engine: the embedded PGlite is reached through the same
 * `pg` driver on a loopback port, so nothing below depends on which engine answers.
 */
export function dataSourceOptions(input: {
  url: string;
  // TypeORM's own option type: entity classes or glob strings.
  entities: MixedList<string | Function>;
  poolSize?: number;
  logging?: boolean;
}): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: input.entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Failed queries surface as errors the callers map (e.g. unique violations -> 409); TypeORM's
    // own console logging would print expected conflicts as noise.
    logging: input.logging ? ['error', 'warn', 'migration'] : false,
    extra: { max: input.poolSize ?? 20, application_name: 'fair' },
  };
}
