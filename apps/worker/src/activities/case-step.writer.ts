import { ApplicationFailure } from '@temporalio/common';
import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { calendarDaysBetween, candidateInvitation, deadlineAfter, extendDeadline, formatDeadline, organizerEmail } from '../../../../libs/calendar';
import {
  assessmentProblems,
  CaseFailure,
  CaseStage,
  CaseStatus,
  DecisionResult,
  DEFAULT_LOCALE,
  microCredentialProblems,
  statusWords,
  recognisedOutcomeIds,
  Role,
  SessionStatus,
  SETTING_DAYS_MAX,
  shareMet,
  stageAfter,
} from '../../../../libs/domain';
import type { MicroCredentialElements } from '../../../../libs/domain';
import { portalCaseUrl, writeOutbox } from '../../../../libs/notifications/outbox';
import { TemplateRenderError } from '../../../../libs/notifications/template-renderer';
import type { TemplateRenderer } from '../../../../libs/notifications/template-renderer';
import {
  AssessmentEntity,
  AssessmentSessionEntity,
  AwardingBodyEntity,
  CaseAssessorEntity,
  CaseEntity,
  CaseEventEntity,
  CaseStepEntity,
  CredentialEntity,
  CriterionJudgementEntity,
  DecisionEntity,
  MicroCredentialSpecEntity,
  UserEntity,
} from '../../../../libs/persistence/entities';
import type { NotificationAttachment, StandardEntity } from '../../../../libs/persistence/entities';
import type { CaseDeadlines, DeadlineName, NotificationSpec, SessionWrite, StepRecord, StepResult, TransitionSpec } from '../../../../workflows/activities';
import { loadStandard, outcomeCriteria, readSessions, wordDeadlines } from './case-snapshot';
import { issueSignedCredential, microCredentialIssuance } from './credential-issuer';
import type { IssuanceSettings } from './credential-issuer';
import { issueQualificationsCompletedBy } from './qualification-issuer';
import type { StepContext } from './case-snapshot';

const DEADLINES: readonly DeadlineName[] = ['evidenceDueAt', 'assessmentDueAt', 'appealDeadline', 'reopenDeadline'];
const DECIDED_STATUSES: readonly CaseStatus[] = [CaseStatus.Awarded, CaseStatus.NotAwarded];
const ENDED_STATUSES: readonly CaseStatus[] = [CaseStatus.Closed, CaseStatus.Withdrawn];
/** A session in one of these is over (or will not take place), from the step that set it. */
const SESSION_ENDINGS: readonly SessionStatus[] = [
  SessionStatus.RescheduleRequested,
  SessionStatus.Held,
  SessionStatus.CandidateAbsent,
  SessionStatus.Postponed,
  SessionStatus.Cancelled,
];

export function failure(type: CaseFailure, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}


/**
 * Writes one step of a case (see StepRecord) inside a transaction that holds the case row's lock. The step's
 * key is inserted into case_step last; a retried step finds it and returns the first answer. A write under a
 * natural key (an assignment round, an assessment round, a decision sequence) that finds a row another step
 * wrote fails with RecordConflict instead of keeping that row silently.
 */
export class CaseStepWriter {
  private readonly deadlines: CaseDeadlines;
  private eventCount = 0;
  private readonly result: StepResult;

  constructor(
    private readonly em: EntityManager,
    private readonly kase: CaseEntity,
    private readonly context: StepContext,
    private readonly step: StepRecord,
    private readonly renderer: TemplateRenderer,
    private readonly settings: IssuanceSettings,
  ) {
    this.deadlines = {
      evidenceDueAt: kase.evidenceDueAt?.toISOString() ?? null,
      assessmentDueAt: kase.assessmentDueAt?.toISOString() ?? null,
      appealDeadline: kase.appealDeadline?.toISOString() ?? null,
      reopenDeadline: kase.reopenDeadline?.toISOString() ?? null,
    };
    this.result = { statusBefore: kase.status, deadlines: this.deadlines };
  }

  get at(): Date {
    return new Date(this.step.at);
  }

