import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, Repository } from 'typeorm';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { CANDIDATE_EDITABLE_STATUSES, CaseStatus, FINAL_STATUSES } from '../../../../libs/domain';
import {
  AssessmentEntity,
  CaseAssessorEntity,
  CaseEntity,
  CaseEventEntity,
  ConflictOfInterestEntity,
  CredentialEntity,
  DecisionEntity,
  EvidenceEntity,
  LearningOutcomeEntity,
  SelfAssessmentEntity,
} from '../../../../libs/persistence/entities';
import type { SelfAssessmentLevel } from '../../../../libs/domain';

/**
 * The portfolio changes only while the case is a draft or evidence is requested. This conditional write marks the
 * candidate's activity (the draft's inactivity clock reads it) and holds the case row's lock until the caller's
 * transaction ends, so a submission (the workflow's status write) cannot slip between the check and the change:
 * an edit either lands before the submission or is refused. False when the case is not editable.
 */
export async function touchPortfolio(manager: EntityManager, caseId: string): Promise<boolean> {
  // the same rule as portfolioOpen (libs/domain): an evidence request's deadline closes the portfolio at once,
  // before the process has recorded the withdrawal that follows it
  const rows: unknown[] = await manager.query(
    `UPDATE validation_case SET last_activity_at = now()
      WHERE id = $1 AND status = ANY($2::case_status[])
        AND (status <> $3::case_status OR evidence_due_at IS NULL OR evidence_due_at > clock_timestamp())
      RETURNING id`,
    [caseId, [...CANDIDATE_EDITABLE_STATUSES], CaseStatus.EvidenceRequested],
  );
  // pg answers [rows, count] for an UPDATE ... RETURNING through TypeORM's query()
  const returned = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
  return returned.length > 0;
}

