import { importJWK, SignJWT } from 'jose';
import { createDocumentLoader } from './document-loader';
import type { DidDocument } from './document-loader';
import { generateAwardingBodyKey, secretKeyJwk } from './keys';
import type { AwardingBodyKey } from './keys';
import { keyResolver, signDataIntegrity, signJwt, verifyDataIntegrity, verifyJwt } from './sign';
import type { Credential } from './sign';

const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

function openBadge(key: AwardingBodyKey): Credential {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', OB_CONTEXT],
    id: 'urn:uuid:2f0d5f5e-7c1a-4a39-9d7e-1f6c3b0e9a11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Safe forklift operation',
    issuer: { id: key.controller, type: ['Profile'], name: 'Test awarding body' },
    validFrom: '2026-01-15T09:00:00Z',
    credentialSubject: {
      id: 'urn:uuid:8b7f3c2e-1d4a-4f5e-9a6b-0c1d2e3f4a5b',
      type: ['AchievementSubject'],
      achievement: {
        id: 'urn:uuid:6c1d7e4a-3b2f-4c8d-9e0a-1b2c3d4e5f60',
        type: ['Achievement'],
        name: 'Forklift operation, level 2',
        description: 'Operates a counterbalance forklift safely in a warehouse.',
        criteria: { narrative: 'Assessed on site by a qualified assessor.' },
      },
      result: [{ type: ['Result'], value: 'pass' }],
    },
  };
}

/** The fields the tests change, typed for the assignments. */
interface BadgeFields {
  '@context': string[];
  name: string;
  issuer: { id: string; name: string };
  validFrom: string;
  credentialSubject: { id: string; achievement: { name: string }; result: { value: string }[] };
  proof: { verificationMethod: string };
}
const fields = (credential: Credential) => credential as unknown as BadgeFields;

