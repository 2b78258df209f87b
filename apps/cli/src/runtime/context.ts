import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { appConfig, resetConfigCache, type AppConfig } from '@fair/core';
import { ReferenceFairSeeder } from '@fair/fairs';
import { DataSource } from 'typeorm';
import { CliModule } from '../cli.module';
import { runMigrations } from '../data-source';
import { openDatabase, type DatabaseHandle } from './database';

/**
 * Opens the database (embedded when DATABASE_URL is unset), migrates it, and runs `work`
 * with a Nest context of the domain services; everything is closed afterwards.
 */
export async function withCliContext<T>(
  work: (ctx: INestApplicationContext, config: AppConfig) => Promise<T>,
  options: { seed?: boolean } = {},
): Promise<T> {
  const db = await openDatabase(appConfig());
  try {
    process.env.DATABASE_URL = db.url;
    resetConfigCache();
    await runMigrations(db.url);
    const ctx = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'], abortOnError: false });
    try {
      if (options.seed !== false) await seedIfEmpty(ctx);
      return await work(ctx, appConfig());
    } finally {
      await ctx.close();
    }
  } finally {
    await db.stop();
  }
}

export async function withDatabase<T>(work: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const db = await openDatabase(appConfig());
  try {
    return await work(db);
  } finally {
    await db.stop();
  }
}

/**
 * A database without any fair gets the reference fair (SEED_ON_START, default true), so the
 * first command on a fresh machine already shows it. A database that has fairs is left alone,
 * even if an organiser removed the reference fair on purpose.
 */
export async function seedIfEmpty(ctx: INestApplicationContext): Promise<{ seeded: boolean; boothsCreated: number }> {
  if (!appConfig().SEED_ON_START) return { seeded: false, boothsCreated: 0 };
  const [{ n }] = (await ctx.get(DataSource).query(`SELECT count(*)::int AS n FROM fairs`)) as { n: number }[];
  if (n > 0) return { seeded: false, boothsCreated: 0 };
  const result = await ctx.get(ReferenceFairSeeder).seed();
  return { seeded: true, boothsCreated: result.boothsCreated };
}
