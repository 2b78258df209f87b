/**
 * The bare Fastify "hello" server of the HTTP ceiling: nothing but the framework's own cost.
 * Started in its own process by measureFastifyCeiling(); reports its port over IPC.
 */
import Fastify from 'fastify';

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ port });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
