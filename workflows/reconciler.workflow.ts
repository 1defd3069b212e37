import { proxyActivities } from '@temporalio/workflow';
import type { ReconcileReport, ReconcilerActivities } from './activities';

// One sweep over the open cases; it heartbeats per case, so a killed worker's sweep is picked up within a minute.
const reconciler = proxyActivities<ReconcilerActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 3 },
});

export interface ReconcileInput {
  version: 1;
  /** A case whose process stopped this many times in a day is parked as needs_attention instead of looping. */
  maxRestartsPerDay?: number;
  /** Only these cases (an operator's sweep); every open case when absent. */
  caseIds?: string[];
}

/**
 * Every case always has its process: run every few minutes by a Temporal Schedule, it finds open cases whose
 * workflow is not running (its run failed, was terminated, or was never started) and starts it again from the
 * case's records, noting it in the case's event log.
 */
export async function reconcileCasesWorkflow(input: ReconcileInput): Promise<ReconcileReport> {
  return reconciler.reconcileOpenCases({ maxRestartsPerDay: input.maxRestartsPerDay ?? 3, caseIds: input.caseIds, at: new Date().toISOString() });
}
