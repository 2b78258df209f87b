import { randomBytes } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';

/** A mail as the templates render it and the transport sends it. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  attachments?: { filename: string; content: Buffer | string; contentType: string; cid?: string }[];
}

type Attachment = NonNullable<OutgoingMail['attachments']>[number];

/**
 * The MIME text of an outgoing mail as one Buffer, built synchronously.
 *
 * nodemailer builds a message as a tree of streams (one pipeline per part, base64 and
 * quoted-printable as transforms, many small chunks); for the invitation, a 45 KB message with
 * a QR image twice and a PDF badge, that took ~2.5 ms of CPU, the largest single part of an
 * invitation (docs/decisions/017). Our mails all have one shape, so this writes that shape
 * directly: multipart/alternative text + HTML, inside multipart/related with the inline (cid)
 * images, inside multipart/mixed with the attachments. Header words, addresses and parameters
 * are still encoded by nodemailer's own mime-funcs, and bodies are base64 (UTF-8), which every
 * reader decodes. Anything outside that shape (an address that is not plain ASCII, a string
 * attachment) goes through nodemailer's MailComposer, as before.
 */
export async function composeMime(mail: OutgoingMail, date = new Date()): Promise<Buffer> {
  return composeFast(mail, date) ?? new MailComposer({ ...mail, date }).compile().build();
}

/** null when the mail is not in the shape composeFast writes. */
export function composeFast(mail: OutgoingMail, date = new Date()): Buffer | null {
  const from = address(mail.from);
  const to = address(mail.to);
  if (!from || !to || !/^<[!-~]+>$/.test(mail.messageId)) return null;
  const attachments = mail.attachments ?? [];
  if (attachments.some((a) => !Buffer.isBuffer(a.content) || !/^[\w.+-]+\/[\w.+-]+$/.test(a.contentType) || (a.cid !== undefined && !/^[!-~]+$/.test(a.cid)))) return null;

  const out: (string | Buffer)[] = [];
  const header = (name: string, value: string) => out.push(mimeFuncs.foldLines(`${name}: ${value}`, 76), '\r\n');
  header('From', from);
  header('To', to);
  header('Subject', mimeFuncs.encodeWords(mail.subject.replace(/[\r\n]+/g, ' '), 'Q', 52));
  header('Message-ID', mail.messageId);
  header('Date', date.toUTCString().replace(/GMT/, '+0000'));
  header('MIME-Version', '1.0');

  const inline = attachments.filter((a) => a.cid);
  const files = attachments.filter((a) => !a.cid);
  const alternative = () => multipart('alternative', [textPart('text/plain', mail.text), textPart('text/html', mail.html)]);
  const related = () => (inline.length ? multipart('related', [alternative(), ...inline.map(filePart)]) : alternative());
  const root = files.length ? multipart('mixed', [related(), ...files.map(filePart)]) : related();
  out.push(...root);
  return Buffer.concat(out.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
}

/** A part: its header lines, a blank line, its body; the pieces are concatenated as they are. */
type Part = (string | Buffer)[];

function multipart(subtype: string, parts: Part[]): Part {
  const boundary = `--_fair_${randomBytes(12).toString('hex')}`;
  const out: Part = [`Content-Type: multipart/${subtype};\r\n boundary="${boundary}"\r\n\r\n`];
  for (const part of parts) out.push(`--${boundary}\r\n`, ...part, '\r\n');
  out.push(`--${boundary}--\r\n`);
  return out;
}

function textPart(type: string, text: string): Part {
  return [`Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n`, base64Lines(Buffer.from(text, 'utf8'))];
}

function filePart(a: Attachment): Part {
  // buildHeaderValue quotes the file name or, when it is not plain ASCII, writes RFC 2231 parameters
  const lines = [
    mimeFuncs.foldLines(`Content-Type: ${mimeFuncs.buildHeaderValue({ value: a.contentType, params: { name: a.filename } })}`, 76),
    'Content-Transfer-Encoding: base64',
    mimeFuncs.foldLines(`Content-Disposition: ${mimeFuncs.buildHeaderValue({ value: a.cid ? 'inline' : 'attachment', params: { filename: a.filename } })}`, 76),
    ...(a.cid ? [`Content-ID: <${a.cid}>`] : []),
  ];
  return [lines.join('\r\n') + '\r\n\r\n', base64Lines(a.content as Buffer)];
}

/** Base64 in lines of 76 characters (RFC 2045), each ended by CRLF. */
function base64Lines(data: Buffer): Buffer {
  const text = data.toString('base64');
  const lines = Math.ceil(text.length / 76);
  const out = Buffer.allocUnsafe(text.length + lines * 2);
  let o = 0;
  for (let i = 0; i < text.length; i += 76) {
    o += out.write(text.slice(i, i + 76), o, 'latin1');
    out[o++] = 13;
    out[o++] = 10;
  }
  return out.subarray(0, o);
}

/** One mailbox as a header value ("Name" <a@b>, the name encoded when needed); null if not a plain ASCII single address. */
function address(value: string): string | null {
  const parsed = addressparser(value, { flatten: true }) as { name: string; address: string }[];
  if (parsed.length !== 1) return null;
  const { name, address: addr } = parsed[0]!;
  if (!/^[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9.-]+$/.test(addr)) return null;
  if (!name) return `<${addr}>`;
  // as nodemailer's MimeNode writes a name: bare, quoted, or (not ASCII) base64 encoded words
  if (/^[\w ]*$/.test(name)) return `${name} <${addr}>`;
  if (/^[\x20-\x7e]*$/.test(name)) return `${mimeFuncs.quoteString(name)} <${addr}>`;
  return `${mimeFuncs.encodeWord(name, 'B', 52)} <${addr}>`;
}
