import { Controller, Get, HttpStatus, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '../../../../../libs/domain';
import { AssessorService } from '../../assessor/assessor.service';
import { QueueSort } from '../../assessor/dto/assessor.dto';
import { CasesService } from '../../cases/cases.service';
import { CaseSort } from '../../cases/dto/case.dto';
import { CurrentActor, Public, Roles } from '../../common/decorators';
import type { Actor } from '../../common/decorators';
import { PortalContexts } from '../portal-context';
import type { PortalRequest } from '../portal-context';
import { PortalPages } from '../portal-pages';
import type { PageResponse } from '../portal-pages';

/** The site's root: people arrive at the portal. */
@ApiExcludeController()
@Controller()
export class RootController {
  @Public()
  @Get()
  root(@Res() res: PageResponse): void {
    res.redirect(302, '/portal');
  }
}

/** How many cases a home page lists; the lists behind them page on. */
const HOME_LIST_LIMIT = 20;

/** Each role's home page, from the same services (and so the same access rules) as the JSON API. */
@ApiExcludeController()
@Controller('portal')
export class HomeController {
  constructor(
    private readonly pages: PortalPages,
    private readonly contexts: PortalContexts,
    private readonly cases: CasesService,
    private readonly assessor: AssessorService,
  ) {}

  @Get('candidate')
  @Roles(Role.Candidate)
  async candidate(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const page = await this.cases.list(actor, { limit: HOME_LIST_LIMIT, sort: CaseSort.CreatedDesc });
    const cases = page.items.map((c) => ({ standardTitle: c.standard.title, statusKey: `status.${c.status}`, updatedAt: c.decidedAt ?? c.submittedAt ?? c.createdAt }));
    this.pages.render(res, HttpStatus.OK, 'candidate-home', await this.contexts.of(req, res), 'home.candidate.title', { cases });
  }

  @Get('assessor')
  @Roles(Role.Assessor)
  async assessorHome(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const page = await this.assessor.queue(actor, { limit: HOME_LIST_LIMIT, sort: QueueSort.DueAsc });
    const cases = page.items.map((c) => ({ standardTitle: c.standard.title, statusKey: `status.${c.status}`, dueAt: c.dueAt }));
    this.pages.render(res, HttpStatus.OK, 'assessor-home', await this.contexts.of(req, res), 'home.assessor.title', { cases });
  }
}
