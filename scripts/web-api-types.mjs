#!/usr/bin/env node
/**
 * `npm run web:api-types [-- --from http://host:port]`: regenerates apps/web/src/api/schema.d.ts
 * from the API's OpenAPI document with openapi-typescript. Without --from, the document comes
 * from apps/web/scripts/dump-openapi.ts (Nest preview mode: no database, Redis or port needed).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const from = process.argv.includes('--from') ? process.argv[process.argv.indexOf('--from') + 1] : undefined;
let json;
if (from) {
  const res = await fetch(new URL('/docs-json', from));
  if (!res.ok) throw new Error(`GET ${from}/docs-json: ${res.status}`);
  json = await res.text();
} else {
  const dump = spawnSync(process.execPath, ['-r', '@swc-node/register', join(root, 'apps/web/scripts/dump-openapi.ts')], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (dump.status !== 0) process.exit(dump.status ?? 1);
  json = dump.stdout;
}
mkdirSync(join(root, 'dist'), { recursive: true });
const docPath = join(root, 'dist/openapi.json');
writeFileSync(docPath, json);
const out = join(root, 'apps/web/src/api/schema.d.ts');
const gen = spawnSync(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), docPath, '-o', out], { cwd: root, stdio: 'inherit' });
process.exit(gen.status ?? 1);
