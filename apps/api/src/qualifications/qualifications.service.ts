import { Injectable } from '@nestjs/common';
import { violatedUniqueKey } from '../common/database-errors';
import { qualificationDefinitionProblems, qualificationProgress, QualificationRule, Role } from '../../../../libs/domain';
import type { QualificationEntity } from '../../../../libs/persistence/entities';
import { AuditRepository } from '../common/audit.repository';
import type { Actor } from '../common/decorators';
import type { CreateQualificationDto, UpdateQualificationDto } from './dto/qualification.dto';
import { toComponent, toQualification } from './dto/qualification.response';
import type { QualificationListResponse, QualificationProgressItem, QualificationProgressResponse, QualificationResponse } from './dto/qualification.response';
import { QualificationError } from './qualifications.errors';
import { QualificationsRepository } from './qualifications.repository';
import type { QualificationWithStandards } from './qualifications.repository';

const CHANGES_MEANING = ['rule', 'creditsRequired', 'componentStandardIds'] as const;

/**
 * Qualifications: a body's admins define their own body's (another body's do not exist for them); a candidate
 * sees their progress toward each published one they have started on. Issuance happens in the worker.
 */
@Injectable()
export class QualificationsService {
  constructor(
    private readonly repo: QualificationsRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(actor: Actor): Promise<QualificationListResponse> {
    const rows = await this.repo.listForBody(this.ownBody(actor));
    const counts = await this.repo.issuedCounts(rows.map((r) => r.qualification.id));
    return { items: rows.map((r) => toQualification(r.qualification, r.standards, counts.get(r.qualification.id) ?? 0)) };
  }

  async get(actor: Actor, id: string): Promise<QualificationResponse> {
    const found = await this.own(actor, id);
    const counts = await this.repo.issuedCounts([id]);
    return toQualification(found.qualification, found.standards, counts.get(id) ?? 0);
  }

  /** A second request with the same code at the same moment loses on the unique key: the same 409 as a code seen taken. */
  private async codeOnce<T>(code: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (violatedUniqueKey(err) === 'uq_qualification_body_code') throw QualificationError.codeTaken(code);
      throw err;
    }
  }

  async create(actor: Actor, dto: CreateQualificationDto): Promise<QualificationResponse> {
    const bodyId = this.ownBody(actor);
    const definition = { rule: dto.rule, creditsRequired: dto.creditsRequired ?? null, componentStandardIds: dto.componentStandardIds };
    await this.checkDefinition(bodyId, definition);
    if (await this.repo.codeTaken(bodyId, dto.code)) throw QualificationError.codeTaken(dto.code);
    const id = await this.codeOnce(dto.code, () => this.repo.transaction(async (manager) => {
      const qualificationId = await this.repo.insert(
        manager,
        {
          awardingBodyId: bodyId,
          code: dto.code,
          title: dto.title.trim(),
          description: dto.description?.trim() ?? '',
          eqfLevel: dto.eqfLevel,
          rule: dto.rule,
          creditsRequired: definition.creditsRequired,
          published: dto.published ?? false,
        },
        dto.componentStandardIds,
      );
      await this.audit.record(
        { actorId: actor.id, action: 'qualification.created', subjectType: 'qualification', subjectId: qualificationId, data: { code: dto.code, published: dto.published ?? false } },
        manager,
      );
      return qualificationId;
    }));
    return this.get(actor, id);
  }

