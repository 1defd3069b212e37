export enum Role {
  Candidate = 'candidate',
  Assessor = 'assessor',
  BodyAdmin = 'body_admin',
}

/** Assessors and awarding-body admins act for one awarding body; candidates may apply to any. */
export function isBodyScoped(role: Role): boolean {
  return role === Role.Assessor || role === Role.BodyAdmin;
}
