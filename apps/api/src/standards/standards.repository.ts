import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import type { SelectQueryBuilder } from 'typeorm';
import type { KeysetSort, Page, PageRequest } from '../common/keyset';
import { containsPattern, fetchKeysetPage, inOrder } from '../common/keyset.query';
import { StandardSort } from './dto/standard.dto';
import type { EntityManager } from 'typeorm';
import { AlignmentKind } from '../../../../libs/domain';
import type { Alignment, OutcomeCriteria } from '../../../../libs/domain';
import {
  AwardingBodyEntity,
  CaseEntity,
  LearningOutcomeEntity,
  MicroCredentialSpecEntity,
  StandardEntity,
} from '../../../../libs/persistence/entities';

export interface StandardListFilter {
  published?: boolean;
  q?: string;
  sort: StandardSort;
  /** An ESCO skill URI: standards aligned to it, themselves or through a learning outcome. */
  skill?: string;
  /** An ESCO occupation (or ISCO group) URI, likewise. */
  occupation?: string;
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
    if (filter.skill) this.whereAlignedTo(qb, 's', { kind: AlignmentKind.EscoSkill, uri: filter.skill }, 'skill');
    if (filter.occupation) this.whereAlignedTo(qb, 's', { kind: AlignmentKind.EscoOccupation, uri: filter.occupation }, 'occupation');
    const { ids, nextCursor } = await fetchKeysetPage(qb, STANDARD_SORTS[filter.sort], page);
    if (!ids.length) return { items: [], nextCursor };
    const rows = await this.standards.find({ where: { id: In(ids) }, relations: { awardingBody: true } });
    return { items: inOrder(ids, rows, (r) => r.id), nextCursor };
  }

  /**
   * Narrows a query on standards (aliased `alias`) to those aligned to the concept, on the standard itself or on
   * one of its learning outcomes: jsonb containment, served by the GIN indexes ix_standard_alignments and
   * ix_learning_outcome_alignments (jsonb_path_ops; 1765510000000). `name` keeps parameters apart when called twice.
   */
  whereAlignedTo<T extends object>(qb: SelectQueryBuilder<T>, alias: string, concept: Pick<Alignment, 'kind' | 'uri'>, name = 'aligned'): SelectQueryBuilder<T> {
    const param = `${name}Alignment`;
    return qb.andWhere(
      `(${alias}.alignments @> CAST(:${param} AS jsonb) OR EXISTS (SELECT 1 FROM learning_outcome lo_${name} WHERE lo_${name}.standard_id = ${alias}.id AND lo_${name}.alignments @> CAST(:${param} AS jsonb)))`,
      { [param]: JSON.stringify([{ kind: concept.kind, uri: concept.uri }]) },
    );
  }

  findBody(id: string): Promise<AwardingBodyEntity | null> {
    return this.dataSource.getRepository(AwardingBodyEntity).findOne({ where: { id } });
  }

  async updateOutcomeAlignments(manager: EntityManager, outcomes: { id: string; alignments: Alignment[] }[]): Promise<void> {
    for (const o of outcomes) await manager.getRepository(LearningOutcomeEntity).update({ id: o.id }, { alignments: o.alignments });
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
