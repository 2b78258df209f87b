import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { currentLang, type Lang, type Localized } from '../i18n';

/** One per-field error as the API sends it (422 and other DomainErrors). */
export interface FieldError {
  field: string;
  /** in the language the request asked for */
  message: string;
  /** the message in both languages (absent from answers that are not the API's error filter) */
  text?: Localized;
}

/** A field error's message in `lang`. */
export const fieldText = (f: FieldError, lang: Lang): string => f.text?.[lang] ?? f.message;

/** Domain errors that concern one field without naming it in `fields`: shown next to that field. */
const CODE_FIELDS: Record<string, string> = { CONSENT_REQUIRED: 'consent' };

/**
 * The API's error body `{ statusCode, code, message, text, fields? }`, or a lost connection
 * (status 0, code OFFLINE). It keeps the texts in both languages: what is on screen is rendered
 * from it with the current language, so switching language re-translates errors already shown.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly text?: Localized,
  ) {
    super(message);
  }
  /** An error the web app finds itself (no request failed), with its text from the dictionaries. */
  static local(code: string, text: Localized): ApiError {
    return new ApiError(0, code, text.en, [], text);
  }
  /** What was thrown, as an ApiError (a plain Error keeps its message; it has no other language). */
  static from(err: unknown): ApiError {
    return err instanceof ApiError ? err : new ApiError(0, 'ERROR', String((err as Error)?.message ?? err));
  }
  get offline(): boolean {
    return this.code === 'OFFLINE';
  }
  /** The message in `lang` (as received when the answer had no texts). */
  say(lang: Lang): string {
    return this.text?.[lang] ?? this.message;
  }
  /** Per-field messages in `lang` keyed by field path (first message per field). */
  byField(lang: Lang): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) out[f.field] ??= fieldText(f, lang);
    const field = CODE_FIELDS[this.code];
    if (field) out[field] ??= this.say(lang);
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
  throw errorOf(r.response, r.error);
}

/** The ApiError of a failed answer and its parsed body (anything, when it was not the API's JSON). */
function errorOf(res: Response, body: unknown): ApiError {
  const e = (body ?? {}) as { code?: string; message?: string; text?: Localized; fields?: FieldError[] };
  const text = e.text && typeof e.text.vi === 'string' && typeof e.text.en === 'string' ? e.text : undefined;
  return new ApiError(res.status, e.code ?? 'HTTP_' + res.status, e.message ?? res.statusText, Array.isArray(e.fields) ? e.fields : [], text);
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
  if (!res.ok) throw errorOf(res, await res.json().catch(() => ({})));
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