/** Cases and what hangs off them, as read by the API; the status columns are written only by the workflow. */
@Injectable()
export class CasesRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
    @InjectRepository(CaseAssessorEntity) private readonly assignments: Repository<CaseAssessorEntity>,
    @InjectRepository(SelfAssessmentEntity) private readonly selfAssessments: Repository<SelfAssessmentEntity>,
    @InjectRepository(EvidenceEntity) private readonly evidence: Repository<EvidenceEntity>,
    @InjectRepository(AssessmentEntity) private readonly assessments: Repository<AssessmentEntity>,
    @InjectRepository(DecisionEntity) private readonly decisions: Repository<DecisionEntity>,
    @InjectRepository(CredentialEntity) private readonly credentials: Repository<CredentialEntity>,
    @InjectRepository(CaseEventEntity) private readonly events: Repository<CaseEventEntity>,
    @InjectRepository(LearningOutcomeEntity) private readonly outcomes: Repository<LearningOutcomeEntity>,
    @InjectRepository(ConflictOfInterestEntity) private readonly conflicts: Repository<ConflictOfInterestEntity>,
  ) {}

  findCase(id: string): Promise<CaseEntity | null> {
    return this.cases.findOne({ where: { id } });
  }

  findCaseWithStandard(id: string): Promise<CaseEntity | null> {
    return this.cases.findOne({ where: { id }, relations: { standard: { awardingBody: true }, candidate: true } });
  }

  assignmentsOf(caseId: string, assessorId: string): Promise<CaseAssessorEntity[]> {
    return this.assignments.find({ where: { caseId, assessorId }, order: { assignedAt: 'DESC' } });
  }

  /** Whether the assessor declared a conflict of interest with the candidate. */
  async conflictDeclared(assessorId: string, candidateId: string): Promise<boolean> {
    return this.conflicts.exists({ where: { assessorId, candidateId } });
  }

  /** The candidates an assessor declared a conflict of interest with: their cases are not the assessor's to see. */
  async conflictedCandidates(assessorId: string): Promise<string[]> {
    return (await this.conflicts.find({ where: { assessorId }, select: { candidateId: true } })).map((c) => c.candidateId);
  }

  findOpenCase(candidateId: string, standardId: string): Promise<CaseEntity | null> {
    return this.cases.findOne({ where: { candidateId, standardId, status: Not(In([...FINAL_STATUSES])) } });
  }

  async list(where: { candidateId?: string; awardingBodyId?: string; assessorId?: string; status?: CaseStatus }): Promise<CaseEntity[]> {
    const filter: FindOptionsWhere<CaseEntity> = {};
    if (where.candidateId) filter.candidateId = where.candidateId;
    if (where.awardingBodyId) filter.awardingBodyId = where.awardingBodyId;
    if (where.status) filter.status = where.status;
    if (where.assessorId) {
      // the cases the assessor holds or held, except every case of a candidate they declared a conflict with
      // (and any case whose assignment a conflict ended), as CaseAccessService decides for a single case
      const rows = await this.assignments.find({ where: { assessorId: where.assessorId }, select: { caseId: true, status: true } });
      const ended = new Set(rows.filter((r) => r.status === 'conflict').map((r) => r.caseId));
      const ids = [...new Set(rows.map((r) => r.caseId))].filter((id) => !ended.has(id));
      if (!ids.length) return [];
      filter.id = In(ids);
      const conflicted = await this.conflictedCandidates(where.assessorId);
      if (conflicted.length) filter.candidateId = Not(In(conflicted));
    }
    return this.cases.find({ where: filter, relations: { standard: true, candidate: true }, order: { createdAt: 'DESC' }, take: 500 });
  }

  outcomesOfStandard(standardId: string): Promise<LearningOutcomeEntity[]> {
    return this.outcomes.find({ where: { standardId }, relations: { criteria: true }, order: { position: 'ASC', criteria: { position: 'ASC' } } });
  }

  selfAssessmentOf(caseId: string): Promise<SelfAssessmentEntity[]> {
    return this.selfAssessments.find({ where: { caseId } });
  }

  /**
   * Replaces the whole self-assessment (outcomes left out are removed), if the portfolio is still editable; false
   * when it is not. The check and the write are one transaction (see touchPortfolio).
   */
  async replaceSelfAssessment(caseId: string, items: { learningOutcomeId: string; level: SelfAssessmentLevel; statement: string }[]): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await touchPortfolio(manager, caseId))) return false;
      const repo = manager.getRepository(SelfAssessmentEntity);
      const keep = items.map((i) => i.learningOutcomeId);
      await repo.delete(keep.length ? { caseId, learningOutcomeId: Not(In(keep)) } : { caseId });
      if (items.length) await repo.upsert(items.map((i) => ({ caseId, ...i })), { conflictPaths: ['caseId', 'learningOutcomeId'] });
      return true;
    });
  }

  currentEvidenceOf(caseId: string): Promise<EvidenceEntity[]> {
    return this.evidence.find({ where: { caseId, removedAt: IsNull() }, relations: { outcomes: true }, order: { createdAt: 'ASC' } });
  }

  assessmentsOf(caseId: string): Promise<AssessmentEntity[]> {
    return this.assessments.find({ where: { caseId }, relations: { judgements: true }, order: { recordedAt: 'ASC' } });
  }

  credentialOf(caseId: string): Promise<CredentialEntity | null> {
    return this.credentials.findOne({ where: { caseId } });
  }

  decisionsOf(caseId: string): Promise<DecisionEntity[]> {
    return this.decisions.find({ where: { caseId }, order: { sequence: 'ASC' } });
  }

  allAssignmentsOf(caseId: string): Promise<CaseAssessorEntity[]> {
    return this.assignments.find({ where: { caseId }, relations: { assessor: true }, order: { assignedAt: 'ASC' } });
  }

  eventsOf(caseId: string): Promise<CaseEventEntity[]> {
    return this.events.find({ where: { caseId }, order: { seq: 'ASC' } });
  }
}
