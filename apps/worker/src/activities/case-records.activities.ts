import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { deadlineAfter } from '../../../../libs/calendar';
import { reminderOn } from '../../../../libs/calendar/reminder';
import type { AppConfig } from '../../../../libs/config/config';
import { CaseFailure, CaseStatus, NotificationTemplate, outcomesWithoutEvidence, Role } from '../../../../libs/domain';
import { TemplateRenderer } from '../../../../libs/notifications/template-renderer';
import { CaseEntity, CaseStepEntity, EvidenceEntity, StandardEntity, UserEntity } from '../../../../libs/persistence/entities';
import type {
  CaseRecordActivities,
  CaseSnapshot,
  DraftClock,
  OpenCaseRequest,
  OpenCaseResult,
  OutcomeName,
  StepRecord,
  StepResult,
} from '../../../../workflows/activities';
import { caseContext, loadStandard, readSnapshot, stepContext } from './case-snapshot';
import { CaseStepWriter, failure } from './case-step.writer';
import type { IssuanceSettings } from './credential-issuer';

export const WORKER_SETTINGS = Symbol('WORKER_SETTINGS');

/** The worker's settings from the configuration: issuance's, and when holders are reminded of an expiring credential. */
export interface WorkerSettings extends IssuanceSettings {
  /** Days before a credential's validUntil its holder is reminded (CREDENTIAL_EXPIRY_REMINDER_DAYS). */
  expiryReminderDays: number;
}

/**
 * PostgreSQL error classes that retrying cannot cure: data exceptions (22), integrity constraint violations (23)
 * and statements the schema refuses (42). Connection loss (08), serialization failures and deadlocks (40) and
 * resource shortages (53) are retried.
 */
const DETERMINISTIC_SQLSTATE_CLASSES = ['22', '23', '42'];

/** Runs an activity's work; an error retrying cannot cure becomes a non-retryable ProcessFault (the case is parked). */
async function classified<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
    if (typeof code === 'string' && DETERMINISTIC_SQLSTATE_CLASSES.includes(code.slice(0, 2))) {
      throw failure(CaseFailure.ProcessFault, `the case's records refused the step (SQLSTATE ${code}): ${(err as Error).message}`);
    }
    throw err;
  }
}

/**
 * The case workflow's reads and writes of PostgreSQL. Every write is one transaction holding the case row's
 * lock and is idempotent on its step key: a retried activity (after a timeout, a worker crash) finds the step
 * and returns its first answer.
 */
