import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { EmbeddedWireServer } from './embedded-wire-server';

/**
 * The embedded default: PGlite (Postgres compiled to WASM) with its data in a folder, served on
 * a loopback port (EmbeddedWireServer) so the api, worker and cli all use the same `pg` driver
 * and the same migrations as a real server. PGlite is one session: the server lets one
 * connection's transaction or query run at a time and queues the rest (see README).
 */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  port?: number;
}): Promise<EmbeddedPostgres> {
  // Loaded lazily (and as ESM) so processes that talk to a real Postgres never load the WASM.
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  const db = await PGlite.create({ dataDir, extensions: { btree_gist } });
  const server = new EmbeddedWireServer(db);
  const port = await server.listen(options.port ?? 0);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    async stop() {
      await server.close();
      await db.close();
    },
  };
}
