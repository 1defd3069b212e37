import { proxyActivities } from '@temporalio/workflow';
import { CaseFailure } from '../libs/domain';
import type { CaseRecordActivities, NotificationActivities } from './activities';

const nonRetryableErrorTypes = [CaseFailure.CaseNotFound, CaseFailure.InvalidInput];

// Short writes of the case's records to PostgreSQL: the case cannot move on until they are written, so they
// are retried without limit (an outage of the database pauses cases, it does not fail them).
export const records = proxyActivities<Omit<CaseRecordActivities, 'issueCredential'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes },
});

// Issuing the micro-credential reads the whole standard and its specification; a specification that lacks a
// mandatory element is not fixed by retrying, so that failure is final and the workflow records it.
export const credentials = proxyActivities<Pick<CaseRecordActivities, 'issueCredential'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes },
});

// Messages to the actors must never hold up a case: retried for up to an hour, then given up and logged.
export const messages = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 hour',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes },
});
