import { Injectable } from '@nestjs/common';
import { assessmentProblems } from '../../../../libs/domain';
import { acceptAssignmentUpdate, recordAssessmentUpdate, requestEvidenceUpdate } from '../../../../workflows/messages';
import { CaseAccessService } from '../cases/case-access.service';
import { toUpdateResult } from '../cases/dto/case.response';
import type { UpdateResultResponse } from '../cases/dto/case.response';
import { CaseProcess } from '../common/case-process.service';
import type { Actor } from '../common/decorators';
import { StandardsRepository } from '../standards/standards.repository';
import { AssessorError } from './assessor.errors';
import { AssessorRepository } from './assessor.repository';
import type { DeclareConflictDto, EvidenceRequestDto, QueueQueryDto, RecordAssessmentDto } from './dto/assessor.dto';
import { QueueSort } from './dto/assessor.dto';
import type { Page } from '../common/keyset';
import { pageRequest } from '../common/page.dto';
import type { ConflictResponse, QueueItemResponse } from './dto/assessor.response';
import { toConflict, toQueueItem } from './dto/assessor.response';

/** An assessor's work: the queue, accepting a case, judging it, asking for more evidence, declaring conflicts. */
@Injectable()
export class AssessorService {
  constructor(
    private readonly repo: AssessorRepository,
    private readonly access: CaseAccessService,
    private readonly standards: StandardsRepository,
    private readonly process: CaseProcess,
  ) {}

  async queue(actor: Actor, query: QueueQueryDto): Promise<Page<QueueItemResponse>> {
    const filter = { status: query.status, standardId: query.standardId, overdue: query.overdue, q: query.q?.trim(), sort: query.sort ?? QueueSort.AssignedAsc };
    const page = await this.repo.activeAssignments(actor.id, filter, pageRequest(query));
    return { items: page.items.map(toQueueItem), nextCursor: page.nextCursor };
  }

  /** The standards the queue's cases are on: what the queue can be filtered by. */
  queueStandards(actor: Actor): Promise<{ id: string; code: string; title: string }[]> {
    return this.repo.queueStandards(actor.id);
  }

  async accept(actor: Actor, caseId: string): Promise<UpdateResultResponse> {
    await this.access.step(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, acceptAssignmentUpdate, { assessorId: actor.id }));
  }

  async recordAssessment(actor: Actor, caseId: string, dto: RecordAssessmentDto): Promise<UpdateResultResponse> {
    const { kase } = await this.access.step(actor, caseId);
    const outcomes = await this.standards.outcomeCriteria(kase.standardId);
    const problems = assessmentProblems(outcomes, dto.judgements, dto.recommendation);
    if (problems.length) throw AssessorError.invalid(problems);
    const assessment = {
      judgements: dto.judgements.map((j) => ({ criterionId: j.criterionId, result: j.result, score: j.score ?? null, comment: j.comment?.trim() || null })),
      recommendation: dto.recommendation,
      comment: dto.comment.trim(),
    };
    return toUpdateResult(await this.process.update(caseId, recordAssessmentUpdate, { assessorId: actor.id, assessment }));
  }

  async requestEvidence(actor: Actor, caseId: string, dto: EvidenceRequestDto): Promise<UpdateResultResponse> {
    const { kase } = await this.access.step(actor, caseId);
    const problems = await this.access.outcomeProblems(kase.standardId, dto.learningOutcomeIds, 'learningOutcomeIds');
    if (problems.length) throw AssessorError.invalid(problems);
    return toUpdateResult(
      await this.process.update(caseId, requestEvidenceUpdate, { assessorId: actor.id, message: dto.message.trim(), learningOutcomeIds: dto.learningOutcomeIds }),
    );
  }

  /**
   * Records the declaration (once per pair: repeating it is harmless), then tells every open case of the candidate
   * that this assessor holds, so its workflow reassigns it. A repeat re-sends those signals, so a retry after a
   * Temporal outage completes the job.
   */
  async declareConflict(actor: Actor, dto: DeclareConflictDto): Promise<ConflictResponse> {
    const candidate = await this.repo.findCandidate(dto.candidateId);
    if (!candidate) throw AssessorError.candidateNotFound();
    const { conflict, created } = await this.repo.declareConflict(
      { assessorId: actor.id, candidateId: candidate.id, reason: dto.reason.trim() },
      { actorId: actor.id, action: 'conflict.declared', subjectType: 'conflict_of_interest', subjectId: '', data: { candidateId: candidate.id } },
    );
    const affected = await this.repo.openCasesHeldBy(actor.id, candidate.id);
    for (const caseId of affected) await this.process.conflictDeclared(caseId, actor.id);
    return toConflict(conflict, created, affected);
  }
}
