import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { currentLang } from '../i18n';

/** One per-field error as the API sends it (422 and other DomainErrors). */
export interface FieldError {
  field: string;
  message: string;
}

/** Domain errors that concern one field without naming it in `fields`: shown next to that field. */
const CODE_FIELDS: Record<string, string> = { CONSENT_REQUIRED: 'consent' };

/** The API's error body `{ statusCode, code, message, fields? }`, or a lost connection (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
  get offline(): boolean {
    return this.status === 0;
  }
  /** Per-field messages keyed by field path (first message per field). */
  byField(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) out[f.field] ??= f.message;
    const field = CODE_FIELDS[this.code];
    if (field) out[field] ??= this.message;
    return out;
  }
}

export type Role = 'organiser' | 'gate' | 'exhibitor';
const TOKEN_KEY = (role: Role) => `fair.session.${role}`;

export const session = {
  token(role: Role): string | null {
    return localStorage.getItem(TOKEN_KEY(role));
  },
  set(role: Role, token: string): void {
    localStorage.setItem(TOKEN_KEY(role), token);
  },
  clear(role: Role): void {
    localStorage.removeItem(TOKEN_KEY(role));
  },
};

/** Listeners told when a request fails for lack of connection, or succeeds again. */
type ConnectionListener = (online: boolean) => void;
const listeners = new Set<ConnectionListener>();
export function onConnection(l: ConnectionListener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
const tell = (online: boolean) => listeners.forEach((l) => l(online));

/** A typed client (paths generated from the API's OpenAPI document) acting as one role. */
export function apiClient(role?: Role) {
  const client = createClient<paths>({
    baseUrl: '',
    fetch: async (req: Request) => {
      try {
        const res = await fetch(req);
        tell(true);
        return res;
      } catch (err) {
        tell(false);
        throw new ApiError(0, 'OFFLINE', (err as Error).message);
      }
    },
  });
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set('accept-language', currentLang());
      const token = role ? session.token(role) : null;
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the per-field errors. */
export async function ok<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let r: { data?: T; error?: unknown; response: Response };
  try {
    r = await p;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(0, 'OFFLINE', (err as Error).message);
  }
  if (r.response.ok) return r.data as T;
  const e = (r.error ?? {}) as { statusCode?: number; code?: string; message?: string; fields?: FieldError[] };
  throw new ApiError(r.response.status, e.code ?? 'HTTP_' + r.response.status, e.message ?? r.response.statusText, Array.isArray(e.fields) ? e.fields : []);
}

export const publicApi = apiClient();
export const organiserApi = apiClient('organiser');
export const exhibitorApi = apiClient('exhibitor');
export const gateApi = apiClient('gate');

/** Downloads a file from the API as `role` (bearer header, so it works without the session cookie). */
export async function download(role: Role, url: string, filename: string, headers: Record<string, string> = {}): Promise<void> {
  const token = session.token(role);
  let res: Response;
  try {
    res = await fetch(url, { headers: { 'accept-language': currentLang(), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  } catch (err) {
    throw new ApiError(0, 'OFFLINE', (err as Error).message);
  }
  if (!res.ok) {
    const e = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(res.status, e.code ?? 'HTTP_' + res.status, e.message ?? res.statusText);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
