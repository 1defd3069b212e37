import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Not, Repository } from 'typeorm';
import { FINAL_STATUSES, Role } from '../../../../libs/domain';
import type { CaseStatus } from '../../../../libs/domain';
import type { KeysetSort, Page, PageRequest } from '../common/keyset';
import { containsPattern, fetchKeysetPage, inOrder } from '../common/keyset.query';
import { QueueSort } from './dto/assessor.dto';
import { AuditLogEntity, CaseAssessorEntity, ConflictOfInterestEntity, UserEntity } from '../../../../libs/persistence/entities';
import type { AuditEntry } from '../common/audit.repository';

export interface QueueFilter {
  status?: CaseStatus[];
  standardId?: string;
  overdue?: boolean;
  q?: string;
  sort: QueueSort;
}

/** The assessment due date of the assignment's case; 'infinity' (last) when it has none. */
const QUEUE_DUE = `COALESCE(c.assessment_due_at, 'infinity'::timestamptz)`;

const QUEUE_SORTS: Record<QueueSort, KeysetSort> = {
  [QueueSort.AssignedAsc]: { name: QueueSort.AssignedAsc, direction: 'ASC', keys: [{ sql: 'ca.assigned_at', kind: 'timestamp' }, { sql: 'ca.id', kind: 'uuid' }] },
  [QueueSort.DueAsc]: { name: QueueSort.DueAsc, direction: 'ASC', keys: [{ sql: QUEUE_DUE, kind: 'timestamp' }, { sql: 'ca.id', kind: 'uuid' }] },
};

/** An assessor's assignments and conflict-of-interest declarations. */
@Injectable()
export class AssessorRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(CaseAssessorEntity) private readonly assignments: Repository<CaseAssessorEntity>,
    @InjectRepository(ConflictOfInterestEntity) private readonly conflicts: Repository<ConflictOfInterestEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /** One page of the assessor's active assignments that pass `filter`, in its sort (index ix_case_assessor_assessor_queue). */
  async activeAssignments(assessorId: string, filter: QueueFilter, page: PageRequest): Promise<Page<CaseAssessorEntity>> {
    const qb = this.assignments
      .createQueryBuilder('ca')
      .innerJoin('ca.case', 'c')
      .where(`ca.assessor_id = :assessorId AND ca.status = 'active'`, { assessorId })
      // a declared conflict of interest ends the assessor's access at once, before the process ends the assignment
      .andWhere('c.candidate_id NOT IN (SELECT coi.candidate_id FROM conflict_of_interest coi WHERE coi.assessor_id = :assessorId)');
    if (filter.status?.length) qb.andWhere('c.status IN (:...status)', { status: filter.status });
    if (filter.standardId) qb.andWhere('c.standard_id = :standardId', { standardId: filter.standardId });
    if (filter.overdue !== undefined) qb.andWhere(`${filter.overdue ? '' : 'NOT '}(${QUEUE_DUE} < now())`);
    if (filter.q) {
      qb.andWhere(
        '(c.candidate_id IN (SELECT u.id FROM app_user u WHERE u.display_name ILIKE :q) OR c.standard_id IN (SELECT s.id FROM standard s WHERE s.title ILIKE :q))',
        { q: containsPattern(filter.q) },
      );
    }
    const { ids, nextCursor } = await fetchKeysetPage(qb, QUEUE_SORTS[filter.sort], page);
    if (!ids.length) return { items: [], nextCursor };
    const rows = await this.assignments.find({ where: { id: In(ids) }, relations: { case: { candidate: true, standard: true } } });
    return { items: inOrder(ids, rows, (r) => r.id), nextCursor };
  }

  /** The standards of the assessor's active assignments (the queue's filter offers them), by title. */
  async queueStandards(assessorId: string): Promise<{ id: string; code: string; title: string }[]> {
    const rows: { id: string; code: string; title: string }[] = await this.assignments
      .createQueryBuilder('ca')
      .innerJoin('ca.case', 'c')
      .innerJoin('c.standard', 's')
      .where(`ca.assessor_id = :assessorId AND ca.status = 'active'`, { assessorId })
      .andWhere('c.candidate_id NOT IN (SELECT coi.candidate_id FROM conflict_of_interest coi WHERE coi.assessor_id = :assessorId)')
      .select(['s.id AS id', 's.code AS code', 's.title AS title'])
      .distinct(true)
      .orderBy('s.title')
      .addOrderBy('s.id')
      .getRawMany();
    return rows;
  }

  findCandidate(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id, role: Role.Candidate } });
  }

  findConflict(assessorId: string, candidateId: string): Promise<ConflictOfInterestEntity | null> {
    return this.conflicts.findOne({ where: { assessorId, candidateId } });
  }

  /** Inserts the declaration unless the pair exists (a concurrent twin is not an error); returns the row and whether it is new. */
  async declareConflict(row: { assessorId: string; candidateId: string; reason: string }, audit: AuditEntry): Promise<{ conflict: ConflictOfInterestEntity; created: boolean }> {
    const created = await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(ConflictOfInterestEntity)
        .values({ ...row, declaredBy: row.assessorId })
        .orIgnore()
        .execute();
      const inserted = (result.raw as unknown[]).length > 0;
      if (inserted) {
        const conflict = await manager.findOneOrFail(ConflictOfInterestEntity, { where: { assessorId: row.assessorId, candidateId: row.candidateId } });
        await manager.save(manager.create(AuditLogEntity, { ...audit, subjectId: conflict.id, data: audit.data ?? {} }));
      }
      return inserted;
    });
    return { conflict: (await this.findConflict(row.assessorId, row.candidateId))!, created };
  }

  /** Open cases of the candidate on which the assessor holds an active assignment. */
  async openCasesHeldBy(assessorId: string, candidateId: string): Promise<string[]> {
    const rows = await this.assignments.find({
      where: { assessorId, status: 'active', case: { candidateId, status: Not(In([...FINAL_STATUSES])) } },
      relations: { case: true },
    });
    return [...new Set(rows.map((r) => r.caseId))];
  }
}
