import { HttpStatus } from '@nestjs/common';
import { DEMO_EMAIL_DOMAIN, listWords, rolePluralWords, roleWords } from '../../../../libs/domain';
import { ApiError } from '../common/api-error';

export enum AuthErrorCode {
  InvalidCredentials = 'auth.invalid_credentials',
  NotSignedIn = 'auth.not_signed_in',
  /** A token that is no session of ours (mistyped, made up, from another system). */
  InvalidSession = 'auth.invalid_session',
  SessionExpired = 'auth.session_expired',
  /** Signed out, or the account was deactivated. */
  SessionEnded = 'auth.session_ended',
  RoleRequired = 'auth.role_required',
  EmailTaken = 'auth.email_taken',
  /** An address on the demo seed's domain, which only the demo accounts use. */
  EmailReserved = 'auth.email_reserved',
  TooManyAttempts = 'auth.too_many_attempts',
  /** The portal signs in only accounts whose address was confirmed by the link sent at sign-up. */
  EmailUnverified = 'auth.email_unverified',
  Busy = 'auth.busy',
}

/** Seconds a client is asked to wait when sign-ins are queued beyond what the API takes. */
export const AUTH_BUSY_RETRY_AFTER_SECONDS = 2;

export class AuthError extends ApiError {
  override name = 'AuthError';
  static invalidCredentials() {
    return new AuthError(AuthErrorCode.InvalidCredentials, HttpStatus.UNAUTHORIZED, 'email or password is wrong');
  }
  static notSignedIn() {
    return new AuthError(AuthErrorCode.NotSignedIn, HttpStatus.UNAUTHORIZED, 'sign in first: send Authorization: Bearer <token> or the vnfil_session cookie');
  }
  static invalidSession() {
    return new AuthError(AuthErrorCode.InvalidSession, HttpStatus.UNAUTHORIZED, 'this token is not a valid session; sign in again');
  }
  static sessionExpired() {
    return new AuthError(AuthErrorCode.SessionExpired, HttpStatus.UNAUTHORIZED, 'your session has expired; sign in again');
  }
  static sessionEnded() {
    return new AuthError(AuthErrorCode.SessionEnded, HttpStatus.UNAUTHORIZED, 'your session was ended (signed out); sign in again');
  }
  static accountDeactivated() {
    return new AuthError(AuthErrorCode.SessionEnded, HttpStatus.UNAUTHORIZED, 'this account has been deactivated');
  }
  static emailUnverified() {
    return new AuthError(AuthErrorCode.EmailUnverified, HttpStatus.FORBIDDEN, 'confirm your e-mail address first: open the link sent to it when you signed up');
  }
  static emailTaken() {
    return new AuthError(AuthErrorCode.EmailTaken, HttpStatus.CONFLICT, 'an account with this e-mail already exists: sign in instead');
  }
  static emailReserved() {
    return new AuthError(
      AuthErrorCode.EmailReserved,
      HttpStatus.BAD_REQUEST,
      `e-mail addresses on ${DEMO_EMAIL_DOMAIN} are reserved for the demo accounts: sign up with your own e-mail address`,
    );
  }
  /** `attempt`: what the caller was trying, in the words of the message (the limits count sign-ins and sign-ups apart). */
  static tooManyAttempts(retryAfterSeconds: number, attempt: 'sign-in' | 'sign-up' = 'sign-in') {
    const whose = attempt === 'sign-up' ? 'for this e-mail address or from this address' : 'for this account or from this address';
    return new AuthError(
      AuthErrorCode.TooManyAttempts,
      HttpStatus.TOO_MANY_REQUESTS,
      `too many ${attempt} attempts ${whose}: wait ${retryAfterSeconds} seconds, then try again`,
      retryAfterSeconds,
    );
  }
  static busy() {
    return new AuthError(AuthErrorCode.Busy, HttpStatus.SERVICE_UNAVAILABLE, 'too many sign-ins and sign-ups are being checked right now: try again in a few seconds', AUTH_BUSY_RETRY_AFTER_SECONDS);
  }
  static roleRequired(roles: string[], actual: string) {
    return new AuthError(
      AuthErrorCode.RoleRequired,
      HttpStatus.FORBIDDEN,
      `this action is for ${listWords(roles.map(rolePluralWords), 'or')}; you are signed in as ${roleWords(actual)}`,
    );
  }
}
