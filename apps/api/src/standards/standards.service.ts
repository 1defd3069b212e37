import { Injectable } from '@nestjs/common';
import { alignmentProblems, ConformanceFailureCode, LearningSetting, microCredentialConformance, Role, settingsInputProblems, workloadSize } from '../../../../libs/domain';
import type {
  Alignment,
  AssessmentMethod,
  ConformanceResult,
  MicroCredentialSpecFacts,
  ProcessSettingsOverrides,
  WorkloadCeiling,
} from '../../../../libs/domain';
import type { AwardingBodyEntity, LearningOutcomeEntity, MicroCredentialSpecEntity, StandardEntity } from '../../../../libs/persistence/entities';
import { AuditRepository } from '../common/audit.repository';
import type { Actor } from '../common/decorators';
import type { AlignmentDto, AssessmentMethodDto, CreateStandardDto, LearningOutcomeDto, ListStandardsQueryDto, MicroCredentialSpecDto, UpdateStandardDto } from './dto/standard.dto';
import { StandardSort } from './dto/standard.dto';
import type { Page } from '../common/keyset';
import { pageRequest } from '../common/page.dto';
import type { MicroCredentialCheckResponse, StandardDetailResponse, StandardSummaryResponse } from './dto/standard.response';
import { toCheckResponse, toStandardDetail, toStandardSummary } from './dto/standard.response';
import { StandardError } from './standards.errors';
import { StandardsRepository } from './standards.repository';

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

function outcomeProblems(outcomes: LearningOutcomeDto[], methodCodes: readonly string[]): string[] {
  const problems: string[] = [];
  for (const code of duplicates(outcomes.map((o) => o.code))) problems.push(`learning outcome code ${code} is used twice`);
  outcomes.forEach((outcome, i) => {
    for (const code of duplicates(outcome.criteria.map((c) => c.code))) {
      problems.push(`criterion code ${code} is used twice in learning outcome ${outcome.code}`);
    }
    const methods = outcome.assessmentMethods ?? [];
    for (const code of duplicates(methods)) problems.push(`learningOutcomes.${i}.assessmentMethods names ${code} twice`);
    for (const code of methods.filter((m) => !methodCodes.includes(m))) {
      problems.push(
        `learningOutcomes.${i}.assessmentMethods names ${code}, which is not one of the standard's assessment methods (${methodCodes.join(', ') || 'it has none'}): add it to assessmentMethods or remove it here`,
      );
    }
    problems.push(...alignmentProblems(outcome.alignments ?? [], `learningOutcomes.${i}.alignments`));
  });
  return problems;
}

function standardListProblems(dto: { assessmentMethods?: AssessmentMethodDto[]; languages?: string[]; alignments?: AlignmentDto[] }): string[] {
  return [
    ...duplicates((dto.assessmentMethods ?? []).map((m) => m.code)).map((code) => `assessmentMethods: the code ${code} is used twice; each method needs its own code`),
    ...duplicates(dto.languages ?? []).map((lang) => `languages lists ${lang} twice`),
    ...alignmentProblems(dto.alignments ?? [], 'alignments'),
  ];
}

function creditProblems(credits: number | null | undefined, system: unknown): string[] {
  return (credits == null) !== (system == null) ? ['credits and creditSystem go together: give both or neither'] : [];
}

function toAlignments(alignments: AlignmentDto[] | undefined): Alignment[] {
  return (alignments ?? []).map((a) => ({ kind: a.kind, uri: a.uri, title: a.title.trim() }));
}

function toMethods(methods: AssessmentMethodDto[] | undefined): AssessmentMethod[] {
  return (methods ?? []).map((m) => ({ code: m.code, type: m.type, description: m.description.trim() }));
}

function toOutcomeRows(outcomes: LearningOutcomeDto[]): Partial<LearningOutcomeEntity>[] {
  return outcomes.map((o, i) => ({
    code: o.code,
    description: o.description.trim(),
    position: i + 1,
    assessmentMethods: o.assessmentMethods ?? [],
    alignments: toAlignments(o.alignments),
    criteria: o.criteria.map((c, j) => ({ code: c.code, description: c.description.trim(), position: j + 1 })),
  })) as Partial<LearningOutcomeEntity>[];
}

