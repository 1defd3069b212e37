import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AcceptAssignmentInput,
  AdmissibilityInput,
  AnswerEvidenceRequestInput,
  AppealInput,
  CaseState,
  ConflictDeclaredInput,
  DecideInput,
  RecordAssessmentInput,
  ReopenInput,
  RequestEvidenceInput,
  RevokeDecisionInput,
  SubmitInput,
  UpdateResult,
  WithdrawInput,
} from './types';

/**
 * Human steps of a case. The API checks who is acting and validates the payload, then sends one of these;
 * the workflow's validators check the step is allowed now and by whom, and reject it otherwise.
 */

// Fire-and-forget: the candidate touched the portfolio (self-assessment, evidence), which resets the inactivity clock.
export const candidateActivitySignal = defineSignal('candidateActivity');
// An assessor declared a conflict of interest with the candidate; if they hold the case, it is reassigned.
export const conflictDeclaredSignal = defineSignal<[ConflictDeclaredInput]>('conflictDeclared');

export const submitUpdate = defineUpdate<UpdateResult, [SubmitInput]>('submit');
export const answerEvidenceRequestUpdate = defineUpdate<UpdateResult, [AnswerEvidenceRequestInput]>('answerEvidenceRequest');
export const withdrawUpdate = defineUpdate<UpdateResult, [WithdrawInput]>('withdraw');
export const decideAdmissibilityUpdate = defineUpdate<UpdateResult, [AdmissibilityInput]>('decideAdmissibility');
export const acceptAssignmentUpdate = defineUpdate<UpdateResult, [AcceptAssignmentInput]>('acceptAssignment');
export const recordAssessmentUpdate = defineUpdate<UpdateResult, [RecordAssessmentInput]>('recordAssessment');
export const requestEvidenceUpdate = defineUpdate<UpdateResult, [RequestEvidenceInput]>('requestEvidence');
export const decideUpdate = defineUpdate<UpdateResult, [DecideInput]>('decide');
export const revokeDecisionUpdate = defineUpdate<UpdateResult, [RevokeDecisionInput]>('revokeDecision');
export const appealUpdate = defineUpdate<UpdateResult, [AppealInput]>('appeal');
export const reopenUpdate = defineUpdate<UpdateResult, [ReopenInput]>('reopen');

export const caseStateQuery = defineQuery<CaseState>('caseState');
