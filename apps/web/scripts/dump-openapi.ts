/**
 * Writes the API's OpenAPI document to stdout without a database, Redis or a listening port:
 * Nest's preview mode resolves the module graph (controllers, DTO metadata) but instantiates
 * no provider, so nothing connects anywhere. Run by `npm run web:api-types`.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiModule } from '../../api/src/api.module';
import { openApiDocument } from '../../api/src/http/configure-app';

async function main(): Promise<void> {
  const app = await NestFactory.create(ApiModule, new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  process.stdout.write(JSON.stringify(openApiDocument(app), null, 2) + '\n');
  await app.close().catch(() => undefined);
}

main().catch((err) => {
  process.stderr.write(`openapi dump failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
