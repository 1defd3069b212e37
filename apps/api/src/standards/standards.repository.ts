import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import type { KeysetSort, Page, PageRequest } from '../common/keyset';
import { containsPattern, fetchKeysetPage, inOrder } from '../common/keyset.query';
import { StandardSort } from './dto/standard.dto';
import type { EntityManager } from 'typeorm';
import type { OutcomeCriteria } from '../../../../libs/domain';
import {
  CaseEntity,
  LearningOutcomeEntity,
  MicroCredentialSpecEntity,
  StandardEntity,
} from '../../../../libs/persistence/entities';

export interface StandardListFilter {
  published?: boolean;
  q?: string;
  sort: StandardSort;
}

/** Standards by title (index ix_standard_title), ties by id. */
const STANDARD_SORTS: Record<StandardSort, KeysetSort> = {
  [StandardSort.TitleAsc]: { name: StandardSort.TitleAsc, direction: 'ASC', keys: [{ sql: 's.title', kind: 'text' }, { sql: 's.id', kind: 'uuid' }] },
};

const ORDER = { learningOutcomes: { position: 'ASC', criteria: { position: 'ASC' } } } as const;

/** Standards with their learning outcomes, criteria and micro-credential specification. */
@Injectable()
export class StandardsRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(StandardEntity) private readonly standards: Repository<StandardEntity>,
    @InjectRepository(MicroCredentialSpecEntity) private readonly specs: Repository<MicroCredentialSpecEntity>,
    @InjectRepository(LearningOutcomeEntity) private readonly outcomes: Repository<LearningOutcomeEntity>,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
  ) {}

  /**
   * One page of the standards this reader may list, that pass `filter`: the catalogue (published standards of
   * every body) for a candidate; a body's own standards for its staff.
   */
  async listVisible(reader: { staffOf: string | null } | 'catalogue', filter: StandardListFilter, page: PageRequest): Promise<Page<StandardEntity>> {
    if (reader !== 'catalogue' && !reader.staffOf) return { items: [], nextCursor: null };
    const qb = this.standards.createQueryBuilder('s');
    if (reader === 'catalogue') qb.where('s.published = true');
    else qb.where('s.awarding_body_id = :ownBodyId', { ownBodyId: reader.staffOf });
    if (filter.published !== undefined) qb.andWhere('s.published = :published', { published: filter.published });
    if (filter.q) qb.andWhere('s.title ILIKE :q', { q: containsPattern(filter.q) });
    const { ids, nextCursor } = await fetchKeysetPage(qb, STANDARD_SORTS[filter.sort], page);
    if (!ids.length) return { items: [], nextCursor };
    const rows = await this.standards.find({ where: { id: In(ids) }, relations: { awardingBody: true } });
    return { items: inOrder(ids, rows, (r) => r.id), nextCursor };
  }

  findWithOutcomes(id: string): Promise<StandardEntity | null> {
    return this.standards.findOne({ where: { id }, relations: { awardingBody: true, learningOutcomes: { criteria: true } }, order: ORDER });
  }

  findSpec(standardId: string): Promise<MicroCredentialSpecEntity | null> {
    return this.specs.findOne({ where: { standardId } });
  }

  async codeTaken(awardingBodyId: string, code: string, exceptId?: string): Promise<boolean> {
    const found = await this.standards.findOne({ where: { awardingBodyId, code }, select: { id: true } });
    return !!found && found.id !== exceptId;
  }

  async hasCases(standardId: string): Promise<boolean> {
    return (await this.cases.count({ where: { standardId } })) > 0;
  }

  /** The learning outcomes of a standard with their criterion ids, in order. */
  async outcomeCriteria(standardId: string): Promise<OutcomeCriteria[]> {
    const rows = await this.outcomes.find({ where: { standardId }, relations: { criteria: true }, order: { position: 'ASC', criteria: { position: 'ASC' } } });
    return rows.map((o) => ({ learningOutcomeId: o.id, criterionIds: (o.criteria ?? []).map((c) => c.id) }));
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(manager: EntityManager, standard: Partial<StandardEntity>, spec: Partial<MicroCredentialSpecEntity>): Promise<string> {
    const saved = await manager.getRepository(StandardEntity).save(manager.create(StandardEntity, standard));
    await manager.getRepository(MicroCredentialSpecEntity).save(manager.create(MicroCredentialSpecEntity, { ...spec, standardId: saved.id }));
    return saved.id;
  }

  async updateFields(manager: EntityManager, id: string, fields: Partial<StandardEntity>): Promise<void> {
    await manager.getRepository(StandardEntity).update({ id }, fields);
  }

  async replaceOutcomes(manager: EntityManager, standardId: string, outcomes: Partial<LearningOutcomeEntity>[]): Promise<void> {
    await manager.getRepository(LearningOutcomeEntity).delete({ standardId });
    await manager.getRepository(LearningOutcomeEntity).save(outcomes.map((o) => manager.create(LearningOutcomeEntity, { ...o, standardId })));
  }

  async upsertSpec(manager: EntityManager, standardId: string, spec: Partial<MicroCredentialSpecEntity>): Promise<void> {
    const repo = manager.getRepository(MicroCredentialSpecEntity);
    const existing = await repo.findOne({ where: { standardId } });
    await repo.save(repo.create({ ...(existing ?? {}), ...spec, standardId }));
  }
}
