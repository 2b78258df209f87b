import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decode as decodePng } from 'fast-png';
import jsQR from 'jsqr';
import { describe } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '@fair/testing';

const root = resolve(process.cwd());
export const ARTIFACTS = join(root, 'artifacts/screenshots');

/** Debian's Chromium, or null when the machine has none (the browser tests then skip, saying so). */
export function chromiumPath(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function newest(dir: string): number {
  let latest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

/** Builds apps/web when dist is missing or older than its sources (before the API starts, which serves dist). */
export function ensureWebBuild(): void {
  const index = join(root, 'apps/web/dist/index.html');
  const sources = Math.max(newest(join(root, 'apps/web/src')), statSync(join(root, 'apps/web/index.html')).mtimeMs, statSync(join(root, 'apps/web/vite.config.mts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', 'apps/web', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr || r.stdout}`);
}

export function launch(executablePath: string, extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...extraArgs],
  });
}

/** RGBA pixels of a PNG (any bit depth fast-png reads; 1-bit grayscale as the invitation sends). */
export function pngPixels(png: Uint8Array): { width: number; height: number; gray: Uint8Array } {
  const img = decodePng(png);
  const { width, height, channels, depth } = img;
  const gray = new Uint8Array(width * height);
  const data = img.data as Uint8Array | Uint16Array;
  if (depth === 1) {
    const rowBytes = Math.ceil(width / 8);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) gray[y * width + x] = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
  } else {
    const max = depth === 16 ? 65535 : 255;
    for (let i = 0; i < width * height; i++) gray[i] = Math.round((data[i * channels]! / max) * 255);
  }
  return { width, height, gray };
}

/** The text of the QR code in a PNG (read with jsQR, as a check on what the camera will see). */
export function readQr(png: Uint8Array): string | null {
  const { width, height, gray } = pngPixels(png);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < gray.length; i++) rgba.set([gray[i]!, gray[i]!, gray[i]!, 255], i * 4);
  return jsQR(rgba, width, height)?.data ?? null;
}

/**
 * A Y4M video (what Chromium's fake camera plays, looping) showing the QR image centred on
 * white: 640x480, 4:2:0, a few identical frames.
 */
export function qrVideoY4m(png: Uint8Array, frames = 5): Buffer {
  const W = 640;
  const H = 480;
  const { width, height, gray } = pngPixels(png);
  const size = 400;
  const y = new Uint8Array(W * H).fill(235);
  const ox = (W - size) >> 1;
  const oy = (H - size) >> 1;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const v = gray[Math.floor((r * height) / size) * width + Math.floor((c * width) / size)]!;
      y[(oy + r) * W + ox + c] = v > 127 ? 235 : 16;
    }
  }
  const chroma = new Uint8Array((W / 2) * (H / 2)).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]);
}

export function ensureArtifacts(): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

/** axe-core's browser bundle (pinned dev dependency), injected into pages by the accessibility checks. */
export const AXE_SOURCE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core's `rules` on the page (injecting axe when the page lacks it): the violations and
 * the nodes axe could not decide (`incomplete`, e.g. text on an image or mid-animation) as
 * `rule: selector (detail)` lines (colours and ratio for `color-contrast`), and how many nodes
 * passed (a check that looked at nothing proves nothing).
 */
export async function axeRun(page: Page, rules: string[]): Promise<{ violations: string[]; incomplete: string[]; passed: number }> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(
    (values) =>
      (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } }).axe.run((globalThis as unknown as { document: unknown }).document, {
        runOnly: { type: 'rule', values },
      }),
    rules,
  );
  const lines = (list: AxeResult['violations']) =>
    list.flatMap((v) =>
      v.nodes.map((n) => {
        const d = [...n.any, ...n.all, ...n.none].find((c) => c.data && typeof c.data === 'object')?.data;
        const ratio = d && 'contrastRatio' in d ? ` (${d.fgColor} on ${d.bgColor}: ${d.contrastRatio}, needs ${d.expectedContrastRatio})` : '';
        const reason = d?.messageKey ? ` (${d.messageKey})` : '';
        return `${v.id}: ${n.target.join(' ')}${ratio}${reason}`;
      }),
    );
  return { violations: lines(result.violations), incomplete: lines(result.incomplete), passed: result.passes.reduce((a, p) => a + p.nodes.length, 0) };
}

/** axe-core's violations of `rules` on the page (see axeRun). */
export async function axeViolations(page: Page, rules: string[]): Promise<string[]> {
  return (await axeRun(page, rules)).violations;
}
interface AxeNode {
  target: string[];
  any: AxeCheck[];
  all: AxeCheck[];
  none: AxeCheck[];
}
interface AxeCheck {
  data?: { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string; messageKey?: string } | null;
}
interface AxeResult {
  violations: { id: string; nodes: AxeNode[] }[];
  incomplete: { id: string; nodes: AxeNode[] }[];
  passes: { id: string; nodes: AxeNode[] }[];
}

/** WCAG 2 contrast ratio of two CSS rgb()/rgba() colours as getComputedStyle gives them (alpha ignored). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `describe` where Chromium is installed, else `describe.skip` (saying on stderr that the browser tests did not run). */
export function describeWithChromium(): typeof describe | typeof describe.skip {
  if (chromiumPath()) return describe;
  process.stderr.write('[web e2e] SKIPPED: no Chromium found (install Debian package "chromium"); browser tests did not run.\n');
  return describe.skip;
}

/** A day of the fair (YYYY-MM-DD in Vietnam) `offsetDays` from today. */
export const fairDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/**
 * The system (API, PostgreSQL, Redis; `options` as startTestSystem's), Chromium, an organiser's
 * token and a fair running from yesterday to tomorrow with one sector: where a browser test starts.
 */
export async function startWebFair(
  fair: { slug: string; nameVi: string; nameEn: string; sector: { code: string; vi: string; en: string } },
  options: Parameters<typeof startTestSystem>[0] = {},
): Promise<{ sys: TestSystem; browser: Browser; organiser: string; fairId: string }> {
  ensureWebBuild();
  const sys = await startTestSystem(options);
  const browser = await launch(chromiumPath()!);
  const organiser = await sys.signIn('organiser');
  const res = await sys.http('POST', '/api/fairs', {
    token: organiser,
    body: { slug: fair.slug, nameVi: fair.nameVi, nameEn: fair.nameEn, venueVi: 'Trung tâm Triển lãm', venueEn: 'Exhibition Centre', startsOn: fairDay(-1), endsOn: fairDay(1), sectors: [fair.sector] },
  });
  if (res.status >= 300) throw new Error(`creating the fair ${fair.slug}: ${res.status} ${JSON.stringify(res.body)}`);
  return { sys, browser, organiser, fairId: res.body.id as string };
}

/**
 * A browser context as a returning user has it: the language, the fair and signed-in sessions in
 * localStorage, written once (a later switch of language or sign-out stays across reloads).
 */
export async function seededContext(browser: Browser, seed: { lang: 'vi' | 'en'; slug: string; viewport: { width: number; height: number }; tokens?: Record<string, string> }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: seed.viewport, locale: seed.lang === 'vi' ? 'vi-VN' : 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });
  await ctx.addInitScript(
    ({ lang, slug, tokens }) => {
      const g = globalThis as unknown as { localStorage: Storage; sessionStorage: Storage };
      if (g.sessionStorage.getItem('seeded')) return;
      g.sessionStorage.setItem('seeded', '1');
      g.localStorage.setItem('fair.lang', lang);
      g.localStorage.setItem('fair.slug', slug);
      for (const [role, token] of Object.entries(tokens)) g.localStorage.setItem(`fair.session.${role}`, token);
    },
    { lang: seed.lang, slug: seed.slug, tokens: seed.tokens ?? {} },
  );
  return ctx;
}
type Storage = { getItem(k: string): string | null; setItem(k: string, v: string): void };

/** Waits until the first element matching `selector` shows exactly `text`, else fails saying what it shows. */
export function textIs(page: Page, selector: string, text: string, timeout = 10_000): Promise<unknown> {
  return page
    .waitForFunction(([sel, want]) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(sel!)?.textContent === want, [selector, text] as const, { timeout })
    .catch(async (err: Error) => {
      throw new Error(`${selector} shows ${JSON.stringify(await page.locator(selector).first().textContent().catch(() => null))}, expected ${JSON.stringify(text)}: ${err.message}`);
    });
}
