import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyCredential } from '@digitalcredentials/verifier-core';
import * as ed25519 from '@noble/ed25519';
import { VNFIL_MICRO_CREDENTIAL_CONTEXT_URL } from './document-loader';
import { generateAwardingBodyKey, publicKeyJwk } from './keys';
import { buildOpenBadgeCredential } from './open-badge';
import { asProofSet, signDataIntegrity, signJwt } from './sign';
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
    const body = readFileSync(file, 'utf8');
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('an independent verifier (@digitalcredentials/verifier-core)', () => {
  const realFetch = globalThis.fetch;
  let requested: string[];
  let signed: Credential;

  beforeAll(async () => {
    const key = await generateAwardingBodyKey();
    // as the service issues it: a proof set of one
    signed = asProofSet(await signDataIntegrity(buildOpenBadgeCredential(awardSourceFixture({ issuerId: key.controller })), key));
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

  it('accepts the signed OpenBadgeCredential: valid signature, not expired, and valid against the OB 3.0 schema', async () => {
    const result = (await verifyCredential({ credential: signed as never, knownDIDRegistries: [] as never })) as unknown as VerifierResult;

    expect(result.errors).toBeUndefined();
    expect(result.log).toEqual(expect.arrayContaining([{ id: 'valid_signature', valid: true }, { id: 'expiration', valid: true }]));
    const schemaCheck = result.additionalInformation?.find((entry) => entry.id === 'schema_check');
    const [schema] = schemaCheck?.results ?? [];
    expect(schema?.schema).toBe(PUBLISHED_SCHEMA_URL);
    // the proof is a set of one, as the 1EdTech schema wants it (schemas/README.md)
    expect(schema?.result.errors ?? []).toEqual([]);
    expect(schema?.result.valid).toBe(true);
    expect(new Set(requested)).toEqual(new Set([VNFIL_MICRO_CREDENTIAL_CONTEXT_URL, PUBLISHED_SCHEMA_URL]));
  });

  it('rejects the credential once a signed claim is changed', async () => {
    const tampered = structuredClone(signed) as unknown as { credentialSubject: { achievement: { name: string } } };
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

/**
 * The VC-JWT form read by hand and checked with @noble/ed25519, a pure-JS Ed25519 implementation that shares no code
 * with jose (which signed it) or OpenSSL: the compact JWS split, the header read, the signature over
 * `<header>.<payload>` verified with the public key the did:key names.
 */
describe('an independent VC-JWT check (@noble/ed25519, not jose)', () => {
  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

  async function signedJwt(): Promise<{ jwt: string; publicKey: Uint8Array; issuer: string }> {
    const key = await generateAwardingBodyKey();
    const source = awardSourceFixture();
    const credential = buildOpenBadgeCredential({ ...source, issuer: { ...source.issuer, id: key.controller } });
    const jwt = await signJwt(credential, key);
    const jwk = await publicKeyJwk(key);
    return { jwt, publicKey: Buffer.from(jwk.x, 'base64url'), issuer: key.controller };
  }

  async function accepts(jwt: string, publicKey: Uint8Array): Promise<boolean> {
    const [header, payload, signature] = jwt.split('.');
    return ed25519.verify(Buffer.from(signature!, 'base64url'), Buffer.from(`${header}.${payload}`, 'ascii'), publicKey);
  }

  it('accepts our VC-JWT: EdDSA over the credential itself, the kid a key of the issuer', async () => {
    const { jwt, publicKey, issuer } = await signedJwt();
    const [header, payload] = jwt.split('.');
    expect(decode(header!)).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: expect.stringMatching(new RegExp(`^${issuer}#`)) });
    const claims = decode(payload!);
    expect(claims.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(claims.issuer).toMatchObject({ id: issuer });
    expect(await accepts(jwt, publicKey)).toBe(true);
  });

  it('refuses it once a claim changes, or under another key', async () => {
    const { jwt, publicKey } = await signedJwt();
    const [header, payload, signature] = jwt.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...decode(payload!), name: 'Forged' })).toString('base64url')}.${signature}`;
    expect(await accepts(forged, publicKey)).toBe(false);
    const other = await signedJwt();
    expect(await accepts(jwt, other.publicKey)).toBe(false);
  });
});
