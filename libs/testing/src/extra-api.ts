import { createApiApp } from '../../../apps/api/src/http/configure-app';

/**
 * A second API instance on the running test system's database and Redis (same environment), so a
 * test can race requests across two processes' worth of connection pools. Close it before the system.
 */
export async function startExtraApi(): Promise<{ url: string; close(): Promise<void> }> {
  const app = await createApiApp({ logger: ['error'] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
