import { HttpStatus } from '@nestjs/common';
import { listWords, rolePluralWords, roleWords } from '../../../../libs/domain';
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
}

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
  static emailTaken() {
    return new AuthError(AuthErrorCode.EmailTaken, HttpStatus.CONFLICT, 'an account with this e-mail already exists: sign in instead');
  }
  static roleRequired(roles: string[], actual: string) {
    return new AuthError(
      AuthErrorCode.RoleRequired,
      HttpStatus.FORBIDDEN,
      `this action is for ${listWords(roles.map(rolePluralWords), 'or')}; you are signed in as ${roleWords(actual)}`,
    );
  }
}
