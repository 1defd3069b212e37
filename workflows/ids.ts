/** One workflow per case, named after the case: starting it twice finds the running one. */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

export const CASE_WORKFLOW_VERSION = 2;