@Injectable()
export class CaseRecordsActivities implements CaseRecordActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly renderer: TemplateRenderer,
    @Inject(WORKER_SETTINGS) private readonly settings: IssuanceSettings,
  ) {}

  /** Where links in messages and credentials point, and the keyring that opens the bodies' signing keys. */
  static settingsFrom(config: AppConfig): WorkerSettings {
    return { publicUrl: config.http.publicUrl, credentialKeys: config.credentials.secretKeys, mailFrom: config.mail.from, expiryReminderDays: config.credentials.expiryReminderDays };
  }

  /** The methods as plain functions, for Worker.create. */
  toActivities(): CaseRecordActivities {
    return {
      openCase: (req) => classified(() => this.openCase(req)),
      loadCase: (input) => classified(() => this.loadCase(input)),
      recordStep: (step) => classified(() => this.recordStep(step)),
      draftClock: (caseId) => classified(() => this.draftClock(caseId)),
      checkCompleteness: (caseId) => classified(() => this.checkCompleteness(caseId)),
      pickAssessor: (input) => classified(() => this.pickAssessor(input)),
      assessorEligible: (input) => classified(() => this.assessorEligible(input)),
      isBodyAdmin: (input) => classified(() => this.isBodyAdmin(input)),
    };
  }

  /**
   * The case row, written by its own workflow's first step with the case_created event and the first message:
   * a case never exists without its process. The partial unique index on open cases refuses a second open case
   * of the candidate on the standard; a retry finds the row it wrote.
   */
  async openCase(req: OpenCaseRequest): Promise<OpenCaseResult> {
    return this.dataSource.transaction(async (em) => {
      const standard = await em.findOneBy(StandardEntity, { id: req.standardId });
      if (!standard?.published) return { opened: false, reason: 'the standard is not published', openCaseId: null };
      const inserted: unknown[] = await em.query(
        `INSERT INTO validation_case (id, candidate_id, standard_id, awarding_body_id, workflow_id, status, last_activity_at, process_run_id)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
        [req.caseId, req.candidateId, standard.id, standard.awardingBodyId, `case-${req.caseId}`, new Date(req.at), req.key.split('/')[0]],
      );
      if (!inserted.length) {
        const mine = await em.findOneBy(CaseEntity, { id: req.caseId });
        if (mine) return { opened: true };
        const open = await em.query(
          `SELECT id, status FROM validation_case WHERE candidate_id = $1 AND standard_id = $2 AND status NOT IN ('withdrawn', 'closed') LIMIT 1`,
          [req.candidateId, req.standardId],
        );
        const other = (open as { id: string; status: string }[])[0];
        return {
          opened: false,
          reason: `you already have an open case on this standard (case ${other?.id ?? 'unknown'}, ${other?.status ?? 'open'}); continue it or withdraw it first`,
          openCaseId: other?.id ?? null,
        };
      }
      await this.writeStep(em, {
        caseId: req.caseId,
        key: req.key,
        at: req.at,
        actorId: req.candidateId,
        from: CaseStatus.Draft,
        events: [{ type: 'case_created', reason: 'case started by the candidate', data: { standardId: standard.id } }],
        notifications: [{ template: NotificationTemplate.CaseStarted, to: { userId: req.candidateId } }],
      });
      return { opened: true };
    });
  }

  /** Where the case stands, for a new run of its workflow; the run becomes the case's process. */
  async loadCase(input: { caseId: string; runId: string; cause: string }): Promise<CaseSnapshot> {
    return this.dataSource.transaction(async (em) => {
      const kase = await em.findOneBy(CaseEntity, { id: input.caseId });
      if (!kase) throw failure(CaseFailure.CaseNotFound, `there is no case ${input.caseId}`);
      await em.update(CaseEntity, { id: input.caseId }, { processRunId: input.runId });
      return readSnapshot(em, kase);
    });
  }

  /** Also called by the reconciler, for a step written on the process's behalf while its workflow is not running. */
  async recordStep(step: StepRecord): Promise<StepResult> {
    return this.dataSource.transaction((em) => this.writeStep(em, step));
  }

  private async writeStep(em: EntityManager, step: StepRecord): Promise<StepResult> {
    // The row lock orders every writer of the case: a retried attempt waits for a slower twin, then finds its step.
    const rows: CaseEntity[] = await em.getRepository(CaseEntity).find({ where: { id: step.caseId }, lock: { mode: 'pessimistic_write' } });
    const kase = rows[0];
    if (!kase) throw failure(CaseFailure.CaseNotFound, `there is no case ${step.caseId}`);
    const done = await em.findOneBy(CaseStepEntity, { caseId: step.caseId, key: step.key });
    if (done) return done.result as unknown as StepResult;
    const writer = new CaseStepWriter(em, kase, await stepContext(em, kase), step, this.renderer, this.settings);
    return writer.write();
  }

  /** When the draft's reminder and lapse fall, counted from the candidate's last activity in the body's time zone. */
  async draftClock(caseId: string): Promise<DraftClock> {
    const em = this.dataSource.manager;
    const kase = await em.findOneBy(CaseEntity, { id: caseId });
    if (!kase) throw failure(CaseFailure.CaseNotFound, `there is no case ${caseId}`);
    const { settings, timeZone } = await caseContext(em, kase);
    const reminded: { found: boolean }[] = await em.query(
      `SELECT EXISTS (SELECT 1 FROM case_event WHERE case_id = $1 AND type = 'inactivity_reminder' AND occurred_at >= $2) AS found`,
      [caseId, kase.lastActivityAt],
    );
    return {
      reminded: reminded[0].found,
      remindAt: reminderOn(kase.lastActivityAt, settings.inactivityReminderDays, timeZone).toISOString(),
      lapseAt: deadlineAfter(kase.lastActivityAt, settings.inactivityLapseDays, timeZone).toISOString(),
    };
  }

  /** Screening: the learning outcomes that no current evidence item is offered for, with their code and description for people. */
  async checkCompleteness(caseId: string): Promise<{ missingOutcomeIds: string[]; missingOutcomes: OutcomeName[] }> {
    const em = this.dataSource.manager;
    const kase = await em.findOneBy(CaseEntity, { id: caseId });
    if (!kase) throw failure(CaseFailure.CaseNotFound, `there is no case ${caseId}`);
    const standard = await loadStandard(em, kase.standardId);
    const current = await em.find(EvidenceEntity, { where: { caseId, removedAt: IsNull() }, relations: { outcomes: true } });
    const outcomes = standard.learningOutcomes ?? [];
    const missingOutcomeIds = outcomesWithoutEvidence(
      outcomes.map((o) => o.id),
      current.map((e) => ({ learningOutcomeIds: (e.outcomes ?? []).map((o) => o.learningOutcomeId) })),
    );
    const missing = new Set(missingOutcomeIds);
    return {
      missingOutcomeIds,
      missingOutcomes: outcomes.filter((o) => missing.has(o.id)).map((o) => ({ id: o.id, code: o.code, description: o.description })),
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

  /** An assessor an admin may assign by hand: an active assessor of the case's body with no conflict with the candidate. */
  async assessorEligible(input: { caseId: string; assessorId: string }): Promise<{ eligible: boolean; reason: string; conflict?: boolean }> {
    const kase = await this.dataSource.manager.findOneBy(CaseEntity, { id: input.caseId });
    if (!kase) throw failure(CaseFailure.CaseNotFound, `there is no case ${input.caseId}`);
    const user = await this.dataSource.manager.findOneBy(UserEntity, { id: input.assessorId });
    if (!user || user.role !== Role.Assessor || user.awardingBodyId !== kase.awardingBodyId) {
      return { eligible: false, reason: 'assessorId is not an assessor of this awarding body' };
    }
    if (!user.active) return { eligible: false, reason: 'this assessor is deactivated' };
    const conflict: { found: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM conflict_of_interest WHERE assessor_id = $1 AND candidate_id = $2) AS found`,
      [input.assessorId, kase.candidateId],
    );
    if (conflict[0].found) return { eligible: false, reason: 'this assessor declared a conflict of interest with the candidate', conflict: true };
    return { eligible: true, reason: 'eligible' };
  }

  /** An active body admin of the case's awarding body (read when the step is taken: admins change over a case's months). */
  async isBodyAdmin(input: { caseId: string; userId: string }): Promise<boolean> {
    const rows: { found: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (
         SELECT 1 FROM validation_case c JOIN app_user u ON u.awarding_body_id = c.awarding_body_id
         WHERE c.id = $1 AND u.id = $2 AND u.role = $3 AND u.active
       ) AS found`,
      [input.caseId, input.userId, Role.BodyAdmin],
    );
    return rows[0]!.found;
  }
}