type Tamper = [string, (c: BadgeFields) => void];
const tampers: Tamper[] = [
  ['name', (c) => (c.name = 'Safe crane operation')],
  ['issuer name', (c) => (c.issuer.name = 'Another awarding body')],
  ['issuer id', (c) => (c.issuer.id = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')],
  ['validFrom', (c) => (c.validFrom = '2025-01-15T09:00:00Z')],
  ['achievement name', (c) => (c.credentialSubject.achievement.name = 'Forklift operation, level 3')],
  ['result', (c) => (c.credentialSubject.result[0].value = 'distinction')],
  ['subject', (c) => (c.credentialSubject.id = 'urn:uuid:00000000-0000-4000-8000-000000000000')],
];

const NOW = new Date('2026-06-01T12:00:00Z');

describe('signing and verifying an OpenBadgeCredential', () => {
  const realFetch = globalThis.fetch;
  let fetchCalls: jest.Mock;
  let key: AwardingBodyKey;
  let other: AwardingBodyKey;
  const loader = createDocumentLoader();

  beforeAll(async () => {
    key = await generateAwardingBodyKey();
    other = await generateAwardingBodyKey();
  });

  beforeEach(() => {
    fetchCalls = jest.fn(() => {
      throw new Error('credentials must be signed and verified without the network');
    });
    globalThis.fetch = fetchCalls as unknown as typeof fetch;
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
    expect(fetchCalls).not.toHaveBeenCalled();
  });

  describe('with an embedded Data Integrity proof (eddsa-rdfc-2022)', () => {
    it('round-trips', async () => {
      const signed = await signDataIntegrity(openBadge(key), key, { now: NOW });
      expect(signed.proof).toMatchObject({
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        verificationMethod: key.id,
        proofValue: expect.stringMatching(/^z/),
      });
      const { proof: _proof, ...unsecured } = signed;
      expect(unsecured).toEqual(openBadge(key));
      expect(await verifyDataIntegrity(signed, loader, { now: NOW })).toEqual({ verified: true, credential: signed, verificationMethod: key.id });
    });

    it.each(tampers)('fails when the %s is changed', async (_field, tamper) => {
      const signed = await signDataIntegrity(openBadge(key), key, { now: NOW });
      const changed = structuredClone(signed);
      tamper(fields(changed));
      expect(changed).not.toEqual(signed);
      expect(await verifyDataIntegrity(changed, loader, { now: NOW })).toMatchObject({ verified: false });
    });

    it('fails when the proof names another key', async () => {
      const signed = await signDataIntegrity(openBadge(key), key, { now: NOW });
      const changed = structuredClone(signed);
      fields(changed).proof.verificationMethod = other.id;
      expect(await verifyDataIntegrity(changed, loader, { now: NOW })).toMatchObject({ verified: false });
    });

    it('fails before validFrom', async () => {
      const signed = await signDataIntegrity(openBadge(key), key, { now: NOW });
      expect(await verifyDataIntegrity(signed, loader, { now: new Date('2025-12-31T00:00:00Z') })).toMatchObject({ verified: false });
    });

    it('treats an unknown context URL as an error, not a fetch, when signing and when verifying', async () => {
      const credential = openBadge(key);
      credential['@context'] = [...(credential['@context'] as string[]), 'https://example.org/contexts/unknown.jsonld'];
      await expect(signDataIntegrity(credential, key, { now: NOW })).rejects.toThrow('https://example.org/contexts/unknown.jsonld');

      const signed = await signDataIntegrity(openBadge(key), key, { now: NOW });
      fields(signed)['@context'].push('https://example.org/contexts/unknown.jsonld');
      const result = await verifyDataIntegrity(signed, loader, { now: NOW });
      expect(result.verified).toBe(false);
      expect(result.verified === false && result.errors.join('\n')).toContain('https://example.org/contexts/unknown.jsonld');
    });

    it('refuses to sign for another issuer', async () => {
      await expect(signDataIntegrity(openBadge(other), key)).rejects.toThrow(`the key belongs to ${key.controller}`);
    });

    it('verifies an issuer identified by did:web, resolved by the callback', async () => {
      const webKey = await generateAwardingBodyKey({ controller: 'did:web:awards.example' });
      const document: DidDocument = {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: webKey.controller,
        verificationMethod: [{ id: webKey.id, type: 'Multikey', controller: webKey.controller, publicKeyMultibase: webKey.publicKeyMultibase }],
        assertionMethod: [webKey.id],
      };
      const webLoader = createDocumentLoader({ resolveDidWeb: async (did) => (did === webKey.controller ? document : undefined) });
      const signed = await signDataIntegrity(openBadge(webKey), webKey, { documentLoader: webLoader, now: NOW });
      expect(await verifyDataIntegrity(signed, webLoader, { now: NOW })).toMatchObject({ verified: true });
      expect(await verifyJwt(await signJwt(openBadge(webKey), webKey), keyResolver(webLoader), { now: NOW })).toMatchObject({ verified: true });

      const revoked = createDocumentLoader({ resolveDidWeb: async () => ({ ...document, assertionMethod: [] }) });
      expect(await verifyDataIntegrity(signed, revoked, { now: NOW })).toMatchObject({ verified: false });
    });
  });

  describe('as a VC-JWT (EdDSA)', () => {
    const parts = (jwt: string) => jwt.split('.');
    const decode = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it('round-trips, with the credential as the claims set', async () => {
      const jwt = await signJwt(openBadge(key), key);
      const [header, payload, signature] = parts(jwt);
      expect(decode(header)).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: key.id });
      expect(decode(payload)).toEqual(openBadge(key));
      expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
      expect(await verifyJwt(jwt, keyResolver(loader), { now: NOW })).toEqual({ verified: true, credential: openBadge(key), verificationMethod: key.id });
    });

    it.each(tampers)('fails when the %s is changed', async (_field, tamper) => {
      const [header, payload, signature] = parts(await signJwt(openBadge(key), key));
      const changed = decode(payload);
      tamper(changed);
      const result = await verifyJwt(`${header}.${encode(changed)}.${signature}`, keyResolver(loader), { now: NOW });
      expect(result).toMatchObject({ verified: false });
    });

    it('refuses alg none', async () => {
      const header = encode({ alg: 'none', typ: 'vc+jwt', kid: key.id });
      const result = await verifyJwt(`${header}.${encode(openBadge(key))}.`, keyResolver(loader), { now: NOW });
      expect(result).toEqual({ verified: false, errors: ["the JWT's alg is none, not EdDSA"] });
    });

    it('refuses a JWT signed by another key, whether it claims the issuer key or its own', async () => {
      const otherSecret = await importJWK(await secretKeyJwk(other), 'EdDSA');
      const claimsIssuerKey = await new SignJWT(openBadge(key)).setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.id }).sign(otherSecret);
      expect(await verifyJwt(claimsIssuerKey, keyResolver(loader), { now: NOW })).toMatchObject({ verified: false });

      const ownKey = await new SignJWT(openBadge(key)).setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: other.id }).sign(otherSecret);
      expect(await verifyJwt(ownKey, keyResolver(loader), { now: NOW })).toEqual({
        verified: false,
        errors: [`the key ${other.id} does not belong to the issuer ${key.controller}`],
      });
    });

    it('refuses another typ, and a credential outside its validity period', async () => {
      const secret = await importJWK(await secretKeyJwk(key), 'EdDSA');
      const plainJwt = await new SignJWT(openBadge(key)).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.id }).sign(secret);
      expect(await verifyJwt(plainJwt, keyResolver(loader), { now: NOW })).toMatchObject({ verified: false });
      const jwt = await signJwt(openBadge(key), key);
      expect(await verifyJwt(jwt, keyResolver(loader), { now: new Date('2025-12-31T00:00:00Z') })).toMatchObject({ verified: false });
    });
  });
});
