import { Injectable } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { CaseStatus, Role, portfolioOpen } from '../../../../libs/domain';
import { answerEvidenceRequestUpdate, appealUpdate, reopenUpdate, submitUpdate, withdrawUpdate } from '../../../../workflows/messages';
import { DEFAULT_TIME_ZONE } from '../../../../libs/calendar';
import { AuditRepository } from '../common/audit.repository';
import { describeError } from '../common/api-exception.filter';
import { CaseProcess } from '../common/case-process.service';
import { RequestContext } from '../common/request-context';
import type { Actor } from '../common/decorators';
import { toEvidenceResponse } from '../evidence/dto/evidence.response';
import { StandardError } from '../standards/standards.errors';
import { StandardsRepository } from '../standards/standards.repository';
import { showsAssessor, ViewerKind, visibleAt } from './case-access.policy';
import type { CaseViewer } from './case-access.policy';
import type { CaseAssessorEntity } from '../../../../libs/persistence/entities';
import { CaseAccessService } from './case-access.service';
import { AuthError } from '../auth/auth.errors';
import { CaseError } from './cases.errors';
import { CasesRepository } from './cases.repository';
import type { CreateCaseDto, EvidenceResponseDto, ListCasesQueryDto, ReasonDto, SelfAssessmentDto, TimelineQueryDto } from './dto/case.dto';
import { CaseSort, TimelineSort } from './dto/case.dto';
import type { CaseListFilter } from './cases.repository';
import type { Page } from '../common/keyset';
import { pageRequest } from '../common/page.dto';
import { feedbackFor, standingDecisionSeq, timelineFor } from './timeline-view';
import type { OutcomeFeedback } from './timeline-view';
import type { AssessmentEntity, CaseEntity, CaseEventEntity, DecisionEntity, LearningOutcomeEntity } from '../../../../libs/persistence/entities';
import type { CaseDetailResponse, CaseEventResponse, CaseSummaryResponse, SelfAssessmentItemResponse, UpdateResultResponse } from './dto/case.response';
import {
  toAssessment,
  toAssignment,
  toCaseDeadlines,
  toCaseSummary,
  toCredential,
  toDecision,
  toCaseState,
  toSelfAssessmentItem,
  toUpdateResult,
} from './dto/case.response';

/** The candidate's side of a case, and what every role reads about one. */
@Injectable()
export class CasesService {
  constructor(
    private readonly repo: CasesRepository,
    private readonly standards: StandardsRepository,
    private readonly access: CaseAccessService,
    private readonly process: CaseProcess,
    private readonly audit: AuditRepository,
    private readonly requests: RequestContext,
  ) {}

  /**
   * Opens a draft case: its workflow writes the case row itself, so creating a case and starting its process
   * are one step that cannot half-happen. Answers once the row exists.
   */
  /** The id of the candidate's open case on a standard, if any (one at most: uq_validation_case_open_per_standard). */
  async openCaseId(actor: Actor, standardId: string): Promise<string | null> {
    return (await this.repo.findOpenCase(actor.id, standardId))?.id ?? null;
  }

  /**
   * Opens a draft case for the candidate. Only for a confirmed e-mail address (403 auth.email_unverified): the case,
   * its messages and its credential go to that address and carry the name given with it.
   */
  async create(actor: Actor, dto: CreateCaseDto): Promise<CaseDetailResponse> {
    if (!actor.emailVerified) throw AuthError.emailUnverified();
    const standard = await this.standards.findWithOutcomes(dto.standardId);
    if (!standard || !standard.published) throw StandardError.notFound();
    const id = this.requests.newId('case');
    const open = await this.repo.findOpenCase(actor.id, standard.id);
    // a retry (same Idempotency-Key) of a request whose answer was lost finds the case it opened
    if (open?.id === id) return this.detail(actor, id);
    if (open) throw CaseError.openCaseExists(open.id, open.status);
    try {
      await this.process.open(id, actor.id, standard.id);
    } catch (err) {
      // the workflow refused: another request opened a case on this standard first
      if (err instanceof WorkflowUpdateFailedError) {
        const winner = await this.repo.findOpenCase(actor.id, standard.id);
        throw CaseError.openCaseExists(winner?.id ?? 'unknown', winner?.status ?? CaseStatus.Draft);
      }
      // The engine did not answer: unless the case's own process wrote it meanwhile, nothing exists.
      if (!(await this.repo.findCase(id)) && describeError(err)?.statusCode === 503) throw CaseError.processNotStarted();
      throw err;
    }
    await this.audit.record({ actorId: actor.id, action: 'case.created', subjectType: 'case', subjectId: id, data: { standardId: standard.id } });
    return this.detail(actor, id);
  }

