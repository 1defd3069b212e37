import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import type { Page, PageRequest } from '../common/keyset';
import { pageRequest } from '../common/page.dto';
import { toEntry, toSummary } from './catalogue-entry';
import { CatalogueError } from './catalogue.errors';
import { CatalogueRepository } from './catalogue.repository';
import type { CatalogueFilter } from './catalogue.repository';
import type { CatalogueQueryDto } from './dto/catalogue-query.dto';
import type { CatalogueEntryResponse, CatalogueSummaryResponse } from './dto/catalogue.response';
import { ELM_FEED_CONTEXT, elmLearningOpportunity, openBadgesAchievement } from './feeds';

/** The ELM feed's page: JSON-LD, the learning opportunities as its graph, `next` (hydra:next) while there is more. */
export interface ElmFeedPage {
  '@context': unknown[];
  '@graph': Record<string, unknown>[];
  next?: string;
}

/** The Open Badges feed's page: Achievements, each with its own @context. */
export interface OpenBadgesFeedPage {
  items: Record<string, unknown>[];
  nextCursor: string | null;
  next: string | null;
}

/**
 * The public catalogue: published standards of every body, for anyone (no login, nothing personal). The
 * typical duration of each page's standards comes from one grouped query (CatalogueRepository.decidedCaseStats).
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly repo: CatalogueRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One page of the catalogue: the query's filters (all of them apply) and its paging. */
  async list(query: CatalogueQueryDto): Promise<Page<CatalogueSummaryResponse>> {
    const { limit: _limit, cursor: _cursor, ...filter } = query;
    const { items, nextCursor } = await this.repo.page(filter satisfies CatalogueFilter, pageRequest(query), false);
    const stats = await this.repo.decidedCaseStats(items.map((r) => r.standard.id));
    return { items: items.map((row) => toSummary(row, stats.get(row.standard.id))), nextCursor };
  }

  /** The awarding bodies with a published standard, by name. */
  publishingBodies(): Promise<{ id: string; name: string }[]> {
    return this.repo.publishingBodies();
  }

  async entry(id: string): Promise<CatalogueEntryResponse> {
    const row = await this.repo.published(id);
    if (!row) throw CatalogueError.notFound();
    const stats = await this.repo.decidedCaseStats([id]);
    return toEntry(row, stats.get(id));
  }

  async elmFeed(page: PageRequest): Promise<ElmFeedPage> {
    const { items, nextCursor } = await this.repo.page({}, page, true);
    const stats = await this.repo.decidedCaseStats(items.map((r) => r.standard.id));
    const publicUrl = this.config.http.publicUrl;
    return {
      '@context': ELM_FEED_CONTEXT,
      '@graph': items.map((row) => elmLearningOpportunity(publicUrl, row, stats.get(row.standard.id))),
      ...(nextCursor ? { next: this.nextUrl('elm', page.limit, nextCursor) } : {}),
    };
  }

  async openBadgesFeed(page: PageRequest): Promise<OpenBadgesFeedPage> {
    const { items, nextCursor } = await this.repo.page({}, page, true);
    const publicUrl = this.config.http.publicUrl;
    return { items: items.map((row) => openBadgesAchievement(publicUrl, row)), nextCursor, next: nextCursor ? this.nextUrl('open-badges', page.limit, nextCursor) : null };
  }

  private nextUrl(feed: 'elm' | 'open-badges', limit: number, cursor: string): string {
    return `${this.config.http.publicUrl}/catalogue/feed/${feed}?limit=${limit}&cursor=${cursor}`;
  }
}