function toSpecRow(spec: MicroCredentialSpecDto): Partial<MicroCredentialSpecEntity> {
  const standalone = spec.standaloneValue;
  const accreditation = spec.accreditation;
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
    fullQualification: spec.fullQualification ?? false,
    standaloneValue: standalone
      ? {
          kind: standalone.kind,
          qualification: standalone.qualification ? { title: standalone.qualification.title.trim(), reference: standalone.qualification.reference?.trim() ?? null } : null,
          statement: standalone.statement.trim(),
        }
      : null,
    accreditation: accreditation ? { body: accreditation.body.trim(), reference: accreditation.reference.trim(), url: accreditation.url ?? null } : null,
  };
}

/** The awarding body's workload ceiling for its micro-credentials (awarding_body.micro_credential_max_*). */
function ceilingOf(body: AwardingBodyEntity): WorkloadCeiling {
  return { ects: Number(body.microCredentialMaxEcts), hours: body.microCredentialMaxHours };
}

type SpecFacts = NonNullable<MicroCredentialSpecFacts['spec']>;

function specFacts(spec: Partial<MicroCredentialSpecEntity> | null): SpecFacts | null {
  if (!spec) return null;
  return {
    fullQualification: spec.fullQualification ?? false,
    standaloneValue: spec.standaloneValue ?? null,
    typeOfQualityAssurance: spec.typeOfQualityAssurance ?? null,
    accreditation: spec.accreditation ?? null,
  };
}

function dtoOutcomeFacts(outcomes: LearningOutcomeDto[]): MicroCredentialSpecFacts['learningOutcomes'] {
  return outcomes.map((o) => ({ code: o.code, criteriaCount: o.criteria.length }));
}

function storedOutcomeFacts(standard: StandardEntity): MicroCredentialSpecFacts['learningOutcomes'] {
  return (standard.learningOutcomes ?? []).map((o) => ({ code: o.code, criteriaCount: (o.criteria ?? []).length }));
}

const sortedJson = <T>(items: T[], key: (item: T) => string) => JSON.stringify([...items].sort((a, b) => key(a).localeCompare(key(b))));

/**
 * Whether `sent` says the same as the stored outcomes in everything but their alignments: codes, descriptions,
 * criteria and assessment methods. Once candidates have cases on a standard only alignments may change (they add
 * links to ESCO; what a case is assessed against and how stays put).
 */
function onlyAlignmentsDiffer(stored: LearningOutcomeEntity[], sent: LearningOutcomeDto[]): boolean {
  if (stored.length !== sent.length) return false;
  return sent.every((o, i) => {
    const s = stored[i]!;
    const criteria = (s.criteria ?? []).map((c) => `${c.code}\u0000${c.description}`);
    return (
      s.code === o.code &&
      s.description === o.description.trim() &&
      JSON.stringify(criteria) === JSON.stringify(o.criteria.map((c) => `${c.code}\u0000${c.description.trim()}`)) &&
      JSON.stringify([...s.assessmentMethods].sort()) === JSON.stringify([...(o.assessmentMethods ?? [])].sort())
    );
  });
}

/** The stored outcomes as the input that would recreate them, to check them against a new list of methods. */
function storedOutcomesAsInput(standard: StandardEntity): LearningOutcomeDto[] {
  return (standard.learningOutcomes ?? []).map((o) => ({
    code: o.code,
    description: o.description,
    criteria: (o.criteria ?? []).map((c) => ({ code: c.code, description: c.description })),
    assessmentMethods: o.assessmentMethods,
    alignments: [],
  }));
}

/**
 * A workload that already failed the check may not grow (the same reason, a larger size): lowering the ceiling and
 * then raising the credits must not slip past the check.
 */
