import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Role } from '../../libs/domain';
import { CaseEntity } from '../../libs/persistence/entities';
import { historiesOfAllRuns } from '../replay/record-histories';
import { ApiTestContext } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';
import { eventually } from './support/system';

interface PayloadJson {
  metadata?: Record<string, string>;
  data?: string;
}

/** Every payload in a history's JSON (protobuf JSON: metadata values and data in base64). */
function payloadsIn(node: unknown, found: PayloadJson[] = []): PayloadJson[] {
  if (Array.isArray(node)) {
    for (const item of node) payloadsIn(item, found);
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.metadata && typeof o.metadata === 'object' && 'encoding' in (o.metadata as object)) found.push(o as PayloadJson);
    else for (const value of Object.values(o)) payloadsIn(value, found);
  }
  return found;
}

const text = (p: PayloadJson) =>
  [...Object.values(p.metadata ?? {}), p.data ?? ''].map((b64) => Buffer.from(b64, 'base64').toString('utf8')).join(' ');

/** What the Temporal server stores of a case: no personal data in clear, readable through the codec by an admin. */
describe('personal data in Temporal histories', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  let candidate: SignedIn;
  const REASON = 'Zephyrine Oakenshaw-Tillbury moves to Reykjavík and stops here';

  beforeAll(async () => {
    ctx = await ApiTestContext.start({ worker: true });
    world = await ctx.body();
    candidate = await ctx.user(Role.Candidate);
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('are encrypted in the history the server holds, the case still runs, and an admin reads them through the codec endpoint', async () => {
    const caseId = await ctx.draftCase(candidate, world.standard.id);
    const withdrawn = await ctx.http.post(`/cases/${caseId}/withdraw`).set(candidate.auth).send({ reason: REASON });
    expect(withdrawn.status).toBe(200);
    await eventually('the case withdrawn by its workflow', async () => {
      const row = await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
      return row.status === 'withdrawn' ? row : undefined;
    });

    // the history as anyone with access to the Temporal frontend reads it: a client without the codec
    const connection = await Connection.connect({ address: ctx.temporal.address });
    let raw: string;
    try {
      const plain = new Client({ connection });
      const runs = await historiesOfAllRuns(plain.workflow.getHandle(`case-${caseId}`));
      raw = `[${runs.map((h) => historyToJSON(h)).join(',')}]`;
    } finally {
      await connection.close();
    }
    const payloads = payloadsIn(JSON.parse(raw));
    expect(payloads.length).toBeGreaterThan(3);
    for (const p of payloads) expect(Buffer.from(p.metadata!.encoding, 'base64').toString()).toBe('binary/encrypted');
    const stored = `${raw}\n${payloads.map(text).join('\n')}`;
    expect(stored).not.toContain('Zephyrine');
    expect(stored).not.toContain('Reykjav');

    // the Temporal UI's remote codec: only an awarding body's admin may decode
    expect((await ctx.http.post('/codec/decode').set(candidate.auth).send({ payloads })).status).toBe(403);
    expect((await ctx.http.post('/codec/decode').send({ payloads })).status).toBe(401);
    const decoded = await ctx.http.post('/codec/decode').set(world.admin.auth).send({ payloads }).expect(200);
    const clear = (decoded.body as { payloads: PayloadJson[] }).payloads;
    expect(clear).toHaveLength(payloads.length);
    expect(clear.map(text).join('\n')).toContain(REASON);
    expect(Buffer.from(clear[0].metadata!.encoding, 'base64').toString()).toBe('json/plain');

    // what it encodes it decodes; an altered payload is refused with a sentence
    const encoded = await ctx.http.post('/codec/encode').set(world.admin.auth).send({ payloads: clear.slice(0, 1) }).expect(200);
    const sealed = (encoded.body as { payloads: PayloadJson[] }).payloads[0];
    const bytes = Buffer.from(sealed.data!, 'base64');
    bytes[bytes.length - 1] ^= 1;
    const tampered = await ctx.http.post('/codec/decode').set(world.admin.auth).send({ payloads: [{ ...sealed, data: bytes.toString('base64') }] });
    expect(tampered.status).toBe(400);
    expect(tampered.body).toMatchObject({ code: 'codec.undecodable', message: 'an encrypted payload did not authenticate with the key "dev": it was altered or encrypted with another key' });
  }, 120_000);
});
