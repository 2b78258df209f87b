import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The compiled entry of an app (nest build keeps the source tree under dist/apps/<app>). */
export function distEntry(app: 'api' | 'worker' | 'cli'): string {
  const candidates = [resolve(`dist/apps/${app}/apps/${app}/src/main.js`), resolve(`dist/apps/${app}/main.js`)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`${app} is not built: run npm run build`);
  return found;
}
