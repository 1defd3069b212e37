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
import { CaseAccessService } from './case-access.service';
import { CaseError } from './cases.errors';
import { CasesRepository } from './cases.repository';
import type { CreateCaseDto, EvidenceResponseDto, ListCasesQueryDto, ReasonDto, SelfAssessmentDto, TimelineQueryDto } from './dto/case.dto';
import { CaseSort, TimelineSort } from './dto/case.dto';
import type { CaseListFilter } from './cases.repository';
import type { Page } from '../common/keyset';
import { pageRequest } from '../common/page.dto';
import type { CaseEntity } from '../../../../libs/persistence/entities';
import type { CaseDetailResponse, CaseEventResponse, CaseSummaryResponse, SelfAssessmentItemResponse, UpdateResultResponse } from './dto/case.response';
import {
  toAssessment,
  toAssignment,
  toCaseDeadlines,
  toCaseEvent,
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
  async create(actor: Actor, dto: CreateCaseDto): Promise<CaseDetailResponse> {
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

  /** Every read is served from PostgreSQL, the system of record; the workflow is never asked. */
  async detail(actor: Actor, caseId: string): Promise<CaseDetailResponse> {
    await this.access.view(actor, caseId);
    const kase = (await this.repo.findCaseWithStandard(caseId))!;
    const [outcomes, selfAssessment, evidence, assessments, decisions, credential, assignments] = await Promise.all([
      this.repo.outcomesOfStandard(kase.standardId),
      this.repo.selfAssessmentOf(caseId),
      this.repo.currentEvidenceOf(caseId),
      this.repo.assessmentsOf(caseId),
      this.repo.decisionsOf(caseId),
      this.repo.credentialOf(caseId),
      this.repo.allAssignmentsOf(caseId),
    ]);
    // a candidate sees the assessors' judgements once the body has decided, not while the assessment is open
    const assessmentsVisible = actor.role !== Role.Candidate || decisions.length > 0;
    const standard = kase.standard!;
    const body = standard.awardingBody!;
    return {
      ...toCaseSummary(kase),
      state: toCaseState(kase, { withAttention: actor.role === Role.BodyAdmin }),
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
      evidence: evidence.map(toEvidenceResponse),
      assessors: actor.role === Role.Candidate ? [] : assignments.map(toAssignment),
      assessments: assessmentsVisible ? assessments.map(toAssessment) : [],
      decisions: decisions.map(toDecision),
      credential: credential ? toCredential(credential) : null,
    };
  }

  async timeline(actor: Actor, caseId: string, query: TimelineQueryDto): Promise<Page<CaseEventResponse>> {
    await this.access.view(actor, caseId);
    const page = await this.repo.eventsPage(caseId, query.sort ?? TimelineSort.SeqAsc, pageRequest(query));
    return { items: page.items.map(toCaseEvent), nextCursor: page.nextCursor };
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
