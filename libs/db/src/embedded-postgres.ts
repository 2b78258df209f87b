import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The embedded default: PGlite (Postgres compiled to WASM) with its data in a folder, served on
 * a loopback port by pglite-socket so the api, worker and cli all use the same `pg` driver and
 * the same migrations as a real server. PGlite runs one transaction at a time; the socket server
 * queues the rest, so results stay correct but there is no parallelism (see README).
 */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  port?: number;
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  // Loaded lazily (and as ESM) so processes that talk to a real Postgres never load the WASM.
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  const db = await PGlite.create({ dataDir, extensions: { btree_gist } });
  const server = new PGLiteSocketServer({
    db,
    port: options.port ?? 0,
    host: '127.0.0.1',
    maxConnections: options.maxConnections ?? 40,
  });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
