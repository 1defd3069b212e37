import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum QualificationErrorCode {
  NotFound = 'qualification.not_found',
  Invalid = 'qualification.invalid',
  CodeTaken = 'qualification.code_taken',
  OtherBody = 'qualification.other_body',
  Issued = 'qualification.issued',
}

export class QualificationError extends ApiError {
  override name = 'QualificationError';
  static notFound() {
    return new QualificationError(QualificationErrorCode.NotFound, HttpStatus.NOT_FOUND, 'qualification not found');
  }
  static invalid(problems: string[]) {
    return new QualificationError(QualificationErrorCode.Invalid, HttpStatus.BAD_REQUEST, problems);
  }
  static codeTaken(code: string) {
    return new QualificationError(QualificationErrorCode.CodeTaken, HttpStatus.CONFLICT, `your awarding body already has a qualification with the code ${code}`);
  }
  static otherBody() {
    return new QualificationError(QualificationErrorCode.OtherBody, HttpStatus.FORBIDDEN, "you can define only your own awarding body's qualifications");
  }
  static issued() {
    return new QualificationError(
      QualificationErrorCode.Issued,
      HttpStatus.CONFLICT,
      'learners already hold this qualification, so its rule, credits and components can no longer change: define a new qualification instead',
    );
  }
}
