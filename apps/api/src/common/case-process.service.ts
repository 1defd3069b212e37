import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { startCaseWorkflow } from '../../../../libs/temporal/temporal';
import { caseWorkflowId } from '../../../../workflows/ids';
import { candidateActivitySignal, caseStateQuery, conflictDeclaredSignal } from '../../../../workflows/messages';
import type { CaseState, UpdateResult } from '../../../../workflows/types';
import type { UpdateDefinition } from '@temporalio/common';

/** How long a human step may wait for the workflow to accept it before the caller gets a 503. */
const UPDATE_DEADLINE_MS = 20_000;
/** The live state is a nicety: past this, the case is shown from its database row. */
const QUERY_DEADLINE_MS = 1_500;
const START_DEADLINE_MS = 10_000;
const SIGNAL_DEADLINE_MS = 5_000;

/**
 * The API's only way to change a case: messages to its workflow, defined once in workflows/messages.ts.
 * Temporal's errors propagate to the exception filter, which maps them to 409 or 503.
 */
@Injectable()
export class CaseProcess {
  private readonly logger = new Logger('CaseProcess');

  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private handle(caseId: string): WorkflowHandle {
    return this.client.workflow.getHandle(caseWorkflowId(caseId));
  }

  /** Starts the case's workflow (idempotent: a second start finds the running one). */
  async start(caseId: string): Promise<string> {
    return this.client.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      startCaseWorkflow(this.client, this.config.temporal.taskQueue, caseId),
    );
  }

  async update<Arg>(caseId: string, update: UpdateDefinition<UpdateResult, [Arg]>, arg: Arg): Promise<UpdateResult> {
    return this.client.connection.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
      this.handle(caseId).executeUpdate(update, { args: [arg] }),
    );
  }

  /** The live state, or null when the workflow cannot answer now (no worker, Temporal down, workflow ended long ago). */
  async state(caseId: string): Promise<CaseState | null> {
    try {
      return await this.client.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => this.handle(caseId).query(caseStateQuery));
    } catch (err) {
      this.logger.debug(`caseState of ${caseId} unavailable: ${(err as Error).message}`);
      return null;
    }
  }

  /**
   * The candidate changed the portfolio: resets the inactivity clock. Best effort: the change itself is already
   * stored, and a lost signal only means the reminder clock runs from the previous activity.
   */
  async candidateActivity(caseId: string): Promise<boolean> {
    try {
      await this.client.connection.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, () => this.handle(caseId).signal(candidateActivitySignal));
      return true;
    } catch (err) {
      this.logger.warn(`candidateActivity for case ${caseId} not delivered: ${(err as Error).message}`);
      return false;
    }
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
