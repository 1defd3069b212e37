import { WorkflowUpdateFailedError } from '@temporalio/client';
import { stepRefusal } from '../step-refusal';

/**
 * The refusals of a service a body admin's step can meet (the JSON API's error codes, 400/409/422), each said by
 * the catalogue under admin.refusals.<code>: the services' own sentences are English and never reach a page.
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

/**
 * The catalogue key that says why a step was refused. The process's own refusal is worded as on every role's
 * pages (step.refused.*, by its failure type: portal/step-refusal.ts), a whole sentence; a service's refusal by its
 * code (admin.refusals.<code>), the reason in the sentence admin.refused.
 */
export function refusalKey(code: string, err?: unknown): string {
  if (code === 'process.rejected' && err instanceof WorkflowUpdateFailedError) {
    const step = stepRefusal(err);
    if (step) return step.key;
  }
  return (REFUSAL_CODES as readonly string[]).includes(code) ? `admin.refusals.${code}` : 'admin.refusals.other';
}

/** The words of a refusal on an admin page: a step's refusal is a sentence of its own, a service's a reason in admin.refused. */
export function refusalText(key: string, t: (key: string, values?: Record<string, unknown>) => string): string {
  return key.startsWith('step.') ? t(key) : t('admin.refused', { reason: t(key) });
}
