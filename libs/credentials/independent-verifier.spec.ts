import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyCredential } from '@digitalcredentials/verifier-core';
import { VNFIL_MICRO_CREDENTIAL_CONTEXT_URL } from './document-loader';
import { generateAwardingBodyKey } from './keys';
import { buildOpenBadgeCredential } from './open-badge';
import { signDataIntegrity } from './sign';
import type { Credential } from './sign';
import { awardSourceFixture } from './testing/award-source.fixture';

const PUBLISHED_SCHEMA_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/**
 * verifier-core builds its own document loader (digitalcredentials' security-document-loader, which fetches contexts it
 * does not preload) and fetches the OB 3.0 schema by URL; it takes neither a loader nor a schema. So the test stands in
 * for the network with a fetch that answers only the two URLs vnfil publishes (our context, the schema copy) from the
 * files in this repository, and records every other request so the test can fail on it.
 */
function localFetch(requested: string[]): typeof fetch {
  const files: Record<string, string> = {
    [VNFIL_MICRO_CREDENTIAL_CONTEXT_URL]: join(__dirname, 'contexts/vnfil-micro-credential-v1.json'),
    [PUBLISHED_SCHEMA_URL]: join(__dirname, 'schemas/ob_v3p0_achievementcredential_schema.json'),
  };
  return (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    requested.push(url);
    const file = files[url];
    if (!file) return new Response('not served offline', { status: 404 });
    let body = readFileSync(file, 'utf8');
    // the shipped schema carries 1EdTech's draft $id (schemas/README.md); ajv wants the URL it asked for
    if (url === PUBLISHED_SCHEMA_URL) body = JSON.stringify({ ...JSON.parse(body), $id: PUBLISHED_SCHEMA_URL });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('an independent verifier (@digitalcredentials/verifier-core)', () => {
  const realFetch = globalThis.fetch;
  let requested: string[];
  let signed: Credential;

  beforeAll(async () => {
    const key = await generateAwardingBodyKey();
    signed = await signDataIntegrity(buildOpenBadgeCredential(awardSourceFixture({ issuerId: key.controller })), key);
  });
  beforeEach(() => {
    requested = [];
    globalThis.fetch = localFetch(requested);
    // verifier-core compiles the schema with ajv's strict mode, which warns about the schema's tuple form on every run
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
    jest.restoreAllMocks();
  });

  it('accepts the signed OpenBadgeCredential: valid signature, not expired, and no schema complaint but the proof form', async () => {
    const result = (await verifyCredential({ credential: signed as never, knownDIDRegistries: [] as never })) as unknown as VerifierResult;

    expect(result.errors).toBeUndefined();
    expect(result.log).toEqual(expect.arrayContaining([{ id: 'valid_signature', valid: true }, { id: 'expiration', valid: true }]));
    const schemaCheck = result.additionalInformation?.find((entry) => entry.id === 'schema_check');
    const [schema] = schemaCheck?.results ?? [];
    expect(schema?.schema).toBe(PUBLISHED_SCHEMA_URL);
    // the shipped 1EdTech schema wants `proof` as an array; VC 2.0 and vc.issue give one proof object (schemas/README.md)
    expect((schema?.result.errors ?? []).map((e) => e.instancePath)).toEqual(['/proof']);
    expect(new Set(requested)).toEqual(new Set([VNFIL_MICRO_CREDENTIAL_CONTEXT_URL, PUBLISHED_SCHEMA_URL]));
  });

  it('rejects the credential once a signed claim is changed', async () => {
    const tampered = structuredClone(signed) as { credentialSubject: { achievement: { name: string } } };
    tampered.credentialSubject.achievement.name = 'Advanced spreadsheet data analysis';

    const result = (await verifyCredential({ credential: tampered as never, knownDIDRegistries: [] as never })) as unknown as VerifierResult;

    expect(result.errors?.map((e) => e.name)).toEqual(['invalid_signature']);
  });
});

interface VerifierResult {
  errors?: { name: string; message: string }[];
  log?: { id: string; valid: boolean }[];
  additionalInformation?: { id: string; results?: { schema: string; result: { valid: boolean; errors?: { instancePath: string }[] } }[] }[];
}
