import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AuditLogEntity, EvidenceEntity, EvidenceOutcomeEntity } from '../../../../libs/persistence/entities';
import type { AuditEntry } from '../common/audit.repository';
import { touchPortfolio } from '../cases/cases.repository';

/** Evidence rows and their learning-outcome mappings; removal is soft. */
@Injectable()
export class EvidenceRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(EvidenceEntity) private readonly evidence: Repository<EvidenceEntity>,
  ) {}

  /**
   * The row, its outcome mappings and the audit entry, in one transaction that first checks the portfolio is
   * editable (see touchPortfolio); `beforeCommit` runs inside it (the upload moves its file into place there).
   * Null when the case is not editable: nothing is written and `beforeCommit` does not run.
   */
  async insert(
    row: Partial<EvidenceEntity>,
    learningOutcomeIds: string[],
    audit: (id: string) => AuditEntry,
    beforeCommit?: () => Promise<unknown>,
  ): Promise<EvidenceEntity | null> {
    const id = await this.dataSource.transaction(async (manager) => {
      if (!(await touchPortfolio(manager, row.caseId!))) return null;
      const saved = await manager.getRepository(EvidenceEntity).save(manager.create(EvidenceEntity, row));
      await manager.getRepository(EvidenceOutcomeEntity).insert(learningOutcomeIds.map((learningOutcomeId) => ({ evidenceId: saved.id, learningOutcomeId })));
      const entry = audit(saved.id);
      await manager.save(manager.create(AuditLogEntity, { ...entry, data: entry.data ?? {} }));
      await beforeCommit?.();
      return saved.id;
    });
    return id ? this.evidence.findOneOrFail({ where: { id }, relations: { outcomes: true } }) : null;
  }

  async statusOf(caseId: string): Promise<string | null> {
    const rows: { status: string }[] = await this.dataSource.query(`SELECT status FROM validation_case WHERE id = $1`, [caseId]);
    return rows[0]?.status ?? null;
  }

  findCurrent(caseId: string, evidenceId: string): Promise<EvidenceEntity | null> {
    return this.evidence.findOne({ where: { id: evidenceId, caseId, removedAt: IsNull() } });
  }

  /** Removes an item of a portfolio that is still editable: 'removed', 'not_editable' or 'not_found'. */
  async softRemove(caseId: string, evidenceId: string, audit: AuditEntry): Promise<'removed' | 'not_editable' | 'not_found'> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await touchPortfolio(manager, caseId))) return 'not_editable';
      const result = await manager.getRepository(EvidenceEntity).update({ id: evidenceId, caseId, removedAt: IsNull() }, { removedAt: new Date() });
      if (!result.affected) return 'not_found';
      await manager.save(manager.create(AuditLogEntity, { ...audit, data: audit.data ?? {} }));
      return 'removed';
    });
  }
}
