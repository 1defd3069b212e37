import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum AwardingBodyErrorCode {
  NotFound = 'awarding_body.not_found',
  Invalid = 'awarding_body.invalid',
  NoBody = 'awarding_body.none',
}

export class AwardingBodyError extends ApiError {
  override name = 'AwardingBodyError';
  static notFound() {
    return new AwardingBodyError(AwardingBodyErrorCode.NotFound, HttpStatus.NOT_FOUND, 'awarding body not found');
  }
  static invalid(problems: string[]) {
    return new AwardingBodyError(AwardingBodyErrorCode.Invalid, HttpStatus.BAD_REQUEST, problems);
  }
  static noBody() {
    return new AwardingBodyError(AwardingBodyErrorCode.NoBody, HttpStatus.FORBIDDEN, 'your account does not belong to an awarding body');
  }
}
