import type { Lang } from '@fair/core';

/** Escapes text for HTML: every value from users goes through this, never raw. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const FOOTER: Record<Lang, string> = {
  vi: 'Thư này được gửi tự động từ hệ thống quản lý hội chợ. Vui lòng không trả lời thư này.',
  en: 'This message was sent automatically by the fair management system. Please do not reply.',
};

/**
 * The one HTML frame of every email: a heading, paragraphs (already escaped by the caller
 * or plain text here), an optional button. Inline styles only, as mail clients need.
 */
export function mailLayout(input: {
  lang: Lang;
  heading: string;
  paragraphs: string[];
  button?: { label: string; url: string };
  extraHtml?: string;
}): { html: string; text: string } {
  const paras = input.paragraphs.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p)}</p>`).join('');
  const button = input.button
    ? `<p style="margin:20px 0"><a href="${escapeHtml(input.button.url)}" style="background:#0b5cad;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(input.button.label)}</a></p>`
    : '';
  const html = `<!doctype html><html lang="${input.lang}"><body style="font-family:Arial,sans-serif;color:#1a1a1a;max-width:600px;margin:auto">
<h1 style="font-size:20px;color:#0b5cad">${escapeHtml(input.heading)}</h1>${paras}${button}${input.extraHtml ?? ''}
<hr style="border:none;border-top:1px solid #ddd"><p style="font-size:12px;color:#555">${FOOTER[input.lang]}</p></body></html>`;
  const text = [
    input.heading,
    '',
    ...input.paragraphs,
    ...(input.button ? ['', `${input.button.label}: ${input.button.url}`] : []),
    '',
    FOOTER[input.lang],
  ].join('\n');
  return { html, text };
}
