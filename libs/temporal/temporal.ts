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
 * Starts the case's workflow. Idempotent: the id is the case's, so starting a case that already runs
 * (a retried request, a restarted API) returns the running one.
 */
export async function startCaseWorkflow(client: Client, taskQueue: string, caseId: string): Promise<string> {
  const workflowId = caseWorkflowId(caseId);
  const input: CaseWorkflowInput = { version: CASE_WORKFLOW_VERSION, caseId };
  try {
    await client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId, taskQueue, args: [input] });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return workflowId;
}
