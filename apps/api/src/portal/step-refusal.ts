import { HttpStatus } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { CaseFailure } from '../../../../libs/domain';
import { ApiError, StepAccepted } from '../common/api-error';
import { describeError } from '../common/api-exception.filter';
import { CaseErrorCode } from '../cases/cases.errors';
import { CredentialErrorCode } from '../credentials/credentials.errors';
import { EvidenceErrorCode } from '../evidence/evidence.errors';

/** Why a step a person sent did not happen, as the page says it (a catalogue key) and the answer's status. */
export interface StepRefusal {
  status: number;
  key: string;
}

/** The process's reasons for refusing a step (workflows/case-steps.ts), as the pages word them. */
const PROCESS_REFUSALS: Partial<Record<string, string>> = {
  [CaseFailure.NotAllowedInStatus]: 'step.refused.movedOn',
  [CaseFailure.DeadlinePassed]: 'step.refused.deadline',
  [CaseFailure.AlreadyUsed]: 'step.refused.alreadyUsed',
  [CaseFailure.InvalidInput]: 'step.refused.invalid',
  [CaseFailure.NotTheActor]: 'step.refused.notTheActor',
  [CaseFailure.ConflictOfInterest]: 'step.refused.conflict',
};

/** Refusals of the API's own rules that a page words more precisely than by their status, by error code. */
const API_REFUSALS: Partial<Record<string, string>> = {
  [CredentialErrorCode.NotShareable]: 'step.refused.notShareable',
  // an evidence file's own problem, said next to the upload's file field
  [EvidenceErrorCode.TooLarge]: 'candidate.upload.tooLarge',
  [EvidenceErrorCode.QuotaExceeded]: 'candidate.upload.quota',
  [EvidenceErrorCode.UnsupportedType]: 'candidate.upload.unsupported',
  [EvidenceErrorCode.Unreadable]: 'candidate.upload.unreadable',
  [EvidenceErrorCode.Empty]: 'candidate.upload.empty',
  [EvidenceErrorCode.Invalid]: 'candidate.upload.invalid',
  [EvidenceErrorCode.NotMultipart]: 'candidate.upload.invalid',
};

/**
 * A refused step of any role's page, in the reader's language: the status is the JSON API's for the same failure
 * (describeError), so the pages and the API never disagree; the words come from the process's failure type, never
 * from its English message. Null: not a refusal a person can act on (a fault, a 404), left to the error page.
 */
export function stepRefusal(err: unknown): StepRefusal | null {
  if (err instanceof StepAccepted) return { status: HttpStatus.ACCEPTED, key: 'step.pending' };
  if (err instanceof ApiError && err.code === CaseErrorCode.NotAssigned) return { status: HttpStatus.FORBIDDEN, key: 'step.notAssigned' };
  const status = describeError(err)?.statusCode;
  if (status === HttpStatus.SERVICE_UNAVAILABLE) return { status, key: 'step.unavailable' };
  if (status === undefined || status < 400 || status >= 500 || [HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND].includes(status)) return null;
  const known = err instanceof ApiError ? API_REFUSALS[err.code] : undefined;
  if (known) return { status, key: known };
  const failure = err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause.type : null;
  return { status, key: (failure && PROCESS_REFUSALS[failure]) || (status === HttpStatus.CONFLICT ? 'step.refused.movedOn' : 'step.refused.other') };
}
