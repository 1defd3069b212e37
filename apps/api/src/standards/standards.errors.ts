import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import type { ConformanceFailure } from '../../../../libs/domain';

export enum StandardErrorCode {
  NotFound = 'standard.not_found',
  Invalid = 'standard.invalid',
  CodeTaken = 'standard.code_taken',
  OtherBody = 'standard.other_body',
  OutcomesInUse = 'standard.outcomes_in_use',
  NotPublished = 'standard.not_published',
  NotAMicroCredential = 'standard.not_a_micro_credential',
  MethodsInUse = 'standard.methods_in_use',
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
  static methodsInUse() {
    return new StandardError(
      StandardErrorCode.MethodsInUse,
      HttpStatus.CONFLICT,
      'candidates already have cases on this standard, so its assessment methods can no longer change: create a new standard instead',
    );
  }
  /**
   * 422: the specification fails the micro-credential check (libs/domain microCredentialConformance) and cannot be
   * published; every failure's message is listed, prefixed by the field to change. Nothing is written.
   */
  static notAMicroCredential(failures: ConformanceFailure[]) {
    return new StandardError(
      StandardErrorCode.NotAMicroCredential,
      HttpStatus.UNPROCESSABLE_ENTITY,
      failures.map((f) => `${f.field}: ${f.message}`),
    );
  }
}
