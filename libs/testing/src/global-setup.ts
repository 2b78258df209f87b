import { ensureTemplate } from './test-database';

/** Migrates the template database once per run, before the test files clone it. */
export default async function globalSetup(): Promise<void> {
  await ensureTemplate();
}
