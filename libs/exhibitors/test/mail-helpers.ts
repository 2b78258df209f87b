import PostalMime from 'postal-mime';
import type { TestSystem } from '@fair/testing';

export interface ParsedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  lang: string | undefined;
}

/** Waits for the n-th message (1-based) in the SMTP sink and parses it. */
export async function mailNumber(sys: TestSystem, n: number): Promise<ParsedMail> {
  const messages = await sys.smtp!.waitFor(n);
  const parsed = await PostalMime.parse(messages[n - 1]!.raw);
  return {
    to: messages[n - 1]!.to[0]!,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html ?? '',
    lang: parsed.html?.match(/<html lang="(\w+)"/)?.[1],
  };
}

/** All parsed messages so far that were sent to this address. */
export async function mailsTo(sys: TestSystem, address: string): Promise<ParsedMail[]> {
  const out: ParsedMail[] = [];
  for (const m of sys.smtp!.messages) {
    if (!m.to.includes(address)) continue;
    const parsed = await PostalMime.parse(m.raw);
    out.push({ to: address, subject: parsed.subject ?? '', text: parsed.text ?? '', html: parsed.html ?? '', lang: parsed.html?.match(/<html lang="(\w+)"/)?.[1] });
  }
  return out;
}

/** The token of the first link to `path` in an email's text. */
export function linkToken(mail: ParsedMail, path: string): string {
  const url = mail.text.match(new RegExp(`https?://\\S+${path.replace(/\//g, '\\/')}\\?token=\\S+`))?.[0];
  if (!url) throw new Error(`no ${path} link in: ${mail.text}`);
  return new URL(url).searchParams.get('token')!;
}
