import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, IsNull } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  CaseFailure,
  CaseStage,
  CaseStatus,
  DecisionResult,
  judgementCoverage,
  microCredentialProblems,
  outcomesWithoutEvidence,
  recognisedOutcomeIds,
  resolveProcessSettings,
  Role,
  shareMet,
} from '../../../../libs/domain';
import type { MicroCredentialElements, OutcomeCriteria } from '../../../../libs/domain';
import {
  AssessmentEntity,
  AwardingBodyEntity,
  CaseAssessorEntity,
  CaseEntity,
  CaseEventEntity,
  CredentialEntity,
  CriterionJudgementEntity,
  DecisionEntity,
  EvidenceEntity,
  MicroCredentialSpecEntity,
  StandardEntity,
  UserEntity,
} from '../../../../libs/persistence/entities';
import type {
  AssessmentRecord,
  AssignmentEndRecord,
  AssignmentRecord,
  CaseContext,
  CaseRecordActivities,
  CredentialIssue,
  DecisionRecord,
  DecisionRevocation,
  EventRecord,
  SavedAssessment,
  TransitionRecord,
} from '../../../../workflows/activities';

const DECIDED_STATUSES: readonly CaseStatus[] = [CaseStatus.Awarded, CaseStatus.NotAwarded];
const ENDED_STATUSES: readonly CaseStatus[] = [CaseStatus.Closed, CaseStatus.Withdrawn];

function nonRetryable(type: CaseFailure, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * The case workflow's writes to PostgreSQL. Every method is idempotent: a retried activity (after a timeout,
 * a worker crash) finds its earlier write by the key or natural key it was given and changes nothing.
 */
@Injectable()
export class CaseRecordsActivities implements CaseRecordActivities {
  constructor(private readonly dataSource: DataSource) {}

  /** The methods as plain functions, for Worker.create. */
  toActivities(): CaseRecordActivities {
    return {
      loadCaseContext: this.loadCaseContext.bind(this),
      recordTransition: this.recordTransition.bind(this),
      recordEvent: this.recordEvent.bind(this),
      checkCompleteness: this.checkCompleteness.bind(this),
      pickAssessor: this.pickAssessor.bind(this),
      assignAssessor: this.assignAssessor.bind(this),
      endAssignment: this.endAssignment.bind(this),
      saveAssessment: this.saveAssessment.bind(this),
      saveDecision: this.saveDecision.bind(this),
      revokeDecision: this.revokeDecision.bind(this),
      issueCredential: this.issueCredential.bind(this),
      revokeCredential: this.revokeCredential.bind(this),
    };
  }

  /** Start of the case: who it belongs to, its outcomes and criteria, and the body's and standard's settings. */
  async loadCaseContext(caseId: string): Promise<CaseContext> {
    const found = await this.dataSource.getRepository(CaseEntity).findOne({ where: { id: caseId }, relations: { awardingBody: true } });
    if (!found) throw nonRetryable(CaseFailure.CaseNotFound, `there is no case ${caseId}`);
    const standard = await this.loadStandard(found.standardId);
    return {
      caseId,
      candidateId: found.candidateId,
      awardingBodyId: found.awardingBodyId,
      standardId: found.standardId,
      standardTitle: standard.title,
      learningOutcomes: this.outcomeCriteria(standard),
      settings: resolveProcessSettings(found.awardingBody?.settings, standard.settings),
      status: found.status,
    };
  }