  async write(): Promise<StepResult> {
    const s = this.step;
    if (this.kase.status !== s.from && !s.anyFrom) {
      throw failure(
        CaseFailure.RecordConflict,
        `the case's records say it is ${statusWords(this.kase.status)} but its process believes it is ${statusWords(s.from)}: step ${s.key} is not written`,
      );
    }
    if (s.session) await this.writeSession(s.session);
    if (s.endAssignment) await this.endAssignment(s.endAssignment);
    if (s.assessment) await this.saveAssessment(s.assessment);
    for (const e of s.events ?? []) await this.event(e.type, e.reason, e.actorId === undefined ? s.actorId : e.actorId, e.data ?? {});
    if (s.revokeDecision) await this.revokeDecision(s.revokeDecision);
    if (s.revokeCredential) await this.revokeCredential(s.revokeCredential.reason);
    if (s.decision) await this.saveDecision(s.decision);
    if (s.startAssignment) await this.startAssignment(s.startAssignment);
    for (const t of s.transitions ?? []) await this.transition(t);
    if (s.setDeadlines) await this.setDeadlines(s.setDeadlines);
    if (s.issueCredential) await this.issueCredential(s.issueCredential.decisionSequence);
    // A step's key starts with the id of the workflow run that wrote it, which is then the case's process.
    const rowUpdate: QueryDeepPartialEntity<CaseEntity> = s.key.startsWith('reconciler-') ? {} : { processRunId: s.key.split('/')[0] };
    if (s.attention !== undefined) rowUpdate.attentionReason = s.attention;
    if (Object.keys(rowUpdate).length) await this.em.update(CaseEntity, { id: s.caseId }, rowUpdate);
    for (const [i, n] of (s.notifications ?? []).entries()) await this.message(n, i);
    if (s.session) this.result.sessions = await readSessions(this.em, s.caseId);
    this.result.deadlineWords = wordDeadlines(this.deadlines, this.context.timeZone);
    await this.em.insert(CaseStepEntity, { caseId: s.caseId, key: s.key, result: this.result as never, recordedAt: this.at });
    return this.result;
  }

  /**
   * Moves every pending deadline by the local calendar days since the case was parked (its status changed to
   * needs_attention), so that nobody loses time to a fault of the process. Returns the days given back.
   */
  private giveBackDaysParked(): number {
    const days = Math.min(calendarDaysBetween(this.kase.statusChangedAt ?? this.at, this.at, this.context.timeZone), SETTING_DAYS_MAX);
    if (days === 0) return 0;
    for (const name of DEADLINES) {
      const due = this.deadlines[name];
      if (due) this.deadlines[name] = extendDeadline(new Date(due), days, this.context.timeZone).toISOString();
    }
    return days;
  }

  /** An event of the log, keyed `<step key>#<n>` in the order the step writes them. */
  private async event(
    type: string,
    reason: string,
    actorId: string | null,
    data: Record<string, unknown>,
    transition?: { from: CaseStatus; to: CaseStatus },
  ): Promise<void> {
    const status = this.kase.status;
    const values: QueryDeepPartialEntity<CaseEventEntity> = {
      caseId: this.step.caseId,
      key: `${this.step.key}#${this.eventCount++}`,
      type,
      fromStatus: transition ? transition.from : type === 'case_created' ? null : status,
      toStatus: transition ? transition.to : status,
      actorId,
      reason,
      data: data as never,
      occurredAt: this.at,
    };
    await this.em.insert(CaseEventEntity, values);
  }

