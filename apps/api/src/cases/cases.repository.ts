import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, Repository } from 'typeorm';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { CANDIDATE_EDITABLE_STATUSES, CaseStatus, FINAL_STATUSES } from '../../../../libs/domain';
import type { CaseStage } from '../../../../libs/domain';
import type { KeysetSort, Page, PageRequest } from '../common/keyset';
import { containsPattern, fetchKeysetPage, inOrder } from '../common/keyset.query';
import { CaseSort, TimelineSort } from './dto/case.dto';
import {
  AssessmentEntity,
  CaseAssessorEntity,
  CaseEntity,
  CaseEventEntity,
  ConflictOfInterestEntity,
  CredentialEntity,
  CredentialRecognitionEntity,
  DecisionEntity,
  EvidenceEntity,
  LearningOutcomeEntity,
  PriorCredentialEntity,
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

/** Whose cases a list holds: the role scoping of CasesService.list, unchanged by paging and filters. */
export interface CaseListScope {
  candidateId?: string;
  awardingBodyId?: string;
  /** Cases on which this assessor holds or held an assignment. */
  assessorId?: string;
}

export interface CaseListFilter {
  status?: CaseStatus[];
  stage?: CaseStage[];
  standardId?: string;
  /** Cases on which this assessor holds an active assignment (an admin's filter). */
  heldBy?: string;
  overdue?: boolean;
  q?: string;
  sort: CaseSort;
}

/** How long a case has been in its status: since its last transition (a case never moved, since it opened). */
export const CASE_STATUS_SINCE = 'COALESCE(c.status_changed_at, c.created_at)';

/** A case of alias c still open: not withdrawn or closed (FINAL_STATUSES), as the dashboard and the metrics count it. */
export const CASE_IS_OPEN = `c.status::text NOT IN (${FINAL_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The next deadline that applies to a case: the earliest of its pending evidence, assessment and appeal deadlines
 * (the workflow keeps only the deadlines of the current status on the row); 'infinity', so last, when none.
 * The reopening deadline of a lapsed case is the candidate's option, not work owed, and does not count.
 */
export const CASE_NEXT_DUE = `COALESCE(LEAST(c.evidence_due_at, c.assessment_due_at, c.appeal_deadline), 'infinity'::timestamptz)`;

/** The sorts of the case lists; migration 1765000000000 indexes each after the body. */
export const CASE_SORTS: Record<CaseSort, KeysetSort> = {
  [CaseSort.CreatedDesc]: { name: CaseSort.CreatedDesc, direction: 'DESC', keys: [{ sql: 'c.created_at', kind: 'timestamp' }, { sql: 'c.id', kind: 'uuid' }] },
  [CaseSort.DueAsc]: { name: CaseSort.DueAsc, direction: 'ASC', keys: [{ sql: CASE_NEXT_DUE, kind: 'timestamp' }, { sql: 'c.id', kind: 'uuid' }] },
  [CaseSort.StatusSinceAsc]: { name: CaseSort.StatusSinceAsc, direction: 'ASC', keys: [{ sql: CASE_STATUS_SINCE, kind: 'timestamp' }, { sql: 'c.id', kind: 'uuid' }] },
};

/** A case's event log by its insertion order (seq is unique). */
export const TIMELINE_SORTS: Record<TimelineSort, KeysetSort> = {
  [TimelineSort.SeqAsc]: { name: TimelineSort.SeqAsc, direction: 'ASC', keys: [{ sql: 'e.seq', kind: 'bigint' }] },
  [TimelineSort.SeqDesc]: { name: TimelineSort.SeqDesc, direction: 'DESC', keys: [{ sql: 'e.seq', kind: 'bigint' }] },
};

/**
 * The cases in `scope` (as before paging: a candidate's own, the cases an assessor holds or held in their body, a
 * body's) that pass `filter`, on a query builder over validation_case aliased `c`. See docs/lists.md.
 */
export function caseListQuery(qb: SelectQueryBuilder<CaseEntity>, scope: CaseListScope, filter: CaseListFilter): SelectQueryBuilder<CaseEntity> {
  if (scope.candidateId) qb.andWhere('c.candidate_id = :scopeCandidateId', { scopeCandidateId: scope.candidateId });
  if (scope.awardingBodyId) qb.andWhere('c.awarding_body_id = :scopeBodyId', { scopeBodyId: scope.awardingBodyId });
  if (scope.assessorId) {
    // the cases the assessor holds or held, except any a conflict of interest ended and every case of a candidate
    // they declared a conflict with (as CaseAccessPolicy decides for a single case)
    qb.andWhere(
      `c.id IN (SELECT ca.case_id FROM case_assessor ca WHERE ca.assessor_id = :scopeAssessorId)
       AND c.id NOT IN (SELECT ended.case_id FROM case_assessor ended WHERE ended.assessor_id = :scopeAssessorId AND ended.status = 'conflict')
       AND c.candidate_id NOT IN (SELECT coi.candidate_id FROM conflict_of_interest coi WHERE coi.assessor_id = :scopeAssessorId)`,
      { scopeAssessorId: scope.assessorId },
    );
  }

  if (filter.status?.length) qb.andWhere('c.status IN (:...status)', { status: filter.status });
  if (filter.stage?.length) qb.andWhere('c.stage IN (:...stage)', { stage: filter.stage });
  if (filter.standardId) qb.andWhere('c.standard_id = :standardId', { standardId: filter.standardId });
  if (filter.heldBy) {
    qb.andWhere(`c.id IN (SELECT held.case_id FROM case_assessor held WHERE held.assessor_id = :heldBy AND held.status = 'active')`, { heldBy: filter.heldBy });
  }
  if (filter.overdue !== undefined) {
    const overdue = `(c.status NOT IN (:...finalStatuses) AND ${CASE_NEXT_DUE} < now())`;
    qb.andWhere(filter.overdue ? overdue : `NOT ${overdue}`, { finalStatuses: [...FINAL_STATUSES] });
  }
  if (filter.q) {
    qb.andWhere(
      '(c.candidate_id IN (SELECT u.id FROM app_user u WHERE u.display_name ILIKE :q) OR c.standard_id IN (SELECT s.id FROM standard s WHERE s.title ILIKE :q))',
      { q: containsPattern(filter.q) },
    );
  }
  return qb;
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

  /** The presented credentials and their verification, of the evidence items named. */
  async priorCredentialsOf(evidenceIds: string[]): Promise<Map<string, PriorCredentialEntity>> {
    if (!evidenceIds.length) return new Map();
    const rows = await this.dataSource.getRepository(PriorCredentialEntity).findBy({ evidenceId: In(evidenceIds) });
    return new Map(rows.map((r) => [r.evidenceId, r]));
  }

  /** The recognitions recorded on the evidence items named, oldest first. */
  recognitionsOf(evidenceIds: string[]): Promise<CredentialRecognitionEntity[]> {
    if (!evidenceIds.length) return Promise.resolve([]);
    return this.dataSource.getRepository(CredentialRecognitionEntity).find({ where: { evidenceId: In(evidenceIds) }, order: { recognisedAt: 'ASC', id: 'ASC' } });
  }

  findOpenCase(candidateId: string, standardId: string): Promise<CaseEntity | null> {
    return this.cases.findOne({ where: { candidateId, standardId, status: Not(In([...FINAL_STATUSES])) } });
  }

  /**
   * One page of the cases in `scope` (as before: a candidate's own, the cases an assessor holds or held in their
   * body, a body's) that pass `filter`, in its sort. See docs/lists.md for the keys and the indexes they use.
   */
  async list(scope: CaseListScope, filter: CaseListFilter, page: PageRequest): Promise<Page<CaseEntity>> {
    const qb = caseListQuery(this.cases.createQueryBuilder('c'), scope, filter);
    const { ids, nextCursor } = await fetchKeysetPage(qb, CASE_SORTS[filter.sort], page);
    if (!ids.length) return { items: [], nextCursor };
    const rows = await this.cases.find({ where: { id: In(ids) }, relations: { standard: true, candidate: true } });
    return { items: inOrder(ids, rows, (r) => r.id), nextCursor };
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

  /** The case's latest credential (a case holds one per awarding decision; earlier ones are revoked). */
  credentialOf(caseId: string): Promise<CredentialEntity | null> {
    return this.credentials.findOne({ where: { caseId }, order: { issuedAt: 'DESC', id: 'DESC' } });
  }

  decisionsOf(caseId: string): Promise<DecisionEntity[]> {
    return this.decisions.find({ where: { caseId }, order: { sequence: 'ASC' } });
  }

  allAssignmentsOf(caseId: string): Promise<CaseAssessorEntity[]> {
    return this.assignments.find({ where: { caseId }, relations: { assessor: true }, order: { assignedAt: 'ASC' } });
  }

  /** Assessments the log says were set aside (a conflict of interest of their assessor): usually none. */
  async setAsideAssessmentIds(caseId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT data->>'assessmentId' AS id FROM case_event WHERE case_id = $1 AND type = 'assessment_set_aside'`,
      [caseId],
    );
    return rows.map((r) => r.id);
  }

  /** The whole event log of a case, in log order (the candidate's view needs it to place the feedback). */
  eventsOf(caseId: string): Promise<CaseEventEntity[]> {
    return this.events.find({ where: { caseId }, order: { seq: 'ASC' } });
  }

  /** One page of a case's event log, in log order (or newest first). */
  async eventsPage(caseId: string, sort: TimelineSort, page: PageRequest): Promise<Page<CaseEventEntity>> {
    const qb = this.events.createQueryBuilder('e').where('e.case_id = :caseId', { caseId });
    const { ids, nextCursor } = await fetchKeysetPage(qb, TIMELINE_SORTS[sort], page);
    if (!ids.length) return { items: [], nextCursor };
    const rows = await this.events.find({ where: { caseId, seq: In(ids.map(Number)) } });
    return { items: inOrder(ids, rows, (r) => String(r.seq)), nextCursor };
  }
}