  /** Every status change: the event and the case row in one transaction, the row only when the event is new. */
  async recordTransition(t: TransitionRecord): Promise<void> {
    const at = new Date(t.at);
    await this.dataSource.transaction(async (em) => {
      const isNew = await this.insertEvent(em, {
        caseId: t.caseId,
        key: t.key,
        type: 'transition',
        fromStatus: t.from,
        toStatus: t.to,
        actorId: t.actorId,
        reason: t.reason,
        data: { stage: t.stage, ...(t.outcome ? { outcome: t.outcome } : {}), ...(t.deadlines ?? {}), ...(t.data ?? {}) },
        occurredAt: at,
      });
      if (!isNew) return;
      const set: QueryDeepPartialEntity<CaseEntity> = { status: t.to, stage: t.stage, statusChangedAt: at };
      if (t.outcome) set.outcome = t.outcome;
      if (t.deadlines) {
        set.evidenceDueAt = t.deadlines.evidenceDueAt ? new Date(t.deadlines.evidenceDueAt) : null;
        set.assessmentDueAt = t.deadlines.assessmentDueAt ? new Date(t.deadlines.assessmentDueAt) : null;
        set.appealDeadline = t.deadlines.appealDeadline ? new Date(t.deadlines.appealDeadline) : null;
      }
      // Dates per stage: the first time the case reaches a stage, and the last submission, decision and end.
      if (t.stage === CaseStage.Documentation) set.documentationStartedAt = () => 'COALESCE(documentation_started_at, :at)';
      if (t.stage === CaseStage.Assessment) set.assessmentStartedAt = () => 'COALESCE(assessment_started_at, :at)';
      if (t.stage === CaseStage.Certification && t.to !== CaseStatus.Withdrawn) {
        set.certificationStartedAt = () => 'COALESCE(certification_started_at, :at)';
      }
      if (t.to === CaseStatus.Submitted) set.submittedAt = at;
      if (DECIDED_STATUSES.includes(t.to)) set.decidedAt = at;
      if (ENDED_STATUSES.includes(t.to)) set.closedAt = at;
      const updated = await em
        .createQueryBuilder()
        .update(CaseEntity)
        .set(set)
        .where('id = :id', { id: t.caseId })
        .setParameter('at', at)
        .execute();
      if (!updated.affected) throw nonRetryable(CaseFailure.CaseNotFound, `there is no case ${t.caseId}`);
    });
  }

  /** A fact of the case's log that leaves its status alone (reminders, admissibility, assessments). */
  async recordEvent(e: EventRecord): Promise<void> {
    await this.insertEvent(this.dataSource.manager, {
      caseId: e.caseId,
      key: e.key,
      type: e.type,
      fromStatus: e.type === 'case_created' ? null : e.status,
      toStatus: e.status,
      actorId: e.actorId,
      reason: e.reason,
      data: e.data ?? {},
      occurredAt: new Date(e.at),
    });
  }

  /** Screening: the learning outcomes that no evidence item (not removed) is offered for. */
  async checkCompleteness(caseId: string): Promise<{ missingOutcomeIds: string[] }> {
    const found = await this.dataSource.getRepository(CaseEntity).findOneBy({ id: caseId });
    if (!found) throw nonRetryable(CaseFailure.CaseNotFound, `there is no case ${caseId}`);
    const standard = await this.loadStandard(found.standardId);
    const evidence = await this.dataSource
      .getRepository(EvidenceEntity)
      .find({ where: { caseId, removedAt: IsNull() }, relations: { outcomes: true } });
    const outcomeIds = (standard.learningOutcomes ?? []).map((o) => o.id);
    return {
      missingOutcomeIds: outcomesWithoutEvidence(
        outcomeIds,
        evidence.map((e) => ({ learningOutcomeIds: (e.outcomes ?? []).map((o) => o.learningOutcomeId) })),
      ),
    };
  }