  /**
   * One page of the caller's cases. Who sees which cases is decided here, by role, exactly as before paging; the
   * filters and the sort only narrow and order that set.
   */
  async list(actor: Actor, query: ListCasesQueryDto): Promise<Page<CaseSummaryResponse>> {
    if (query.assessorId !== undefined && actor.role !== Role.BodyAdmin) throw CaseError.invalid(['assessorId is a filter for body admins']);
    const filter: CaseListFilter = {
      status: query.status,
      stage: query.stage,
      standardId: query.standardId,
      heldBy: query.assessorId,
      overdue: query.overdue,
      q: query.q?.trim(),
      sort: query.sort ?? CaseSort.CreatedDesc,
    };
    const page = pageRequest(query);
    const summaries = (result: Page<CaseEntity>): Page<CaseSummaryResponse> => ({ items: result.items.map(toCaseSummary), nextCursor: result.nextCursor });
    switch (actor.role) {
      case Role.Candidate:
        return summaries(await this.repo.list({ candidateId: actor.id }, filter, page));
      case Role.Assessor:
        return summaries(await this.repo.list({ assessorId: actor.id, awardingBodyId: actor.awardingBodyId ?? undefined }, filter, page));
      case Role.BodyAdmin:
        if (!actor.awardingBodyId) return { items: [], nextCursor: null };
        return summaries(await this.repo.list({ awardingBodyId: actor.awardingBodyId }, filter, page));
      default:
        return { items: [], nextCursor: null };
    }
  }

  /**
   * Every read is served from PostgreSQL, the system of record; the workflow is never asked. What each reader gets
   * is decided by who they are to the case (docs/visibility.md): the candidate never sees an assessor or a
   * recommendation, only the feedback per outcome once decided; a past assessor sees the case as it stood when
   * their assignment ended, with their own assessment and nothing the case gained after.
   */
  async detail(actor: Actor, caseId: string): Promise<CaseDetailResponse> {
    const { viewer, kase } = await this.access.view(actor, caseId, { withStandard: true });
    const [outcomes, selfAssessment, evidence, assessments, decisions, credential, assignments, setAside] = await Promise.all([
      this.repo.outcomesOfStandard(kase.standardId),
      this.repo.selfAssessmentOf(caseId),
      this.repo.currentEvidenceOf(caseId),
      this.repo.assessmentsOf(caseId),
      this.repo.decisionsOf(caseId),
      this.repo.credentialOf(caseId),
      this.repo.allAssignmentsOf(caseId),
      viewer.kind === ViewerKind.Candidate || viewer.kind === ViewerKind.BodyAdmin ? this.repo.setAsideAssessmentIds(caseId) : Promise.resolve([]),
    ]);
    const shown = evidence.filter((e) => visibleAt(viewer, e.createdAt));
    const shownIds = shown.map((e) => e.id);
    const [priorCredentials, recognitions] = await Promise.all([this.repo.priorCredentialsOf(shownIds), this.repo.recognitionsOf(shownIds)]);
    const past = viewer.kind === ViewerKind.PastAssessor;
    const candidate = viewer.kind === ViewerKind.Candidate;
    const standard = kase.standard!;
    const body = standard.awardingBody!;
    return {
      ...toCaseSummary(kase),
      state: toCaseState(kase, { withAttention: viewer.kind === ViewerKind.BodyAdmin }),
      deadlines: toCaseDeadlines(kase, body.timeZone),
      standard: {
        id: standard.id,
        code: standard.code,
        title: standard.title,
        eqfLevel: standard.eqfLevel,
        awardingBody: { id: body.id, name: body.name, country: body.country, timeZone: body.timeZone || DEFAULT_TIME_ZONE },
        learningOutcomes: outcomes.map((o) => ({
          id: o.id,
          code: o.code,
          description: o.description,
          criteria: (o.criteria ?? []).map((c) => ({ id: c.id, code: c.code, description: c.description })),
        })),
      },
      selfAssessment: selfAssessment.map(toSelfAssessmentItem),
      evidence: shown.map((e) => toEvidenceResponse(e, { priorCredentials, recognitions, showAssessor: (id) => showsAssessor(viewer, id) })),
      assessors: candidate ? [] : assignments.filter((a) => assignmentShown(viewer, a)).map(toAssignment),
      assessments: candidate ? [] : assessments.filter((a) => !past || a.assessorId === viewer.actorId).map(toAssessment),
      // the body decides: a candidate is not told which of its admins (docs/visibility.md)
      decisions: past ? [] : decisions.map((d) => toDecision(d, { withDecidedBy: !candidate })),
      credential: credential && !past ? toCredential(credential, new Date()) : null,
      feedback: (candidate || viewer.kind === ViewerKind.BodyAdmin ? this.feedback(outcomes, assessments, decisions, setAside) : null) ?? [],
    };
  }