  /** Changes a definition; once learners hold the qualification, its rule, credits and components stay as they were. */
  async update(actor: Actor, id: string, dto: UpdateQualificationDto): Promise<QualificationResponse> {
    const { qualification: q, standards } = await this.own(actor, id);
    const changed = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
    if (!changed.length) throw QualificationError.invalid(['send at least one field to change']);
    const nulls = (['code', 'title', 'eqfLevel', 'rule', 'componentStandardIds', 'published'] as const).filter((k) => dto[k] === null);
    if (nulls.length) throw QualificationError.invalid(nulls.map((k) => `${k} cannot be removed`));
    const definition = {
      rule: dto.rule ?? q.rule,
      creditsRequired: dto.creditsRequired !== undefined ? dto.creditsRequired : dto.rule === QualificationRule.AllOf ? null : q.creditsRequired,
      componentStandardIds: dto.componentStandardIds ?? standards.map((s) => s.id),
    };
    await this.checkDefinition(q.awardingBodyId, definition);
    const meaningChanged = CHANGES_MEANING.some((k) => changed.includes(k));
    if (dto.code && dto.code !== q.code && (await this.repo.codeTaken(q.awardingBodyId, dto.code, id))) throw QualificationError.codeTaken(dto.code);
    await this.repo.transaction(async (manager) => {
      // under the row's lock, so that no award issues it between this check and the change
      await this.repo.lock(manager, id);
      if (meaningChanged && (await this.repo.issued(manager, id))) throw QualificationError.issued();
      const fields: Partial<QualificationEntity> = {};
      if (dto.code !== undefined) fields.code = dto.code;
      if (dto.title !== undefined) fields.title = dto.title.trim();
      if (dto.description !== undefined) fields.description = dto.description?.trim() ?? '';
      if (dto.eqfLevel !== undefined) fields.eqfLevel = dto.eqfLevel;
      if (dto.rule !== undefined) fields.rule = dto.rule;
      if (dto.creditsRequired !== undefined || dto.rule !== undefined) fields.creditsRequired = definition.creditsRequired;
      if (dto.published !== undefined) fields.published = dto.published;
      await this.repo.update(manager, id, fields, dto.componentStandardIds);
      await this.audit.record({ actorId: actor.id, action: 'qualification.updated', subjectType: 'qualification', subjectId: id, data: { fields: changed } }, manager);
    });
    return this.get(actor, id);
  }

  /** For a candidate: each published qualification they have started on, what is met and missing, and its credential once issued. */
  async progress(actor: Actor): Promise<QualificationProgressResponse> {
    const now = new Date();
    const rows = await this.repo.publishedInProgress(actor.id, now);
    const held = await this.repo.held(actor.id, [...new Set(rows.flatMap((r) => r.standards.map((s) => s.id)))], now);
    const issued = await this.repo.qualificationCredentials(actor.id, rows.map((r) => r.qualification.id));
    return { items: rows.map((r) => this.progressItem(r, held, issued.get(r.qualification.id) ?? null)) };
  }

  private progressItem(
    { qualification: q, standards }: QualificationWithStandards,
    held: Awaited<ReturnType<QualificationsRepository['held']>>,
    credentialId: string | null,
  ): QualificationProgressItem {
    const p = qualificationProgress({ rule: q.rule, creditsRequired: q.creditsRequired, componentStandardIds: standards.map((s) => s.id) }, held);
    const counted = new Map(p.countedCredentialIds.map((id) => [held.find((h) => h.credentialId === id)!.standardId, id]));
    return {
      qualificationId: q.id,
      code: q.code,
      title: q.title,
      eqfLevel: q.eqfLevel,
      awardingBody: { id: q.awardingBodyId, name: q.awardingBody?.name ?? '' },
      rule: q.rule,
      components: standards.map((s) => ({ ...toComponent(s), met: counted.has(s.id), credentialId: counted.get(s.id) ?? null })),
      creditsEarned: p.creditsEarned,
      creditsRequired: p.creditsRequired,
      met: p.met,
      credentialId,
    };
  }

  /** The rule's own problems, then the components: standards of the body, with enough credits for a credit total. */
  private async checkDefinition(bodyId: string, d: { rule: QualificationRule; creditsRequired: number | null; componentStandardIds: string[] }): Promise<void> {
    const problems = qualificationDefinitionProblems(d);
    const found = await this.repo.standards(d.componentStandardIds);
    for (const id of d.componentStandardIds) {
      if (!found.some((s) => s.id === id && s.awardingBodyId === bodyId)) problems.push(`standard ${id} is not one of your awarding body's standards`);
    }
    if (!problems.length && d.rule === QualificationRule.CreditTotal) {
      const available = Math.round(found.reduce((sum, s) => sum + (s.credits ?? 0) * 100, 0)) / 100;
      if (available < d.creditsRequired!) problems.push(`the component standards carry ${available} credits in all, fewer than the ${d.creditsRequired} required`);
    }
    if (problems.length) throw QualificationError.invalid(problems);
  }

  /** The actor's own body's qualification; any other is not found. */
  private async own(actor: Actor, id: string): Promise<QualificationWithStandards> {
    const found = await this.repo.find(id);
    if (!found || found.qualification.awardingBodyId !== this.ownBody(actor)) throw QualificationError.notFound();
    return found;
  }

  private ownBody(actor: Actor): string {
    if (actor.role !== Role.BodyAdmin || !actor.awardingBodyId) throw QualificationError.otherBody();
    return actor.awardingBodyId;
  }
}
