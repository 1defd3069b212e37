import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum DecisionErrorCode {
  Invalid = 'decision.invalid',
}

export class DecisionError extends ApiError {
  override name = 'DecisionError';
  static invalid(problems: string[]) {
    return new DecisionError(DecisionErrorCode.Invalid, HttpStatus.BAD_REQUEST, problems);
  }
}
