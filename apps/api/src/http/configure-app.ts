import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { appConfig } from '@fair/core';
import { ApiModule } from '../api.module';
import { AllExceptionsFilter } from './exception.filter';
import { mountQueueBoard } from './queue-board';
import { validationPipe } from './validation';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** The OpenAPI document of the API (served at /docs-json; the web app's types are generated from it). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fair management API')
      .setDescription('Booths, exhibitors, visitors and QR check-in, B2B matchmaking, live figures. Errors: { statusCode, code, message, text: { vi, en }, fields?: [{ field, constraint, message, text }] }, message in the language asked for, text in both.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

/**
 * Builds the API exactly as production runs it (main.ts) and as the tests do: Fastify, the
 * global validation pipe and exception filter, /api prefix, OpenAPI at /docs, the web build.
 */
export async function createApiApp(options: { logger?: LogLevel[] | false } = {}): Promise<NestFastifyApplication> {
  const config = appConfig();
  // req.ip (the per-address rate limits) comes from X-Forwarded-For only for the proxies TRUST_PROXY names.
  const adapter = new FastifyAdapter({ bodyLimit: 25 * 1024 * 1024, trustProxy: config.TRUST_PROXY });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    logger: options.logger ?? LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL) + 1),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyCookie as never);
  // CSV imports may be sent as text/csv; they arrive as { csv } like the JSON form.
  fastify.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, { csv: body }));

  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await mountQueueBoard(app);

  const webRoot = resolve(process.cwd(), 'apps/web/dist');
  if (existsSync(resolve(webRoot, 'index.html'))) {
    await app.register(fastifyStatic as never, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
    // The single-page app owns every other GET path; the API and docs keep their 404s. A
    // wildcard route (specific routes win over it), not a not-found handler: Nest sets its own.
    fastify.get('/*', (req, reply) => {
      const path = req.url.split('?')[0] ?? '';
      if (/^\/(api|docs|health)(\/|$)/.test(path)) {
        return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: 'Not found' });
      }
      return (reply as unknown as { sendFile(f: string): unknown }).sendFile('index.html');
    });
  }
  await app.init();
  return app;
}