  /**
   * One page of the case's event log as this reader may see it (timeline-view.ts). A page holds the events of its
   * slice of the log that the reader may see, so it may be shorter than the limit; its cursor goes on from there.
   */
  async timeline(actor: Actor, caseId: string, query: TimelineQueryDto): Promise<Page<CaseEventResponse>> {
    const { viewer } = await this.access.view(actor, caseId);
    const page = await this.repo.eventsPage(caseId, query.sort ?? TimelineSort.SeqAsc, pageRequest(query));
    // which decision stands, and the feedback it carries, come from the whole log, not the page
    const whole = viewer.kind === ViewerKind.Candidate ? await this.repo.eventsOf(caseId) : null;
    const feedback = whole ? await this.candidateFeedback(viewer, caseId, whole) : null;
    const standing = whole ? standingDecisionSeq(whole) : null;
    return { items: timelineFor(viewer, page.items, { feedback, standingDecisionSeq: standing }), nextCursor: page.nextCursor };
  }

  private async candidateFeedback(viewer: CaseViewer, caseId: string, events: CaseEventEntity[]): Promise<OutcomeFeedback[] | null> {
    if (viewer.kind !== ViewerKind.Candidate) return null;
    const decisions = await this.repo.decisionsOf(caseId);
    if (!decisions.some((d) => !d.revokedAt)) return null;
    const kase = (await this.repo.findCase(caseId))!;
    const [outcomes, assessments] = await Promise.all([this.repo.outcomesOfStandard(kase.standardId), this.repo.assessmentsOf(caseId)]);
    const setAside = events.filter((e) => e.type === 'assessment_set_aside').map((e) => String(e.data.assessmentId));
    return this.feedback(outcomes, assessments, decisions, setAside);
  }

  /** Feedback per outcome from the decision that stands and the assessment it followed (the last not set aside). */
  private feedback(outcomes: LearningOutcomeEntity[], assessments: AssessmentEntity[], decisions: DecisionEntity[], setAsideIds: string[]): OutcomeFeedback[] | null {
    const decision = [...decisions].reverse().find((d) => !d.revokedAt);
    if (!decision) return null;
    const setAside = new Set(setAsideIds);
    const standing = [...assessments].reverse().find((a) => !setAside.has(a.id) && a.recordedAt.getTime() <= decision.decidedAt.getTime());
    return feedbackFor(outcomes, decision.recognisedOutcomeIds, standing?.judgements ?? []);
  }

  async putSelfAssessment(actor: Actor, caseId: string, dto: SelfAssessmentDto): Promise<SelfAssessmentItemResponse[]> {
    const { kase } = await this.access.act(actor, caseId);
    if (!portfolioOpen(kase.status, kase.evidenceDueAt, new Date())) throw CaseError.portfolioClosed(kase);
    const ids = dto.items.map((i) => i.learningOutcomeId);
    const problems = await this.access.outcomeProblems(kase.standardId, ids, 'items');
    if (problems.length) throw CaseError.invalid(problems);
    const replaced = await this.repo.replaceSelfAssessment(
      caseId,
      dto.items.map((i) => ({ learningOutcomeId: i.learningOutcomeId, level: i.level, statement: i.statement.trim() })),
    );
    if (!replaced) throw CaseError.portfolioClosed(await this.repo.findCase(caseId));
    await this.audit.record({ actorId: actor.id, action: 'self_assessment.replaced', subjectType: 'case', subjectId: caseId, data: { outcomes: ids.length } });
    return (await this.repo.selfAssessmentOf(caseId)).map(toSelfAssessmentItem);
  }

  async submit(actor: Actor, caseId: string): Promise<UpdateResultResponse> {
    await this.access.step(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, submitUpdate, { actorId: actor.id }));
  }

  async withdraw(actor: Actor, caseId: string, dto: ReasonDto): Promise<UpdateResultResponse> {
    await this.access.step(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, withdrawUpdate, { actorId: actor.id, reason: dto.reason.trim() }));
  }

  async answerEvidenceRequest(actor: Actor, caseId: string, dto: EvidenceResponseDto): Promise<UpdateResultResponse> {
    await this.access.step(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, answerEvidenceRequestUpdate, { actorId: actor.id, note: dto.note.trim() }));
  }

  async appeal(actor: Actor, caseId: string, dto: ReasonDto): Promise<UpdateResultResponse> {
    await this.access.step(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, appealUpdate, { actorId: actor.id, reason: dto.reason.trim() }));
  }

  async reopen(actor: Actor, caseId: string): Promise<UpdateResultResponse> {
    await this.access.step(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, reopenUpdate, { actorId: actor.id }));
  }
}

/**
 * The assignments an assessor reading the case sees (docs/visibility.md): a past assessor only their own; the
 * holder and a moderator all but those another assessor ended by declaring a conflict of interest, which would
 * tell who knows the candidate (the timeline hides it the same way). Admins see every one.
 */
function assignmentShown(viewer: CaseViewer, a: CaseAssessorEntity): boolean {
  if (viewer.kind === ViewerKind.BodyAdmin) return true;
  if (viewer.kind === ViewerKind.PastAssessor) return a.assessorId === viewer.actorId;
  return a.status !== 'conflict' || a.assessorId === viewer.actorId;
}
