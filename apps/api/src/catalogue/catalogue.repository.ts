import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { SelectQueryBuilder } from 'typeorm';
import { AlignmentKind } from '../../../../libs/domain';
import type { CreditSystem } from '../../../../libs/domain';
import { CaseEntity, MicroCredentialSpecEntity, StandardEntity } from '../../../../libs/persistence/entities';
import type { KeysetSort, Page, PageRequest } from '../common/keyset';
import { containsPattern, fetchKeysetPage, inOrder } from '../common/keyset.query';

export interface CatalogueFilter {
  q?: string;
  skill?: string;
  occupation?: string;
  eqfLevel?: number;
  eqfLevelMin?: number;
  eqfLevelMax?: number;
  creditsMin?: number;
  creditsMax?: number;
  creditSystem?: CreditSystem;
  language?: string;
  awardingBodyId?: string;
}

/** A published standard with its body, outcomes (with criteria, in order) and micro-credential specification. */
export interface CatalogueRow {
  standard: StandardEntity;
  spec: MicroCredentialSpecEntity | null;
}

/** Durations from submission to decision of one standard's closed cases, in days. */
export interface DecidedCaseStats {
  closedCases: number;
  medianDays: number | null;
  p80Days: number | null;
}

/** Published standards by title (partial index ix_standard_catalogue_title), ties by id. */
export const CATALOGUE_SORT: KeysetSort = { name: 'title_asc', direction: 'ASC', keys: [{ sql: 's.title', kind: 'text' }, { sql: 's.id', kind: 'uuid' }] };

/**
 * The catalogue's FROM and WHERE over `qb` (alias s): published standards that pass every filter given. An
 * alignment filter is a semi-join on the union of the standards and the outcomes that carry the concept, each
 * found through its GIN index (`alignments @> '[{"kind": …, "uri": …}]'`, jsonb_path_ops); language uses the GIN
 * index on languages (`languages @> ARRAY[code]`); q the trigram indexes on title and description; the order is
 * the partial index ix_standard_catalogue_title. test/integration/catalogue-plans.test.ts checks the plans.
 */
export function catalogueQuery(qb: SelectQueryBuilder<StandardEntity>, filter: CatalogueFilter): SelectQueryBuilder<StandardEntity> {
  qb.where('s.published = true');
  if (filter.q) qb.andWhere('(s.title ILIKE :q OR s.description ILIKE :q)', { q: containsPattern(filter.q) });
  const aligned = (name: string, kind: AlignmentKind, uri: string) => {
    const concept = `CAST(:${name} AS jsonb)`;
    qb.andWhere(
      `s.id IN (SELECT a.id FROM standard a WHERE a.alignments @> ${concept} UNION SELECT lo.standard_id FROM learning_outcome lo WHERE lo.alignments @> ${concept})`,
      { [name]: JSON.stringify([{ kind, uri }]) },
    );
  };
  if (filter.skill) aligned('skill', AlignmentKind.EscoSkill, filter.skill);
  if (filter.occupation) aligned('occupation', AlignmentKind.EscoOccupation, filter.occupation);
  if (filter.eqfLevel !== undefined) qb.andWhere('s.eqf_level = :eqfLevel', { eqfLevel: filter.eqfLevel });
  if (filter.eqfLevelMin !== undefined) qb.andWhere('s.eqf_level >= :eqfLevelMin', { eqfLevelMin: filter.eqfLevelMin });
  if (filter.eqfLevelMax !== undefined) qb.andWhere('s.eqf_level <= :eqfLevelMax', { eqfLevelMax: filter.eqfLevelMax });
  if (filter.creditSystem) qb.andWhere('s.credit_system = :creditSystem', { creditSystem: filter.creditSystem });
  if (filter.creditsMin !== undefined) qb.andWhere('s.credits >= :creditsMin', { creditsMin: filter.creditsMin });
  if (filter.creditsMax !== undefined) qb.andWhere('s.credits <= :creditsMax', { creditsMax: filter.creditsMax });
  if (filter.language) qb.andWhere('s.languages @> ARRAY[CAST(:language AS text)]', { language: filter.language });
  if (filter.awardingBodyId) qb.andWhere('s.awarding_body_id = :awardingBodyId', { awardingBodyId: filter.awardingBodyId });
  return qb;
}

