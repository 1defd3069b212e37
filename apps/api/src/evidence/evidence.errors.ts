import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum EvidenceErrorCode {
  NotFound = 'evidence.not_found',
  Invalid = 'evidence.invalid',
  TooLarge = 'evidence.too_large',
  UnsupportedType = 'evidence.unsupported_type',
  Mislabelled = 'evidence.mislabelled',
  NotMultipart = 'evidence.not_multipart',
  FileMissing = 'evidence.file_missing',
}

export class EvidenceError extends ApiError {
  override name = 'EvidenceError';
  static notFound() {
    return new EvidenceError(EvidenceErrorCode.NotFound, HttpStatus.NOT_FOUND, 'evidence not found');
  }
  static invalid(problems: string[]) {
    return new EvidenceError(EvidenceErrorCode.Invalid, HttpStatus.BAD_REQUEST, problems);
  }
  static tooLarge(maxBytes: number) {
    return new EvidenceError(EvidenceErrorCode.TooLarge, HttpStatus.PAYLOAD_TOO_LARGE, `the file is larger than the limit of ${maxBytes} bytes (${(maxBytes / 1048576).toFixed(1)} MiB)`);
  }
  static unsupportedType(accepted: string) {
    return new EvidenceError(EvidenceErrorCode.UnsupportedType, HttpStatus.UNSUPPORTED_MEDIA_TYPE, `the file's content is not of an accepted type: send ${accepted}`);
  }
  static mislabelled(declared: string, actual: string) {
    return new EvidenceError(EvidenceErrorCode.Mislabelled, HttpStatus.UNSUPPORTED_MEDIA_TYPE, `mislabelled: declared ${declared} but the content is ${actual}`);
  }
  static notMultipart() {
    return new EvidenceError(
      EvidenceErrorCode.NotMultipart,
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'send the upload as multipart/form-data with the fields title, learningOutcomeIds and one part named file',
    );
  }
  static fileMissing() {
    return new EvidenceError(EvidenceErrorCode.FileMissing, HttpStatus.INTERNAL_SERVER_ERROR, "the evidence file is missing from storage; the administrators have to restore it");
  }
}
