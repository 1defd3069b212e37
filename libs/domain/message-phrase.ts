import type { NoShowRule } from './session';

/**
 * A sentence the process itself puts into a message (a reason it made up, a note), sent as a code with its
 * values so the message words it in the reader's language (libs/notifications/message-words.ts). What a person
 * typed (a reason, a note) travels as the text they typed.
 */
export type MessagePhrase =
  // why a case ended, or why a session will not take place
  | { phrase: 'withdrawn_by_candidate' }
  | { phrase: 'second_session_missed_withdrawn' }
  | { phrase: 'evidence_request_expired' }
  | { phrase: 'decided_after_appeal' }
  | { phrase: 'no_appeal_in_window'; days: number }
  | { phrase: 'lapsed_again' }
  | { phrase: 'not_reopened_in_window'; days: number }
  | { phrase: 'reschedule_requested' }
  | { phrase: 'session_postponed' }
  | { phrase: 'case_passed_on' }
  // why the process asks for evidence, why an assessor lost a case, why a case is parked
  | { phrase: 'evidence_missing'; outcomes: string[] }
  | { phrase: 'assessment_overdue'; days: number }
  | { phrase: 'conflict_declared' }
  | { phrase: 'process_fault'; detail: string }
  // what an assessor is told with an assignment, and a candidate after a missed session
  | { phrase: 'new_case_assigned' }
  | { phrase: 'appeal_reassessment' }
  | { phrase: 'session_missed_first'; rule: NoShowRule }
  | { phrase: 'session_missed_second_portfolio' };

export type MessagePhraseCode = MessagePhrase['phrase'];