  private async transition(t: TransitionSpec): Promise<void> {
    const from = this.kase.status;
    const stage = stageAfter(this.kase.stage, t.to);
    for (const name of t.keepDeadlines ? [] : DEADLINES) {
      const spec = t.deadlines?.[name];
      this.deadlines[name] = !spec ? null : 'at' in spec ? new Date(spec.at).toISOString() : deadlineAfter(this.at, spec.days, this.context.timeZone).toISOString();
    }
    // The days a case spent parked were the body's, not the people's: a resumed case gives them back.
    const daysParked = from === CaseStatus.NeedsAttention && t.keepDeadlines ? this.giveBackDaysParked() : 0;
    const actorId = t.actorId === undefined ? this.step.actorId : t.actorId;
    // A parked case remembers the status it resumes from when an admin retries it.
    const parked = t.to === CaseStatus.NeedsAttention ? { resumeStatus: from } : {};
    await this.event(
      'transition',
      t.reason,
      actorId,
      {
        stage,
        ...(t.outcome ? { outcome: t.outcome } : {}),
        ...this.deadlines,
        ...(t.data ?? {}),
        ...parked,
        ...(daysParked ? { deadlinesExtendedByDays: daysParked } : {}),
      },
      { from, to: t.to },
    );
    const at = this.at;
    const set: QueryDeepPartialEntity<CaseEntity> = {
      status: t.to,
      stage,
      statusChangedAt: at,
      evidenceDueAt: this.date(this.deadlines.evidenceDueAt),
      assessmentDueAt: this.date(this.deadlines.assessmentDueAt),
      appealDeadline: this.date(this.deadlines.appealDeadline),
      reopenDeadline: this.date(this.deadlines.reopenDeadline),
    };
    if (t.outcome) set.outcome = t.outcome;
    // Dates per stage: the first time the case reaches a stage, and the last submission, decision and end.
    if (stage === CaseStage.Documentation) set.documentationStartedAt = () => 'COALESCE(documentation_started_at, :at)';
    if (stage === CaseStage.Assessment) set.assessmentStartedAt = () => 'COALESCE(assessment_started_at, :at)';
    if (stage === CaseStage.Certification && t.to !== CaseStatus.Withdrawn) set.certificationStartedAt = () => 'COALESCE(certification_started_at, :at)';
    if (t.to === CaseStatus.Submitted) set.submittedAt = at;
    if (DECIDED_STATUSES.includes(t.to)) set.decidedAt = at;
    if (ENDED_STATUSES.includes(t.to)) set.closedAt = at;
    // Reopening a lapsed case, or resuming a parked draft, is activity: its inactivity clock starts again.
    if (t.to === CaseStatus.Draft && (from === CaseStatus.Lapsed || from === CaseStatus.NeedsAttention)) set.lastActivityAt = at;
    await this.em.createQueryBuilder().update(CaseEntity).set(set).where('id = :id', { id: this.step.caseId }).setParameter('at', at).execute();
    this.kase.status = t.to;
    this.kase.stage = stage;
  }

  /** Deadlines moved without a change of status: the row and the step's answer. */
  private async setDeadlines(deadlines: NonNullable<StepRecord['setDeadlines']>): Promise<void> {
    const set: QueryDeepPartialEntity<CaseEntity> = {};
    for (const [name, spec] of Object.entries(deadlines) as [DeadlineName, { at: string }][]) {
      this.deadlines[name] = new Date(spec.at).toISOString();
      set[name] = new Date(spec.at);
    }
    await this.em.update(CaseEntity, { id: this.step.caseId }, set);
  }

  /** A proposed session (a new row, never two to take place at once) or a change to one of the case's sessions. */
  private async writeSession(w: SessionWrite): Promise<void> {
    if ('propose' in w) {
      const p = w.propose;
      const inserted = await this.em
        .createQueryBuilder()
        .insert()
        .into(AssessmentSessionEntity)
        .values({
          id: p.id,
          caseId: this.step.caseId,
          sequence: p.sequence,
          assessorId: p.assessorId,
          methodCode: p.methodCode,
          methodType: p.methodType,
          startsAt: new Date(p.startsAt),
          durationMinutes: p.durationMinutes,
          timeZone: p.timeZone,
          location: p.location,
          onlineUrl: p.onlineUrl,
          attendees: p.attendees as never,
          status: SessionStatus.Proposed,
          proposedAt: this.at,
          remindedAt: p.reminded ? this.at : null,
        })
        .orIgnore()
        .execute();
      if (!(inserted.raw as unknown[]).length) {
        throw failure(CaseFailure.RecordConflict, `session ${p.sequence} of case ${this.step.caseId} was already proposed, or another is still to take place`);
      }
      return;
    }
    const u = w.update;
    const set: QueryDeepPartialEntity<AssessmentSessionEntity> = {};
    if (u.status) {
      set.status = u.status;
      if (u.status === SessionStatus.Confirmed || u.status === SessionStatus.RescheduleRequested) set.answeredAt = this.at;
      if (SESSION_ENDINGS.includes(u.status)) set.endedAt = this.at;
    }
    if (u.candidateNote !== undefined) set.candidateNote = u.candidateNote;
    if (u.outcomeNote !== undefined) set.outcomeNote = u.outcomeNote;
    if (u.judgements) set.judgements = u.judgements as never;
    if (u.reminded) set.remindedAt = this.at;
    if (u.calendarChange) set.calendarSequence = () => 'calendar_sequence + 1';
    const updated = await this.em
      .createQueryBuilder()
      .update(AssessmentSessionEntity)
      .set(set)
      .where('id = :id AND case_id = :caseId', { id: u.id, caseId: this.step.caseId })
      .execute();
    if (!updated.affected) throw failure(CaseFailure.RecordConflict, `case ${this.step.caseId} has no session ${u.id}`);
  }

