/** The shortest password an account may have (sign-up, accounts an operator adds). */
export const PASSWORD_MIN_LENGTH = 12;

export enum Role {
  Candidate = 'candidate',
  Assessor = 'assessor',
  BodyAdmin = 'body_admin',
}

/** Assessors and awarding-body admins act for one awarding body; candidates may apply to any. */
export function isBodyScoped(role: Role): boolean {
  return role === Role.Assessor || role === Role.BodyAdmin;
}

/** How long the link in the sign-up e-mail confirms the address (hours). */
export const VERIFY_EMAIL_LINK_HOURS = 48;

/** How long a password-reset link may be used (minutes): short, as it gives the account to whoever holds it. */
export const RESET_PASSWORD_LINK_MINUTES = 60;
