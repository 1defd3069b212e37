import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum AuthErrorCode {
  InvalidCredentials = 'auth.invalid_credentials',
  NotSignedIn = 'auth.not_signed_in',
  SessionExpired = 'auth.session_expired',
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
  static sessionExpired() {
    return new AuthError(AuthErrorCode.SessionExpired, HttpStatus.UNAUTHORIZED, 'your session has expired or was ended: sign in again');
  }
  static emailTaken() {
    return new AuthError(AuthErrorCode.EmailTaken, HttpStatus.CONFLICT, 'an account with this e-mail already exists: sign in instead');
  }
  static roleRequired(roles: string[], actual: string) {
    return new AuthError(AuthErrorCode.RoleRequired, HttpStatus.FORBIDDEN, `this action is for ${roles.join(' or ')} accounts; you are signed in as ${actual}`);
  }
}
