#!/usr/bin/env node
// Runs the operator CLI (`npm run cli -- <command>`, and `npm start` = `cli start`), building
// first whatever app is missing or older than its sources, so both commands work right after
// `npm install` and after every edit. Build output goes to stderr: stdout stays clean for --json.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const apps = args[0] === 'start' ? ['api', 'worker', 'cli'] : ['cli'];

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'web') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest(join(root, 'libs')), newest(join(root, 'apps')), statSync(join(root, 'tsconfig.json')).mtimeMs);
for (const app of apps) {
  const entry = join(root, `dist/apps/${app}/apps/${app}/src/main.js`);
  if (existsSync(entry) && statSync(entry).mtimeMs >= sources) continue;
  process.stderr.write(`[build] ${app}...\n`);
  const built = spawnSync(process.execPath, [join(root, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', app], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// `start` also serves the web app: build it when its output is missing or older than its sources.
if (args[0] === 'start') {
  const webSources = Math.max(newest(join(root, 'apps/web/src')), statSync(join(root, 'apps/web/index.html')).mtimeMs);
  const webEntry = join(root, 'apps/web/dist/index.html');
  if (!existsSync(webEntry) || statSync(webEntry).mtimeMs < webSources) {
    process.stderr.write('[build] web...\n');
    const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', 'apps/web', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
}

const cli = spawnSync(process.execPath, ['--enable-source-maps', join(root, 'dist/apps/cli/apps/cli/src/main.js'), ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(cli.status ?? 1);
