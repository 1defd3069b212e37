import { applyDecorators, Controller, Get, Header, Query, UseInterceptors } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators';
import type { Page } from '../common/keyset';
import { ApiPageResponse, pageRequest } from '../common/page.dto';
import { UuidParam } from '../common/uuid-param';
import { CatalogueService } from './catalogue.service';
import type { ElmFeedPage, OpenBadgesFeedPage } from './catalogue.service';
import { CatalogueFeedQueryDto, CatalogueQueryDto } from './dto/catalogue-query.dto';
import { CatalogueEntryResponse, CatalogueSummaryResponse } from './dto/catalogue.response';
import { StrongEtagInterceptor } from './strong-etag.interceptor';

/** Public caches may keep an answer five minutes; after that they revalidate with If-None-Match (a 304 is cheap). */
const CACHE_CONTROL = 'public, max-age=300, must-revalidate';
/** The route answers with a strong ETag and honours If-None-Match (StrongEtagInterceptor). */
const ApiConditional = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'the ETag of an answer you hold: 304 with no body while it is still current',
      example: '"n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg"',
    }),
    ApiResponse({ status: 304, description: 'not modified: the ETag sent in If-None-Match is still current (no body)' }),
  );
const OPEN = { type: 'object', additionalProperties: true };

/** Public: what anyone can have recognised, and the same as open data for registries and Europass (docs/catalogue.md). */
@ApiTags('catalogue')
@Public()
@UseInterceptors(StrongEtagInterceptor)
@Controller('catalogue')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @Header('Cache-Control', CACHE_CONTROL)
  @ApiOperation({
    summary: 'Published standards of every awarding body, by title, one page at a time; no login',
    description: 'q looks in the title and the description. All filters given apply together. Strong ETag; If-None-Match answers 304.',
  })
  @ApiPageResponse(CatalogueSummaryResponse)
  @ApiConditional()
  list(@Query() query: CatalogueQueryDto): Promise<Page<CatalogueSummaryResponse>> {
    return this.catalogue.list(query);
  }

  @Get('feed/elm')
  @Header('Cache-Control', CACHE_CONTROL)
  @Header('Content-Type', 'application/ld+json; charset=utf-8')
  @ApiOperation({
    summary: 'The catalogue as European Learning Model 3 LearningOpportunity objects (JSON-LD), for registries and Europass to harvest',
    description: 'Follow `next` (hydra:next) to the end. Strong ETag per page; If-None-Match answers 304.',
  })
  @ApiOkResponse({ content: { 'application/ld+json': { schema: { type: 'object', required: ['@context', '@graph'], properties: { '@context': { type: 'array', items: {} }, '@graph': { type: 'array', items: OPEN }, next: { type: 'string', format: 'uri' } } } } } })
  @ApiConditional()
  elm(@Query() query: CatalogueFeedQueryDto): Promise<ElmFeedPage> {
    return this.catalogue.elmFeed(pageRequest(query));
  }

  @Get('feed/open-badges')
  @Header('Cache-Control', CACHE_CONTROL)
  @ApiOperation({
    summary: 'The catalogue as Open Badges 3.0 Achievement objects, for harvesters',
    description: 'Follow `next` (or pass nextCursor as cursor) to the end. Strong ETag per page; If-None-Match answers 304.',
  })
  @ApiOkResponse({
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['items', 'nextCursor', 'next'],
          properties: { items: { type: 'array', items: OPEN }, nextCursor: { type: 'string', nullable: true }, next: { type: 'string', format: 'uri', nullable: true } },
        },
      },
    },
  })
  @ApiConditional()
  openBadges(@Query() query: CatalogueFeedQueryDto): Promise<OpenBadgesFeedPage> {
    return this.catalogue.openBadgesFeed(pageRequest(query));
  }

  @Get(':id')
  @Header('Cache-Control', CACHE_CONTROL)
  @ApiOperation({ summary: 'One catalogue entry: outcomes, how they are assessed, how long it usually takes and how to start; no login' })
  @ApiExtraModels(CatalogueEntryResponse)
  @ApiOkResponse({ type: CatalogueEntryResponse })
  @ApiNotFoundResponse({ description: 'no published standard has this id (a draft answers the same)' })
  @ApiConditional()
  entry(@UuidParam('id') id: string): Promise<CatalogueEntryResponse> {
    return this.catalogue.entry(id);
  }
}