  /** Assignment: the active assessor of the case's body with the fewest active assignments, without a conflict with the candidate. */
  async pickAssessor(input: { caseId: string; excludeAssessorIds: string[] }): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT u.id
         FROM app_user u
         JOIN validation_case c ON c.id = $1
        WHERE u.role = $2
          AND u.active
          AND u.awarding_body_id = c.awarding_body_id
          AND NOT (u.id = ANY($3::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM conflict_of_interest ci WHERE ci.assessor_id = u.id AND ci.candidate_id = c.candidate_id)
        ORDER BY (SELECT count(*) FROM case_assessor ca WHERE ca.assessor_id = u.id AND ca.status = 'active'), u.id
        LIMIT 1`,
      [input.caseId, Role.Assessor, input.excludeAssessorIds],
    );
    return rows[0]?.id ?? null;
  }

  /** Puts an assessor on the case; unique per (case, purpose, round), so a retry finds the row. */
  async assignAssessor(a: AssignmentRecord): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CaseAssessorEntity)
      .values({ caseId: a.caseId, assessorId: a.assessorId, purpose: a.purpose, round: a.round, status: 'active', assignedAt: new Date(a.at) })
      .orIgnore()
      .execute();
  }

  /** Ends an assignment that is still active (completed, reassigned, conflict, withdrawn). */
  async endAssignment(e: AssignmentEndRecord): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(CaseAssessorEntity)
      .set({ status: e.end, endedAt: new Date(e.at) })
      .where({ caseId: e.caseId, purpose: e.purpose, round: e.round, status: 'active' })
      .execute();
  }

  /** The assessor's judgements and recommendation; unique per (case, purpose, round), returned as saved on a retry. */
  async saveAssessment(a: AssessmentRecord): Promise<SavedAssessment> {
    return this.dataSource.transaction(async (em) => {
      const found = await em.findOneBy(CaseEntity, { id: a.caseId });
      if (!found) throw nonRetryable(CaseFailure.CaseNotFound, `there is no case ${a.caseId}`);
      const outcomes = this.outcomeCriteria(await this.loadStandard(found.standardId, em));
      const coverage = judgementCoverage(outcomes, a.assessment.judgements);
      if (coverage.missing.length || coverage.unknown.length || coverage.duplicated.length) {
        throw nonRetryable(CaseFailure.InvalidInput, `the judgements must cover each criterion of the standard once: ${JSON.stringify(coverage)}`);
      }
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(AssessmentEntity)
        .values({
          caseId: a.caseId,
          assessorId: a.assessorId,
          purpose: a.purpose,
          round: a.round,
          recommendation: a.assessment.recommendation,
          comment: a.assessment.comment ?? '',
          recognisedOutcomeIds: recognisedOutcomeIds(outcomes, a.assessment.judgements),
          recordedAt: new Date(a.at),
        })
        .orIgnore()
        .execute();
      if (inserted.raw.length > 0) {
        const assessmentId = (inserted.raw as { id: string }[])[0].id;
        await em.getRepository(CriterionJudgementEntity).insert(
          a.assessment.judgements.map((j) => ({ assessmentId, criterionId: j.criterionId, result: j.result, score: j.score, comment: j.comment })),
        );
      }
      const saved = await em.findOneOrFail(AssessmentEntity, {
        where: { caseId: a.caseId, purpose: a.purpose, round: a.round },
        relations: { judgements: true },
      });
      return { assessmentId: saved.id, recognisedOutcomeIds: saved.recognisedOutcomeIds, shareMet: shareMet(saved.judgements ?? []) };
    });
  }

  /** The body's decision; unique per (case, sequence), so a retry returns the decision already saved. */
  async saveDecision(d: DecisionRecord): Promise<{ decisionId: string }> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(DecisionEntity)
      .values({
        caseId: d.caseId,
        sequence: d.sequence,
        result: d.result,
        recognisedOutcomeIds: d.recognisedOutcomeIds,
        reason: d.reason,
        decidedBy: d.actorId,
        decidedAt: new Date(d.at),
      })
      .orIgnore()
      .execute();
    const saved = await this.dataSource.getRepository(DecisionEntity).findOneByOrFail({ caseId: d.caseId, sequence: d.sequence });
    return { decisionId: saved.id };
  }

  /** Marks a decision revoked (by an admin, or by the system when an appeal supersedes it); revoked once. */
  async revokeDecision(r: DecisionRevocation): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(DecisionEntity)
      .set({ revokedAt: new Date(r.at), revokedBy: r.actorId, revocationReason: r.reason })
      .where({ caseId: r.caseId, sequence: r.sequence, revokedAt: IsNull() })
      .execute();
  }

  /**
   * One credential per case. Issuing for the same decision again returns it; a later decision that awards
   * (after a revocation or an appeal) re-issues the same credential with that decision's elements.
   */
  async issueCredential(c: CredentialIssue): Promise<{ credentialId: string }> {
    return this.dataSource.transaction(async (em) => {
      const decision = await em.findOneBy(DecisionEntity, { caseId: c.caseId, sequence: c.decisionSequence });
      if (!decision) throw nonRetryable(CaseFailure.InvalidInput, `case ${c.caseId} has no decision ${c.decisionSequence}`);
      if (decision.result === DecisionResult.NotAwarded) {
        throw nonRetryable(CaseFailure.InvalidInput, `decision ${c.decisionSequence} of case ${c.caseId} does not award a credential`);
      }
      const existing = await em.findOneBy(CredentialEntity, { caseId: c.caseId });
      if (existing && existing.decisionId === decision.id) return { credentialId: existing.id };

      const issuedAt = new Date(c.at);
      const { elements, validUntil } = await this.credentialElements(em, c.caseId, decision, issuedAt);
      const problems = microCredentialProblems(elements);
      if (problems.length) {
        throw nonRetryable(CaseFailure.InvalidInput, `the micro-credential cannot be issued: ${problems.join('; ')}`);
      }
      const values = { decisionId: decision.id, elements, issuedAt, validUntil, revokedAt: null, revocationReason: null };
      if (existing) {
        await em.update(CredentialEntity, { id: existing.id }, values);
        return { credentialId: existing.id };
      }
      await em
        .createQueryBuilder()
        .insert()
        .into(CredentialEntity)
        .values({ caseId: c.caseId, candidateId: (await em.findOneByOrFail(CaseEntity, { id: c.caseId })).candidateId, ...values })
        .orIgnore()
        .execute();
      const saved = await em.findOneByOrFail(CredentialEntity, { caseId: c.caseId });
      return { credentialId: saved.id };
    });
  }

  /** Revokes the case's credential if it is not revoked already. */
  async revokeCredential(r: { caseId: string; reason: string; at: string }): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(CredentialEntity)
      .set({ revokedAt: new Date(r.at), revocationReason: r.reason })
      .where({ caseId: r.caseId, revokedAt: IsNull() })
      .execute();
  }

  /** The EU micro-credential elements from the standard, its specification, the body, the candidate and the decision. */
  private async credentialElements(
    em: EntityManager,
    caseId: string,
    decision: DecisionEntity,
    issuedAt: Date,
  ): Promise<{ elements: MicroCredentialElements; validUntil: Date | null }> {
    const found = await em.findOneOrFail(CaseEntity, { where: { id: caseId }, relations: { candidate: true } });
    const standard = await this.loadStandard(found.standardId, em);
    const body = await em.findOneByOrFail(AwardingBodyEntity, { id: standard.awardingBodyId });
    const spec = await em.findOneBy(MicroCredentialSpecEntity, { standardId: standard.id });
    if (!spec) throw nonRetryable(CaseFailure.InvalidInput, `standard ${standard.code} has no micro-credential specification`);
    const recognised = new Set(decision.recognisedOutcomeIds);
    const validUntil = spec.validityMonths ? addMonths(issuedAt, spec.validityMonths) : null;
    const candidate = found.candidate as UserEntity;
    const elements: MicroCredentialElements = {
      learnerIdentification: { id: candidate.id, name: candidate.displayName },
      title: spec.title,
      countryOfIssuer: body.country,
      awardingBody: { id: body.id, name: body.name },
      dateOfIssue: issuedAt.toISOString(),
      learningOutcomes: (standard.learningOutcomes ?? [])
        .filter((o) => recognised.has(o.id))
        .map((o) => ({ id: o.id, code: o.code, description: o.description })),
      notionalWorkloadHours: standard.workloadHours,
      credits: standard.credits !== null && standard.creditSystem !== null ? { system: standard.creditSystem, value: standard.credits } : null,
      eqfLevel: standard.eqfLevel,
      nqfLevel: standard.nqfLevel,
      typeOfAssessment: spec.typeOfAssessment,
      formOfParticipation: spec.formOfParticipation,
      typeOfQualityAssurance: spec.typeOfQualityAssurance,
      prerequisites: spec.prerequisites,
      supervisionAndIdentityVerification: spec.supervisionAndIdentityVerification,
      gradeAchieved: decision.result === DecisionResult.PartiallyAwarded ? 'partial recognition' : null,
      integrationStackability: spec.stackableInto?.length ? spec.stackableInto.map((q) => q.title).join('; ') : null,
      furtherInformation: spec.furtherInformation,
      validUntil: validUntil ? validUntil.toISOString() : null,
    };
    return { elements, validUntil };
  }

  private async loadStandard(standardId: string, em: EntityManager = this.dataSource.manager): Promise<StandardEntity> {
    return em.findOneOrFail(StandardEntity, {
      where: { id: standardId },
      relations: { learningOutcomes: { criteria: true } },
      order: { learningOutcomes: { position: 'ASC', criteria: { position: 'ASC' } } },
    });
  }

  private outcomeCriteria(standard: StandardEntity): OutcomeCriteria[] {
    return (standard.learningOutcomes ?? []).map((o) => ({ learningOutcomeId: o.id, criterionIds: (o.criteria ?? []).map((c) => c.id) }));
  }

  /** Inserts an event once per (case, key); true when this call wrote it. */
  private async insertEvent(em: EntityManager, values: Omit<CaseEventEntity, 'id' | 'seq' | 'case'>): Promise<boolean> {
    // jsonb data is typed loosely; the deep-partial type of the query builder cannot follow it.
    const row = values as QueryDeepPartialEntity<CaseEventEntity>;
    const inserted = await em.createQueryBuilder().insert().into(CaseEventEntity).values(row).orIgnore().execute();
    return (inserted.raw as unknown[]).length > 0;
  }
}
