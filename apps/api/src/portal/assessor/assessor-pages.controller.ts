import { Controller, Get, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EvidenceKind, Role } from '../../../../../libs/domain';
import { AssessorErrorCode } from '../../assessor/assessor.errors';
import { AssessorService } from '../../assessor/assessor.service';
import { QueueSort } from '../../assessor/dto/assessor.dto';
import { CaseError, CaseErrorCode } from '../../cases/cases.errors';
import { CasesService } from '../../cases/cases.service';
import { TimelineSort } from '../../cases/dto/case.dto';
import { PageErrorCode } from '../../common/keyset';
import { EvidenceError, EvidenceErrorCode } from '../../evidence/evidence.errors';
import { PriorCredentialsService } from '../../evidence/prior-credentials.service';
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
import { errorsByField, readForm } from '../portal-form';
import type { FieldError } from '../portal-form';
import { ConflictForm, QUEUE_STATUSES, readEvidenceRequest, readQueueFilters, readRubric, RecognitionForm } from './assessor.forms';
import { assessorSessions } from '../sessions/session-view';
import type { SessionFormState } from '../sessions/session-view';
import { readProposal, readSessionRecord } from '../sessions/session.forms';
import { casePage, queueFilterForm, queuePath, queueRows, timelineRows } from './assessor-view';
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
  'assessor-recognised': { kind: 'success', key: 'assessor.notice.recognised' },
};

/** How many of the latest events the case page's timeline shows. */
const TIMELINE_LENGTH = 100;

/** The prior-credential service's refusals, in the reader's words (the step is not the process's, so not stepRefusal's). */
const RECOGNITION_REFUSALS: Partial<Record<string, string>> = {
  [EvidenceErrorCode.AlreadyRecognised]: 'assessor.recognition.refused.already',
  [EvidenceErrorCode.NotAssessing]: 'assessor.recognition.refused.notAssessing',
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
    private readonly priorCredentials: PriorCredentialsService,
  ) {}

  /** The queue, filtered by the GET form's standard, status, overdue box and search; paging keeps the filters. */
  @Get()
  async queue(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const t = await this.words(req, res);
    const filters = await readQueueFilters(req.query, t);
    const errors = [...filters.errors];
    const ask = (cursor?: string) => this.assessor.queue(actor, { ...filters.query, cursor, limit: QUEUE_PAGE_SIZE, sort: QueueSort.DueAsc });
    let page: Awaited<ReturnType<typeof ask>>;
    let cursor = filters.query.cursor;
    try {
      page = await ask(cursor);
    } catch (err) {
      // a cursor of another list (or of other filters): the first page, and the page says why
      if (!(err instanceof ApiError && err.code === PageErrorCode.InvalidCursor)) throw err;
      cursor = undefined;
      page = await ask();
      errors.push({ field: 'cursor', anchor: 'queue-filters', message: t('assessor.filters.errors.cursor', {}) });
    }
    const data = {
      cases: queueRows(page.items, new Date()),
      nextPath: page.nextCursor ? queuePath({ ...filters.kept, cursor: page.nextCursor }) : null,
      firstPath: cursor !== undefined ? queuePath(filters.kept) : null,
      filters: { ...filters.values, overdue: filters.values.overdue === 'true', ...queueFilterForm(filters.values, await this.assessor.queueStandards(actor), QUEUE_STATUSES) },
      filtered: Object.keys(filters.kept).length > 0,
      errors,
      errorsByField: errorsByField(errors),
    };
    await this.render(req, res, errors.length ? HttpStatus.BAD_REQUEST : HttpStatus.OK, 'assessor/queue', 'assessor.queue.title', data);
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

  /** The holder accepts a credential the candidate holds for one learning outcome it is offered for (PriorCredentialsService). */
  @Post('cases/:id/evidence/:evidenceId/recognitions')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async recognise(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('evidenceId') evidenceId: string,
    @Req() req: PortalRequest,
    @Res() res: PageResponse,
  ): Promise<void> {
    const detail = await this.detail(actor, id);
    const evidence = detail.evidence.find((e) => e.id === evidenceId && e.kind === EvidenceKind.Credential);
    // a credential not on this case as the assessor reads it: what the JSON API answers (404), as the error page
    if (!evidence) throw EvidenceError.notFound();
    const t = await this.words(req, res);
    const form = await readForm(RecognitionForm, req.body, ['learningOutcomeId', 'comment'], t);
    const anchor = `field-recognise-${evidenceId}`;
    const invalid = (errors: FieldError[], values: Record<string, string>) =>
      this.showCase(actor, id, req, res, HttpStatus.BAD_REQUEST, { form: 'recognition', evidenceId, values, errors }, null, detail);
    if (!form.ok) return invalid(form.errors.map((e) => ({ ...e, anchor: e.field === 'comment' ? `field-recognise-comment-${evidenceId}` : anchor })), form.values);
    const values = { learningOutcomeId: form.value.learningOutcomeId, comment: form.value.comment ?? '' };
    if (!evidence.learningOutcomeIds.includes(form.value.learningOutcomeId)) {
      return invalid([{ field: 'learningOutcomeId', anchor, message: t('assessor.errors.recognitionOutcomeRequired', {}) }], values);
    }
    const comment = form.value.comment?.trim();
    try {
      await this.priorCredentials.recognise(actor, id, evidenceId, { learningOutcomeId: form.value.learningOutcomeId, ...(comment ? { comment } : {}) });
    } catch (err) {
      const key = err instanceof ApiError ? RECOGNITION_REFUSALS[err.code] : undefined;
      if (key) return this.showCase(actor, id, req, res, HttpStatus.CONFLICT, null, key, detail);
      return this.refused(actor, id, req, res, err);
    }
    res.redirect(303, `/portal/assessor/cases/${id}?notice=assessor-recognised#evidence-${evidenceId}`);
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
    // the latest events, shown oldest first (the service leaves out what is not the assessor's to read)
    const events = await this.cases.timeline(actor, id, { limit: TIMELINE_LENGTH, sort: TimelineSort.SeqDesc });
    const now = new Date();
    const sessionForm = state?.form === 'propose' || state?.form === 'record' ? (state as SessionFormState) : null;
    const page = casePage(detail, actor.id, now, sessionForm ? null : (state as CaseFormState | null));
    const sessions = assessorSessions(overview, detail, page.holding, now, sessionForm);
    const timeline = timelineRows(events.items.slice().reverse(), { assessorId: actor.id, candidateId: detail.candidateId });
    const data = { ...page, sessions, timeline, timelineCut: events.nextCursor !== null, errors: state?.errors ?? [], problemKey };
    await this.render(req, res, status, 'assessor/case', 'assessor.case.title', data);
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
