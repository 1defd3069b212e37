import { ApplicationFailure, condition, patched, workflowInfo } from '@temporalio/workflow';
import { AssessmentPurpose, caseIs, CaseFailure, CaseOutcome, CaseStage, CaseStatus, NotificationTemplate, SessionStatus, stageAfter } from '../libs/domain';
import type { MessagePhrase, ProcessSettings } from '../libs/domain';
import type {
  ActiveAssignment,
  AssignmentEnd,
  CaseContext,
  CaseDeadlines,
  CaseSnapshot,
  DeadlineWords,
  DecisionTaken,
  MessageData,
  NotificationSpec,
  OpenCaseResult,
  Recipient,
  StandingAssessment,
  StepRecord,
  StepResult,
} from './activities';
import { records } from './case-activities';
import { STEP_NAMES, stepProblem } from './case-steps';
import type { Rejection, Step, StepKind, StepOf, StepView } from './case-steps';
import type { CaseState, SessionsState, UpdateResult } from './types';

/** Steps that only the awarding body's admins take. */
const BODY_STEPS: readonly StepKind[] = ['decideAdmissibility', 'decide', 'revokeDecision', 'assignAssessor', 'resolveAttention'];
/** Runs recorded before the body's steps were checked against the records replay without the check. */
const BODY_ACTOR_CHECK = 'body-actor-check';

/** Thrown once the case has reached withdrawn or closed, to leave whatever stage was running. */
export class CaseEnded extends Error {}

/** Thrown from a wait when this run should hand over to a new one (stage boundary, history size). */
export class ContinueNow extends Error {}

/** An update accepted by its validator, waiting for the main flow to take it. */
export interface PendingStep {
  step: Step;
  settled: boolean;
  result?: UpdateResult;
  rejection?: Rejection;
}

export type Wake<K extends StepKind> = { kind: 'step'; step: StepOf<K> } | { kind: 'timeout' } | { kind: 'conflict' };

export interface WaitOptions<K extends StepKind> {
  /** Steps this wait handles; withdrawal is always handled here (it ends the case). */
  accept: readonly K[];
  /** Deadline (ISO instant); none: wait for a step. */
  until?: string | null;
  /** Wake up when this assessor declares a conflict of interest. */
  holder?: string | null;
}

/** A step of the process as a stage describes it; the run adds the case, key, time and status before it. */
export type StepSpec = Omit<StepRecord, 'caseId' | 'key' | 'at' | 'from' | 'actorId'> & { actorId?: string | null };

export interface EndOptions {
  outcome: CaseOutcome;
  /** Facts recorded with the ending (an admissibility decision, say). */
  events?: StepRecord['events'];
  /** Recorded in the case's log, and told as typed when `said` is absent. */
  reason: string;
  /** The reason as the messages word it, when the process made it up (the log keeps `reason`). */
  said?: MessagePhrase;
  actorId: string | null;
  /** How an assignment still active ends. */
  assignmentEnd: AssignmentEnd;
  /** The message the candidate gets. */
  notice: NotificationTemplate;
  /** Facts of the ending's transition, e.g. its cause. */
  data?: Record<string, unknown>;
  /** The session the ending records (a second missed one); otherwise a session still to take place is cancelled. */
  session?: StepRecord['session'];
}

export const NO_SESSIONS: Readonly<SessionsState> = Object.freeze({ pending: null, proposed: 0, held: 0, missed: 0, rescheduled: 0, portfolioOnly: false });
const NO_DEADLINES: CaseDeadlines = { evidenceDueAt: null, assessmentDueAt: null, appealDeadline: null, reopenDeadline: null };
/** Well under Temporal's limit of 51,200 events: a run hands over long before any limit is near. */
const DEFAULT_HISTORY_LIMIT = 10_000;

/**
 * One run of a case's workflow: its state (loaded from PostgreSQL when the run starts), the inbox of accepted
 * human steps, and the primitives every stage uses (waiting, recording a step, messages). A recorded step's
 * key is the run id and a counter, so a retried activity writes nothing twice and a new run (continue-as-new,
 * a restart) never collides with an earlier one.
 */
