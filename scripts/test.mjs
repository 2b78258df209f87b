#!/usr/bin/env node
// `npm test`: jest in ESM mode. With no arguments it runs every suite except the browser tests,
// then the browser tests on their own (one jest worker), so a busy 2-core machine cannot starve
// Chromium of CPU while 40 other suites run. With arguments it is plain jest.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const jest = (args) =>
  spawnSync(process.execPath, ['--experimental-vm-modules', resolve(root, 'node_modules/jest/bin/jest.js'), ...args], {
    cwd: root,
    stdio: 'inherit',
  }).status ?? 1;

const args = process.argv.slice(2);
if (args.length) process.exit(jest(args));
const rest = jest(['--testPathIgnorePatterns', '/node_modules/', '/dist/', '<rootDir>/apps/web/', '<rootDir>/test/web/']);
const web = jest(['--runInBand', 'test/web/']);
process.exit(rest || web);
