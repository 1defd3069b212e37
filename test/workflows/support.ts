import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../apps/worker/src/activities';
import type { CaseActivities } from '../../workflows/activities';
import { createCaseWorker } from '../../apps/worker/src/case-worker';
import { CaseStatus, CriterionResult, DAY_MS, EvidenceKind, Recommendation, Role } from '../../libs/domain';
import { DecisionResult } from '../../libs/domain';
import type { AssessmentMethod, OutcomeCriteria, ProcessSettingsOverrides } from '../../libs/domain';
import {
  AssessmentEntity,
  CaseAssessorEntity,
  CaseEntity,
  CaseEventEntity,
  ConflictOfInterestEntity,
  CredentialEntity,
  DecisionEntity,
  EvidenceEntity,
  NotificationEntity,
} from '../../libs/persistence/entities';
import type { StandardEntity, UserEntity } from '../../libs/persistence/entities';
import type { caseWorkflow } from '../../workflows';
import { caseWorkflowId, CASE_WORKFLOW_VERSION } from '../../workflows/ids';
import {
  acceptAssignmentUpdate,
  appealUpdate,
  caseStateQuery,
  conflictDeclaredSignal,
  decideUpdate,
  openedUpdate,
  recordAssessmentUpdate,
  submitUpdate,
  withdrawUpdate,
} from '../../workflows/messages';
import type { CaseState } from '../../workflows/types';
import { restartCaseWorkflow } from '../../libs/temporal/temporal';
import { historiesOfAllRuns } from '../replay/record-histories';
import { factories } from '../factories';
import { openTestDataSource } from '../support/database';
import { TEMPORAL_TEST_SERVER } from '../support/temporal-server';
import { TEST_PAYLOAD_KEYS, testDataConverter } from '../support/temporal-client';

// Real PostgreSQL and a Temporal server on a shared 2-core machine: allow more than Jest's default 5 s per test.
jest.setTimeout(90_000);
// The time-skipping test server (Java) miscounts its time locks now and then on a loaded machine: time runs on
// between two steps of a test (an assignment times out between reading the assessor and accepting for them), or
// stands (see sleep). Its update support has known gaps too (temporalio/sdk-java#1903, temporalio/features#551).
// A test that failed is run once more on a new case, its first failure printed, so a flake shows in the log and
// a real fault fails twice.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

export type CaseHandle = WorkflowHandle<typeof caseWorkflow>;

export const days = (n: number): number => n * DAY_MS;
/**
 * Certainly past a deadline of n days: deadlines end at 23:59:59 local time on the n-th calendar day, which is
 * at most n + 1 days after any moment of day 0.
 */
export const justAfter = (n: number): number => days(n + 1) + 60 * 60 * 1000;

/** Worker logs at warning level and above: the bundler's and the worker's INFO lines drown the test report. */
export function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed for this test file.
  }
}

/** The same activities, counting those running (each holds the test server's clock while it runs). */
function counted(activities: CaseActivities, inFlight: { running: number; started: number }): CaseActivities {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = async (...args: unknown[]) => {
      inFlight.running++;
      inFlight.started++;
      try {
        return await fn(...args);
      } finally {
        inFlight.running--;
      }
    };
  }
  return wrapped as unknown as CaseActivities;
}

/**
 * One time-skipping Temporal test server, the real PostgreSQL test database and a worker running the case
 * workflow with the real activities, for one test file.
 */
