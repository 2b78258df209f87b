import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { appConfig, resetConfigCache, type AppConfig } from '@fair/core';
import { CliModule } from '../cli.module';
import { runMigrations } from '../data-source';
import { openDatabase, type DatabaseHandle } from './database';

/**
 * Opens the database (embedded when DATABASE_URL is unset), migrates it, and runs `work`
 * with a Nest context of the domain services; everything is closed afterwards.
 */
export async function withCliContext<T>(work: (ctx: INestApplicationContext, config: AppConfig) => Promise<T>): Promise<T> {
  const db = await openDatabase(appConfig());
  try {
    process.env.DATABASE_URL = db.url;
    resetConfigCache();
    await runMigrations(db.url);
    const ctx = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'], abortOnError: false });
    try {
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
