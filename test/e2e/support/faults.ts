import { WorkflowNotFoundError } from '@temporalio/client';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../../libs/temporal/payload-codec';
import { spawnSync } from 'node:child_process';
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import { stepUpdateId } from '../../../apps/api/src/common/request-context';
import { requestFingerprint } from '../../../apps/api/src/idempotency/idempotency-key';
import { ABANDONED_CLAIM_MS } from '../../../apps/api/src/idempotency/idempotency.interceptor';
import type { StepRecord } from '../../../workflows/activities';
import { caseWorkflowId } from '../../../workflows/ids';
import { TEMPORAL_CLI } from '../../support/temporal-server';
import { TEST_PAYLOAD_KEYS } from '../../support/temporal-client';
import { eventually } from './system';
import type { ApiUser, RunningSystem } from './system';

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

/**
 * A POST /cases with an Idempotency-Key whose API process is SIGKILLed as soon as the case's workflow exists in
 * Temporal. The workflow cannot write the case meanwhile (a lock on case_event holds it up), so the API is
 * provably waiting for it when it dies. Returns the case id the API derived from the key (RequestContext.newId)
 * and whether the request got any answer; the API stays down.
 */
export async function openCaseKillingTheApi(
  system: RunningSystem,
  candidate: ApiUser,
  body: { standardId: string },
  key: string,
): Promise<{ caseId: string; answered: boolean }> {
  const fingerprint = requestFingerprint({ method: 'POST', path: '/cases', body, streamedMediaType: null });
  const caseId = stepUpdateId({ userId: candidate.id, idempotencyKey: key, fingerprint }, 'new-case', 'create');
  const client = await system.client();
  const lock = await holdTableLock(system.databaseUrl, 'case_event');
  try {
    const posting = candidate.request('POST', '/cases', body, { 'idempotency-key': key }).then(
      () => true,
      () => false,
    );
    await eventually(
      'the case workflow to be started',
      async () => {
        try {
          return (await client.workflow.getHandle(caseWorkflowId(caseId)).describe()).status.name;
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) return undefined;
          throw err;
        }
      },
      20_000,
    );
    await system.killApi('SIGKILL');
    return { caseId, answered: await posting };
  } finally {
    await lock.release();
  }
}

/** As if ABANDONED_CLAIM_MS had passed since a request that died claimed its Idempotency-Key. */
export async function ageIdempotencyClaim(ds: DataSource, userId: string, key: string): Promise<void> {
  await ds.query(`UPDATE idempotency_key SET claimed_at = claimed_at - $1 * interval '1 millisecond' WHERE user_id = $2 AND key = $3`, [
    ABANDONED_CLAIM_MS + 1_000,
    userId,
    key,
  ]);
}

/**
 * The WorkflowTaskCompleted event of the last workflow task before the one that accepted the named update: a
 * reset to it re-runs the workflow from just before the update was taken.
 */
export function taskBeforeUpdate(run: RunHistory, updateName: string): number {
  const accepted = run.events.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === updateName);
  if (!accepted) throw new Error(`run ${run.runId} accepted no ${updateName} update`);
  const before = run.events.filter((e) => e.workflowTaskCompletedEventAttributes && Number(e.eventId) < Number(accepted.eventId)).at(-1);
  if (!before) throw new Error(`run ${run.runId} completed no workflow task before its ${updateName} update`);
  return Number(before.eventId);
}

/**
 * The workflow task that scheduled the newest `recordStep` activity whose step matches, across the runs of a
 * case: resetting to it makes the new run take that step again.
 */
export async function taskBeforeStep(runs: RunHistory[], matches: (step: StepRecord) => boolean): Promise<{ run: RunHistory; eventId: number }> {
  // the history holds the payloads as the server stores them: encrypted by the project's codec
  const codec = new AesGcmPayloadCodec(TEST_PAYLOAD_KEYS);
  for (const run of [...runs].reverse()) {
    let step: (typeof run.events)[number] | undefined;
    for (const e of run.events) {
      const attrs = e.activityTaskScheduledEventAttributes;
      const payload = attrs?.input?.payloads?.[0];
      if (attrs?.activityType?.name !== 'recordStep' || !payload) continue;
      const [clear] = await codec.decode([payload as never]);
      if (matches(defaultPayloadConverter.fromPayload<StepRecord>(clear!))) step = e;
    }
    if (!step) continue;
    const before = run.events.filter((e) => e.workflowTaskCompletedEventAttributes && Number(e.eventId) < Number(step.eventId)).at(-1);
    if (before) return { run, eventId: Number(before.eventId) };
  }
  throw new Error('no run of the case scheduled a matching step');
}

/**
 * An operator's reset with the Temporal CLI: a new run replays the history up to the event and goes on from
 * there. Temporal re-applies the signals and updates received after it unless `reapplyUpdates` is false.
 */
export function resetWorkflow(address: string, workflowId: string, runId: string, eventId: number, opts: { reapplyUpdates: boolean }): void {
  const args = ['workflow', 'reset', '--address', address, '--workflow-id', workflowId, '--run-id', runId, '--event-id', String(eventId), '--reason', 'test: reset to before a step'];
  if (!opts.reapplyUpdates) args.push('--reapply-exclude', 'Update');
  const result = spawnSync(TEMPORAL_CLI, args, { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`temporal workflow reset failed (${result.status}): ${result.stderr}`);
}
