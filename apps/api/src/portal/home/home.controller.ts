import { Controller, Get, HttpStatus, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '../../../../../libs/domain';
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

/** The candidate's home page, from the same service (and so the same access rules) as the JSON API; the assessor's is their queue (assessor/), the admin's the dashboard (admin/). */
@ApiExcludeController()
@Controller('portal')
export class HomeController {
  constructor(
    private readonly pages: PortalPages,
    private readonly contexts: PortalContexts,
    private readonly cases: CasesService,
  ) {}

  @Get('candidate')
  @Roles(Role.Candidate)
  async candidate(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const page = await this.cases.list(actor, { limit: HOME_LIST_LIMIT, sort: CaseSort.CreatedDesc });
    const cases = page.items.map((c) => ({ path: `/portal/cases/${c.id}`, standardTitle: c.standard.title, statusKey: `status.${c.status}`, updatedAt: c.decidedAt ?? c.submittedAt ?? c.createdAt }));
    this.pages.render(res, HttpStatus.OK, 'candidate-home', await this.contexts.of(req, res), 'home.candidate.title', { cases });
  }
}
