import { ApplicationFailure, condition, log } from '@temporalio/workflow';
import { CaseFailure, CaseOutcome, CaseStage, CaseStatus, DAY_MS, NotificationTemplate, stageAfter } from '../libs/domain';
import type { AssessmentPurpose, ProcessSettings } from '../libs/domain';
import type { AssignmentEnd, CaseContext, CaseDeadlines, Recipient } from './activities';
import { messages, records } from './case-activities';
import { stepProblem } from './case-steps';
import type { Rejection, Step, StepKind, StepOf, StepView } from './case-steps';
import type { CaseState, UpdateResult } from './types';

/** Thrown once the case has reached withdrawn or closed, to leave whatever stage was running. */
export class CaseEnded extends Error {}

/** An update accepted by its validator, waiting for the main flow to take it. */
export interface PendingStep {
  step: Step;
  settled: boolean;
  result?: UpdateResult;
  rejection?: Rejection;
}

export interface ActiveAssignment {
  purpose: AssessmentPurpose;
  round: number;
  assessorId: string;
}

export type Wake<K extends StepKind> =
  | { kind: 'step'; step: StepOf<K> }
  | { kind: 'timeout' }
  | { kind: 'conflict' }
  | { kind: 'candidateActivity' };

export interface WaitOptions<K extends StepKind> {
  /** Steps this wait handles; withdrawal is always handled here (it ends the case). */
  accept: readonly K[];
  /** Epoch ms of the deadline; none: wait for a step. */
  until?: number;
  /** Wake up when this assessor declares a conflict of interest. */
  holder?: string | null;
  /** Wake up on candidate activity after this epoch ms. */
  candidateActivityAfter?: number;
}

export interface TransitionOptions {
  actorId: string | null;
  reason: string;
  outcome?: CaseOutcome;
  /** Deadlines open after the transition; those not named are cleared. */
  deadlines?: CaseDeadlines;
  data?: Record<string, unknown>;
}

export interface EndOptions {
  outcome: CaseOutcome;
  reason: string;
  actorId: string | null;
  /** How an assignment still active ends. */
  assignmentEnd: AssignmentEnd;
  /** The message the candidate gets. */
  notice: NotificationTemplate;
}