  /** The session's invitation (or cancellation) for the candidate, in their language, from its row as this step left it. */
  private async calendarAttachment(calendar: NonNullable<NotificationSpec['calendar']>): Promise<NotificationAttachment> {
    const session = await this.em.findOneByOrFail(AssessmentSessionEntity, { id: calendar.sessionId, caseId: this.step.caseId });
    const candidate = await this.em.findOneByOrFail(UserEntity, { id: this.kase.candidateId });
    const body = await this.em.findOneByOrFail(AwardingBodyEntity, { id: this.kase.awardingBodyId });
    const content = candidateInvitation(session, calendar.method, {
      standardTitle: this.context.standardTitle,
      bodyName: body.name,
      candidate: { name: candidate.displayName, email: candidate.email },
      caseUrl: portalCaseUrl(this.settings.publicUrl, this.step.caseId, 'candidate'),
      organizerEmail: organizerEmail(this.settings.mailFrom),
      locale: candidate.locale,
    });
    return { filename: calendar.method === 'CANCEL' ? 'session-cancelled.ics' : 'session.ics', contentType: `text/calendar; charset=utf-8; method=${calendar.method}`, content };
  }

  private date(value: string | null): Date | null {
    return value ? new Date(value) : null;
  }

  private async endAssignment(e: NonNullable<StepRecord['endAssignment']>): Promise<void> {
    await this.em.update(CaseAssessorEntity, { caseId: this.step.caseId, purpose: e.purpose, round: e.round, status: 'active' }, { status: e.end, endedAt: this.at });
  }

  private async startAssignment(a: NonNullable<StepRecord['startAssignment']>): Promise<void> {
    const inserted = await this.em
      .createQueryBuilder()
      .insert()
      .into(CaseAssessorEntity)
      .values({ caseId: this.step.caseId, assessorId: a.assessorId, purpose: a.purpose, round: a.round, status: 'active', assignedAt: this.at, stepKey: this.step.key })
      .orIgnore()
      .execute();
    if (!(inserted.raw as unknown[]).length) {
      throw failure(CaseFailure.RecordConflict, `${a.purpose} round ${a.round} of case ${this.step.caseId} was already assigned by another step`);
    }
  }

  private async saveAssessment(a: NonNullable<StepRecord['assessment']>): Promise<void> {
    const conflict: { found: boolean }[] = await this.em.query(
      `SELECT EXISTS (SELECT 1 FROM conflict_of_interest WHERE assessor_id = $1 AND candidate_id = $2) AS found`,
      [a.assessorId, this.kase.candidateId],
    );
    if (conflict[0].found) throw failure(CaseFailure.ConflictOfInterest, 'the assessor declared a conflict of interest with the candidate');
    const outcomes = outcomeCriteria(await loadStandard(this.em, this.kase.standardId));
    const problems = assessmentProblems(outcomes, a.assessment.judgements, a.assessment.recommendation);
    if (problems.length) throw failure(CaseFailure.InvalidInput, problems.join('; '));
    const recognised = recognisedOutcomeIds(outcomes, a.assessment.judgements);
    const inserted = await this.em
      .createQueryBuilder()
      .insert()
      .into(AssessmentEntity)
      .values({
        caseId: this.step.caseId,
        assessorId: a.assessorId,
        purpose: a.purpose,
        round: a.round,
        recommendation: a.assessment.recommendation,
        comment: a.assessment.comment ?? '',
        recognisedOutcomeIds: recognised,
        recordedAt: this.at,
        stepKey: this.step.key,
      })
      .orIgnore()
      .execute();
    const rows = inserted.raw as { id: string }[];
    if (!rows.length) throw failure(CaseFailure.RecordConflict, `the ${a.purpose} of round ${a.round} was already recorded by another step`);
    await this.em.getRepository(CriterionJudgementEntity).insert(
      a.assessment.judgements.map((j) => ({ assessmentId: rows[0].id, criterionId: j.criterionId, result: j.result, score: j.score, comment: j.comment })),
    );
    this.result.assessment = { assessmentId: rows[0].id, recognisedOutcomeIds: recognised, shareMet: shareMet(a.assessment.judgements) };
  }

