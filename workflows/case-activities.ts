import { proxyActivities } from '@temporalio/workflow';
import { CaseFailure } from '../libs/domain';
import type { CaseRecordActivities } from './activities';

// Retrying these cannot help: the case's records say no, or the process has a fault a person must look at.
const nonRetryableErrorTypes = [
  CaseFailure.CaseNotFound,
  CaseFailure.InvalidInput,
  CaseFailure.RecordConflict,
  CaseFailure.ConflictOfInterest,
  CaseFailure.ProcessFault,
];

// Short reads and writes of the case's records in PostgreSQL (milliseconds each). The case cannot move on
// until they are done, so they are retried without limit: an outage of the database pauses cases, it does not
// fail them. The timeout is generous for a loaded machine and short enough that a killed worker's activity is
// picked up again within seconds.
export const records = proxyActivities<CaseRecordActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes },
});