export function days(n: number): number {
  return n * DAY_MS;
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * One running case: its live state, the inbox of accepted human steps, and the primitives every stage uses
 * (waiting, transitions, events, messages). Keys of records are numbered in call order, which is
 * deterministic, so a replayed or retried step writes nothing twice.
 */
export class CaseRun implements StepView {
  readonly state: CaseState;
  context: CaseContext | null = null;
  admissibilityDecided = false;
  /** Epoch ms of the candidate's last activity (portfolio edits, reopening). */
  candidateActiveAt = Date.now();
  /** Assessors who declared a conflict of interest with this case's candidate. */
  readonly conflicted = new Set<string>();
  assignment: ActiveAssignment | null = null;
  readonly rounds: Record<AssessmentPurpose, number> = { assessment: 0, moderation: 0, appeal: 0 };
  /** Whether the case's credential is issued and not revoked. */
  credentialActive = false;

  private readonly inbox: PendingStep[] = [];
  private readonly applied: PendingStep[] = [];
  private keyCounter = 0;

  constructor(readonly caseId: string) {
    this.state = {
      caseId,
      status: CaseStatus.Draft,
      stage: CaseStage.Identification,
      outcome: null,
      assessorId: null,
      moderatorId: null,
      pastAssessorIds: [],
      evidenceDueAt: null,
      assessmentDueAt: null,
      appealDeadline: null,
      reopenDeadline: null,
      appealed: false,
      reopened: false,
      decisionSequence: 0,
    };
  }

  get ctx(): CaseContext {
    if (!this.context) throw new Error('case context not loaded');
    return this.context;
  }

  get settings(): ProcessSettings {
    return this.ctx.settings;
  }

  snapshot(): CaseState {
    return { ...this.state, pastAssessorIds: [...this.state.pastAssessorIds] };
  }

  /** Update validator: throws the rejection the API maps to a 4xx. */
  check(step: Step): void {
    const problem = stepProblem(this, step);
    if (problem) throw ApplicationFailure.create({ type: problem.type, message: problem.message, nonRetryable: true });
  }

  /** Update handler: hands the step to the main flow and answers once the flow has applied it or turned it down. */
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
   * Waits for one of the accepted steps, a deadline, a conflict of the holder or candidate activity. Steps
   * taken earlier are answered first with the status they led to. A withdrawal ends the case from here.
   */
  async wait<K extends StepKind = never>(opts: WaitOptions<K>): Promise<Wake<K>> {
    this.settleApplied();
    for (;;) {
      const ready = () =>
        this.inbox.length > 0 ||
        this.holderConflicted(opts.holder) ||
        (opts.candidateActivityAfter !== undefined && this.candidateActiveAt > opts.candidateActivityAfter);
      if (opts.until === undefined) {
        await condition(ready);
      } else {
        const remaining = opts.until - Date.now();
        const woke = remaining > 0 ? await condition(ready, remaining) : ready();
        if (!woke) return { kind: 'timeout' };
      }
      const pending = this.inbox.shift();
      if (pending) {
        const problem = stepProblem(this, pending.step) ?? this.notNow(pending.step, opts.accept);
        if (problem) {
          this.settle(pending, { rejection: problem });
          continue;
        }
        this.applied.push(pending);
        if (pending.step.kind === 'withdraw') {
          const { actorId, reason } = pending.step.input;
          await this.endCase(CaseStatus.Withdrawn, {
            outcome: CaseOutcome.Withdrawn,
            reason: reason?.trim() || 'withdrawn by the candidate',
            actorId,
            assignmentEnd: 'withdrawn',
            notice: NotificationTemplate.CaseWithdrawn,
          });
        }
        return { kind: 'step', step: pending.step as StepOf<K> };
      }
      if (this.holderConflicted(opts.holder)) return { kind: 'conflict' };
      return { kind: 'candidateActivity' };
    }
  }

  /** Waits, with no deadline, for one of the accepted steps (or a withdrawal, which ends the case). */
  async waitForStep<K extends StepKind>(accept: readonly K[]): Promise<StepOf<K>> {
    const wake = await this.wait({ accept });
    if (wake.kind !== 'step') throw new Error(`a wait without deadline woke up on ${wake.kind}`);
    return wake.step;
  }

  /** Answers every step still open once the case has ended. */
  finish(): void {
    this.settleApplied();
    for (const pending of this.inbox.splice(0)) {
      this.settle(pending, {
        rejection: { type: CaseFailure.NotAllowedInStatus, message: `the case is ${this.state.status}: it has ended` },
      });
    }
  }

  /** Records a status change with its event, mirroring stage and deadlines to the case row. */
  async transition(to: CaseStatus, opts: TransitionOptions): Promise<void> {
    const from = this.state.status;
    const stage = stageAfter(this.state.stage, to);
    const deadlines = {
      evidenceDueAt: opts.deadlines?.evidenceDueAt ?? null,
      assessmentDueAt: opts.deadlines?.assessmentDueAt ?? null,
      appealDeadline: opts.deadlines?.appealDeadline ?? null,
    };
    await records.recordTransition({
      caseId: this.caseId,
      key: this.nextKey('t', to),
      from,
      to,
      stage,
      actorId: opts.actorId,
      reason: opts.reason,
      at: this.now(),
      outcome: opts.outcome,
      deadlines,
      data: opts.data,
    });
    Object.assign(this.state, { status: to, stage, ...deadlines });
    if (opts.outcome) this.state.outcome = opts.outcome;
  }

  /** Records a fact in the case's event log that leaves its status as it is. */
  async event(type: string, opts: { actorId: string | null; reason: string; data?: Record<string, unknown> }): Promise<void> {
    await records.recordEvent({
      caseId: this.caseId,
      key: this.nextKey('e', type),
      type,
      status: this.state.status,
      actorId: opts.actorId,
      reason: opts.reason,
      at: this.now(),
      data: opts.data,
    });
  }

  /** Writes a message to the outbox; a message that cannot be written is logged, never a reason to stop the case. */
  async notify(template: NotificationTemplate, to: Recipient, data: Record<string, string | number | boolean | null> = {}): Promise<void> {
    const key = this.nextKey('n', template);
    try {
      await messages.notify({
        caseId: this.caseId,
        key,
        template,
        to,
        data: { standardTitle: this.ctx.standardTitle, status: this.state.status, ...data },
      });
    } catch (err) {
      log.warn('notification not written', { caseId: this.caseId, key, template, error: String(err) });
    }
  }

  notifyCandidate(template: NotificationTemplate, data?: Record<string, string | number | boolean | null>): Promise<void> {
    return this.notify(template, { userId: this.ctx.candidateId }, data);
  }

  notifyBodyAdmins(template: NotificationTemplate, data?: Record<string, string | number | boolean | null>): Promise<void> {
    return this.notify(template, { bodyAdmins: true }, data);
  }

  /** Ends the assessor's assignment that is still active, if any. */
  async endActiveAssignment(end: AssignmentEnd): Promise<ActiveAssignment | null> {
    const active = this.assignment;
    if (!active) return null;
    await records.endAssignment({ caseId: this.caseId, purpose: active.purpose, round: active.round, end, at: this.now() });
    this.assignment = null;
    if (this.state.assessorId === active.assessorId) this.state.assessorId = null;
    if (this.state.moderatorId === active.assessorId) this.state.moderatorId = null;
    return active;
  }

  /** Moves the case to withdrawn or closed and leaves the running stage. */
  async endCase(to: CaseStatus.Withdrawn | CaseStatus.Closed, opts: EndOptions): Promise<never> {
    const ended = await this.endActiveAssignment(opts.assignmentEnd);
    await this.transition(to, { actorId: opts.actorId, reason: opts.reason, outcome: opts.outcome });
    await this.notifyCandidate(opts.notice, { reason: opts.reason, outcome: opts.outcome });
    if (ended) await this.notify(NotificationTemplate.CaseWithdrawn, { userId: ended.assessorId }, { reason: opts.reason, outcome: opts.outcome });
    throw new CaseEnded();
  }

  now(): string {
    return new Date().toISOString();
  }

  private nextKey(prefix: string, name: string): string {
    this.keyCounter += 1;
    return `${prefix}${this.keyCounter}-${name}`;
  }

  private holderConflicted(holder: string | null | undefined): boolean {
    return !!holder && this.conflicted.has(holder);
  }

  private notNow(step: Step, accept: readonly StepKind[]): Rejection | null {
    if (step.kind === 'withdraw' || accept.includes(step.kind)) return null;
    return { type: CaseFailure.NotAllowedInStatus, message: `the case is ${this.state.status}: ${step.kind} is not possible at this point` };
  }

  private settleApplied(): void {
    const result = { status: this.state.status, stage: this.state.stage };
    for (const pending of this.applied.splice(0)) this.settle(pending, { result });
  }

  private settle(pending: PendingStep, outcome: { result?: UpdateResult; rejection?: Rejection }): void {
    pending.result = outcome.result;
    pending.rejection = outcome.rejection;
    pending.settled = true;
  }
}
