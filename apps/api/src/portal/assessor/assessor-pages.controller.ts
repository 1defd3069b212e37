import { Controller, Get, HttpStatus, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '../../../../../libs/domain';
import { AssessorErrorCode } from '../../assessor/assessor.errors';
import { AssessorService } from '../../assessor/assessor.service';
import { QueueSort } from '../../assessor/dto/assessor.dto';
import { CaseError, CaseErrorCode } from '../../cases/cases.errors';
import { CasesService } from '../../cases/cases.service';
import { SessionError } from '../../sessions/sessions.errors';
import { SessionsService } from '../../sessions/sessions.service';
import type { SessionOverview } from '../../sessions/sessions.service';
import type { CaseDetailResponse } from '../../cases/dto/case.response';
import { ApiError } from '../../common/api-error';
import { CurrentActor, FormBody, Roles } from '../../common/decorators';
import type { Actor } from '../../common/decorators';
import { UuidParam } from '../../common/uuid-param';
import type { PortalRequest } from '../portal-context';
import { FormTokenGuard } from '../portal-guards';
import type { Notice, PageResponse } from '../portal-pages';
import { PortalView } from '../portal-view';
import { stepRefusal } from '../step-refusal';
import { readForm } from '../portal-form';
import { ConflictForm, readEvidenceRequest, readRubric } from './assessor.forms';
import { assessorSessions } from '../sessions/session-view';
import type { SessionFormState } from '../sessions/session-view';
import { readProposal, readSessionRecord } from '../sessions/session.forms';
import { casePage, queueRows } from './assessor-view';
import type { CaseFormState } from './assessor-view';

/** How many assignments a page of the queue lists. */
const QUEUE_PAGE_SIZE = 20;

/** Notices the assessor's pages show after a step (?notice=<key>): only these. */
const NOTICES: Record<string, Notice> = {
  'assessor-accepted': { kind: 'success', key: 'assessor.notice.accepted' },
  'assessor-recorded': { kind: 'success', key: 'assessor.notice.recorded' },
  'assessor-requested': { kind: 'success', key: 'assessor.notice.requested' },
  'assessor-conflict': { kind: 'success', key: 'assessor.notice.conflict' },
  'assessor-session-proposed': { kind: 'success', key: 'session.notices.proposed' },
  'assessor-session-recorded': { kind: 'success', key: 'session.notices.recorded' },
};

/**
 * The assessor's pages: the queue of assigned cases by due date, and a case to assess (the standard, the
 * candidate's self-assessment and evidence, accept, the rubric, asking for more evidence, declaring a conflict of
 * interest). Every read and step goes through AssessorService and CasesService, so the JSON API's access rules
 * hold here; a case the assessor may not see is "not for your account" (403), whether or not it exists.
 */
@ApiExcludeController()
@Roles(Role.Assessor)
@Controller('portal/assessor')
export class AssessorPagesController {
  constructor(
    private readonly view: PortalView,
    private readonly assessor: AssessorService,
    private readonly cases: CasesService,
    private readonly sessions: SessionsService,
  ) {}

  @Get()
  async queue(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @Query('cursor') cursor?: unknown): Promise<void> {
    const page = await this.assessor.queue(actor, { limit: QUEUE_PAGE_SIZE, sort: QueueSort.DueAsc, ...(typeof cursor === 'string' ? { cursor } : {}) });
    const data = { cases: queueRows(page.items, new Date()), nextPath: page.nextCursor ? `/portal/assessor?cursor=${encodeURIComponent(page.nextCursor)}` : null, laterPage: typeof cursor === 'string' };
    await this.render(req, res, HttpStatus.OK, 'assessor/queue', 'assessor.queue.title', data);
  }

  @Get('cases/:id')
  async casePage(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    await this.showCase(actor, id, req, res, HttpStatus.OK, null, null);
  }

  @Post('cases/:id/accept')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async accept(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    await this.step(actor, id, req, res, () => this.assessor.accept(actor, id), 'assessor-accepted');
  }

  @Post('cases/:id/assessment')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async record(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const detail = await this.detail(actor, id);
    const t = await this.words(req, res);
    const criteria = detail.standard.learningOutcomes.flatMap((o) => o.criteria);
    const form = await readRubric(req.body, criteria, t);
    if (!form.ok) return this.showCase(actor, id, req, res, HttpStatus.BAD_REQUEST, { form: 'rubric', values: form.values, errors: form.errors }, null, detail);
    try {
      await this.assessor.recordAssessment(actor, id, form.value);
    } catch (err) {
      // the judgements and the recommendation disagree (libs/domain assessmentProblems): a mistake next to the recommendation
      if (!(err instanceof ApiError && err.code === AssessorErrorCode.Invalid)) return this.refused(actor, id, req, res, err);
      const errors = [{ field: 'recommendation', message: t('assessor.errors.recommendationMismatch', {}) }];
      return this.showCase(actor, id, req, res, HttpStatus.BAD_REQUEST, { form: 'rubric', values: { ...rubricValues(req.body) }, errors }, null, detail);
    }
    res.redirect(303, `/portal/assessor/cases/${id}?notice=assessor-recorded`);
  }

  @Post('cases/:id/evidence-request')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async requestEvidence(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const detail = await this.detail(actor, id);
    const form = await readEvidenceRequest(req.body, detail.standard.learningOutcomes.map((o) => o.id), await this.words(req, res));
    if (!form.ok) return this.showCase(actor, id, req, res, HttpStatus.BAD_REQUEST, { form: 'evidence', values: form.values, errors: form.errors }, null, detail);
    await this.step(actor, id, req, res, () => this.assessor.requestEvidence(actor, id, form.value), 'assessor-requested');
  }

  /** The conflict is with the case's candidate; declaring it ends the assessor's access to their cases, so the queue follows. */
  @Post('cases/:id/conflict')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async declareConflict(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const detail = await this.detail(actor, id);
    const form = await readForm(ConflictForm, req.body, ['reason'], await this.words(req, res));
    if (!form.ok) return this.showCase(actor, id, req, res, HttpStatus.BAD_REQUEST, { form: 'conflict', values: form.values, errors: form.errors }, null, detail);
    await this.assessor.declareConflict(actor, { candidateId: detail.candidateId, reason: form.value.reason });
    res.redirect(303, '/portal/assessor?notice=assessor-conflict');
  }

  /** The holder proposes a session: a method, a time in the candidate's zone, a place or a link, who else attends. */
  @Post('cases/:id/sessions')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async proposeSession(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const [detail, overview] = await Promise.all([this.detail(actor, id), this.overview(actor, id)]);
    const rules = { methodCodes: overview.methods.map((m) => m.code), timeZone: overview.timeZone, noticeMinutes: overview.noticeMinutes, now: new Date() };
    const form = await readProposal(req.body, rules, await this.words(req, res));
    if (!form.ok) return this.showCase(actor, id, req, res, HttpStatus.BAD_REQUEST, { form: 'propose', values: form.values, errors: form.errors }, null, detail);
    await this.step(actor, id, req, res, () => this.sessions.propose(actor, id, form.value), 'assessor-session-proposed');
  }

  /** The holder records how the planned session went, with judgements on the criteria it assessed when it was held. */
  @Post('cases/:id/sessions/:sessionId/record')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async recordSession(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('sessionId') sessionId: string,
    @Req() req: PortalRequest,
    @Res() res: PageResponse,
  ): Promise<void> {
    const [detail, overview] = await Promise.all([this.detail(actor, id), this.overview(actor, id)]);
    const session = overview.items.find((s) => s.id === sessionId);
    // a session of another case, or none: what the JSON API answers (404), as the error page
    if (!session) throw SessionError.notFound();
    const assessed = new Set(overview.methods.find((m) => m.code === session.methodCode)?.learningOutcomeIds ?? []);
    const criteria = detail.standard.learningOutcomes.filter((o) => assessed.has(o.id)).flatMap((o) => o.criteria);
    const form = await readSessionRecord(req.body, session, criteria, new Date(), await this.words(req, res));
    if (!form.ok) return this.showCase(actor, id, req, res, HttpStatus.BAD_REQUEST, { form: 'record', values: form.values, errors: form.errors }, null, detail);
    await this.step(actor, id, req, res, () => this.sessions.record(actor, id, sessionId, form.value), 'assessor-session-recorded');
  }

  /** A step sent to the case's process: back to the case with a notice, or the case with why it did not happen. */
  private async step(actor: Actor, id: string, req: PortalRequest, res: PageResponse, send: () => Promise<unknown>, notice: string): Promise<void> {
    try {
      await send();
    } catch (err) {
      return this.refused(actor, id, req, res, err);
    }
    res.redirect(303, `/portal/assessor/cases/${id}?notice=${notice}`);
  }

  private async refused(actor: Actor, id: string, req: PortalRequest, res: PageResponse, err: unknown): Promise<void> {
    const problem = stepRefusal(err);
    if (!problem) throw err;
    await this.showCase(actor, id, req, res, problem.status, null, problem.key);
  }

  /** The case as this assessor may read it (CasesService.detail); one they may not is not for their account. */
  private async detail(actor: Actor, id: string): Promise<CaseDetailResponse> {
    try {
      return await this.cases.detail(actor, id);
    } catch (err) {
      if (err instanceof ApiError && err.code === CaseErrorCode.NotFound) throw CaseError.notAssigned();
      throw err;
    }
  }

  private async showCase(
    actor: Actor,
    id: string,
    req: PortalRequest,
    res: PageResponse,
    status: number,
    state: CaseFormState | SessionFormState | null,
    problemKey: string | null,
    known?: CaseDetailResponse,
  ): Promise<void> {
    const [detail, overview] = await Promise.all([known ?? this.detail(actor, id), this.overview(actor, id)]);
    const now = new Date();
    const sessionForm = state?.form === 'propose' || state?.form === 'record' ? (state as SessionFormState) : null;
    const page = casePage(detail, actor.id, now, sessionForm ? null : (state as CaseFormState | null));
    const sessions = assessorSessions(overview, detail, page.holding, now, sessionForm);
    await this.render(req, res, status, 'assessor/case', 'assessor.case.title', { ...page, sessions, errors: state?.errors ?? [], problemKey });
  }

  /** The case's sessions as this assessor may read them; a case they may not is not for their account. */
  private async overview(actor: Actor, id: string): Promise<SessionOverview> {
    try {
      return await this.sessions.overview(actor, id);
    } catch (err) {
      if (err instanceof ApiError && err.code === CaseErrorCode.NotFound) throw CaseError.notAssigned();
      throw err;
    }
  }

  private async render(req: PortalRequest, res: PageResponse, status: number, name: string, title: string, data: Record<string, unknown>): Promise<void> {
    const ctx = await this.view.contexts.of(req, res);
    const notice = typeof req.query?.notice === 'string' ? NOTICES[req.query.notice] : undefined;
    if (notice) ctx.notice = notice;
    this.view.pages.render(res, status, name, ctx, title, data);
  }

  private async words(req: PortalRequest, res: PageResponse): Promise<(key: string, values: Record<string, unknown>) => string> {
    const { t } = await this.view.translator(req, res);
    return t;
  }
}

/** The rubric's fields as sent, to put back in the form. */
function rubricValues(body: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => e[0] !== '_csrf' && typeof e[1] === 'string'));
}
