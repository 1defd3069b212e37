import { patched, proxyActivities } from '@temporalio/workflow';
import type { CredentialExpiryActivities, ReconcileReport, ReconcilerActivities } from './activities';

// One sweep over the open cases; it heartbeats per case, so a killed worker's sweep is picked up within a minute.
const reconciler = proxyActivities<ReconcilerActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 3 },
});

// One sweep over the credentials that expire soon; each is claimed with its message, so a retry sends nothing twice.
const expiry = proxyActivities<CredentialExpiryActivities>({
  startToCloseTimeout: '10 minutes',
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
  const report = await reconciler.reconcileOpenCases({ maxRestartsPerDay: input.maxRestartsPerDay ?? 3, caseIds: input.caseIds, at: new Date().toISOString() });
  // The same periodic run reminds holders of credentials that expire soon (not an operator's sweep of named cases).
  if (!input.caseIds && patched('credential-expiry-reminders')) await remindHoldersOfExpiringCredentials();
  return report;
}

/** Holders of credentials that expire within the configured days are told once, with the way to renew. */
async function remindHoldersOfExpiringCredentials(): Promise<void> {
  await expiry.remindExpiringCredentials({ at: new Date().toISOString() });
}
