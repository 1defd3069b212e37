import { Controller, Get, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { needsSession, Role } from '../../../../../libs/domain';
import { ApiError } from '../../common/api-error';
import { AuthErrorCode } from '../../auth/auth.errors';
import { CatalogueService } from '../../catalogue/catalogue.service';
import { CatalogueQueryDto } from '../../catalogue/dto/catalogue-query.dto';
import type { CatalogueEntryResponse } from '../../catalogue/dto/catalogue.response';
import { CasesService } from '../../cases/cases.service';
import { CurrentActor, FormBody, Public, Roles } from '../../common/decorators';
import type { Actor } from '../../common/decorators';
import { UuidParam } from '../../common/uuid-param';
import type { PortalRequest } from '../portal-context';
import { FormTokenGuard } from '../portal-guards';
import type { PageResponse } from '../portal-pages';
import { PortalView } from '../portal-view';

/** One page of the catalogue: the published standards people can apply for. */
const CATALOGUE_PAGE_SIZE = 20;

/** The filters the catalogue page offers (a subset of GET /catalogue's). */
const FILTERS = ['q', 'eqfLevel', 'creditsMin', 'creditsMax', 'awardingBodyId', 'cursor'] as const;

/**
 * Finding a standard and starting a case on it: the public catalogue (search, filters by level, credits and
 * awarding body) and a standard's page (its learning outcomes and criteria, level, credits, workload, how the
 * process goes and how long it takes), from the catalogue service the JSON API's /catalogue uses.
 */
@ApiExcludeController()
@Controller('portal/standards')
export class CataloguePagesController {
  constructor(
    private readonly view: PortalView,
    private readonly catalogue: CatalogueService,
    private readonly cases: CasesService,
  ) {}

  @Public()
  @Get()
  async list(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const raw = Object.fromEntries(FILTERS.flatMap((f) => (typeof req.query?.[f] === 'string' && req.query[f] !== '' ? [[f, req.query[f]]] : [])));
    // credits on the portal are ECTS, the system of the Recommendation's workload
    const credits = raw.creditsMin !== undefined || raw.creditsMax !== undefined ? { creditSystem: 'ects' } : {};
    const query = plainToInstance(CatalogueQueryDto, { ...raw, ...credits, limit: String(CATALOGUE_PAGE_SIZE) }, { enableImplicitConversion: false });
    // a filter a person typed wrong is shown back with the whole catalogue, not refused
    const invalid = (await validate(query, { whitelist: true })).map((e) => e.property);
    for (const field of invalid) delete (query as unknown as Record<string, unknown>)[field];
    const [page, bodies] = await Promise.all([this.catalogue.list(query), this.catalogue.publishingBodies()]);
    const next = page.nextCursor ? `?${new URLSearchParams({ ...raw, cursor: page.nextCursor }).toString()}` : null;
    await this.view.render(req, res, 'candidate/standards', 'candidate.catalogue.title', {
      filters: { q: raw.q ?? '', eqfLevel: raw.eqfLevel ?? '', creditsMin: raw.creditsMin ?? '', creditsMax: raw.creditsMax ?? '', awardingBodyId: raw.awardingBodyId ?? '' },
      invalid,
      levels: [1, 2, 3, 4, 5, 6, 7, 8].map((level) => ({ level: String(level), selected: raw.eqfLevel === String(level) })),
      bodies: bodies.map((b) => ({ ...b, selected: raw.awardingBodyId === b.id })),
      standards: page.items.map((s) => ({ ...s, path: `/portal/standards/${s.id}` })),
      next,
    });
  }

  @Public()
  @Get(':id')
  async entry(@Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    const entry = await this.catalogue.entry(id);
    await this.view.render(req, res, 'candidate/standard', 'candidate.standard.title', { standardTitle: entry.title, standard: entry, methods: methodsOf(entry), startError: null });
  }

  /** Starts a draft case on the standard and opens it; an open case on it already: that case. */
  @Post(':id/start')
  @Roles(Role.Candidate)
  @FormBody()
  @UseGuards(FormTokenGuard)
  async start(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    try {
      const created = await this.cases.create(actor, { standardId: id });
      res.redirect(303, `/portal/cases/${created.id}`);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500 || err.status === HttpStatus.NOT_FOUND) throw err;
      const open = err.status === HttpStatus.CONFLICT ? await this.cases.openCaseId(actor, id) : null;
      if (open) return res.redirect(303, `/portal/cases/${open}`);
      const entry = await this.catalogue.entry(id);
      const startError = err.code === AuthErrorCode.EmailUnverified ? 'candidate.standard.confirmFirst' : 'candidate.standard.cannotStart';
      await this.view.render(req, res, 'candidate/standard', 'candidate.standard.title', { standardTitle: entry.title, standard: entry, methods: methodsOf(entry), startError }, err.status);
    }
  }
}

/** How the standard is assessed, as its page says it: a session (an interview…) is told before the case starts. */
function methodsOf(entry: CatalogueEntryResponse) {
  return entry.assessmentMethods.map((m) => ({
    code: m.code,
    methodKey: `session.method.${m.type}`,
    description: m.description,
    assesses: m.assesses.join(', '),
    meets: needsSession(m.type),
  }));
}
