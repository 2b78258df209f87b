import { Injectable } from '@nestjs/common';
import type { Lang } from '@fair/core';

export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType: string;
  /** Set for inline images referenced as <img src="cid:..."> in the HTML. */
  cid?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

export interface RenderContext {
  lang: Lang;
  publicUrl: string;
  mailId: string;
}

export type MailRenderer = (params: Record<string, unknown>, ctx: RenderContext) => RenderedMail | Promise<RenderedMail>;

/**
 * Templates by name. Each domain registers its own (exhibitors: confirm-email, review
 * decisions; visitors: invitation with QR...). The mail.send job renders at send time, so
 * a retried job renders the same message again from the stored parameters.
 */
@Injectable()
export class MailTemplates {
  private readonly renderers = new Map<string, MailRenderer>();

  register(name: string, renderer: MailRenderer): void {
    if (this.renderers.has(name)) throw new Error(`mail template "${name}" registered twice`);
    this.renderers.set(name, renderer);
  }

  has(name: string): boolean {
    return this.renderers.has(name);
  }

  async render(name: string, params: Record<string, unknown>, ctx: RenderContext): Promise<RenderedMail> {
    const renderer = this.renderers.get(name);
    if (!renderer) throw new Error(`unknown mail template "${name}"`);
    return renderer(params, ctx);
  }
}
