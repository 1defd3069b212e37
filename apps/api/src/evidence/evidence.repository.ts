import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { EvidenceKind } from '../../../../libs/domain';
import { AuditLogEntity, CredentialRecognitionEntity, EvidenceEntity, EvidenceOutcomeEntity } from '../../../../libs/persistence/entities';
import type { AuditEntry } from '../common/audit.repository';
import { touchPortfolio } from '../cases/cases.repository';

/** A case's storage quota, checked in the same transaction as the new file's row. */
export interface QuotaCheck {
  quotaBytes: number;
  addingBytes: number;
}

export type InsertResult = { kind: 'saved'; evidence: EvidenceEntity } | { kind: 'not_editable' } | { kind: 'over_quota'; usedBytes: number };

/** Evidence rows and their learning-outcome mappings; removal is soft. */
@Injectable()
export class EvidenceRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(EvidenceEntity) private readonly evidence: Repository<EvidenceEntity>,
  ) {}

  /**
   * The row, its outcome mappings and the audit entry, in one transaction that first checks the portfolio is
   * editable (see touchPortfolio) and, for a file, that the case's quota holds it; `beforeCommit` runs inside it
   * (the upload moves its file into place there). Nothing is written and `beforeCommit` does not run otherwise.
   */
  async insert(
    row: Partial<EvidenceEntity>,
    learningOutcomeIds: string[],
    audit: (id: string) => AuditEntry,
    options: { quota?: QuotaCheck; beforeCommit?: () => Promise<unknown>; withRow?: (manager: EntityManager, evidenceId: string) => Promise<unknown> } = {},
  ): Promise<InsertResult> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<{ kind: 'saved'; id: string } | Exclude<InsertResult, { kind: 'saved' }>> => {
      if (!(await touchPortfolio(manager, row.caseId!))) return { kind: 'not_editable' };
      if (options.quota) {
        // the case row's lock (touchPortfolio) orders concurrent uploads of one case: the sum cannot go stale
        const usedBytes = await this.storedBytes(manager, row.caseId!);
        if (usedBytes + options.quota.addingBytes > options.quota.quotaBytes) return { kind: 'over_quota', usedBytes };
      }
      const saved = await manager.getRepository(EvidenceEntity).save(manager.create(EvidenceEntity, row));
      await manager.getRepository(EvidenceOutcomeEntity).insert(learningOutcomeIds.map((learningOutcomeId) => ({ evidenceId: saved.id, learningOutcomeId })));
      await options.withRow?.(manager, saved.id);
      const entry = audit(saved.id);
      await manager.save(manager.create(AuditLogEntity, { ...entry, data: entry.data ?? {} }));
      await options.beforeCommit?.();
      return { kind: 'saved', id: saved.id };
    });
    if (outcome.kind !== 'saved') return outcome;
    return { kind: 'saved', evidence: await this.evidence.findOneOrFail({ where: { id: outcome.id }, relations: { outcomes: true } }) };
  }

  /**
   * Bytes of the files uploaded to a case, as sent (renditions not counted). Removed files count: removal only
   * marks the row, and the file is kept with the case's record, so it still takes its room on the disk.
   */
  async storedBytes(manager: EntityManager | null, caseId: string): Promise<number> {
    const rows: { used: string }[] = await (manager ?? this.dataSource).query(
      `SELECT COALESCE(SUM(size_bytes), 0)::text AS used FROM evidence WHERE case_id = $1 AND kind = $2`,
      [caseId, EvidenceKind.File],
    );
    return Number(rows[0]?.used ?? 0);
  }

  async caseOf(caseId: string): Promise<{ status: string; evidenceDueAt: Date | null } | null> {
    const rows: { status: string; evidence_due_at: Date | null }[] = await this.dataSource.query(`SELECT status, evidence_due_at FROM validation_case WHERE id = $1`, [caseId]);
    return rows[0] ? { status: rows[0].status, evidenceDueAt: rows[0].evidence_due_at } : null;
  }

  findCurrent(caseId: string, evidenceId: string): Promise<EvidenceEntity | null> {
    return this.evidence.findOne({ where: { id: evidenceId, caseId, removedAt: IsNull() }, relations: { outcomes: true } });
  }

  /** A recognition and its audit entry; 'exists' when one is already recorded for that evidence and outcome. */
  async insertRecognition(row: Omit<CredentialRecognitionEntity, 'id'>, audit: (id: string) => AuditEntry): Promise<CredentialRecognitionEntity | 'exists'> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO credential_recognition (evidence_id, learning_outcome_id, assessor_id, recognised_at, comment) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (evidence_id, learning_outcome_id) DO NOTHING RETURNING id`,
        [row.evidenceId, row.learningOutcomeId, row.assessorId, row.recognisedAt, row.comment],
      );
      if (!inserted[0]) return 'exists';
      const entry = audit(inserted[0].id);
      await manager.save(manager.create(AuditLogEntity, { ...entry, data: entry.data ?? {} }));
      return manager.getRepository(CredentialRecognitionEntity).findOneByOrFail({ id: inserted[0].id });
    });
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
