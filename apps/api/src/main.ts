import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@fair/core';
import { createApiApp } from './http/configure-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp();
  await app.listen({ port: config.PORT, host: config.HOST });
  new Logger('Api').log(`listening on http://localhost:${config.PORT} (API /api, OpenAPI /docs, health /health)`);
}

main().catch((err) => {
  process.stderr.write(`api failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
