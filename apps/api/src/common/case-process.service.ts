import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Client,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateStage,
} from '@temporalio/client';
import type { WorkflowHandle, WorkflowUpdateHandle } from '@temporalio/client';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { openCaseWorkflow } from '../../../../libs/temporal/temporal';
import { caseWorkflowId } from '../../../../workflows/ids';
import { caseStateQuery, conflictDeclaredSignal, openedUpdate } from '../../../../workflows/messages';
import type { CaseState, UpdateResult } from '../../../../workflows/types';
import type { UpdateDefinition } from '@temporalio/common';
import { CaseProcessError, StepAccepted } from './api-error';
import { RequestContext } from './request-context';

/** Once a step is accepted, its result is awaited at least this long, even when the deadline is nearly spent. */
const MIN_RESULT_WAIT_MS = 200;
/** How long a poll of a step's Location waits for a pending result before answering 202 again. */
const STEP_POLL_MS = 1_000;
/** Diagnostics only: reads of a case never ask its workflow. */
const QUERY_DEADLINE_MS = 1_500;
const OPEN_DEADLINE_MS = 15_000;
const SIGNAL_DEADLINE_MS = 5_000;

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_NOT_FOUND = 5;
/** A step's result is looked for in at most this many earlier runs of the case (newest first). */
const MAX_RUNS_SEARCHED = 200;
const NOT_IN_RUN = Symbol('not in this run');

function grpcCode(err: unknown): number | undefined {
  return err instanceof ServiceError ? (err.cause as { code?: number } | undefined)?.code : undefined;
}

/** Temporal did not answer (deadline passed, or unreachable), as opposed to answering with a refusal. */
function noAnswer(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (!(err instanceof ServiceError)) return false;
  const code = grpcCode(err);
  return code === undefined || code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED;
}

/**
 * The API's only way to change a case: messages to its workflow, defined once in workflows/messages.ts.
 * Temporal's errors propagate to the exception filter, which maps them to 409 or 503; a step accepted but not
 * finished within the answer deadline becomes StepAccepted (202).
 */
