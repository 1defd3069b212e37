import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '../../../../../libs/domain';
import { CurrentActor, Roles } from '../../common/decorators';
import type { Actor } from '../../common/decorators';
import { QualificationsService } from '../../qualifications/qualifications.service';
import type { PortalRequest } from '../portal-context';
import type { PageResponse } from '../portal-pages';
import { PortalView } from '../portal-view';

/** How the candidate's micro-credentials stack toward the qualifications published with them (GET /qualifications/progress). */
@ApiExcludeController()
@Roles(Role.Candidate)
@Controller('portal/qualifications')
export class ProgressPagesController {
  constructor(
    private readonly view: PortalView,
    private readonly qualifications: QualificationsService,
  ) {}

  @Get()
  async progress(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const { items } = await this.qualifications.progress(actor);
    await this.view.render(req, res, 'candidate/qualifications', 'candidate.qualifications.title', {
      qualifications: items.map((q) => ({
        title: q.title,
        bodyName: q.awardingBody.name,
        eqfLevel: q.eqfLevel,
        met: q.met,
        held: q.components.filter((c) => c.met).length,
        total: q.components.length,
        creditsEarned: q.creditsEarned,
        creditsRequired: q.creditsRequired,
        components: q.components.map((c) => ({ title: c.title, met: c.met, path: `/portal/standards/${c.standardId}` })),
      })),
    });
  }
}
