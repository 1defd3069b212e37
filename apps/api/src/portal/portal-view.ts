import { Injectable } from '@nestjs/common';
import { PortalContexts } from './portal-context';
import type { PortalRequest } from './portal-context';
import { PortalPages } from './portal-pages';
import type { PageContext, PageResponse } from './portal-pages';

/** What a portal controller needs in one place: render a page for a request, and words in its language. */
@Injectable()
export class PortalView {
  constructor(
    readonly pages: PortalPages,
    readonly contexts: PortalContexts,
  ) {}

  /** Renders page `name` (templates/portal/pages/<name>.hbs) titled by the catalogue key `title`; answers its context. */
  async render(req: PortalRequest, res: PageResponse, name: string, title: string, data: Record<string, unknown> = {}, status = 200): Promise<PageContext> {
    const ctx = await this.contexts.of(req, res);
    this.pages.render(res, status, name, ctx, title, data);
    return ctx;
  }

  /** The catalogue's words in the request's language (`t(key, values)`), for messages built in code (form mistakes). */
  async translator(req: PortalRequest, res: PageResponse): Promise<{ ctx: PageContext; t: (key: string, values?: Record<string, unknown>) => string }> {
    const ctx = await this.contexts.of(req, res);
    return { ctx, t: (key, values) => this.pages.translations.t(ctx.locale, key, values) };
  }
}
