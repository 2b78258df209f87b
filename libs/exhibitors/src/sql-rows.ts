/**
 * TypeORM's raw query answers UPDATE/DELETE ... RETURNING with [rows, rowCount] but SELECT and
 * INSERT with rows; this gives the rows either way.
 */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as unknown[];
  if (Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number') return r[0] as T[];
  return r as T[];
}
