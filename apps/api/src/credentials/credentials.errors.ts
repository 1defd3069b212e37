import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum CredentialErrorCode {
  NotFound = 'credential.not_found',
  NotSigned = 'credential.not_signed',
  Revoked = 'credential.revoked',
  NotSuspended = 'credential.not_suspended',
  AlreadySuspended = 'credential.already_suspended',
  Suspended = 'credential.suspended',
  BodyNotFound = 'awarding_body.not_found',
  StatusListNotFound = 'status_list.not_found',
  CertificateUnavailable = 'certificate.unavailable',
  NotRenewable = 'credential.not_renewable',
  NotShareable = 'credential.not_shareable',
}

export class CredentialError extends ApiError {
  override name = 'CredentialError';

  /** Also for a credential the caller may not see: no difference between "not yours" and "does not exist". */
  static notFound(id: string) {
    return new CredentialError(CredentialErrorCode.NotFound, HttpStatus.NOT_FOUND, `there is no credential ${id}`);
  }
  static notSigned(id: string) {
    return new CredentialError(
      CredentialErrorCode.NotSigned,
      HttpStatus.CONFLICT,
      `the credential ${id} was issued before credentials were signed: it has no signed form to download; the awarding body can revoke the decision and decide again to issue a signed one`,
    );
  }
  static revoked(id: string) {
    return new CredentialError(CredentialErrorCode.Revoked, HttpStatus.CONFLICT, `the credential ${id} is revoked, for good: its status cannot change any more`);
  }
  /** Renewal needs a credential in force or expired, signed, issued on a standard. */
  static notRenewable(id: string, why: string) {
    return new CredentialError(CredentialErrorCode.NotRenewable, HttpStatus.CONFLICT, `the credential ${id} cannot be renewed: ${why}`);
  }
  static revokedNotRenewable(id: string) {
    return new CredentialError(
      CredentialErrorCode.Revoked,
      HttpStatus.CONFLICT,
      `the credential ${id} was revoked by its issuer: it cannot be renewed; start a new case on the standard instead`,
    );
  }
  static notSuspended(id: string) {
    return new CredentialError(CredentialErrorCode.NotSuspended, HttpStatus.CONFLICT, `the credential ${id} is not suspended: there is nothing to reinstate`);
  }
  static alreadySuspended(id: string) {
    return new CredentialError(CredentialErrorCode.AlreadySuspended, HttpStatus.CONFLICT, `the credential ${id} is already suspended`);
  }
  static suspendedNoCertificate(id: string) {
    return new CredentialError(CredentialErrorCode.Suspended, HttpStatus.CONFLICT, `the credential ${id} is suspended by its issuer: its certificate can be printed again once it is reinstated`);
  }
  /** A suspended or revoked credential is not shown as the holder's on its public page (hiding it stays allowed). */
  static notShareable(id: string, state: 'suspended' | 'revoked') {
    return new CredentialError(
      CredentialErrorCode.NotShareable,
      HttpStatus.CONFLICT,
      state === 'revoked'
        ? `the credential ${id} is revoked by its issuer: it cannot be shared any more`
        : `the credential ${id} is suspended by its issuer: it can be shared again once it is reinstated`,
    );
  }
  static bodyNotFound(id: string) {
    return new CredentialError(CredentialErrorCode.BodyNotFound, HttpStatus.NOT_FOUND, `there is no awarding body ${id}`);
  }
  static statusListNotFound(bodyId: string, purpose: string, list: number) {
    return new CredentialError(CredentialErrorCode.StatusListNotFound, HttpStatus.NOT_FOUND, `the awarding body ${bodyId} has no ${purpose} status list ${list}`);
  }
  /** The printer (headless Chromium) failed or is missing: nothing the holder did; try again later. */
  static certificateUnavailable(reason: string) {
    return new CredentialError(CredentialErrorCode.CertificateUnavailable, HttpStatus.SERVICE_UNAVAILABLE, `the certificate cannot be printed just now (${reason}): try again in a minute; the signed credential downloads are not affected`, 60);
  }
}
