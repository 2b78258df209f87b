import { describe, expect, it } from '@jest/globals';
import MailComposer from 'nodemailer/lib/mail-composer';
import PostalMime from 'postal-mime';
import { composeFast, composeMime, type OutgoingMail } from './mime-compose';

const png = Buffer.from(Array.from({ length: 900 }, (_, i) => (i * 37) % 256));
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20_000, 0x41)]);
const mail: OutgoingMail = {
  from: 'Trung tâm Xúc tiến Công nghiệp Hà Nội <no-reply@fair.local>',
  to: 'Nguyễn Văn An <an.nguyen@example.vn>',
  subject: 'Thư mời tham quan Hội chợ Hàng công nghiệp nông thôn tiêu biểu khu vực phía Bắc năm 2026 — vé của bạn',
  text: 'Xin chào Nguyễn Văn An,\n\nMã vé: 4000123\r\n' + 'Dòng dài '.repeat(60),
  html: '<p>Xin chào <b>Nguyễn Văn An</b></p><img src="cid:qr@fair">' + '<p>đoạn văn</p>'.repeat(200),
  messageId: '<0b7c2b8e-1d2f-4a3b-9c4d-5e6f7a8b9c0d@fair.local>',
  attachments: [
    { filename: 'qr.png', content: png, contentType: 'image/png', cid: 'qr@fair' },
    { filename: 've-vao-cua.png', content: png, contentType: 'image/png' },
    { filename: 'Thẻ tham quan Nguyễn Văn An.pdf', content: pdf, contentType: 'application/pdf' },
  ],
};
const parse = async (raw: Buffer) => PostalMime.parse(raw);
const view = (m: Awaited<ReturnType<typeof parse>>) => ({
  from: m.from,
  to: m.to,
  subject: m.subject,
  messageId: m.messageId,
  text: m.text?.replace(/\r\n/g, '\n').trim(),
  html: m.html?.trim(),
  attachments: m.attachments.map((a) => ({ filename: a.filename, mimeType: a.mimeType, disposition: a.disposition, contentId: a.contentId, content: Buffer.from(a.content as ArrayBuffer).toString('base64') })),
});

describe('composeMime', () => {
  it('reads back, through a MIME parser, exactly as nodemailer\'s own MailComposer output does', async () => {
    const date = new Date('2026-11-21T03:04:05Z');
    const fast = composeFast(mail, date);
    expect(fast).not.toBeNull();
    const reference = await new MailComposer({ ...mail, date }).compile().build();
    const ours = view(await parse(fast!));
    expect(ours).toEqual(view(await parse(reference)));
    expect(ours.subject).toBe(mail.subject);
    expect(ours.from).toEqual({ name: 'Trung tâm Xúc tiến Công nghiệp Hà Nội', address: 'no-reply@fair.local' });
    const comma = view(await parse(composeFast({ ...mail, from: '"Fair, Hanoi" <no-reply@fair.local>' }, date)!));
    expect(comma.from).toEqual({ name: 'Fair, Hanoi', address: 'no-reply@fair.local' });
    expect(ours.attachments.map((a) => a.filename)).toEqual(['qr.png', 've-vao-cua.png', 'Thẻ tham quan Nguyễn Văn An.pdf']);
    expect(ours.attachments[0]!.disposition).toBe('inline');
  });

  it('keeps every line within RFC 5322 limits and uses CRLF only', () => {
    const raw = composeFast(mail)!.toString('latin1');
    expect(raw).not.toMatch(/[^\r]\n/);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(raw).toMatch(/^From: [^]*?\r\nTo: [^]*?\r\nSubject: /);
    expect(raw).toContain('Message-ID: <0b7c2b8e-1d2f-4a3b-9c4d-5e6f7a8b9c0d@fair.local>\r\n');
  });

  it('nests only the parts it has: no attachments gives a plain multipart/alternative', async () => {
    const plain = composeFast({ ...mail, attachments: [] })!.toString('latin1');
    expect(plain).toMatch(/Content-Type: multipart\/alternative/);
    expect(plain).not.toMatch(/multipart\/(mixed|related)/);
    const parsed = await parse(Buffer.from(plain, 'latin1'));
    expect(parsed.attachments).toEqual([]);
    expect(parsed.html).toContain('Nguyễn Văn An');
  });

  it('leaves what it does not write to MailComposer (a non-ASCII address, a string attachment)', async () => {
    const idn = { ...mail, to: 'an@bộcôngthương.vn' };
    expect(composeFast(idn)).toBeNull();
    expect(composeFast({ ...mail, attachments: [{ filename: 'a.txt', content: 'text', contentType: 'text/plain' }] })).toBeNull();
    expect(composeFast({ ...mail, to: 'a@x.vn, b@x.vn' })).toBeNull();
    const viaComposer = await parse(await composeMime(idn));
    expect(viaComposer.subject).toBe(mail.subject);
    expect(viaComposer.attachments).toHaveLength(3);
  });
});
