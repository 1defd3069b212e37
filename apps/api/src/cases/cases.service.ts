import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CaseStatus, Role, canCandidateEdit } from '../../../../libs/domain';
import { caseWorkflowId } from '../../../../workflows/ids';
import { answerEvidenceRequestUpdate, appealUpdate, reopenUpdate, submitUpdate, withdrawUpdate } from '../../../../workflows/messages';
import { AuditRepository } from '../common/audit.repository';
import { CaseProcess } from '../common/case-process.service';
import type { Actor } from '../common/decorators';
import { toEvidenceResponse } from '../evidence/dto/evidence.response';
import { StandardError } from '../standards/standards.errors';
import { StandardsRepository } from '../standards/standards.repository';
import { CaseAccessService } from './case-access.service';
import { CaseError } from './cases.errors';
import { CasesRepository } from './cases.repository';
import type { CreateCaseDto, EvidenceResponseDto, ListCasesQueryDto, ReasonDto, SelfAssessmentDto } from './dto/case.dto';
import type { CaseDetailResponse, CaseEventResponse, CaseSummaryResponse, SelfAssessmentItemResponse, UpdateResultResponse } from './dto/case.response';
import {
  toAssessment,
  toAssignment,
  toCaseEvent,
  toCaseSummary,
  toCredential,
  toDecision,
  toLiveState,
  toSelfAssessmentItem,
  toUpdateResult,
} from './dto/case.response';

const UNIQUE_VIOLATION = '23505';

/** The candidate's side of a case, and what every role reads about one. */
@Injectable()
export class CasesService {
  private readonly logger = new Logger('CasesService');

  constructor(
    private readonly repo: CasesRepository,
    private readonly standards: StandardsRepository,
    private readonly access: CaseAccessService,
    private readonly process: CaseProcess,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * A draft case: the one write of a case row the API makes. The workflow is started right after; if that fails,
   * the row is removed so no case exists without its process.
   */
  async create(actor: Actor, dto: CreateCaseDto): Promise<CaseDetailResponse> {
    const standard = await this.standards.findWithOutcomes(dto.standardId);
    if (!standard || !standard.published) throw StandardError.notFound();
    const open = await this.repo.findOpenCase(actor.id, standard.id);
    if (open) throw CaseError.openCaseExists(open.id, open.status);
    const id = randomUUID();
    try {
      await this.repo.insertDraft({ id, candidateId: actor.id, standardId: standard.id, awardingBodyId: standard.awardingBodyId, workflowId: caseWorkflowId(id) });
    } catch (err) {
      // two requests at once: the partial unique index lets only one open case through
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        const winner = await this.repo.findOpenCase(actor.id, standard.id);
        throw CaseError.openCaseExists(winner?.id ?? 'unknown', winner?.status ?? CaseStatus.Draft);
      }
      throw err;
    }
    try {
      await this.process.start(id);
    } catch (err) {
      this.logger.warn(`workflow of case ${id} not started, draft removed: ${(err as Error).message}`);
      await this.repo.deleteDraft(id);
      throw CaseError.processNotStarted();
    }
    await this.audit.record({ actorId: actor.id, action: 'case.created', subjectType: 'case', subjectId: id, data: { standardId: standard.id } });
    // a new case is a draft whose workflow has not run yet: no point asking it
    return this.detail(actor, id, { live: false });
  }

  async list(actor: Actor, query: ListCasesQueryDto): Promise<CaseSummaryResponse[]> {
    const status = query.status;
    switch (actor.role) {
      case Role.Candidate:
        return (await this.repo.list({ candidateId: actor.id, status })).map(toCaseSummary);
      case Role.Assessor:
        return (await this.repo.list({ assessorId: actor.id, awardingBodyId: actor.awardingBodyId ?? undefined, status })).map(toCaseSummary);
      case Role.BodyAdmin:
        if (!actor.awardingBodyId) return [];
        return (await this.repo.list({ awardingBodyId: actor.awardingBodyId, status })).map(toCaseSummary);
      default:
        return [];
    }
  }

  async detail(actor: Actor, caseId: string, options: { live: boolean } = { live: true }): Promise<CaseDetailResponse> {
    await this.access.view(actor, caseId);
    const kase = (await this.repo.findCaseWithStandard(caseId))!;
    const [outcomes, selfAssessment, evidence, assessments, decisions, credential, assignments, live] = await Promise.all([
      this.repo.outcomesOfStandard(kase.standardId),
      this.repo.selfAssessmentOf(caseId),
      this.repo.currentEvidenceOf(caseId),
      this.repo.assessmentsOf(caseId),
      this.repo.decisionsOf(caseId),
      this.repo.credentialOf(caseId),
      this.repo.allAssignmentsOf(caseId),
      options.live ? this.process.state(caseId) : Promise.resolve(null),
    ]);
    // a candidate sees the assessors' judgements once the body has decided, not while the assessment is open
    const assessmentsVisible = actor.role !== Role.Candidate || decisions.length > 0;
    const standard = kase.standard!;
    return {
      ...toCaseSummary(kase),
      state: toLiveState(kase, live),
      standard: {
        id: standard.id,
        code: standard.code,
        title: standard.title,
        eqfLevel: standard.eqfLevel,
        awardingBody: { id: standard.awardingBody!.id, name: standard.awardingBody!.name, country: standard.awardingBody!.country },
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

  async timeline(actor: Actor, caseId: string): Promise<CaseEventResponse[]> {
    await this.access.view(actor, caseId);
    return (await this.repo.eventsOf(caseId)).map(toCaseEvent);
  }

  async putSelfAssessment(actor: Actor, caseId: string, dto: SelfAssessmentDto): Promise<SelfAssessmentItemResponse[]> {
    const { kase } = await this.access.act(actor, caseId);
    if (!canCandidateEdit(kase.status)) throw CaseError.notEditable(kase.status);
    const ids = dto.items.map((i) => i.learningOutcomeId);
    const problems = await this.access.outcomeProblems(kase.standardId, ids, 'items');
    if (problems.length) throw CaseError.invalid(problems);
    await this.repo.replaceSelfAssessment(
      caseId,
      dto.items.map((i) => ({ learningOutcomeId: i.learningOutcomeId, level: i.level, statement: i.statement.trim() })),
    );
    await this.audit.record({ actorId: actor.id, action: 'self_assessment.replaced', subjectType: 'case', subjectId: caseId, data: { outcomes: ids.length } });
    await this.process.candidateActivity(caseId);
    return (await this.repo.selfAssessmentOf(caseId)).map(toSelfAssessmentItem);
  }

  async submit(actor: Actor, caseId: string): Promise<UpdateResultResponse> {
    await this.access.act(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, submitUpdate, { actorId: actor.id }));
  }

  async withdraw(actor: Actor, caseId: string, dto: ReasonDto): Promise<UpdateResultResponse> {
    await this.access.act(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, withdrawUpdate, { actorId: actor.id, reason: dto.reason.trim() }));
  }

  async answerEvidenceRequest(actor: Actor, caseId: string, dto: EvidenceResponseDto): Promise<UpdateResultResponse> {
    await this.access.act(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, answerEvidenceRequestUpdate, { actorId: actor.id, note: dto.note.trim() }));
  }

  async appeal(actor: Actor, caseId: string, dto: ReasonDto): Promise<UpdateResultResponse> {
    await this.access.act(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, appealUpdate, { actorId: actor.id, reason: dto.reason.trim() }));
  }

  async reopen(actor: Actor, caseId: string): Promise<UpdateResultResponse> {
    await this.access.act(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, reopenUpdate, { actorId: actor.id }));
  }
}