@Injectable()
export class CaseProcess {
  private readonly logger = new Logger('CaseProcess');

  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly requests: RequestContext,
  ) {}

  private handle(caseId: string): WorkflowHandle {
    return this.client.workflow.getHandle(caseWorkflowId(caseId));
  }

  /**
   * Opens a case: starts its workflow, which writes the case row itself, and waits for the answer (opened, or
   * refused because the candidate has an open case on the standard). Idempotent on the case id: a retry finds
   * the running workflow and gets the same answer. If the caller gives up (a crash, a timeout), the workflow
   * still opens the case; nothing is half-done.
   */
  async open(caseId: string, candidateId: string, standardId: string): Promise<UpdateResult> {
    return this.client.connection.withDeadline(Date.now() + OPEN_DEADLINE_MS, async () => {
      await openCaseWorkflow(this.client, this.config.temporal.taskQueue, caseId, { candidateId, standardId });
      return this.handle(caseId).executeUpdate(openedUpdate);
    });
  }

  /**
   * Sends a human step as an update whose id comes from the request's Idempotency-Key (RequestContext), so a
   * retry is applied once. Within the answer deadline: the result, or the workflow's refusal
   * (WorkflowUpdateFailedError, 409). Accepted but late: StepAccepted (202 with its Location). Not even
   * accepted in time: CaseProcessError.notAccepted (503, retry with the same key).
   */
  async update<Arg>(caseId: string, update: UpdateDefinition<UpdateResult, [Arg]>, arg: Arg): Promise<UpdateResult> {
    const updateId = this.requests.updateId(caseWorkflowId(caseId), update.name);
    const deadline = Date.now() + this.config.steps.answerDeadlineMs;
    let step: WorkflowUpdateHandle<UpdateResult>;
    try {
      step = await this.client.connection.withDeadline(deadline, () =>
        this.handle(caseId).startUpdate(update, { args: [arg], updateId, waitForStage: WorkflowUpdateStage.ACCEPTED }),
      );
    } catch (err) {
      if (!noAnswer(err)) throw err;
      this.logger.warn(`step ${update.name} (${updateId}) of case ${caseId} not accepted in time: ${(err as Error).message}`);
      throw CaseProcessError.notAccepted();
    }
    try {
      return await this.client.connection.withDeadline(Math.max(deadline, Date.now() + MIN_RESULT_WAIT_MS), () => step.result());
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) throw err;
      // accepted means recorded in the case's history: the step will run, only its answer is late
      this.logger.debug(`step ${update.name} (${updateId}) of case ${caseId} accepted, result pending: ${(err as Error).message}`);
      throw new StepAccepted(caseId, updateId);
    }
  }

  /**
   * The result of a step sent earlier: waits briefly for it, then StepAccepted (202) while it is still
   * running; the workflow's refusal as WorkflowUpdateFailedError (409); 404 for an update no run of the case's
   * workflow knows (or a workflow that does not exist). The run that took the step may since have handed over
   * to a new run (continue-as-new at a stage boundary, a restart): Temporal keeps the step's outcome in that
   * run's history, so the earlier runs are asked too.
   */
  async stepResult(caseId: string, updateId: string): Promise<UpdateResult> {
    const latest = await this.pollStep(caseId, updateId, undefined);
    if (latest !== NOT_IN_RUN) return latest;
    for (const runId of await this.earlierRuns(caseId)) {
      const outcome = await this.pollStep(caseId, updateId, runId);
      if (outcome !== NOT_IN_RUN) return outcome;
    }
    throw CaseProcessError.stepNotFound();
  }

  private async pollStep(caseId: string, updateId: string, runId: string | undefined): Promise<UpdateResult | typeof NOT_IN_RUN> {
    const step = this.client.workflow.getHandle(caseWorkflowId(caseId), runId).getUpdateHandle<UpdateResult>(updateId);
    try {
      return await this.client.connection.withDeadline(Date.now() + STEP_POLL_MS, () => step.result());
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw err;
      if (err instanceof WorkflowNotFoundError || grpcCode(err) === GRPC_NOT_FOUND) return NOT_IN_RUN;
      if (!noAnswer(err)) throw err;
      // a poll that times out means "still running" only if the engine answers at all
      if (await this.reachable()) throw new StepAccepted(caseId, updateId);
      throw CaseProcessError.engineUnreachable();
    }
  }

  /** The case's runs other than the latest, newest first (from Temporal's visibility store). */
  private async earlierRuns(caseId: string): Promise<string[]> {
    const runs: string[] = [];
    const executions = this.client.workflow.list({ query: `WorkflowId = '${caseWorkflowId(caseId)}'`, pageSize: 100 });
    for await (const execution of executions) {
      if (execution.status.name !== 'RUNNING') runs.push(execution.runId);
      if (runs.length >= MAX_RUNS_SEARCHED) break;
    }
    return runs;
  }

  /** Diagnostics: the workflow's execution as Temporal has it, and its live query when it answers. */
  async diagnostics(caseId: string): Promise<{ runId: string | null; executionStatus: string; historyLength: number | null; live: CaseState | null }> {
    const handle = this.handle(caseId);
    let description;
    try {
      description = await this.client.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.describe());
    } catch (err) {
      this.logger.debug(`describe of case ${caseId} failed: ${(err as Error).message}`);
      return { runId: null, executionStatus: 'NOT_FOUND', historyLength: null, live: null };
    }
    let live: CaseState | null = null;
    if (description.status.name === 'RUNNING') {
      try {
        live = await this.client.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.query(caseStateQuery));
      } catch (err) {
        this.logger.debug(`caseState of ${caseId} unavailable: ${(err as Error).message}`);
      }
    }
    return { runId: description.runId, executionStatus: description.status.name, historyLength: description.historyLength, live };
  }

  async conflictDeclared(caseId: string, assessorId: string): Promise<void> {
    await this.client.connection.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, () =>
      this.handle(caseId).signal(conflictDeclaredSignal, { assessorId }),
    );
  }

  /** Whether Temporal answers at all (for /health). */
  async reachable(): Promise<boolean> {
    try {
      await this.client.connection.withDeadline(Date.now() + 2_000, () =>
        this.client.workflowService.getSystemInfo({}),
      );
      return true;
    } catch {
      return false;
    }
  }
}
