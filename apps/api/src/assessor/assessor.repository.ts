import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Not, Repository } from 'typeorm';
import { FINAL_STATUSES, Role } from '../../../../libs/domain';
import { AuditLogEntity, CaseAssessorEntity, ConflictOfInterestEntity, UserEntity } from '../../../../libs/persistence/entities';
import type { AuditEntry } from '../common/audit.repository';

/** An assessor's assignments and conflict-of-interest declarations. */
@Injectable()
export class AssessorRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(CaseAssessorEntity) private readonly assignments: Repository<CaseAssessorEntity>,
    @InjectRepository(ConflictOfInterestEntity) private readonly conflicts: Repository<ConflictOfInterestEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /** The assessor's active assignments, except on cases of a candidate they declared a conflict with (ended at once). */
  async activeAssignments(assessorId: string): Promise<CaseAssessorEntity[]> {
    const conflicted = (await this.conflicts.find({ where: { assessorId }, select: { candidateId: true } })).map((c) => c.candidateId);
    return this.assignments.find({
      where: { assessorId, status: 'active', ...(conflicted.length ? { case: { candidateId: Not(In(conflicted)) } } : {}) },
      relations: { case: { candidate: true, standard: true } },
      order: { assignedAt: 'ASC' },
    });
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
