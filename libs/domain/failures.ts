/** Types of non-retryable failures raised by activities and workflow update validators. */
export enum CaseFailure {
  CaseNotFound = 'CaseNotFound',
  NotAllowedInStatus = 'NotAllowedInStatus',
  NotTheActor = 'NotTheActor',
  InvalidInput = 'InvalidInput',
  AlreadyUsed = 'AlreadyUsed',
}
