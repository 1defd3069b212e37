import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../../../libs/persistence/entities';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

/** audit_log: the API's record of its own content changes (standards, evidence, conflicts, sessions). */
@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditLogEntity) private readonly repo: Repository<AuditLogEntity>) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditLogEntity) : this.repo;
    await repo.save(repo.create({ ...entry, data: entry.data ?? {} }));
  }
}
