import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { AppConfig, PayloadKeyring } from '../config/config';
import { CASE_WORKFLOW_VERSION, caseWorkflowId } from '../../workflows/ids';
import type { CaseWorkflowInput } from '../../workflows/types';
import { AesGcmPayloadCodec } from './payload-codec';

/** Name under which workflows/index.ts exports the case workflow. */
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

/**
 * How every Temporal client and worker of the project turns values into payloads: the default converter, then
 * the encrypting codec. The one place where a client or worker gets its data converter.
 */
export function temporalDataConverter(keys: PayloadKeyring): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)] };
}

/** A client on an open connection, with the project's data converter. */
export function temporalClient(connection: Connection, config: Pick<AppConfig['temporal'], 'namespace' | 'payloadKeys'>): Client {
  return new Client({ connection, namespace: config.namespace, dataConverter: temporalDataConverter(config.payloadKeys) });
}

export async function connectTemporal(config: AppConfig['temporal']): Promise<Client> {
  const connection = await untilConnected(() => Connection.connect({ address: config.address, connectTimeout: '5s' }));
  return temporalClient(connection, config);
}

/**
 * Tries `connect` again, every half second, until it succeeds or `withinMs` (default 30 s) has passed, then throws
 * its last error. A frontend still starting beside the process (compose, npm start), or a process starved of CPU
 * past one attempt's deadline, does not fail the start; the start-up check (libs/config/preflight.ts) has already
 * said, in one sentence, when the address is wrong.
 */
export async function untilConnected<T>(connect: () => Promise<T>, withinMs = 30_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await connect();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
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
