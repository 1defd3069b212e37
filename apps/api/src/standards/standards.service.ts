import { Injectable } from '@nestjs/common';
import { LearningSetting, Role, settingsInputProblems } from '../../../../libs/domain';
import type { ProcessSettingsOverrides } from '../../../../libs/domain';
import type { LearningOutcomeEntity, MicroCredentialSpecEntity, StandardEntity } from '../../../../libs/persistence/entities';
import { AuditRepository } from '../common/audit.repository';
import type { Actor } from '../common/decorators';
import type { CreateStandardDto, LearningOutcomeDto, ListStandardsQueryDto, MicroCredentialSpecDto, UpdateStandardDto } from './dto/standard.dto';
import { StandardSort } from './dto/standard.dto';
import type { Page } from '../common/keyset';
import { pageRequest } from '../common/page.dto';
import type { StandardDetailResponse, StandardSummaryResponse } from './dto/standard.response';
import { toStandardDetail, toStandardSummary } from './dto/standard.response';
import { StandardError } from './standards.errors';
import { StandardsRepository } from './standards.repository';

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

function outcomeProblems(outcomes: LearningOutcomeDto[]): string[] {
  const problems: string[] = [];
  for (const code of duplicates(outcomes.map((o) => o.code))) problems.push(`learning outcome code ${code} is used twice`);
  for (const outcome of outcomes) {
    for (const code of duplicates(outcome.criteria.map((c) => c.code))) {
      problems.push(`criterion code ${code} is used twice in learning outcome ${outcome.code}`);
    }
  }
  return problems;
}

function creditProblems(credits: number | null | undefined, system: unknown): string[] {
  return (credits == null) !== (system == null) ? ['credits and creditSystem go together: give both or neither'] : [];
}

function toOutcomeRows(outcomes: LearningOutcomeDto[]): Partial<LearningOutcomeEntity>[] {
  return outcomes.map((o, i) => ({
    code: o.code,
    description: o.description.trim(),
    position: i + 1,
    criteria: o.criteria.map((c, j) => ({ code: c.code, description: c.description.trim(), position: j + 1 })),
  })) as Partial<LearningOutcomeEntity>[];
}

function toSpecRow(spec: MicroCredentialSpecDto): Partial<MicroCredentialSpecEntity> {
  return {
    title: spec.title.trim(),
    typeOfAssessment: spec.typeOfAssessment.trim(),
    formOfParticipation: spec.formOfParticipation,
    learningSetting: spec.learningSetting ?? LearningSetting.NonFormal,
    typeOfQualityAssurance: spec.typeOfQualityAssurance.trim(),
    prerequisites: spec.prerequisites ?? null,
    supervisionAndIdentityVerification: spec.supervisionAndIdentityVerification ?? null,
    validityMonths: spec.validityMonths ?? null,
    stackableInto: (spec.stackableInto ?? []).map((s) => ({ title: s.title, ...(s.reference ? { reference: s.reference } : {}) })),
    furtherInformation: spec.furtherInformation ?? null,
  };
}

