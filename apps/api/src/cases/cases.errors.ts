import { HttpStatus } from '@nestjs/common';
import { caseIs, statusWords } from '../../../../libs/domain';
import type { CaseStatus } from '../../../../libs/domain';
import { ApiError } from '../common/api-error';

export enum CaseErrorCode {
  NotFound = 'case.not_found',
  NotAssigned = 'case.not_assigned',
  OpenCaseExists = 'case.open_case_exists',
  StandardNotPublished = 'case.standard_not_published',
  NotEditable = 'case.not_editable',
  Invalid = 'case.invalid',
  ProcessNotStarted = 'case.process_not_started',
  /** The case is withdrawn or closed: no step can be taken on it any more. */
  Ended = 'case.ended',
}

export class CaseError extends ApiError {
  override name = 'CaseError';
  /** Also the answer for another user's case: its existence is not revealed. */
  static notFound() {
    return new CaseError(CaseErrorCode.NotFound, HttpStatus.NOT_FOUND, 'case not found');
  }
  static notAssigned() {
    return new CaseError(CaseErrorCode.NotAssigned, HttpStatus.FORBIDDEN, 'you are no longer assigned to this case, so you cannot act on it');
  }
  static openCaseExists(caseId: string, status: CaseStatus | string) {
    return new CaseError(
      CaseErrorCode.OpenCaseExists,
      HttpStatus.CONFLICT,
      `you already have an open case on this standard (case ${caseId}, ${statusWords(status)}); continue it or withdraw it first`,
    );
  }
  static notEditable(status: CaseStatus | string) {
    return new CaseError(
      CaseErrorCode.NotEditable,
      HttpStatus.CONFLICT,
      `the portfolio can change only while the case is a draft or evidence has been requested; this case is ${statusWords(status)}`,
    );
  }
  /** The portfolio of a case whose evidence request's deadline has passed (the case is being withdrawn). */
  static evidenceDeadlinePassed() {
    return new CaseError(
      CaseErrorCode.NotEditable,
      HttpStatus.CONFLICT,
      'the time to add evidence has ended (the deadline is in the case), so the portfolio can no longer change and the case is withdrawn',
    );
  }
  /** A portfolio write refused: by the status, or by the evidence request's deadline. */
  static portfolioClosed(kase: { status: string; evidenceDueAt: Date | null } | null) {
    return kase && kase.status === 'evidence_requested' && kase.evidenceDueAt ? CaseError.evidenceDeadlinePassed() : CaseError.notEditable((kase?.status ?? 'gone') as CaseStatus);
  }
  /** Answered from the case row, without asking its process (which has ended). */
  static ended(status: CaseStatus) {
    return new CaseError(CaseErrorCode.Ended, HttpStatus.CONFLICT, `${caseIs(status)}: it has ended`);
  }
  static invalid(problems: string[]) {
    return new CaseError(CaseErrorCode.Invalid, HttpStatus.BAD_REQUEST, problems);
  }
  static processNotStarted() {
    return new CaseError(
      CaseErrorCode.ProcessNotStarted,
      HttpStatus.SERVICE_UNAVAILABLE,
      'the case could not be opened now: its process engine did not answer and nothing was saved so far; try again shortly (with the same Idempotency-Key, the same case is opened once)',
    );
  }
}
