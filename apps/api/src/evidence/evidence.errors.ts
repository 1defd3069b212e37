import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum EvidenceErrorCode {
  NotFound = 'evidence.not_found',
  Invalid = 'evidence.invalid',
  Empty = 'evidence.empty',
  TooLarge = 'evidence.too_large',
  QuotaExceeded = 'evidence.quota_exceeded',
  UnsupportedType = 'evidence.unsupported_type',
  Unreadable = 'evidence.unreadable',
  NotMultipart = 'evidence.not_multipart',
  FileMissing = 'evidence.file_missing',
  StorageFull = 'evidence.storage_full',
  StorageUnavailable = 'evidence.storage_unavailable',
  RangeNotSatisfiable = 'evidence.range_not_satisfiable',
  NotACredential = 'evidence.not_a_credential',
  NotAssessing = 'evidence.not_assessing',
  AlreadyRecognised = 'evidence.already_recognised',
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

export class EvidenceError extends ApiError {
  override name = 'EvidenceError';
  static notFound() {
    return new EvidenceError(EvidenceErrorCode.NotFound, HttpStatus.NOT_FOUND, 'evidence not found');
  }
  static invalid(problems: string[]) {
    return new EvidenceError(EvidenceErrorCode.Invalid, HttpStatus.BAD_REQUEST, problems);
  }
  static empty(blankOnly: boolean) {
    return new EvidenceError(
      EvidenceErrorCode.Empty,
      HttpStatus.BAD_REQUEST,
      blankOnly ? 'the file holds nothing but blank space: check that you picked the right file, then upload it again' : 'the file is empty',
    );
  }
  /** `what`: the kind of file the limit applies to ("documents and images", "recordings"). */
  static tooLarge(maxBytes: number, what: string) {
    return new EvidenceError(
      EvidenceErrorCode.TooLarge,
      HttpStatus.PAYLOAD_TOO_LARGE,
      `the file is larger than the limit of ${maxBytes} bytes (${mib(maxBytes)}) for ${what}: make it smaller (a lower resolution, fewer pages, a shorter clip) or split it, then upload it again`,
    );
  }
  static quotaExceeded(quotaBytes: number, usedBytes: number, fileBytes: number) {
    return new EvidenceError(
      EvidenceErrorCode.QuotaExceeded,
      HttpStatus.PAYLOAD_TOO_LARGE,
      `this case's evidence files may take ${quotaBytes} bytes (${mib(quotaBytes)}) in all; ${usedBytes} bytes (${mib(usedBytes)}) are used and this file has ${fileBytes}: ` +
        "upload a smaller version of the file (a lower resolution, fewer pages, a shorter clip); files you removed still count, as they are kept with the case's record",
    );
  }
  /** `kind`: what the file really is ("a Word 97-2003 document (.doc)"); `advice`: what the candidate can do. */
  static unsupportedType(kind: string, advice: string) {
    return new EvidenceError(EvidenceErrorCode.UnsupportedType, HttpStatus.UNSUPPORTED_MEDIA_TYPE, `the file is ${kind}, which cannot be accepted as evidence: ${advice}`);
  }
  static unreadable(kind: string, advice: string) {
    return new EvidenceError(EvidenceErrorCode.Unreadable, HttpStatus.UNPROCESSABLE_ENTITY, `the file is ${kind}, but its content could not be read (it may be damaged): ${advice}`);
  }
  static notMultipart() {
    return new EvidenceError(
      EvidenceErrorCode.NotMultipart,
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'send the upload as multipart/form-data with the fields title, learningOutcomeIds and one part named file',
    );
  }
  static fileMissing() {
    return new EvidenceError(
      EvidenceErrorCode.FileMissing,
      HttpStatus.SERVICE_UNAVAILABLE,
      'the evidence file cannot be read from storage; try again later, and tell the awarding body if it stays so',
    );
  }
  static storageFull() {
    return new EvidenceError(
      EvidenceErrorCode.StorageFull,
      HttpStatus.INSUFFICIENT_STORAGE,
      'the evidence store is full, so the file was not saved: try again later; the administrators have to free space',
    );
  }
  static storageUnavailable() {
    return new EvidenceError(EvidenceErrorCode.StorageUnavailable, HttpStatus.SERVICE_UNAVAILABLE, 'the evidence store cannot be used right now, so nothing was saved: try again shortly');
  }
  /** The input is not a credential at all (the pipeline's CredentialInputError): nothing to verify. */
  static notACredential(reason: string) {
    return new EvidenceError(
      EvidenceErrorCode.NotACredential,
      HttpStatus.UNPROCESSABLE_ENTITY,
      `this is not a credential that can be verified (${reason}): add the Open Badges 3.0 credential as its JSON file or its VC-JWT, as the issuer gave it to you`,
    );
  }
  static notAssessing(status: string) {
    return new EvidenceError(EvidenceErrorCode.NotAssessing, HttpStatus.CONFLICT, `the case is ${status.replace(/_/g, ' ')}: a credential is recognised only while the case is being assessed`);
  }
  static alreadyRecognised() {
    return new EvidenceError(EvidenceErrorCode.AlreadyRecognised, HttpStatus.CONFLICT, 'this credential is already recognised for that learning outcome');
  }

  static rangeNotSatisfiable(sizeBytes: number) {
    return new EvidenceError(
      EvidenceErrorCode.RangeNotSatisfiable,
      HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
      `the requested range is outside the file, which has ${sizeBytes} bytes`,
      undefined,
      { 'Content-Range': `bytes */${sizeBytes}` },
    );
  }
}
