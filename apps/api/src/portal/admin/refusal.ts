import { CaseFailure } from '../../../../../libs/domain';

/**
 * The refusals a body admin's step can meet (the JSON API's error codes, 400/409/422), each said by the catalogue
 * under admin.refusals.<code>: the services' own sentences are English and never reach a page.
 */
export const REFUSAL_CODES = [
  'process.rejected',
  'process.moved_on',
  'process.not_running',
  'process.running',
  'request.conflict',
  'request.invalid',
  'case.ended',
  'case.not_editable',
  'decision.invalid',
  'credential.revoked',
  'credential.not_suspended',
  'credential.already_suspended',
  'credential.suspended',
  'user.not_an_assessor',
  'standard.invalid',
  'standard.outcomes_in_use',
  'standard.methods_in_use',
  'standard.not_a_micro_credential',
] as const;

/** The catalogue key that says why a step was refused: by the process's failure type when it gave one, else by the code. */
export function refusalKey(code: string, failure?: string): string {
  if (code === 'process.rejected' && failure && (Object.values(CaseFailure) as string[]).includes(failure)) return `admin.refusals.step.${failure}`;
  return (REFUSAL_CODES as readonly string[]).includes(code) ? `admin.refusals.${code}` : 'admin.refusals.other';
}
