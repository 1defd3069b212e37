import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  AssessmentPurpose,
  ASSIGNMENT_STATUSES,
  CaseOutcome,
  CaseStatus,
  DecisionResult,
  EvidenceKind,
  FINAL_STATUSES,
  Recommendation,
  Role,
  SelfAssessmentLevel,
} from '../../libs/domain';
import type { AssignmentStatus } from '../../libs/domain';
import {
  AssessmentEntity,
  AuditLogEntity,
  CaseAssessorEntity,
  CaseEntity,
  CaseEventEntity,
  ConflictOfInterestEntity,
  CredentialEntity,
  DecisionEntity,
  EvidenceEntity,
  NotificationEntity,
  SelfAssessmentEntity,
} from '../../libs/persistence/entities';
import type { NotificationStatus, StandardEntity, UserEntity } from '../../libs/persistence/entities';
import { NOTIFICATION_STATUSES } from '../../libs/persistence/entities/notification.entity';
import { factories } from '../factories';
import { openTestDataSource } from '../support/database';

// PostgreSQL's SQLSTATE codes.
const UNIQUE_VIOLATION = '23505';
const CHECK_VIOLATION = '23514';
const FOREIGN_KEY_VIOLATION = '23503';
const RESTRICT_VIOLATION = '23001';
const INSUFFICIENT_PRIVILEGE = '42501';

interface Refusal {
  code?: string;
  constraint?: string;
  message: string;
}

/** The database's error for a statement that must fail; a statement that succeeds fails the test. */
async function refusal(work: Promise<unknown>): Promise<Refusal> {
  try {
    await work;
  } catch (err) {
    const e = err as Refusal;
    return { code: e.code, constraint: e.constraint, message: e.message };
  }
  throw new Error('the database accepted what it should refuse');
}