/**
 * Per standard of `ids`: its closed cases that were submitted and decided (`closedCases`) and the median and 80th
 * percentile (percentile_cont: linear between the two nearest cases) of the days from submission to the last
 * decision (validation_case.submitted_at and decided_at, written with the transitions). Served by the partial
 * index ix_validation_case_standard_decided.
 */
export function decidedCaseStatsQuery(qb: SelectQueryBuilder<CaseEntity>, ids: string[]): SelectQueryBuilder<CaseEntity> {
  const days = 'EXTRACT(EPOCH FROM (c.decided_at - c.submitted_at)) / 86400.0';
  return qb
    .select('c.standard_id', 'standardId')
    .addSelect('COUNT(*)', 'closedCases')
    .addSelect(`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days})`, 'medianDays')
    .addSelect(`percentile_cont(0.8) WITHIN GROUP (ORDER BY ${days})`, 'p80Days')
    .where('c.standard_id IN (:...ids)', { ids })
    .andWhere('c.closed_at IS NOT NULL AND c.submitted_at IS NOT NULL AND c.decided_at IS NOT NULL')
    .groupBy('c.standard_id');
}

const ORDER = { learningOutcomes: { position: 'ASC', criteria: { position: 'ASC' } } } as const;

/** The public catalogue's reads: published standards only, whatever the filter. */
@Injectable()
export class CatalogueRepository {
  constructor(
    @InjectRepository(StandardEntity) private readonly standards: Repository<StandardEntity>,
    @InjectRepository(MicroCredentialSpecEntity) private readonly specs: Repository<MicroCredentialSpecEntity>,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
  ) {}

  /**
   * One page of published standards that pass `filter`, by title (see catalogueQuery); with their outcomes and
   * criteria when `outcomes` (the feeds), without for the list's summaries.
   */
  async page(filter: CatalogueFilter, page: PageRequest, outcomes: boolean): Promise<Page<CatalogueRow>> {
    const { ids, nextCursor } = await fetchKeysetPage(catalogueQuery(this.standards.createQueryBuilder('s'), filter), CATALOGUE_SORT, page);
    return { items: await this.load(ids, outcomes), nextCursor };
  }

  /** One published standard, or null (unknown, or a draft). */
  /** The awarding bodies that publish at least one standard, by name (the catalogue's filter offers them). */
  async publishingBodies(): Promise<{ id: string; name: string }[]> {
    return this.standards
      .createQueryBuilder('s')
      .innerJoin('s.awardingBody', 'b')
      .select('b.id', 'id')
      .addSelect('b.name', 'name')
      .where('s.published = true')
      .distinct(true)
      .orderBy('b.name', 'ASC')
      .getRawMany<{ id: string; name: string }>();
  }

  async published(id: string): Promise<CatalogueRow | null> {
    const [row] = await this.load([id], true);
    return row ?? null;
  }

  /** The published standards of `ids` with what an entry shows, in the order of `ids`; drafts are left out. */
  private async load(ids: string[], outcomes: boolean): Promise<CatalogueRow[]> {
    if (!ids.length) return [];
    const [standards, specs] = await Promise.all([
      outcomes
        ? this.standards.find({ where: { id: In(ids), published: true }, relations: { awardingBody: true, learningOutcomes: { criteria: true } }, order: ORDER })
        : this.standards.find({ where: { id: In(ids), published: true }, relations: { awardingBody: true } }),
      this.specs.find({ where: { standardId: In(ids) } }),
    ]);
    const specOf = new Map(specs.map((s) => [s.standardId, s]));
    return inOrder(ids, standards, (s) => s.id).map((standard) => ({ standard, spec: specOf.get(standard.id) ?? null }));
  }

  /** decidedCaseStatsQuery for a whole page at once: one grouped query; standards without such cases are absent. */
  async decidedCaseStats(ids: string[]): Promise<Map<string, DecidedCaseStats>> {
    if (!ids.length) return new Map();
    const rows: { standardId: string; closedCases: string; medianDays: number | null; p80Days: number | null }[] = await decidedCaseStatsQuery(
      this.cases.createQueryBuilder('c'),
      ids,
    ).getRawMany();
    return new Map(
      rows.map((r) => [
        r.standardId,
        { closedCases: Number(r.closedCases), medianDays: r.medianDays === null ? null : Number(r.medianDays), p80Days: r.p80Days === null ? null : Number(r.p80Days) },
      ]),
    );
  }
}
