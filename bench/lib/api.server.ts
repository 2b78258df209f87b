/**
 * The real API (apps/api, all domains) in its own process for HTTP scenarios, on the database in
 * DATABASE_URL, with the reference fair seeded. Reports its port over IPC like every bench server.
 */
import { ReferenceFairSeeder } from '@fair/fairs';
import { createApiApp } from '../../apps/api/src/http/configure-app';

async function main(): Promise<void> {
  const app = await createApiApp({ logger: ['error'] });
  await app.get(ReferenceFairSeeder).seed();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ port });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((e) => {
  process.stderr.write(`api.server: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