describe('the records of a case, as the database protects them', () => {
  let ds: DataSource;
  let make: ReturnType<typeof factories>;
  let bodyId: string;
  let standard: StandardEntity;
  let assessor: UserEntity;
  let admin: UserEntity;

  /** A case row as the workflow's activities would write it; a new candidate each time, so open cases never collide. */
  async function newCase(values: Partial<CaseEntity> = {}): Promise<string> {
    const id = randomUUID();
    const candidate = await make.user(Role.Candidate);
    await ds.getRepository(CaseEntity).insert({
      id,
      candidateId: candidate.id,
      standardId: standard.id,
      awardingBodyId: bodyId,
      workflowId: `case-${id}`,
      ...values,
    });
    return id;
  }

  function assignment(caseId: string, values: Partial<CaseAssessorEntity> = {}): Promise<unknown> {
    return ds.getRepository(CaseAssessorEntity).insert({
      caseId,
      assessorId: assessor.id,
      purpose: AssessmentPurpose.Assessment,
      round: 1,
      status: 'active',
      assignedAt: new Date(),
      endedAt: null,
      ...values,
    });
  }

  function event(caseId: string, values: { actorId?: string | null } = {}): Promise<unknown> {
    return ds.getRepository(CaseEventEntity).insert({
      caseId,
      key: `e${randomUUID()}`,
      type: 'case_created',
      fromStatus: null,
      toStatus: CaseStatus.Draft,
      actorId: null,
      reason: 'case started by the candidate',
      occurredAt: new Date(),
      ...values,
    });
  }

  function assessment(caseId: string, values: Partial<AssessmentEntity> = {}): Promise<unknown> {
    return ds.getRepository(AssessmentEntity).insert({
      caseId,
      assessorId: assessor.id,
      purpose: AssessmentPurpose.Assessment,
      round: 1,
      recommendation: Recommendation.Award,
      recordedAt: new Date(),
      ...values,
    });
  }

  async function decision(caseId: string, values: Partial<DecisionEntity> = {}): Promise<string> {
    const id = randomUUID();
    await ds.getRepository(DecisionEntity).insert({
      id,
      caseId,
      sequence: 1,
      result: DecisionResult.Awarded,
      reason: 'every learning outcome is evidenced',
      decidedBy: admin.id,
      decidedAt: new Date(),
      ...values,
    });
    return id;
  }

  async function credential(caseId: string, values: Partial<Pick<CredentialEntity, 'candidateId' | 'validUntil' | 'revokedAt' | 'revocationReason' | 'suspendedAt' | 'suspensionReason'>> = {}): Promise<unknown> {
    const kase = await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
    const decisionId = await decision(caseId);
    return ds.getRepository(CredentialEntity).insert({
      caseId,
      decisionId,
      candidateId: kase.candidateId,
      awardingBodyId: kase.awardingBodyId,
      elements: {} as CredentialEntity['elements'],
      issuedAt: new Date('2030-01-01T00:00:00Z'),
      ...values,
    });
  }

  function notification(caseId: string | null, values: Partial<NotificationEntity> = {}): Promise<unknown> {
    return ds.getRepository(NotificationEntity).insert({
      key: `${caseId}/n${randomUUID()}`,
      caseId,
      recipientUserId: admin.id,
      recipientEmail: admin.email,
      template: 'decision-needed',
      subject: 'A decision is needed',
      bodyText: 'text',
      bodyHtml: '<p>html</p>',
      status: 'pending',
      ...values,
    });
  }

  function evidence(caseId: string, values: Partial<EvidenceEntity> = {}): Promise<unknown> {
    return ds.getRepository(EvidenceEntity).insert({
      caseId,
      kind: EvidenceKind.Url,
      title: 'Portfolio page',
      url: 'https://example.org/portfolio',
      addedBy: assessor.id,
      ...values,
    });
  }

  const deleteCase = (id: string) => ds.query(`DELETE FROM validation_case WHERE id = $1`, [id]);

  beforeAll(async () => {
    ds = await openTestDataSource();
    make = factories(ds);
    bodyId = (await make.body()).id;
    standard = await make.standard(bodyId);
    assessor = await make.user(Role.Assessor, bodyId);
    admin = await make.user(Role.BodyAdmin, bodyId);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  describe("a case's assessor assignments", () => {
    it('allows one active assignment per case: the active one ends before the next begins', async () => {
      const caseId = await newCase({ status: CaseStatus.AssessorAssigned, submittedAt: new Date() });
      await assignment(caseId, { round: 1 });
      expect(await refusal(assignment(caseId, { round: 2 }))).toMatchObject({ code: UNIQUE_VIOLATION, constraint: 'uq_case_assessor_case_active' });

      await ds.getRepository(CaseAssessorEntity).update({ caseId, round: 1 }, { status: 'reassigned', endedAt: new Date() });
      await assignment(caseId, { round: 2 });
      expect(await ds.getRepository(CaseAssessorEntity).countBy({ caseId, status: 'active' })).toBe(1);
    });

    it('accepts exactly the assignment statuses the code knows', async () => {
      const caseId = await newCase({ status: CaseStatus.UnderAssessment, submittedAt: new Date() });
      for (const [i, status] of ASSIGNMENT_STATUSES.entries()) {
        await assignment(caseId, { round: i + 1, status, endedAt: status === 'active' ? null : new Date() });
      }
      expect(await refusal(assignment(caseId, { round: 99, status: 'paused' as AssignmentStatus, endedAt: new Date() }))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_case_assessor_status',
      });
    });

    it('counts rounds from 1', async () => {
      const caseId = await newCase();
      expect(await refusal(assignment(caseId, { round: 0 }))).toMatchObject({ code: CHECK_VIOLATION, constraint: 'ck_case_assessor_round' });
    });

    it('has an end time exactly when the assignment is no longer active', async () => {
      const caseId = await newCase();
      expect(await refusal(assignment(caseId, { status: 'active', endedAt: new Date() }))).toMatchObject({ code: CHECK_VIOLATION, constraint: 'ck_case_assessor_ended' });
      expect(await refusal(assignment(caseId, { status: 'completed', endedAt: null }))).toMatchObject({ code: CHECK_VIOLATION, constraint: 'ck_case_assessor_ended' });
    });
  });

  describe("a case's end", () => {
    it('is recorded for every ended status, with a time and an outcome, and for no other status', async () => {
      for (const status of Object.values(CaseStatus)) {
        const ended = FINAL_STATUSES.includes(status);
        await newCase({ status, closedAt: ended ? new Date() : null, outcome: ended ? CaseOutcome.Withdrawn : null });
      }
      expect(await refusal(newCase({ status: CaseStatus.Withdrawn, outcome: CaseOutcome.Withdrawn, closedAt: null }))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_validation_case_closed',
      });
      expect(await refusal(newCase({ status: CaseStatus.AwaitingDecision, closedAt: new Date() }))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_validation_case_closed',
      });
    });

    it('has an outcome once the case is withdrawn or closed', async () => {
      expect(await refusal(newCase({ status: CaseStatus.Closed, closedAt: new Date(), outcome: null }))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_validation_case_outcome',
      });
    });
  });

  describe('the values of the other records', () => {
    it('counts assessment rounds and decision sequences from 1', async () => {
      const caseId = await newCase();
      expect(await refusal(assessment(caseId, { round: 0 }))).toMatchObject({ code: CHECK_VIOLATION, constraint: 'ck_assessment_round' });
      expect(await refusal(decision(caseId, { sequence: 0 }))).toMatchObject({ code: CHECK_VIOLATION, constraint: 'ck_decision_sequence' });
    });

    it('keeps a revoked decision whole: when, why and (if a person did it) who', async () => {
      const caseId = await newCase();
      expect(await refusal(decision(caseId, { revokedBy: admin.id }))).toMatchObject({ code: CHECK_VIOLATION, constraint: 'ck_decision_revocation' });
      expect(await refusal(decision(caseId, { revokedAt: new Date(), revocationReason: null }))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_decision_revocation',
      });
      await decision(caseId, { revokedAt: new Date(), revokedBy: null, revocationReason: 'superseded after appeal' });
    });

    it('keeps a credential coherent: a revocation has its reason, validity ends after issue', async () => {
      expect(await refusal(credential(await newCase(), { revokedAt: new Date(), revocationReason: null }))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_credential_revocation',
      });
      expect(await refusal(credential(await newCase(), { validUntil: new Date('2029-01-01T00:00:00Z') }))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_credential_validity',
      });
      expect(await refusal(credential(await newCase(), { suspendedAt: new Date(), suspensionReason: null }))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_credential_suspension',
      });
    });

    it('keeps the columns of an evidence kind on that kind, a stored file non-empty and named by its hex sha256', async () => {
      const caseId = await newCase();
      expect(await refusal(evidence(caseId, { kind: EvidenceKind.Url, attestorName: 'A. Manager' }))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_evidence_kind_columns',
      });
      const file = { kind: EvidenceKind.File, url: null, storageKey: 'ab/ab', mediaType: 'application/pdf', sha256: 'ab'.repeat(32), sizeBytes: 10 };
      await evidence(caseId, file);
      expect(await refusal(evidence(caseId, { ...file, sizeBytes: 0 }))).toMatchObject({ code: CHECK_VIOLATION, constraint: 'ck_evidence_size' });
      expect(await refusal(evidence(caseId, { ...file, sha256: 'AB'.repeat(32) }))).toMatchObject({ code: CHECK_VIOLATION, constraint: 'ck_evidence_sha256' });
    });

    it('accepts exactly the notification statuses the code knows, with a sent time exactly when sent', async () => {
      const caseId = await newCase();
      for (const status of NOTIFICATION_STATUSES) await notification(caseId, { status, sentAt: status === 'sent' ? new Date() : null });
      expect(await refusal(notification(caseId, { status: 'queued' as NotificationStatus }))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_notification_status',
      });
      expect(await refusal(notification(caseId, { status: 'sent', sentAt: null }))).toMatchObject({ code: CHECK_VIOLATION, constraint: 'ck_notification_sent_at' });
      // 1765700000000: a pending message the mail relay's poll could never see
      expect(await refusal(notification(caseId, { status: 'pending', nextAttemptAt: null }))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_notification_next_attempt_at',
      });
    });

    it("counts a standard's positions from 1 and its credential's validity in whole months", async () => {
      const outcome = standard.learningOutcomes![0]!;
      expect(await refusal(ds.query(`UPDATE learning_outcome SET position = 0 WHERE id = $1`, [outcome.id]))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_learning_outcome_position',
      });
      expect(await refusal(ds.query(`UPDATE assessment_criterion SET position = 0 WHERE id = $1`, [outcome.criteria![0]!.id]))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_assessment_criterion_position',
      });
      expect(await refusal(ds.query(`UPDATE micro_credential_spec SET validity_months = 0 WHERE standard_id = $1`, [standard.id]))).toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'ck_micro_credential_spec_validity',
      });
    });
  });

  describe('references to users and cases', () => {
    const nobody = randomUUID();

    it('refuses an event whose actor does not exist', async () => {
      expect(await refusal(event(await newCase(), { actorId: nobody }))).toMatchObject({ code: FOREIGN_KEY_VIOLATION, constraint: 'fk_case_event_actor' });
    });

    it('refuses an audit entry whose actor does not exist', async () => {
      const entry = ds.getRepository(AuditLogEntity).insert({ actorId: nobody, action: 'auth.login', subjectType: 'session', subjectId: randomUUID() });
      expect(await refusal(entry)).toMatchObject({ code: FOREIGN_KEY_VIOLATION, constraint: 'fk_audit_log_actor' });
    });

    it('refuses a message to a user or about a case that does not exist', async () => {
      expect(await refusal(notification(await newCase(), { recipientUserId: nobody }))).toMatchObject({
        code: FOREIGN_KEY_VIOLATION,
        constraint: 'fk_notification_recipient',
      });
      expect(await refusal(notification(randomUUID()))).toMatchObject({ code: FOREIGN_KEY_VIOLATION, constraint: 'fk_notification_case' });
    });

    it('refuses a revocation, an evidence item or a credential naming a user that does not exist', async () => {
      expect(await refusal(decision(await newCase(), { revokedAt: new Date(), revokedBy: nobody, revocationReason: 'probe' }))).toMatchObject({
        code: FOREIGN_KEY_VIOLATION,
        constraint: 'fk_decision_revoked_by',
      });
      expect(await refusal(evidence(await newCase(), { addedBy: nobody }))).toMatchObject({ code: FOREIGN_KEY_VIOLATION, constraint: 'fk_evidence_added_by' });
      expect(await refusal(credential(await newCase(), { candidateId: nobody }))).toMatchObject({
        code: FOREIGN_KEY_VIOLATION,
        constraint: 'fk_credential_candidate',
      });
    });

    it('refuses a conflict of interest declared by nobody, and keeps declarations when someone tries to delete a user', async () => {
      const declaring = await make.user(Role.Assessor, bodyId);
      const candidate = await make.user(Role.Candidate);
      const conflicts = ds.getRepository(ConflictOfInterestEntity);
      expect(await refusal(conflicts.insert({ assessorId: declaring.id, candidateId: candidate.id, reason: 'my neighbour', declaredBy: nobody }))).toMatchObject({
        code: FOREIGN_KEY_VIOLATION,
        constraint: 'fk_conflict_of_interest_declared_by',
      });
      await conflicts.insert({ assessorId: declaring.id, candidateId: candidate.id, reason: 'my neighbour', declaredBy: declaring.id });
      expect(await refusal(ds.query(`DELETE FROM app_user WHERE id = $1`, [candidate.id]))).toMatchObject({
        code: FOREIGN_KEY_VIOLATION,
        constraint: 'fk_conflict_of_interest_candidate',
      });
      const recorder = await make.user(Role.BodyAdmin, bodyId);
      const lone = await make.user(Role.Assessor, bodyId);
      await conflicts.insert({ assessorId: lone.id, candidateId: candidate.id, reason: 'a former colleague', declaredBy: recorder.id });
      expect(await refusal(ds.query(`DELETE FROM app_user WHERE id = $1`, [recorder.id]))).toMatchObject({
        code: FOREIGN_KEY_VIOLATION,
        constraint: 'fk_conflict_of_interest_declared_by',
      });
      expect(await refusal(ds.query(`DELETE FROM app_user WHERE id = $1`, [lone.id]))).toMatchObject({
        code: FOREIGN_KEY_VIOLATION,
        constraint: 'fk_conflict_of_interest_assessor',
      });
    });
  });

  describe('deleting a case', () => {
    it('is refused once the case has left draft, and its log stays', async () => {
      const caseId = await newCase({ status: CaseStatus.Submitted, submittedAt: new Date() });
      expect(await refusal(deleteCase(caseId))).toMatchObject({
        code: RESTRICT_VIOLATION,
        constraint: 'tr_validation_case_no_delete_after_draft',
        message: expect.stringMatching(/cannot be deleted: it has left draft \(status submitted\)/),
      });
      const lapsed = await newCase({ status: CaseStatus.Lapsed });
      expect(await refusal(deleteCase(lapsed))).toMatchObject({ code: RESTRICT_VIOLATION, constraint: 'tr_validation_case_no_delete_after_draft' });
      const backToDraft = await newCase({ status: CaseStatus.Draft, submittedAt: new Date() });
      expect(await refusal(deleteCase(backToDraft))).toMatchObject({ code: RESTRICT_VIOLATION, constraint: 'tr_validation_case_no_delete_after_draft' });
      expect(await ds.getRepository(CaseEntity).countBy({ id: caseId })).toBe(1);
    });

    it('is refused for a draft with any event, and the events remain', async () => {
      const caseId = await newCase();
      await event(caseId);
      expect(await refusal(deleteCase(caseId))).toMatchObject({ code: FOREIGN_KEY_VIOLATION, constraint: 'fk_case_event_case' });
      expect(await ds.getRepository(CaseEventEntity).countBy({ caseId })).toBe(1);
    });

    it('is refused for a case with an assignment, an assessment, a decision, a credential or a message', async () => {
      const withAssignment = await newCase();
      await assignment(withAssignment);
      expect(await refusal(deleteCase(withAssignment))).toMatchObject({ code: FOREIGN_KEY_VIOLATION, constraint: 'fk_case_assessor_case' });
      const withAssessment = await newCase();
      await assessment(withAssessment);
      expect(await refusal(deleteCase(withAssessment))).toMatchObject({ code: FOREIGN_KEY_VIOLATION, constraint: 'fk_assessment_case' });
      const withDecision = await newCase();
      await decision(withDecision);
      expect(await refusal(deleteCase(withDecision))).toMatchObject({ code: FOREIGN_KEY_VIOLATION, constraint: 'fk_decision_case' });
      const withCredential = await newCase();
      await credential(withCredential);
      expect(await refusal(deleteCase(withCredential))).toMatchObject({ code: FOREIGN_KEY_VIOLATION, constraint: expect.stringMatching(/^fk_(credential|decision)_case$/) });
      const withMessage = await newCase();
      await notification(withMessage);
      expect(await refusal(deleteCase(withMessage))).toMatchObject({ code: FOREIGN_KEY_VIOLATION, constraint: 'fk_notification_case' });
    });

    it('still removes a never-submitted draft without events, with its own portfolio', async () => {
      const caseId = await newCase();
      const outcomeId = standard.learningOutcomes![0]!.id;
      await ds.getRepository(EvidenceEntity).save({
        caseId,
        kind: EvidenceKind.Url,
        title: 'Portfolio page',
        url: 'https://example.org/portfolio',
        addedBy: assessor.id,
        outcomes: [{ learningOutcomeId: outcomeId }],
      });
      await ds.getRepository(SelfAssessmentEntity).insert({ caseId, learningOutcomeId: outcomeId, level: SelfAssessmentLevel.Confident });
      await deleteCase(caseId);
      expect(await ds.getRepository(CaseEntity).countBy({ id: caseId })).toBe(0);
      expect(await ds.getRepository(EvidenceEntity).countBy({ caseId })).toBe(0);
      expect(await ds.getRepository(SelfAssessmentEntity).countBy({ caseId })).toBe(0);
    });

    it('cannot go through a trigger either: the event log refuses a delete at any depth', async () => {
      const caseId = await newCase();
      await event(caseId);
      const runner = ds.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query(`CREATE TEMP TABLE poke (case_id uuid) ON COMMIT DROP`);
        await runner.query(
          `CREATE FUNCTION pg_temp.poke_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM case_event WHERE case_id = NEW.case_id; RETURN NEW; END $$`,
        );
        await runner.query(`CREATE TRIGGER poke_delete AFTER INSERT ON poke FOR EACH ROW EXECUTE FUNCTION pg_temp.poke_delete()`);
        expect(await refusal(runner.query(`INSERT INTO poke VALUES ($1)`, [caseId]))).toMatchObject({
          code: INSUFFICIENT_PRIVILEGE,
          message: expect.stringMatching(/append-only: DELETE/),
        });
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      expect(await ds.getRepository(CaseEventEntity).countBy({ caseId })).toBe(1);
    });
  });

  describe('indexes for the queues and lists', () => {
    it('exist as the lists sort, and the ones they replace are gone', async () => {
      const rows: { indexname: string; indexdef: string }[] = await ds.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('case_assessor', 'validation_case', 'notification')`,
      );
      const defs = Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef.replace(/^.* USING btree /, '')]));
      expect(defs).toMatchObject({
        uq_case_assessor_case_active: `(case_id) WHERE (status = 'active'::text)`,
        ix_case_assessor_assessor_queue: '(assessor_id, status, assigned_at)',
        ix_validation_case_body_created: '(awarding_body_id, created_at DESC, id DESC)',
        ix_validation_case_candidate_created: '(candidate_id, created_at DESC, id DESC)',
        // 1765000000000: the keys of the paged lists (docs/lists.md), after the body
        ix_validation_case_body_status_since: '(awarding_body_id, status, COALESCE(status_changed_at, created_at), id)',
        ix_validation_case_body_since: '(awarding_body_id, COALESCE(status_changed_at, created_at), id)',
        ix_validation_case_body_due:
          "(awarding_body_id, COALESCE(LEAST(evidence_due_at, assessment_due_at, appeal_deadline), 'infinity'::timestamp with time zone), id)",
        ix_notification_outbox: '(status, created_at)',
        ix_notification_case: '(case_id)',
      });
      for (const replaced of [
        'ix_case_assessor_assessor_status',
        'ix_validation_case_candidate',
        'ix_validation_case_body_status',
        'ix_notification_status',
        'ix_validation_case_body_status_changed',
        'ix_validation_case_body_assessment_due',
        'ix_validation_case_body_evidence_due',
      ]) {
        expect(defs).not.toHaveProperty(replaced);
      }
    });
  });
});
