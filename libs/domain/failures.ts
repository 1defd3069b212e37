/** Types of non-retryable failures raised by activities and workflow update validators. */
export enum CaseFailure {
  CaseNotFound = 'CaseNotFound',
  NotAllowedInStatus = 'NotAllowedInStatus',
  NotTheActor = 'NotTheActor',
  InvalidInput = 'InvalidInput',
  AlreadyUsed = 'AlreadyUsed',
  /** The step's deadline has passed (checked by validators too, so a worker that is behind cannot let it through). */
  DeadlinePassed = 'DeadlinePassed',
  /** A write under a natural key found a row another step wrote: the records and the process disagree. */
  RecordConflict = 'RecordConflict',
  /** The assessor declared a conflict of interest with the candidate: their assessment cannot stand. */
  ConflictOfInterest = 'ConflictOfInterest',
  /** A fault in the process itself (a bug): the case is parked for a person to look at. */
  ProcessFault = 'ProcessFault',
}
