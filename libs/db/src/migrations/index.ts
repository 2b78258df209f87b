import { Foundation1790000000000 } from './1790000000000-foundation';

/**
 * Every migration, in order. Each domain adds its own file here; the same list runs on
 * real PostgreSQL and on the embedded PGlite.
 */
export const migrations = [Foundation1790000000000];
