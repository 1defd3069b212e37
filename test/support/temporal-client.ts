import type { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { loadConfig } from '../../libs/config/config';
import type { PayloadKeyring } from '../../libs/config/config';
import { temporalClient, temporalDataConverter } from '../../libs/temporal/temporal';

/**
 * The tests' Temporal clients and workers go through the project's own factory (libs/temporal), with the
 * payload keys the API and the worker use when PAYLOAD_KEYS is unset: every payload they exchange is encrypted.
 */
export const TEST_PAYLOAD_KEYS: PayloadKeyring = loadConfig({ NODE_ENV: 'test' }).temporal.payloadKeys;

export function testDataConverter(): DataConverter {
  return temporalDataConverter(TEST_PAYLOAD_KEYS);
}

export function testTemporalClient(connection: Connection, namespace = 'default'): Client {
  return temporalClient(connection, { namespace, payloadKeys: TEST_PAYLOAD_KEYS });
}
