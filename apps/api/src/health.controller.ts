import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Public } from '@fair/auth';
import { APP_CONFIG, type AppConfig } from '@fair/core';
import { REDIS } from '@fair/jobs';
import type { Redis } from 'ioredis';
import { Inject } from '@nestjs/common';

class DependencyHealthDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() latencyMs: number;
  @ApiProperty({ required: false }) error?: string;
  @ApiProperty({ required: false }) engine?: string;
}

class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ type: DependencyHealthDto }) postgres: DependencyHealthDto;
  @ApiProperty({ type: DependencyHealthDto }) redis: DependencyHealthDto;
}

async function probe(fn: () => Promise<unknown>): Promise<DependencyHealthDto> {
  const started = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000))]);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  }
}

/** Postgres and Redis reachability; 503 when either is down, so load balancers can tell. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  async health(@Res({ passthrough: true }) reply: { status(code: number): unknown }): Promise<HealthDto> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(() => this.redis.ping()),
    ]);
    postgres.engine = this.config.embeddedDatabase ? 'embedded (PGlite)' : 'postgresql';
    const ok = postgres.ok && redis.ok;
    if (!ok) reply.status(503);
    return { status: ok ? 'ok' : 'degraded', postgres, redis };
  }
}
