import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum UserErrorCode {
  NotFound = 'user.not_found',
  EmailTaken = 'user.email_taken',
  EmailReserved = 'user.email_reserved',
  NotAnAssessor = 'user.not_an_assessor',
}

export class UserError extends ApiError {
  override name = 'UserError';
  static notFound() {
    return new UserError(UserErrorCode.NotFound, HttpStatus.NOT_FOUND, 'user not found');
  }
  static emailTaken() {
    return new UserError(UserErrorCode.EmailTaken, HttpStatus.CONFLICT, 'an account with this e-mail address already exists');
  }
  static emailReserved() {
    return new UserError(UserErrorCode.EmailReserved, HttpStatus.BAD_REQUEST, 'addresses on the demo domain belong to the demo accounts: use a real address');
  }
  static notAnAssessor() {
    return new UserError(UserErrorCode.NotAnAssessor, HttpStatus.CONFLICT, 'only assessors are deactivated here');
  }
}
