import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The one configuration of every process (api, worker, cli). Read once at start-up from the
 * environment; a wrong or missing value stops the process with one line naming the variable.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol.replace(':', ''));
      } catch {
        return false;
      }
    },
    { message: `a URL starting with ${protocols.map((p) => p + '://').join(' or ')}` },
  );

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY lists like addresses */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** an address, an address/prefix-length (CIDR) or a range name */
function proxyEntryOk(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * Whom the API believes about the client address (X-Forwarded-For, for the per-address rate
 * limits): `false` (nobody: the connecting address is the client), `true` (any peer: only behind
 * a proxy that every request must pass and that overwrites the header), or the proxies' own
 * addresses / CIDR ranges, comma-separated (Fastify's `trustProxy` list). A hop count is refused:
 * Fastify cannot check it against the connecting peer and ignores it.
 */
const trustProxy = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (v === 'true' || v === 'false') return;
    if (/^\d+$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'true, false or the proxies\' addresses/CIDR ranges (a hop count cannot be checked against the connecting proxy, so Fastify ignores it)' });
      return;
    }
    const bad = v.split(',').map((e) => e.trim()).filter((e) => !proxyEntryOk(e));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `true, false or a comma-separated list of proxy addresses, CIDR ranges (10.0.0.0/8) or ${PROXY_RANGE_NAMES.join('/')}; not ${bad.map((b) => JSON.stringify(b)).join(', ')}` });
    }
  })
  .transform((v): boolean | string[] => (v === 'true' ? true : v === 'false' ? false : v.split(',').map((e) => e.trim())));

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Base of links in emails and QR pages; defaults to http://localhost:<PORT>. */
  PUBLIC_URL: url(['http', 'https']).optional(),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  DATA_DIR: z.string().min(1).default('.data'),
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().regex(/^[a-zA-Z0-9:_-]+$/, 'letters, digits, ":", "_" or "-"').default('fair'),
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  MAIL_FROM: z.string().min(3).default('Hanoi Fair <no-reply@fair.local>'),
  MAIL_RATE_PER_SECOND: z.coerce.number().int().min(1).max(100000).default(200),
  APP_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(250),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** Proxies whose X-Forwarded-For is believed; default none (clients cannot choose their address). */
  TRUST_PROXY: trustProxy.default(false),
  SEED_ON_START: bool.default(true),
  /** Set by `npm start` for its children when it serves the embedded PGlite behind DATABASE_URL. */
  FAIR_EMBEDDED_DB: bool.default(false),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface AppConfig extends Omit<RawConfig, 'APP_SECRET' | 'PUBLIC_URL'> {
  PUBLIC_URL: string;
  /** Always set: required in production, a fixed development value elsewhere. */
  APP_SECRET: string;
  isProduction: boolean;
  /** true when DATABASE_URL was not given: the launcher runs embedded PGlite behind it. */
  embeddedDatabase: boolean;
}

const DEV_SECRET = 'development-only-secret-never-use-in-production!!';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses an environment; throws ConfigError whose message is one line per bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in configSchema.shape && v !== undefined && v !== ''),
  );
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'config');
      return `Invalid configuration: ${name}=${JSON.stringify(env[name] ?? '')} - expected ${issue.message}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const raw = result.data;
  const isProduction = raw.NODE_ENV === 'production';
  if (isProduction && !raw.APP_SECRET) {
    throw new ConfigError('Invalid configuration: APP_SECRET is required in production - expected at least 32 random characters');
  }
  if (isProduction && !raw.SMTP_URL) {
    throw new ConfigError('Invalid configuration: SMTP_URL is required in production - expected smtp://user:pass@host:port');
  }
  return {
    ...raw,
    APP_SECRET: raw.APP_SECRET ?? DEV_SECRET,
    PUBLIC_URL: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ''),
    isProduction,
    embeddedDatabase: !raw.DATABASE_URL || raw.FAIR_EMBEDDED_DB,
  };
}

let cached: AppConfig | undefined;

/** The process configuration, parsed on first use. */
export function appConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigCache(): void {
  cached = undefined;
}

/** Prints the configuration error as one line per variable and exits; used by every main(). */
export function loadConfigOrExit(): AppConfig {
  try {
    return appConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + '\n');
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