  private async saveDecision(d: NonNullable<StepRecord['decision']>): Promise<void> {
    const inserted = await this.em
      .createQueryBuilder()
      .insert()
      .into(DecisionEntity)
      .values({
        caseId: this.step.caseId,
        sequence: d.sequence,
        result: d.result,
        recognisedOutcomeIds: d.recognisedOutcomeIds,
        reason: d.reason,
        decidedBy: d.actorId,
        decidedAt: this.at,
        stepKey: this.step.key,
      })
      .orIgnore()
      .execute();
    const rows = inserted.raw as { id: string }[];
    if (!rows.length) throw failure(CaseFailure.RecordConflict, `decision ${d.sequence} of case ${this.step.caseId} was already recorded by another step`);
    this.result.decisionId = rows[0].id;
  }

  private async revokeDecision(r: NonNullable<StepRecord['revokeDecision']>): Promise<void> {
    await this.em.update(
      DecisionEntity,
      { caseId: this.step.caseId, sequence: r.sequence, revokedAt: IsNull() },
      { revokedAt: this.at, revokedBy: r.actorId, revocationReason: r.reason },
    );
    await this.event('decision_revoked', r.reason, r.actorId, { sequence: r.sequence });
  }

  /** Revokes the case's credentials still in force, for good: a later award issues a new credential. */
  private async revokeCredential(reason: string, exceptDecisionId?: string): Promise<void> {
    const active = await this.em.findBy(CredentialEntity, { caseId: this.step.caseId, revokedAt: IsNull() });
    for (const credential of active.filter((c) => c.decisionId !== exceptDecisionId)) {
      await this.em.update(CredentialEntity, { id: credential.id }, { revokedAt: this.at, revocationReason: reason, revokedBy: this.step.actorId ?? null });
      await this.event('credential_revoked', reason, null, { credentialId: credential.id });
    }
  }

  /**
   * Issues a new credential for a decision that awards: its own id, date, learning outcomes and signatures. A
   * credential still in force from an earlier decision (an appeal upheld with another award) is revoked as
   * superseded, never rewritten. A specification the credential cannot be built from is recorded for the body
   * to fix; the award itself stands.
   */
  private async issueCredential(decisionSequence: number): Promise<void> {
    const decision = await this.em.findOneBy(DecisionEntity, { caseId: this.step.caseId, sequence: decisionSequence });
    if (!decision || decision.result === DecisionResult.NotAwarded) {
      throw failure(CaseFailure.InvalidInput, `decision ${decisionSequence} of case ${this.step.caseId} does not award a credential`);
    }
    if (await this.em.existsBy(CredentialEntity, { decisionId: decision.id })) {
      throw failure(CaseFailure.RecordConflict, `decision ${decisionSequence} of case ${this.step.caseId} already has its credential: a decision yields one`);
    }
    const built = await this.credentialElements(decision);
    if ('problem' in built) {
      this.result.credential = { notIssued: built.problem };
      await this.event('credential_not_issued', built.problem, null, { decisionSequence });
      return;
    }
    await this.revokeCredential(`superseded by the credential of decision ${decisionSequence}`, decision.id);
    const issuance = await microCredentialIssuance(
      this.em,
      {
        caseId: this.step.caseId,
        candidateId: this.kase.candidateId,
        decisionId: decision.id,
        elements: built.elements,
        validUntil: built.validUntil,
        standard: built.standard,
        recognisedOutcomeIds: new Set(decision.recognisedOutcomeIds),
        at: this.at,
        stepKey: this.step.key,
      },
      this.settings.publicUrl,
    );
    const credentialId = await issueSignedCredential(this.em, issuance, this.settings);
    this.result.credential = { credentialId };
    await this.event('credential_issued', 'micro-credential issued', null, { credentialId, decisionSequence });
    await this.issueQualifications();
  }

  /** The qualifications the new micro-credential completes for the candidate, each issued once, in this step. */
  private async issueQualifications(): Promise<void> {
    const trigger = { candidateId: this.kase.candidateId, standardId: this.kase.standardId, at: this.at, stepKey: this.step.key };
    for (const outcome of await issueQualificationsCompletedBy(this.em, trigger, this.settings)) {
      if ('credentialId' in outcome) {
        await this.event('qualification_issued', `qualification ${outcome.code} issued`, null, { qualificationId: outcome.qualificationId, credentialId: outcome.credentialId });
      } else {
        await this.event('qualification_not_issued', outcome.notIssued, null, { qualificationId: outcome.qualificationId });
      }
    }
  }

