import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CaseStatus, NotificationTemplate, statusWords } from '../../../../libs/domain';
import { CASE_WORKFLOW_TYPE, restartCaseWorkflow } from '../../../../libs/temporal/temporal';
import { caseWorkflowId } from '../../../../workflows/ids';
import type { ReconcileReport, ReconcilerActivities } from '../../../../workflows/activities';
import type { CaseRecordsActivities } from './case-records.activities';

/** Where the reconciler starts workflows: the worker's own Temporal client and task queue. */
export interface ReconcilerTarget {
  client: Client;
  taskQueue: string;
}

/**
 * The reconciler's sweep: every open case row must have a running workflow. One whose workflow is not running
 * (failed, terminated by an operator or the history limit, never started) is started again, resuming from its
 * records; the restart is written in the case's event log. A case restarted too often in a day is parked as
 * needs_attention first, so a fault that repeats reaches a person instead of looping.
 */
export class ReconcilerActivitiesService implements ReconcilerActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: CaseRecordsActivities,
    private readonly target: () => ReconcilerTarget | null,
  ) {}

  toActivities(): ReconcilerActivities {
    return { reconcileOpenCases: this.reconcileOpenCases.bind(this) };
  }

  async reconcileOpenCases(input: { maxRestartsPerDay: number; caseIds?: string[]; at?: string }): Promise<ReconcileReport> {
    const at = input.at ?? new Date().toISOString();
    const target = this.target();
    if (!target) throw new Error('the reconciler has no Temporal client: it runs only in the worker');
    const { client, taskQueue } = target;
    const open: { id: string; status: CaseStatus }[] = await this.dataSource.query(
      `SELECT id, status FROM validation_case WHERE status NOT IN ('withdrawn', 'closed') AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) ORDER BY id`,
      [input.caseIds ?? null],
    );
    // Visibility answers in one listing which workflows run; it may lag, so a case missing from it is confirmed one
    // by one. A sweep of named cases asks about each directly.
    const listed = new Set<string>();
    if (!input.caseIds) {
      for await (const execution of client.workflow.list({ query: `WorkflowType = '${CASE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'` })) {
        listed.add(execution.workflowId);
      }
    }
    const report: ReconcileReport = { running: 0, restarted: [], parked: [] };
    for (const row of open) {
      heartbeat();
      if (listed.has(caseWorkflowId(row.id))) {
        report.running += 1;
        continue;
      }
      const execution = await this.executionStatus(client, row.id);
      if (execution === 'RUNNING') {
        report.running += 1;
        continue;
      }
      const sweep = `reconciler-${randomUUID()}`;
      const restartsToday: { n: string }[] = await this.dataSource.query(
        `SELECT count(*) AS n FROM case_event WHERE case_id = $1 AND type = 'process_restarted' AND occurred_at > $2::timestamptz - interval '1 day'`,
        [row.id, at],
      );
      const why = `the case's process was ${execution === 'NOT_FOUND' ? 'not found' : execution.toLowerCase().replace(/_/g, ' ')} while the case was ${statusWords(row.status)}`;
      if (Number(restartsToday[0].n) >= input.maxRestartsPerDay && row.status !== CaseStatus.NeedsAttention) {
        const reason = `${why}, after ${restartsToday[0].n} restarts in a day: a person must look at it`;
        await this.records.recordStep({
          caseId: row.id,
          key: `${sweep}/park`,
          at,
          actorId: null,
          from: row.status,
          transitions: [{ to: CaseStatus.NeedsAttention, reason, keepDeadlines: true }],
          attention: reason,
          notifications: [{ template: NotificationTemplate.CaseNeedsAttention, to: { bodyAdmins: true }, data: { reason } }],
        });
        report.parked.push(row.id);
      }
      await this.records.recordStep({
        caseId: row.id,
        key: `${sweep}/restart`,
        at,
        actorId: null,
        from: report.parked.includes(row.id) ? CaseStatus.NeedsAttention : row.status,
        events: [{ type: 'process_restarted', reason: `${why}; restarted from the case's records`, data: { previousExecution: execution } }],
      });
      await restartCaseWorkflow(client, taskQueue, row.id);
      report.restarted.push(row.id);
    }
    return report;
  }

  private async executionStatus(client: Client, caseId: string): Promise<string> {
    try {
      return (await client.workflow.getHandle(caseWorkflowId(caseId)).describe()).status.name;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'NOT_FOUND';
      throw err;
    }
  }
}

function heartbeat(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // called outside an activity (a script): nothing to report to
  }
}
