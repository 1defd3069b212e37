import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AuditLogEntity, EvidenceEntity, EvidenceOutcomeEntity } from '../../../../libs/persistence/entities';
import type { AuditEntry } from '../common/audit.repository';

/** Evidence rows and their learning-outcome mappings; removal is soft. */
@Injectable()
export class EvidenceRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(EvidenceEntity) private readonly evidence: Repository<EvidenceEntity>,
  ) {}

  /** The row, its outcome mappings and the audit entry, in one transaction. */
  async insert(row: Partial<EvidenceEntity>, learningOutcomeIds: string[], audit: (id: string) => AuditEntry): Promise<EvidenceEntity> {
    const id = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(EvidenceEntity).save(manager.create(EvidenceEntity, row));
      await manager.getRepository(EvidenceOutcomeEntity).insert(learningOutcomeIds.map((learningOutcomeId) => ({ evidenceId: saved.id, learningOutcomeId })));
      const entry = audit(saved.id);
      await manager.save(manager.create(AuditLogEntity, { ...entry, data: entry.data ?? {} }));
      return saved.id;
    });
    return this.evidence.findOneOrFail({ where: { id }, relations: { outcomes: true } });
  }

  findCurrent(caseId: string, evidenceId: string): Promise<EvidenceEntity | null> {
    return this.evidence.findOne({ where: { id: evidenceId, caseId, removedAt: IsNull() } });
  }

  async softRemove(evidenceId: string, audit: AuditEntry): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(EvidenceEntity).update({ id: evidenceId, removedAt: IsNull() }, { removedAt: new Date() });
      if (!result.affected) return false;
      await manager.save(manager.create(AuditLogEntity, { ...audit, data: audit.data ?? {} }));
      return true;
    });
  }
}
