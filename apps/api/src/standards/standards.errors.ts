import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum StandardErrorCode {
  NotFound = 'standard.not_found',
  Invalid = 'standard.invalid',
  CodeTaken = 'standard.code_taken',
  OtherBody = 'standard.other_body',
  OutcomesInUse = 'standard.outcomes_in_use',
  NotPublished = 'standard.not_published',
}

export class StandardError extends ApiError {
  override name = 'StandardError';
  static notFound() {
    return new StandardError(StandardErrorCode.NotFound, HttpStatus.NOT_FOUND, 'standard not found');
  }
  static invalid(problems: string[]) {
    return new StandardError(StandardErrorCode.Invalid, HttpStatus.BAD_REQUEST, problems);
  }
  static codeTaken(code: string) {
    return new StandardError(StandardErrorCode.CodeTaken, HttpStatus.CONFLICT, `your awarding body already has a standard with the code ${code}`);
  }
  static otherBody() {
    return new StandardError(StandardErrorCode.OtherBody, HttpStatus.FORBIDDEN, "you can change only your own awarding body's standards");
  }
  static outcomesInUse() {
    return new StandardError(
      StandardErrorCode.OutcomesInUse,
      HttpStatus.CONFLICT,
      'candidates already have cases on this standard, so its learning outcomes and criteria can no longer change: create a new standard instead',
    );
  }
}