export class CaseRun implements StepView {
  readonly state: CaseState;
  context: CaseContext | null = null;
  /** The deadlines in `state` as people read them, as the activities worded them in the body's zone. */
  deadlineWords: Partial<DeadlineWords> = {};
  /** Assessors who declared a conflict of interest with this case's candidate during this run. */
  readonly conflicted = new Set<string>();
  assignment: ActiveAssignment | null = null;
  rounds: Record<AssessmentPurpose, number> = { assessment: 0, moderation: 0, appeal: 0 };
  standing: StandingAssessment | null = null;
  decision: DecisionTaken | null = null;
  credentialActive = false;
  statusData: Record<string, unknown> = {};
  resumeStatus: CaseStatus | null = null;
  admitted = false;
  /** How opening the case went (first run), for the `opened` update; settled at once on later runs. */
  opening: OpenCaseResult | null = null;
  /** Set at a stage boundary: the next wait hands over to a new run. */
  handOver = false;

  private readonly inbox: PendingStep[] = [];
  /** The step the flow took and has not answered yet: answered by the next recorded step. */
  private taking: PendingStep | null = null;
  private keyCounter = 0;
  /** Steps being written right now. */
  private recording = 0;
  /** Waits this run has entered. */
  private waits = 0;
  private readonly historyLimit: number;

  constructor(
    readonly caseId: string,
    historyLimit?: number,
  ) {
    this.historyLimit = historyLimit ?? DEFAULT_HISTORY_LIMIT;
    this.state = {
      caseId,
      status: CaseStatus.Draft,
      stage: CaseStage.Identification,
      outcome: null,
      assessorId: null,
      moderatorId: null,
      pastAssessorIds: [],
      ...NO_DEADLINES,
      attentionReason: null,
      loaded: false,
      appealed: false,
      reopened: false,
      assessorReminded: false,
      decisionSequence: 0,
      sessions: { ...NO_SESSIONS },
    };
  }

  get ctx(): CaseContext {
    if (!this.context) throw ApplicationFailure.create({ type: CaseFailure.ProcessFault, message: 'the case is not loaded', nonRetryable: true });
    return this.context;
  }

  /** The assessor holding the case has been reminded of the SLA now running (part of the state, so it shows). */
  get assessorReminded(): boolean {
    return this.state.assessorReminded;
  }

  set assessorReminded(reminded: boolean) {
    this.state.assessorReminded = reminded;
  }

  get settings(): ProcessSettings {
    return this.ctx.settings;
  }

  /** Takes over where the case stands in PostgreSQL. */
  load(s: CaseSnapshot): void {
    this.context = s.context;
    this.state.loaded = true;
    Object.assign(this.state, {
      status: s.status,
      stage: s.stage,
      outcome: s.outcome,
      ...s.deadlines,
      attentionReason: s.attention?.reason ?? null,
      appealed: s.appealed,
      reopened: s.reopened,
      decisionSequence: s.decisionSequence,
      pastAssessorIds: [...s.pastAssessorIds],
      sessions: s.sessions ?? { ...NO_SESSIONS },
    });
    this.deadlineWords = { ...s.deadlineWords };
    this.resumeStatus = s.attention?.resumeStatus ?? null;
    this.statusData = s.statusData;
    this.rounds = { ...s.rounds };
    this.standing = s.standing;
    this.decision = s.decision;
    this.credentialActive = s.credentialActive;
    this.assessorReminded = s.assessorReminded;
    this.admitted = s.admitted;
    // a conflict declared while no run was there to hear it is heard now
    for (const id of s.conflictedAssessorIds) this.conflicted.add(id);
    this.setAssignment(s.assignment);
  }

  snapshot(): CaseState {
    return { ...this.state, pastAssessorIds: [...this.state.pastAssessorIds], sessions: { ...this.state.sessions } };
  }

  /**
   * Update validator: throws the rejection the API maps to a 4xx. While a step of the case is being recorded,
   * the run's state lags the records the caller may have read (the step is in PostgreSQL, its result not yet
   * here): the update is then taken provisionally and checked when the flow takes it from the inbox.
   */
  check(step: Step): void {
    if (this.recording > 0) return;
    const problem = stepProblem(this, step, Date.now());
    if (problem) throw ApplicationFailure.create({ type: problem.type, message: problem.message, nonRetryable: true });
  }

