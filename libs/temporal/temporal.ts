import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { AppConfig } from '../config/config';
import { CASE_WORKFLOW_VERSION, caseWorkflowId } from '../../workflows/ids';
import type { CaseWorkflowInput } from '../../workflows/types';

/** Name under which workflows/index.ts exports the case workflow. */
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

export async function connectTemporal(config: AppConfig['temporal']): Promise<Client> {
  const connection = await Connection.connect({ address: config.address, connectTimeout: '5s' });
  return new Client({ connection, namespace: config.namespace });
}

/**
 * Starts the workflow of a new case, which writes the case row itself. Idempotent: the id is the case's, so a
 * retried request finds the running workflow.
 */
export async function openCaseWorkflow(
  client: Client,
  taskQueue: string,
  caseId: string,
  open: NonNullable<CaseWorkflowInput['open']>,
): Promise<string> {
  const workflowId = caseWorkflowId(caseId);
  const input: CaseWorkflowInput = { version: CASE_WORKFLOW_VERSION, caseId, open };
  try {
    await client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId, taskQueue, args: [input] });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return workflowId;
}

/**
 * Starts a new run of an existing case's workflow, which resumes from the case's records (after its run ended
 * while the case was open). Refused by Temporal while a run is still open, which the caller treats as done.
 */
export async function restartCaseWorkflow(client: Client, taskQueue: string, caseId: string): Promise<boolean> {
  const input: CaseWorkflowInput = { version: CASE_WORKFLOW_VERSION, caseId, cause: 'restarted' };
  try {
    await client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId: caseWorkflowId(caseId), taskQueue, args: [input], workflowIdReusePolicy: 'ALLOW_DUPLICATE' });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
