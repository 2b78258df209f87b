import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { appConfig, resetConfigCache } from '@fair/core';
import { startSmtpSink, type SmtpSink } from '@fair/mail';
import { runMigrations } from '../data-source';
import { openDatabase } from '../runtime/database';
import { ensureRedis, NoRedisError } from '../runtime/redis';
import { distEntry } from '../runtime/dist-entry';
import { seedIfEmpty, withCliContext } from '../runtime/context';

/**
 * `npm start`: the whole system in one command. Brings up what is missing (embedded Postgres
 * when DATABASE_URL is unset, a private Redis when none answers, a local SMTP catcher when
 * SMTP_URL is unset outside production), migrates and seeds, then runs api and worker as child
 * processes and stops everything together.
 */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run API + worker with everything they need / Chạy toàn bộ hệ thống')
    .option('--no-worker', 'run the API only')
    .action(async (opts: { worker: boolean }) => {
      const config = appConfig();
      const log = (msg: string) => process.stdout.write(`[start] ${msg}\n`);
      const cleanups: (() => Promise<void>)[] = [];
      const children: ChildProcess[] = [];
      let stopping = false;

      const shutdown = async (code: number) => {
        if (stopping) return;
        stopping = true;
        log('stopping...');
        await Promise.all(
          children.map(
            (c) =>
              new Promise<void>((res) => {
                if (c.exitCode !== null) return res();
                const t = setTimeout(() => c.kill('SIGKILL'), 8000);
                c.once('exit', () => (clearTimeout(t), res()));
                c.kill('SIGTERM');
              }),
          ),
        );
        for (const clean of cleanups.reverse()) await clean().catch(() => undefined);
        process.exit(code);
      };
      process.on('SIGINT', () => void shutdown(0));
      process.on('SIGTERM', () => void shutdown(0));

      try {
        const db = await openDatabase(config);
        cleanups.push(db.stop);
        log(db.embedded ? `embedded PostgreSQL (PGlite) in ${resolve(config.DATA_DIR, 'pglite')}` : 'PostgreSQL at DATABASE_URL');

        const redis = await ensureRedis(config);
        cleanups.push(redis.stop);
        log(redis.private ? `started a private Redis at ${redis.url} (data in ${resolve(config.DATA_DIR, 'redis')})` : `Redis at ${redis.url}`);

        let smtpUrl = config.SMTP_URL;
        if (!smtpUrl) {
          const sink: SmtpSink = await startSmtpSink({ dir: resolve(config.DATA_DIR, 'mail') });
          cleanups.push(sink.stop);
          smtpUrl = sink.url;
          log(`no SMTP_URL: emails are caught locally and saved in ${resolve(config.DATA_DIR, 'mail')}`);
        }

        const env = { ...process.env, DATABASE_URL: db.url, REDIS_URL: redis.url, SMTP_URL: smtpUrl, FAIR_EMBEDDED_DB: db.embedded ? 'true' : 'false' };
        Object.assign(process.env, env);
        resetConfigCache();

        const applied = await runMigrations(db.url);
        if (applied.length) log(`migrated: ${applied.join(', ')}`);
        const seeded = await withCliContext((ctx) => seedIfEmpty(ctx), { seed: false });
        if (seeded.boothsCreated) log(`seeded the reference fair (${seeded.boothsCreated} booths)`);

        const apps: ('api' | 'worker')[] = opts.worker ? ['api', 'worker'] : ['api'];
        for (const app of apps) {
          const child = spawn(process.execPath, ['--enable-source-maps', distEntry(app)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
          children.push(child);
          child.once('exit', (code, signal) => {
            if (!stopping) {
              log(`${app} exited (${signal ?? code}); stopping everything`);
              void shutdown(code || 1);
            }
          });
        }
        log(`open ${config.PUBLIC_URL} (API /api, OpenAPI /docs, health /health); Ctrl+C stops`);
      } catch (err) {
        process.stderr.write(`${err instanceof NoRedisError ? '' : 'start failed: '}${(err as Error).message}\n`);
        await shutdown(1);
      }
    });
}