  /** Update handler: hands the step to the main flow and answers once the flow has recorded it or turned it down. */
  async submit(step: Step): Promise<UpdateResult> {
    const pending: PendingStep = { step, settled: false };
    this.inbox.push(pending);
    await condition(() => pending.settled);
    if (pending.rejection) {
      throw ApplicationFailure.create({ type: pending.rejection.type, message: pending.rejection.message, nonRetryable: true });
    }
    return pending.result ?? { status: this.state.status, stage: this.state.stage };
  }

  /**
   * Waits for one of the accepted steps, a deadline, or a conflict of interest of the holder. A withdrawal
   * ends the case from here. When the run should hand over (stage boundary, long history) and nothing is
   * waiting to be taken, it continues as new instead; the next run resumes at this same wait.
   */
  async wait<K extends StepKind = never>(opts: WaitOptions<K>): Promise<Wake<K>> {
    this.answerTaking();
    this.waits += 1;
    for (;;) {
      // A run hands over for its history's size only once it has waited once already, so a run always makes progress.
      if (this.inbox.length === 0 && (this.handOver || (this.waits > 1 && this.historyIsLong()))) throw new ContinueNow();
      const ready = () => this.inbox.length > 0 || this.holderConflicted(opts.holder);
      if (!opts.until) {
        await condition(ready);
      } else {
        const remaining = Date.parse(opts.until) - Date.now();
        const woke = remaining > 0 ? await condition(ready, remaining) : ready();
        if (!woke) return { kind: 'timeout' };
      }
      const pending = this.inbox.shift();
      if (!pending) return { kind: 'conflict' };
      const problem = stepProblem(this, pending.step, Date.now()) ?? this.notNow(pending.step, opts.accept) ?? (await this.notTheBody(pending.step));
      if (problem) {
        this.settle(pending, { rejection: problem });
        continue;
      }
      this.taking = pending;
      if (pending.step.kind === 'withdraw') {
        const { actorId, reason } = pending.step.input;
        await this.endCase(CaseStatus.Withdrawn, {
          outcome: CaseOutcome.Withdrawn,
          reason: reason?.trim() || 'withdrawn by the candidate',
          ...(reason?.trim() ? {} : { said: { phrase: 'withdrawn_by_candidate' } as const }),
          actorId,
          assignmentEnd: 'withdrawn',
          notice: NotificationTemplate.CaseWithdrawn,
        });
      }
      return { kind: 'step', step: pending.step as StepOf<K> };
    }
  }

  /** Waits, with no deadline, for one of the accepted steps (or a withdrawal, which ends the case). */
  async waitForStep<K extends StepKind>(accept: readonly K[]): Promise<StepOf<K>> {
    for (;;) {
      const wake = await this.wait({ accept });
      if (wake.kind === 'step') return wake.step;
    }
  }

  /** Turns down the step the flow took (a check that needed the database); the case waits on as before. */
  reject(rejection: Rejection): void {
    if (this.taking) this.settle(this.taking, { rejection });
    this.taking = null;
  }

  /** Answers every step still open once the run ends (the case ended, or a new run takes over). */
  finish(): void {
    this.answerTaking();
    for (const pending of this.inbox.splice(0)) {
      this.settle(pending, {
        rejection: { type: CaseFailure.NotAllowedInStatus, message: `${caseIs(this.state.status)}: it has ended` },
      });
    }
  }

  /**
   * Records one step of the process in one transaction (see StepRecord) and mirrors it in the run's state.
   * The step taken from the inbox, if any, is answered as soon as it is recorded.
   */
  async record(spec: StepSpec): Promise<StepResult> {
    this.keyCounter += 1;
    const step: StepRecord = {
      ...spec,
      caseId: this.caseId,
      key: `${workflowInfo().runId}/${this.keyCounter}`,
      at: this.now(),
      from: this.state.status,
      actorId: spec.actorId ?? null,
    };
    this.recording += 1;
    let result: StepResult;
    try {
      result = await records.recordStep(step);
    } finally {
      this.recording -= 1;
    }
    for (const t of spec.transitions ?? []) {
      const stage = stageAfter(this.state.stage, t.to);
      Object.assign(this.state, { status: t.to, stage });
      if (t.outcome) this.state.outcome = t.outcome;
      this.statusData = t.data ?? {};
    }
    Object.assign(this.state, result.deadlines);
    if (result.sessions) this.state.sessions = result.sessions;
    this.deadlineWords = { ...result.deadlineWords };
    if (spec.endAssignment) this.setAssignment(null);
    if (spec.startAssignment) {
      const a = spec.startAssignment;
      this.rounds[a.purpose] = a.round;
      this.setAssignment(a);
      if (!this.state.pastAssessorIds.includes(a.assessorId)) this.state.pastAssessorIds.push(a.assessorId);
      this.assessorReminded = false;
    }
    if (spec.attention !== undefined) this.state.attentionReason = spec.attention;
    this.answerTaking();
    return result;
  }

