import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CaseStatus, isFinal, Role } from '../../../../../libs/domain';
import type { AppConfig } from '../../../../../libs/config/config';
import { APP_CONFIG } from '../../../../../libs/config/config.module';
import { CasesService } from '../../cases/cases.service';
import { CaseSort } from '../../cases/dto/case.dto';
import { CurrentActor, Public, Roles } from '../../common/decorators';
import type { Actor } from '../../common/decorators';
import { CredentialsService } from '../../credentials/credentials.service';
import { renewalOffer } from '../candidate/candidate-case.view';
import { PortalContexts } from '../portal-context';
import type { PortalRequest } from '../portal-context';
import { PortalPages } from '../portal-pages';
import type { PageResponse } from '../portal-pages';
import { homeCaseView } from './candidate-home.view';

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
    private readonly credentials: CredentialsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('candidate')
  @Roles(Role.Candidate)
  async candidate(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const [page, held] = await Promise.all([this.cases.list(actor, { limit: HOME_LIST_LIMIT, sort: CaseSort.CreatedDesc }), this.credentials.list(actor)]);
    const now = new Date();
    // the summary lacks the reopen deadline: read from the case itself, for the (rare) lapsed ones
    const reopenBy = new Map(
      await Promise.all(page.items.filter((c) => c.status === CaseStatus.Lapsed).map(async (c) => [c.id, (await this.cases.detail(actor, c.id)).state.reopenDeadline] as const)),
    );
    const credentialOf = new Map(held.items.flatMap((c) => (c.caseId ? [[c.caseId, c] as const] : [])));
    const cases = page.items.map((c) => homeCaseView(c, now, reopenBy.get(c.id) ?? null, credentialOf.get(c.id) ?? null));
    // a credential whose case is not in the page's list is an old one: its case has ended
    const statusOf = new Map(page.items.map((c) => [c.id, c.status]));
    const renewals = held.items.flatMap((c) => {
      const status = c.caseId ? statusOf.get(c.caseId) : undefined;
      const offer = renewalOffer(c, status !== undefined && !isFinal(status), now, this.config.credentials.expiryReminderDays);
      return offer ? [offer] : [];
    });
    this.pages.render(res, HttpStatus.OK, 'candidate-home', await this.contexts.of(req, res), 'home.candidate.title', { cases, renewals });
  }
}