  /** The EU micro-credential elements from the standard, its specification, the body, the candidate and the decision. */
  private async credentialElements(
    decision: DecisionEntity,
  ): Promise<{ elements: MicroCredentialElements; validUntil: Date | null; standard: StandardEntity } | { problem: string }> {
    const standard = await loadStandard(this.em, this.kase.standardId);
    const body = await this.em.findOneByOrFail(AwardingBodyEntity, { id: standard.awardingBodyId });
    const spec = await this.em.findOneBy(MicroCredentialSpecEntity, { standardId: standard.id });
    if (!spec) return { problem: `the micro-credential cannot be issued: standard ${standard.code} has no micro-credential specification` };
    const candidate = await this.em.findOneByOrFail(UserEntity, { id: this.kase.candidateId });
    const recognised = new Set(decision.recognisedOutcomeIds);
    const issuedAt = this.at;
    const validUntil = spec.validityMonths ? addMonths(issuedAt, spec.validityMonths) : null;
    const elements: MicroCredentialElements = {
      learnerIdentification: { id: candidate.id, name: candidate.displayName },
      title: spec.title,
      countryOfIssuer: body.country,
      awardingBody: { id: body.id, name: body.name },
      dateOfIssue: issuedAt.toISOString(),
      learningOutcomes: (standard.learningOutcomes ?? []).filter((o) => recognised.has(o.id)).map((o) => ({ id: o.id, code: o.code, description: o.description })),
      notionalWorkloadHours: standard.workloadHours,
      credits: standard.credits !== null && standard.creditSystem !== null ? { system: standard.creditSystem, value: standard.credits } : null,
      eqfLevel: standard.eqfLevel,
      nqfLevel: standard.nqfLevel,
      typeOfAssessment: spec.typeOfAssessment,
      formOfParticipation: spec.formOfParticipation,
      learningSetting: spec.learningSetting,
      typeOfQualityAssurance: spec.typeOfQualityAssurance,
      prerequisites: spec.prerequisites,
      supervisionAndIdentityVerification: spec.supervisionAndIdentityVerification,
      gradeAchieved: decision.result === DecisionResult.PartiallyAwarded ? 'partial recognition' : null,
      integrationStackability: spec.stackableInto?.length ? spec.stackableInto.map((q) => q.title).join('; ') : null,
      furtherInformation: spec.furtherInformation,
      validUntil: validUntil ? validUntil.toISOString() : null,
    };
    const problems = microCredentialProblems(elements);
    if (problems.length) return { problem: `the micro-credential cannot be issued: ${problems.join('; ')}` };
    return { elements, validUntil, standard };
  }

  /** Renders a message for each recipient into the outbox, in this transaction. */
  private async message(n: NotificationSpec, index: number): Promise<void> {
    const users = this.em.getRepository(UserEntity);
    const recipients =
      'userId' in n.to
        ? await users.findBy({ id: n.to.userId })
        : await users.find({ where: { role: Role.BodyAdmin, awardingBodyId: this.kase.awardingBodyId, active: true }, order: { id: 'ASC' } });
    const attachments = n.calendar ? [await this.calendarAttachment(n.calendar)] : [];
    for (const recipient of recipients) {
      // in the recipient's language (English until they choose one), with times in their own zone, else their body's
      const locale = recipient.locale ?? DEFAULT_LOCALE;
      const times: Record<string, string | null> = {};
      for (const [field, time] of Object.entries(n.times ?? {})) {
        const at = 'at' in time ? time.at : this.deadlines[time.deadline];
        times[field] = at ? formatDeadline(at, recipient.timeZone ?? this.context.timeZone, locale) : null;
      }
      let rendered;
      try {
        rendered = this.renderer.render(
          n.template,
          {
            standardTitle: this.context.standardTitle,
            status: this.kase.status,
            ...n.data,
            ...times,
            recipientName: recipient.displayName,
            caseId: this.step.caseId,
            caseUrl: portalCaseUrl(this.settings.publicUrl, this.step.caseId, recipient.role),
          },
          locale,
        );
      } catch (err) {
        // A template and its data that do not fit are a bug: retrying renders the same error.
        if (err instanceof TemplateRenderError) throw failure(CaseFailure.ProcessFault, err.message);
        throw err;
      }
      await writeOutbox(this.em, {
        key: `${this.step.caseId}/${this.step.key}#n${index}`,
        caseId: this.step.caseId,
        recipientUserId: recipient.id,
        recipientEmail: recipient.email,
        template: n.template,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        attachments,
      });
    }
  }
}
