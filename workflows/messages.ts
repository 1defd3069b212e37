import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AcceptAssignmentInput,
  AdmissibilityInput,
  AnswerSessionInput,
  AnswerEvidenceRequestInput,
  AppealInput,
  AssignAssessorInput,
  CaseState,
  ConflictDeclaredInput,
  DecideInput,
  ProposeSessionInput,
  RecordSessionInput,
  RecordAssessmentInput,
  ReopenInput,
  RequestEvidenceInput,
  ResolveAttentionInput,
  RevokeDecisionInput,
  SubmitInput,
  UpdateResult,
  WithdrawInput,
} from './types';

/**
 * Human steps of a case. The API checks who is acting and validates the payload, then sends one of these;
 * the workflow's validators check the step is allowed now and by whom, and reject it otherwise.
 */

// Portfolio edits send nothing: the API stores the candidate's last activity on the case row, and the draft's
// inactivity timer reads it when it fires, so a long draft adds no history per edit.

// An assessor declared a conflict of interest with the candidate; if they hold the case, it is reassigned.
export const conflictDeclaredSignal = defineSignal<[ConflictDeclaredInput]>('conflictDeclared');

// The API opening a case waits on this: it answers once the workflow has written the case row, or refuses
// when the candidate already has an open case on the standard.
export const openedUpdate = defineUpdate<UpdateResult, []>('opened');

export const submitUpdate = defineUpdate<UpdateResult, [SubmitInput]>('submit');
export const answerEvidenceRequestUpdate = defineUpdate<UpdateResult, [AnswerEvidenceRequestInput]>('answerEvidenceRequest');
export const withdrawUpdate = defineUpdate<UpdateResult, [WithdrawInput]>('withdraw');
export const decideAdmissibilityUpdate = defineUpdate<UpdateResult, [AdmissibilityInput]>('decideAdmissibility');
export const acceptAssignmentUpdate = defineUpdate<UpdateResult, [AcceptAssignmentInput]>('acceptAssignment');
export const recordAssessmentUpdate = defineUpdate<UpdateResult, [RecordAssessmentInput]>('recordAssessment');
export const requestEvidenceUpdate = defineUpdate<UpdateResult, [RequestEvidenceInput]>('requestEvidence');
// Assessment sessions: the assessor proposes one and records how it went; the candidate confirms it or asks for another time.
export const proposeSessionUpdate = defineUpdate<UpdateResult, [ProposeSessionInput]>('proposeSession');
export const answerSessionUpdate = defineUpdate<UpdateResult, [AnswerSessionInput]>('answerSession');
export const recordSessionUpdate = defineUpdate<UpdateResult, [RecordSessionInput]>('recordSession');
export const decideUpdate = defineUpdate<UpdateResult, [DecideInput]>('decide');
export const revokeDecisionUpdate = defineUpdate<UpdateResult, [RevokeDecisionInput]>('revokeDecision');
export const appealUpdate = defineUpdate<UpdateResult, [AppealInput]>('appeal');
export const reopenUpdate = defineUpdate<UpdateResult, [ReopenInput]>('reopen');
// Body admins: assign an assessor by hand when none is free; retry or close a case that needs attention.
export const assignAssessorUpdate = defineUpdate<UpdateResult, [AssignAssessorInput]>('assignAssessor');
export const resolveAttentionUpdate = defineUpdate<UpdateResult, [ResolveAttentionInput]>('resolveAttention');

// Diagnostics only: every read of a case is served from PostgreSQL.
export const caseStateQuery = defineQuery<CaseState>('caseState');