/** Standards: everyone reads the published ones; a body's admins write their own body's. */
@Injectable()
export class StandardsService {
  constructor(
    private readonly repo: StandardsRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Candidates read the published catalogue; a body's admins and assessors their own body's standards only. */
  async list(actor: Actor, query: ListStandardsQueryDto): Promise<Page<StandardSummaryResponse>> {
    const reader = actor.role === Role.Candidate ? 'catalogue' : { staffOf: actor.awardingBodyId };
    const filter = { published: query.published, q: query.q?.trim(), sort: query.sort ?? StandardSort.TitleAsc };
    const page = await this.repo.listVisible(reader, filter, pageRequest(query));
    return { items: page.items.map(toStandardSummary), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<StandardDetailResponse> {
    const standard = await this.visible(actor, id);
    return toStandardDetail(standard, await this.repo.findSpec(id));
  }

  async create(actor: Actor, dto: CreateStandardDto): Promise<StandardDetailResponse> {
    const bodyId = this.ownBody(actor);
    const problems = [
      ...outcomeProblems(dto.learningOutcomes),
      ...creditProblems(dto.credits, dto.creditSystem),
      ...(dto.settings ? settingsInputProblems(dto.settings) : []),
    ];
    if (problems.length) throw StandardError.invalid(problems);
    if (await this.repo.codeTaken(bodyId, dto.code)) throw StandardError.codeTaken(dto.code);
    const id = await this.repo.transaction(async (manager) => {
      const standardId = await this.repo.insert(
        manager,
        {
          awardingBodyId: bodyId,
          code: dto.code,
          title: dto.title.trim(),
          description: dto.description?.trim() ?? '',
          eqfLevel: dto.eqfLevel,
          nqfLevel: dto.nqfLevel ?? null,
          credits: dto.credits ?? null,
          creditSystem: dto.creditSystem ?? null,
          workloadHours: dto.workloadHours,
          settings: (dto.settings ?? {}) as ProcessSettingsOverrides,
          published: dto.published ?? false,
          learningOutcomes: toOutcomeRows(dto.learningOutcomes) as LearningOutcomeEntity[],
        },
        toSpecRow(dto.microCredential),
      );
      await this.audit.record(
        { actorId: actor.id, action: 'standard.created', subjectType: 'standard', subjectId: standardId, data: { code: dto.code, published: dto.published ?? false } },
        manager,
      );
      return standardId;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdateStandardDto): Promise<StandardDetailResponse> {
    const bodyId = this.ownBody(actor);
    const standard = await this.repo.findWithOutcomes(id);
    // another body's standard does not exist for this body's admins (docs/access.md)
    if (!standard || standard.awardingBodyId !== bodyId) throw StandardError.notFound();

    const changed = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
    if (!changed.length) throw StandardError.invalid(['send at least one field to change']);
    const credits = dto.credits !== undefined ? dto.credits : standard.credits;
    const creditSystem = dto.creditSystem !== undefined ? dto.creditSystem : standard.creditSystem;
    const problems = [
      ...(dto.learningOutcomes ? outcomeProblems(dto.learningOutcomes) : []),
      ...creditProblems(credits, creditSystem),
      ...(dto.settings ? settingsInputProblems(dto.settings) : []),
      ...(dto.eqfLevel === null ? ['eqfLevel cannot be removed'] : []),
      ...(dto.workloadHours === null ? ['workloadHours cannot be removed'] : []),
      ...(dto.title === null || dto.code === null ? ['code and title cannot be removed'] : []),
    ];
    if (problems.length) throw StandardError.invalid(problems);
    if (dto.code && dto.code !== standard.code && (await this.repo.codeTaken(bodyId, dto.code, id))) throw StandardError.codeTaken(dto.code);
    if (dto.learningOutcomes && (await this.repo.hasCases(id))) throw StandardError.outcomesInUse();

    await this.repo.transaction(async (manager) => {
      const fields: Partial<StandardEntity> = {};
      if (dto.code !== undefined) fields.code = dto.code;
      if (dto.title !== undefined) fields.title = dto.title.trim();
      if (dto.description !== undefined) fields.description = dto.description?.trim() ?? '';
      if (dto.eqfLevel !== undefined) fields.eqfLevel = dto.eqfLevel;
      if (dto.nqfLevel !== undefined) fields.nqfLevel = dto.nqfLevel ?? null;
      if (dto.credits !== undefined) fields.credits = dto.credits ?? null;
      if (dto.creditSystem !== undefined) fields.creditSystem = dto.creditSystem ?? null;
      if (dto.workloadHours !== undefined) fields.workloadHours = dto.workloadHours;
      if (dto.settings !== undefined) fields.settings = (dto.settings ?? {}) as ProcessSettingsOverrides;
      if (dto.published !== undefined) fields.published = dto.published ?? false;
      fields.version = standard.version + 1;
      await this.repo.updateFields(manager, id, fields);
      if (dto.learningOutcomes) await this.repo.replaceOutcomes(manager, id, toOutcomeRows(dto.learningOutcomes));
      if (dto.microCredential) await this.repo.upsertSpec(manager, id, toSpecRow(dto.microCredential));
      await this.audit.record({ actorId: actor.id, action: 'standard.updated', subjectType: 'standard', subjectId: id, data: { fields: changed } }, manager);
    });
    return this.get(actor, id);
  }

  /** A standard the actor may see: a published one for a candidate, one of their own body for its staff. */
  async visible(actor: Actor, id: string): Promise<StandardEntity> {
    const standard = await this.repo.findWithOutcomes(id);
    const visible = standard && (actor.role === Role.Candidate ? standard.published : !!actor.awardingBodyId && standard.awardingBodyId === actor.awardingBodyId);
    if (!standard || !visible) throw StandardError.notFound();
    return standard;
  }

  private ownBody(actor: Actor): string {
    if (!actor.awardingBodyId) throw StandardError.otherBody();
    return actor.awardingBodyId;
  }
}