function workloadGrew(
  before: ConformanceResult,
  after: ConformanceResult,
  standard: StandardEntity,
  dto: UpdateStandardDto,
): boolean {
  const failing = (r: ConformanceResult) => r.failures.some((f) => f.code === ConformanceFailureCode.WorkloadTooLarge);
  if (!failing(before) || !failing(after)) return false;
  const [creditsBefore, hoursBefore] = workloadSize(standard);
  const [creditsAfter, hoursAfter] = workloadSize({
    credits: dto.credits !== undefined ? dto.credits : standard.credits,
    workloadHours: dto.workloadHours ?? standard.workloadHours,
  });
  return creditsAfter > creditsBefore || hoursAfter > hoursBefore || (dto.creditSystem !== undefined && dto.creditSystem !== standard.creditSystem);
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
    const filter = { published: query.published, q: query.q?.trim(), sort: query.sort ?? StandardSort.TitleAsc, skill: query.skill, occupation: query.occupation };
    const page = await this.repo.listVisible(reader, filter, pageRequest(query));
    return { items: page.items.map(toStandardSummary), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<StandardDetailResponse> {
    const standard = await this.visible(actor, id);
    return toStandardDetail(standard, await this.repo.findSpec(id));
  }

  async create(actor: Actor, dto: CreateStandardDto): Promise<StandardDetailResponse> {
    const bodyId = this.ownBody(actor);
    const { result } = await this.checkInput(bodyId, dto);
    if ((dto.published ?? false) && !result.conforms) throw StandardError.notAMicroCredential(result.failures);
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
          assessmentMethods: toMethods(dto.assessmentMethods),
          languages: dto.languages ?? ['en'],
          alignments: toAlignments(dto.alignments),
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
    const methodCodes = (dto.assessmentMethods ?? standard.assessmentMethods).map((m) => m.code);
    const outcomesToCheck = dto.learningOutcomes ?? (dto.assessmentMethods ? storedOutcomesAsInput(standard) : null);
    const problems = [
      ...(dto.assessmentMethods === null || dto.languages === null || dto.alignments === null || dto.learningOutcomes === null || dto.microCredential === null
        ? ['assessmentMethods, languages, alignments, learningOutcomes and microCredential cannot be null: send an empty list (or leave the field out)']
        : []),
      ...standardListProblems(dto),
      ...(outcomesToCheck ? outcomeProblems(outcomesToCheck, methodCodes) : []),
      ...creditProblems(credits, creditSystem),
      ...(dto.settings ? settingsInputProblems(dto.settings) : []),
      ...(dto.eqfLevel === null ? ['eqfLevel cannot be removed'] : []),
      ...(dto.workloadHours === null ? ['workloadHours cannot be removed'] : []),
      ...(dto.title === null || dto.code === null ? ['code and title cannot be removed'] : []),
    ];
    if (problems.length) throw StandardError.invalid(problems);
    if (dto.code && dto.code !== standard.code && (await this.repo.codeTaken(bodyId, dto.code, id))) throw StandardError.codeTaken(dto.code);
    const hasCases = (dto.learningOutcomes || dto.assessmentMethods) && (await this.repo.hasCases(id));
    // once candidates have cases, what they are assessed against and how stays put; alignments may still change
    const alignmentsOnly = !!dto.learningOutcomes && !!hasCases && onlyAlignmentsDiffer(standard.learningOutcomes ?? [], dto.learningOutcomes);
    if (dto.learningOutcomes && hasCases && !alignmentsOnly) throw StandardError.outcomesInUse();
    if (dto.assessmentMethods && hasCases && sortedJson(toMethods(dto.assessmentMethods), (m) => m.code) !== sortedJson(standard.assessmentMethods, (m) => m.code)) {
      throw StandardError.methodsInUse();
    }

    const storedSpec = await this.repo.findSpec(id);
    const ceiling = ceilingOf(standard.awardingBody!);
    const before = microCredentialConformance(this.storedFacts(standard, storedSpec), ceiling);
    const after = microCredentialConformance(
      {
        learningOutcomes: dto.learningOutcomes ? dtoOutcomeFacts(dto.learningOutcomes) : storedOutcomeFacts(standard),
        workloadHours: dto.workloadHours ?? standard.workloadHours,
        credits: credits ?? null,
        creditSystem: creditSystem ?? null,
        spec: dto.microCredential ? specFacts(toSpecRow(dto.microCredential)) : specFacts(storedSpec),
      },
      ceiling,
    );
    const publishedAfter = dto.published ?? standard.published;
    const publishing = publishedAfter && !standard.published;
    // a standard published before the check existed may be edited, but no edit may add a reason it fails
    const newFailure = after.failures.some((f) => !before.failures.some((b) => b.code === f.code)) || workloadGrew(before, after, standard, dto);
    if (publishedAfter && !after.conforms && (publishing || newFailure)) throw StandardError.notAMicroCredential(after.failures);

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
      if (dto.assessmentMethods !== undefined) fields.assessmentMethods = toMethods(dto.assessmentMethods);
      if (dto.languages !== undefined) fields.languages = dto.languages;
      if (dto.alignments !== undefined) fields.alignments = toAlignments(dto.alignments);
      if (dto.published !== undefined) fields.published = dto.published ?? false;
      fields.version = standard.version + 1;
      await this.repo.updateFields(manager, id, fields);
      if (dto.learningOutcomes && alignmentsOnly) {
        await this.repo.updateOutcomeAlignments(
          manager,
          (standard.learningOutcomes ?? []).map((o, i) => ({ id: o.id, alignments: toAlignments(dto.learningOutcomes![i]!.alignments) })),
        );
      } else if (dto.learningOutcomes) await this.repo.replaceOutcomes(manager, id, toOutcomeRows(dto.learningOutcomes));
      if (dto.microCredential) await this.repo.upsertSpec(manager, id, toSpecRow(dto.microCredential));
      await this.audit.record(
        { actorId: actor.id, action: 'standard.updated', subjectType: 'standard', subjectId: id, data: { fields: changed, published: publishedAfter } },
        manager,
      );
    });
    return this.get(actor, id);
  }

  /**
   * The micro-credential check of a draft (the body of POST /standards, nothing stored): malformed input is a 400 as
   * on create; otherwise the result with the admin's body's workload ceiling, whether or not it conforms.
   */
  async checkDraft(actor: Actor, dto: CreateStandardDto): Promise<MicroCredentialCheckResponse> {
    const { ceiling, result } = await this.checkInput(this.ownBody(actor), dto);
    return toCheckResponse(result, ceiling);
  }

  /** The micro-credential check of a stored standard of the admin's body (another body's is 404). */
  async checkStored(actor: Actor, id: string): Promise<MicroCredentialCheckResponse> {
    const bodyId = this.ownBody(actor);
    const standard = await this.repo.findWithOutcomes(id);
    if (!standard || standard.awardingBodyId !== bodyId) throw StandardError.notFound();
    const ceiling = ceilingOf(standard.awardingBody!);
    return toCheckResponse(microCredentialConformance(this.storedFacts(standard, await this.repo.findSpec(id)), ceiling), ceiling);
  }

  private async checkInput(bodyId: string, dto: CreateStandardDto): Promise<{ ceiling: WorkloadCeiling; result: ConformanceResult }> {
    const problems = [
      ...standardListProblems(dto),
      ...outcomeProblems(dto.learningOutcomes, (dto.assessmentMethods ?? []).map((m) => m.code)),
      ...creditProblems(dto.credits, dto.creditSystem),
      ...(dto.settings ? settingsInputProblems(dto.settings) : []),
    ];
    if (problems.length) throw StandardError.invalid(problems);
    const body = await this.repo.findBody(bodyId);
    if (!body) throw StandardError.otherBody();
    const ceiling = ceilingOf(body);
    const facts: MicroCredentialSpecFacts = {
      learningOutcomes: dtoOutcomeFacts(dto.learningOutcomes),
      workloadHours: dto.workloadHours,
      credits: dto.credits ?? null,
      creditSystem: dto.creditSystem ?? null,
      spec: specFacts(toSpecRow(dto.microCredential)),
    };
    return { ceiling, result: microCredentialConformance(facts, ceiling) };
  }

  private storedFacts(standard: StandardEntity, spec: MicroCredentialSpecEntity | null): MicroCredentialSpecFacts {
    return {
      learningOutcomes: storedOutcomeFacts(standard),
      workloadHours: standard.workloadHours,
      credits: standard.credits == null ? null : Number(standard.credits),
      creditSystem: standard.creditSystem,
      spec: specFacts(spec),
    };
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
