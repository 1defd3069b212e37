import { Connection } from '@temporalio/client';
import { TemporalDevServer } from '../support/temporal-server';
import { testTemporalClient } from '../support/temporal-client';

describe('Temporal dev server from the project venv', () => {
  let server: TemporalDevServer;
  beforeAll(async () => {
    server = await TemporalDevServer.start();
  }, 90_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('serves the default namespace', async () => {
    const connection = await Connection.connect({ address: server.address });
    try {
      const client = testTemporalClient(connection);
      const ns = await client.workflowService.describeNamespace({ namespace: 'default' });
      expect(ns.namespaceInfo?.name).toBe('default');
    } finally {
      await connection.close();
    }
  });
});