  /** A message to one recipient, written with the step that sends it. */
  message(template: NotificationTemplate, to: Recipient, data: MessageData = {}, times?: NotificationSpec['times']): NotificationSpec {
    return { template, to, data, times };
  }

  toCandidate(template: NotificationTemplate, data: MessageData = {}, times?: NotificationSpec['times']): NotificationSpec {
    return this.message(template, { userId: this.ctx.candidateId }, data, times);
  }

  toBodyAdmins(template: NotificationTemplate, data: MessageData = {}, times?: NotificationSpec['times']): NotificationSpec {
    return this.message(template, { bodyAdmins: true }, data, times);
  }

  /** Moves the case to withdrawn or closed, ending an active assignment, and leaves the running stage. */
  async endCase(to: CaseStatus.Withdrawn | CaseStatus.Closed, opts: EndOptions): Promise<never> {
    const ended = this.assignment;
    const outcome = opts.outcome;
    const said = opts.said ?? opts.reason;
    const pending = opts.session ? null : this.state.sessions.pending;
    const notice: NotificationSpec = { ...this.toCandidate(opts.notice, { reason: said, outcome }), ...(pending ? { calendar: { sessionId: pending.id, method: 'CANCEL' } } : {}) };
    const notifications = [notice];
    if (ended) notifications.push(this.message(NotificationTemplate.CaseWithdrawn, { userId: ended.assessorId }, { reason: said, outcome }));
    await this.record({
      actorId: opts.actorId,
      session: opts.session ?? (pending ? { update: { id: pending.id, status: SessionStatus.Cancelled, calendarChange: true } } : undefined),
      endAssignment: ended ? { purpose: ended.purpose, round: ended.round, end: opts.assignmentEnd } : undefined,
      events: opts.events,
      transitions: [{ to, reason: opts.reason, outcome: opts.outcome, ...(opts.data ? { data: opts.data } : {}) }],
      attention: this.state.attentionReason ? null : undefined,
      notifications,
    });
    throw new CaseEnded();
  }

  now(): string {
    return new Date().toISOString();
  }

  private setAssignment(a: ActiveAssignment | null): void {
    this.assignment = a;
    this.state.assessorId = a && a.purpose !== AssessmentPurpose.Moderation ? a.assessorId : null;
    this.state.moderatorId = a && a.purpose === AssessmentPurpose.Moderation ? a.assessorId : null;
  }

  private historyIsLong(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= this.historyLimit;
  }

  private holderConflicted(holder: string | null | undefined): boolean {
    return !!holder && this.conflicted.has(holder);
  }

  private notNow(step: Step, accept: readonly StepKind[]): Rejection | null {
    if (step.kind === 'withdraw' || accept.includes(step.kind)) return null;
    return { type: CaseFailure.NotAllowedInStatus, message: `${caseIs(this.state.status)}: ${STEP_NAMES[step.kind]} is not possible at this point` };
  }

  /**
   * The body's steps are taken only from an active admin of the case's awarding body, read from the records when
   * the step is taken: the API checks roles, and this refuses a message sent to the process by anyone else.
   */
  private async notTheBody(step: Step): Promise<Rejection | null> {
    if (!BODY_STEPS.includes(step.kind) || !patched(BODY_ACTOR_CHECK)) return null;
    const { actorId } = step.input as { actorId: string };
    if (await records.isBodyAdmin({ caseId: this.caseId, userId: actorId })) return null;
    return { type: CaseFailure.NotTheActor, message: `${STEP_NAMES[step.kind]} is for the admins of this case's awarding body` };
  }

  private answerTaking(): void {
    if (this.taking) this.settle(this.taking, { result: { status: this.state.status, stage: this.state.stage } });
    this.taking = null;
  }

  private settle(pending: PendingStep, outcome: { result?: UpdateResult; rejection?: Rejection }): void {
    pending.result = outcome.result;
    pending.rejection = outcome.rejection;
    pending.settled = true;
  }
}
