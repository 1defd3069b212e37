import type { Client, WorkflowHandle } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/** temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED: a worker runs the attempt. */
const PENDING_ACTIVITY_STATE_STARTED = 2;

/**
 * A table lock held in the test's own transaction until `release`: with SHARE ROW EXCLUSIVE on case_event, every
 * step's event insert waits (so the activity writing it stays in flight) while reads go on.
 */
export async function holdTableLock(url: string, table: string, mode = 'SHARE ROW EXCLUSIVE'): Promise<{ release(): Promise<void> }> {
  const client = new PgClient({ connectionString: url, application_name: 'vnfil-test-lock' });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ${mode} MODE`);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

/** Sessions of PostgreSQL waiting for a lock on the table: writers the test's lock holds up. */
export async function lockWaiters(ds: DataSource, table: string): Promise<number> {
  const rows: { n: string }[] = await ds.query(
    `SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = $1 AND NOT l.granted`,
    [table],
  );
  return Number(rows[0]!.n);
}

export interface ActivityInFlight {
  workflowId: string;
  runId: string;
  activityId: string;
  activityType: string;
  attempt: number;
  /** The identity of the worker running the attempt (`<pid>@<host>` by default). */
  worker: string;
}

/**
 * Activities of the workflow's current run that a worker has started and not finished. Temporal writes an
 * activity's ActivityTaskStarted event into the history only once the attempt ends (so that retries do not
 * grow it), so a running attempt shows in the execution's pending activities, in state STARTED. An attempt
 * of a worker that died stays STARTED until its start-to-close timeout: `worker` tells them apart.
 */
export async function activitiesInFlight(client: Client, workflowId: string): Promise<ActivityInFlight[]> {
  const { raw } = await client.workflow.getHandle(workflowId).describe();
  const runId = raw.workflowExecutionInfo?.execution?.runId ?? '';
  return (raw.pendingActivities ?? [])
    .filter((a) => a.state === PENDING_ACTIVITY_STATE_STARTED)
    .map((a) => ({ workflowId, runId, activityId: a.activityId ?? '', activityType: a.activityType?.name ?? '', attempt: a.attempt ?? 0, worker: a.lastWorkerIdentity ?? '' }));
}

export interface RunHistory {
  runId: string;
  events: HistoryEvent[];
}

/**
 * The histories of every run of a workflow, oldest first. A case continues as new at stage boundaries: each
 * run's first event names the run it continues (continuedExecutionRunId), back to the first one.
 */
export async function historiesOfAllRuns(client: Client, workflowId: string): Promise<RunHistory[]> {
  const runs: RunHistory[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const events: HistoryEvent[] = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    runs.unshift({ runId, events });
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

/** How an activity of a run ended: the attempt that finished it, or null while it has not. */
export function activityOutcome(run: RunHistory, activityId: string): { type: string; attempt: number } | null {
  const scheduled = run.events.find((e) => e.activityTaskScheduledEventAttributes?.activityId === activityId);
  if (!scheduled) return null;
  const id = Number(scheduled.eventId);
  const ofIt = (e: HistoryEvent) =>
    [
      e.activityTaskStartedEventAttributes,
      e.activityTaskCompletedEventAttributes,
      e.activityTaskFailedEventAttributes,
      e.activityTaskTimedOutEventAttributes,
      e.activityTaskCanceledEventAttributes,
    ].some((a) => a && Number(a.scheduledEventId) === id);
  const started = run.events.find((e) => ofIt(e) && e.activityTaskStartedEventAttributes);
  const ended = run.events.find((e) => ofIt(e) && !e.activityTaskStartedEventAttributes);
  if (!ended) return null;
  const type = ended.activityTaskCompletedEventAttributes ? 'completed' : ended.activityTaskFailedEventAttributes ? 'failed' : ended.activityTaskTimedOutEventAttributes ? 'timed out' : 'canceled';
  return { type, attempt: started?.activityTaskStartedEventAttributes?.attempt ?? 0 };
}