export class CaseHarness {
  private running: Promise<void> | undefined;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly ds: DataSource,
    private worker: Worker,
    readonly taskQueue: string,
    private readonly maxCachedWorkflows: number | undefined,
    /** The activities the worker runs, for tests that call one directly (the reconciler's sweep). */
    readonly activities: CaseActivities,
    private readonly inFlight: { running: number; started: number },
  ) {}

  /**
   * `wrap` lets a test put a fault into the activities (a bug, a record that disagrees), the way a real fault
   * would reach the workflow; the activities themselves stay the real ones. `maxCachedWorkflows: 0` for tests
   * that pause the worker: a cached workflow's next task goes to the paused worker's own (sticky) queue, which
   * the server hands back only after a timeout on its clock, and that clock stands still while the task waits.
   */
  static async start(options: { wrap?: (activities: CaseActivities) => CaseActivities; maxCachedWorkflows?: number } = {}): Promise<CaseHarness> {
    quietRuntime();
    const ds = await openTestDataSource();
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: TEMPORAL_TEST_SERVER } },
      client: { dataConverter: testDataConverter() },
    });
    const taskQueue = `cases-${randomUUID()}`;
    const real = createActivities(ds, { reconciler: { client: env.client, taskQueue } });
    const inFlight = { running: 0, started: 0 };
    const activities = counted(options.wrap ? options.wrap(real) : real, inFlight);
    const { maxCachedWorkflows } = options;
    const worker = await createCaseWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue, activities, maxCachedWorkflows, payloadKeys: TEST_PAYLOAD_KEYS });
    const harness = new CaseHarness(env, ds, worker, taskQueue, maxCachedWorkflows, activities, inFlight);
    harness.running = worker.run();
    return harness;
  }

  /** Stops polling, as a worker that is down or far behind: workflows wait, timers still come due. */
  async pauseWorker(): Promise<void> {
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
  }

  async resumeWorker(): Promise<void> {
    this.worker = await createCaseWorker({
      connection: this.env.nativeConnection,
      namespace: 'default',
      taskQueue: this.taskQueue,
      activities: this.activities,
      maxCachedWorkflows: this.maxCachedWorkflows,
      payloadKeys: TEST_PAYLOAD_KEYS,
    });
    this.running = this.worker.run();
  }

  /** A new assessor of the case's body. */
  addAssessor(c: CaseScenario): Promise<UserEntity> {
    return factories(this.ds).user(Role.Assessor, c.standard.awardingBodyId);
  }

  async stop(): Promise<void> {
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.env.teardown();
    await this.ds.destroy();
  }

  /** A body with its admins and assessors, a published standard, a candidate and a draft case with its workflow started. */
  async newCase(opts: {
    settings?: ProcessSettingsOverrides;
    assessors?: number;
    outcomes?: number;
    evidence?: boolean;
    candidateName?: string;
    historyLimit?: number;
    /** The awarding body's time zone (Europe/Paris by default). */
    timeZone?: string;
    /** The standard's assessment methods (none by default). */
    assessmentMethods?: AssessmentMethod[];
  } = {}): Promise<CaseScenario> {
    const f = factories(this.ds);
    const body = await f.body(opts.settings ?? {}, undefined, opts.timeZone);
    const admin = await f.user(Role.BodyAdmin, body.id);
    const assessors: UserEntity[] = [];
    for (let i = 0; i < (opts.assessors ?? 2); i++) assessors.push(await f.user(Role.Assessor, body.id));
    // Assessors sorted by id: with equal load the activity picks the lowest id first.
    assessors.sort((a, b) => a.id.localeCompare(b.id));
    const standard = await f.standard(body.id, { outcomes: opts.outcomes ?? 2, criteriaPer: 2, assessmentMethods: opts.assessmentMethods });
    const candidate = await f.user(Role.Candidate, null, opts.candidateName);
    // The case is opened as the API opens it: its workflow writes the row.
    const caseId = randomUUID();
    const handle = await this.env.client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
      workflowId: caseWorkflowId(caseId),
      taskQueue: this.taskQueue,
      args: [{ version: CASE_WORKFLOW_VERSION, caseId, open: { candidateId: candidate.id, standardId: standard.id }, historyLimit: opts.historyLimit }],
    });
    await handle.executeUpdate(openedUpdate);
    if (opts.evidence ?? true) await this.addEvidence(caseId, candidate.id, standard.learningOutcomes!.map((o) => o.id));
    const outcomes: OutcomeCriteria[] = standard.learningOutcomes!.map((o) => ({
      learningOutcomeId: o.id,
      criterionIds: o.criteria!.map((c) => c.id),
    }));
    return new CaseScenario(this, caseId, handle, candidate, admin, assessors, standard, outcomes);
  }

  async insertCase(candidateId: string, standard: StandardEntity): Promise<string> {
    const id = randomUUID();
    await this.ds.getRepository(CaseEntity).insert({
      id,
      candidateId,
      standardId: standard.id,
      awardingBodyId: standard.awardingBodyId,
      workflowId: caseWorkflowId(id),
    });
    return id;
  }

  /** One URL evidence item offered for the given learning outcomes (the API's job in production). */
  async addEvidence(caseId: string, addedBy: string, learningOutcomeIds: string[]): Promise<void> {
    await this.ds.getRepository(EvidenceEntity).save({
      caseId,
      kind: EvidenceKind.Url,
      title: 'Portfolio page',
      url: 'https://example.org/portfolio',
      addedBy,
      outcomes: learningOutcomeIds.map((learningOutcomeId) => ({ learningOutcomeId })),
    });
  }

  /**
   * Moves the time-skipping server's clock `ms` forward, as `env.sleep` does (UnlockTimeSkippingWithSleep). The clock
   * stands still while a workflow or activity task is out, so a slow activity on a loaded machine slows the sleep,
   * and that is right. But the server sometimes keeps a lock for a task that ended (seen after a run is terminated
   * with a task out, and under load): the clock then moves at the pace of real time and the sleep never returns in
   * a test's life. So when the clock moved less than a minute in 5 s while none of our activities ran (a workflow
   * task takes milliseconds), one extra unlock drops the stray lock; the sleep completes, locks again, and the
   * counter is as before. Not while an activity of ours runs: that unlock would unbalance the server's count.
   */
  async sleep(ms: number): Promise<void> {
    let done = false;
    const sleeping = this.env.sleep(ms).then(() => {
      done = true;
    });
    const testService = (this.env.connection as unknown as { testService: { unlockTimeSkipping(req: object): Promise<unknown> } }).testService;
    const started = Date.now();
    let unlocks = 0;
    while (!done && Date.now() - started < 75_000) {
      const before = (await this.now()).getTime();
      const activityRunsBefore = this.inFlight.started;
      await Promise.race([sleeping, new Promise((r) => setTimeout(r, 5_000))]);
      if (done) break;
      const realPace = (await this.now()).getTime() - before < 60_000;
      const idle = this.inFlight.running === 0 && this.inFlight.started === activityRunsBefore;
      if (realPace && idle && unlocks < 3) {
        unlocks++;
        await testService.unlockTimeSkipping({}).catch(() => undefined);
      }
    }
    if (!done) {
      throw new Error(
        `the test server's clock did not reach the end of a ${ms} ms sleep in 75 s (now ${(await this.now()).toISOString()}, ` +
          `${this.inFlight.running} activities running, ${unlocks} stray locks dropped)`,
      );
    }
  }

  /** The time-skipping server's clock: what the workflow believes now is. */
  async now(): Promise<Date> {
    return new Date(await this.env.currentTimeMs());
  }

  /** Polls the workflow's live state until it satisfies the predicate (timers fire asynchronously to the test). */
  async until(handle: CaseHandle, predicate: (s: CaseState) => boolean, what: string): Promise<CaseState> {
    let last: CaseState | undefined;
    // under the test's 90 s, so that a case that never gets there fails with its state instead of a bare timeout
    for (const started = Date.now(); Date.now() - started < 75_000; ) {
      last = await handle.query(caseStateQuery);
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the case never reached: ${what}; last state ${JSON.stringify(last)}`);
  }
}

/** One case and its actors, with the steps the API would send. */
export class CaseScenario {
  constructor(
    readonly h: CaseHarness,
    readonly caseId: string,
    public handle: CaseHandle,
    readonly candidate: UserEntity,
    readonly admin: UserEntity,
    readonly assessors: UserEntity[],
    readonly standard: StandardEntity,
    readonly outcomes: OutcomeCriteria[],
  ) {}

  get outcomeIds(): string[] {
    return this.outcomes.map((o) => o.learningOutcomeId);
  }

  /** The live state (diagnostics), once the current run has read the case's records. */
  state(): Promise<CaseState> {
    return this.until((s) => s.loaded, 'the run has loaded the case');
  }

  until(predicate: (s: CaseState) => boolean, what: string): Promise<CaseState> {
    return this.h.until(this.handle, predicate, what);
  }

  submit() {
    return this.handle.executeUpdate(submitUpdate, { args: [{ actorId: this.candidate.id }] });
  }

  /** Submits, then waits until the process has taken the case to the given status (an assessor assigned, by default). */
  async submitUntil(status: CaseStatus = CaseStatus.AssessorAssigned): Promise<CaseEntity> {
    await this.submit();
    return this.untilStatus(status);
  }

  accept(assessorId: string) {
    return this.handle.executeUpdate(acceptAssignmentUpdate, { args: [{ assessorId }] });
  }

  /** Records an assessment meeting the criteria of the first `metOutcomes` learning outcomes (all by default). */
  recordAssessment(assessorId: string, recommendation: Recommendation, metOutcomes = this.outcomes.length) {
    const judgements = this.outcomes.flatMap((o, i) =>
      o.criterionIds.map((criterionId) => ({
        criterionId,
        result: i < metOutcomes ? CriterionResult.Met : CriterionResult.NotMet,
        score: i < metOutcomes ? 80 : 20,
        comment: null,
      })),
    );
    return this.handle.executeUpdate(recordAssessmentUpdate, {
      args: [{ assessorId, assessment: { judgements, recommendation, comment: `assessed as ${recommendation}` } }],
    });
  }

  decide(result: DecisionResult, recognisedOutcomeIds: string[], reason = `decided: ${result}`) {
    return this.handle.executeUpdate(decideUpdate, {
      args: [{ actorId: this.admin.id, result, recognisedOutcomeIds, reason }],
    });
  }

  withdraw(reason = 'changed my mind') {
    return this.handle.executeUpdate(withdrawUpdate, { args: [{ actorId: this.candidate.id, reason }] });
  }

  appeal(reason = 'the evidence was misread') {
    return this.handle.executeUpdate(appealUpdate, { args: [{ actorId: this.candidate.id, reason }] });
  }

  /** Waits until the case row (the system of record) reaches a status: the next stage's steps run after an update has answered. */
  async untilStatus(status: CaseStatus): Promise<CaseEntity> {
    let row: CaseEntity | undefined;
    for (let i = 0; i < 900; i++) {
      row = await this.caseRow();
      if (row.status === status) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`case ${this.caseId} never reached ${status}; it is ${row?.status}`);
  }

  async caseRow(): Promise<CaseEntity> {
    return this.h.ds.getRepository(CaseEntity).findOneByOrFail({ id: this.caseId });
  }

  async events(): Promise<CaseEventEntity[]> {
    return this.h.ds.getRepository(CaseEventEntity).find({ where: { caseId: this.caseId }, order: { seq: 'ASC' } });
  }

  /** The status path of the case as its event log tells it. */
  async statusPath(): Promise<string[]> {
    return (await this.events()).filter((e) => e.type === 'transition').map((e) => e.toStatus);
  }

  async assignments(): Promise<CaseAssessorEntity[]> {
    return this.h.ds.getRepository(CaseAssessorEntity).find({ where: { caseId: this.caseId }, order: { assignedAt: 'ASC', round: 'ASC' } });
  }

  async assessments(): Promise<AssessmentEntity[]> {
    return this.h.ds.getRepository(AssessmentEntity).find({ where: { caseId: this.caseId }, relations: { judgements: true }, order: { recordedAt: 'ASC' } });
  }

  async decisions(): Promise<DecisionEntity[]> {
    return this.h.ds.getRepository(DecisionEntity).find({ where: { caseId: this.caseId }, order: { sequence: 'ASC' } });
  }

  async credentials(): Promise<CredentialEntity[]> {
    return this.h.ds.getRepository(CredentialEntity).find({ where: { caseId: this.caseId }, order: { statusPosition: 'ASC', issuedAt: 'ASC' } });
  }

  async notifications(): Promise<NotificationEntity[]> {
    return this.h.ds.getRepository(NotificationEntity).find({ where: { caseId: this.caseId }, order: { createdAt: 'ASC' } });
  }

  /** Templates of the messages one user received about this case. */
  async templatesFor(userId: string): Promise<string[]> {
    return (await this.notifications()).filter((n) => n.recipientUserId === userId).map((n) => n.template);
  }

  /**
   * No record of the case was written twice: unique event keys, one row per natural key, one credential per
   * awarding decision and at most one in force, one active assignment.
   */
  async expectNoDuplicates(): Promise<void> {
    const events = await this.events();
    expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
    const decisions = await this.decisions();
    expect(new Set(decisions.map((d) => d.sequence)).size).toBe(decisions.length);
    const credentials = await this.credentials();
    const awarding = decisions.filter((d) => d.result !== DecisionResult.NotAwarded).map((d) => d.id);
    expect(credentials.filter((c) => c.decisionId === null || !awarding.includes(c.decisionId))).toEqual([]);
    expect(new Set(credentials.map((c) => c.decisionId)).size).toBe(credentials.length);
    expect(credentials.filter((c) => !c.revokedAt).length).toBeLessThanOrEqual(1);
    const assignments = await this.assignments();
    expect(new Set(assignments.map((a) => `${a.purpose}/${a.round}`)).size).toBe(assignments.length);
    expect(assignments.filter((a) => a.status === 'active').length).toBeLessThanOrEqual(1);
  }

  /** The history of every run of the case's workflow, first first. */
  runs() {
    return historiesOfAllRuns(this.handle);
  }

  /** Starts the case's workflow again from its records, as the reconciler does after its run ended; steps go to the new run. */
  async restart(): Promise<void> {
    await restartCaseWorkflow(this.h.env.client, this.h.taskQueue, this.caseId);
    this.handle = this.h.env.client.workflow.getHandle(caseWorkflowId(this.caseId));
  }

  /** The candidate edits the portfolio now (by the workflow's clock), as the API marks it on the case row. */
  async touch(): Promise<void> {
    await this.h.ds.getRepository(CaseEntity).update({ id: this.caseId }, { lastActivityAt: await this.h.now() });
  }

  async declareConflict(assessorId: string): Promise<void> {
    await this.h.ds.getRepository(ConflictOfInterestEntity).insert({
      assessorId,
      candidateId: this.candidate.id,
      reason: 'former colleague',
      declaredBy: assessorId,
    });
    await this.handle.signal(conflictDeclaredSignal, { assessorId });
  }
}

/** The failure an update was rejected with: its type and message, for assertions. */
export async function rejection(promise: Promise<unknown>): Promise<{ type: string | undefined; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { type: err.cause.type ?? undefined, message: err.cause.message };
    }
    throw err;
  }
  throw new Error('the update was accepted, but a rejection was expected');
}

/** Recommendation values, re-exported for the tests' brevity. */
export { Recommendation };
