import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum AssessorErrorCode {
  Invalid = 'assessor.invalid',
  CandidateNotFound = 'assessor.candidate_not_found',
}

export class AssessorError extends ApiError {
  override name = 'AssessorError';
  static invalid(problems: string[]) {
    return new AssessorError(AssessorErrorCode.Invalid, HttpStatus.BAD_REQUEST, problems);
  }
  static candidateNotFound() {
    return new AssessorError(AssessorErrorCode.CandidateNotFound, HttpStatus.NOT_FOUND, 'candidate not found');
  }
}
