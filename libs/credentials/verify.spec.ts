import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { importJWK, SignJWT } from 'jose';
import { createDocumentLoader } from './document-loader';
import type { DidDocument, DocumentLoader } from './document-loader';
import { generateAwardingBodyKey, publicKey, secretKeyJwk } from './keys';
import type { AwardingBodyKey } from './keys';
import { signDataIntegrity, signJwt } from './sign';
import type { Credential } from './sign';
import { statusEntry, statusListCredential } from './status-list';
import type { StatusPurpose } from './status-list';
import { compactFormProblems, CredentialInputError, MAX_CREDENTIAL_CHARS, readPresentedCredential, verifyPresentedCredential } from './verify';
import type { CheckName, PresentedCredentialVerification, VerificationDeps } from './verify';

const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const ISSUED = new Date('2026-01-15T09:00:00Z');
const NOW = new Date('2026-06-01T12:00:00Z');
const LISTS = 'https://vnfil.example/status';
const INDEX = 1234;

const listUrl = (key: AwardingBodyKey, purpose: StatusPurpose) => `${LISTS}/${encodeURIComponent(key.controller)}/${purpose}/0`;

/** A minimal but realistic OB 3.0 micro-credential, with a revocation and a suspension entry. */
function openBadge(key: AwardingBodyKey, options: { validUntil?: string; status?: boolean } = {}): Credential {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', OB_CONTEXT],
    id: 'urn:uuid:2f0d5f5e-7c1a-4a39-9d7e-1f6c3b0e9a11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Spreadsheets for data analysis',
    issuer: { id: key.controller, type: ['Profile'], name: 'Chamber of Crafts Lower Saxony', url: 'https://vnfil.example/bodies/hwk-ns' },
    validFrom: '2026-01-15T09:00:00Z',
    ...(options.validUntil ? { validUntil: options.validUntil } : {}),
    credentialSubject: {
      id: 'urn:uuid:8b7f3c2e-1d4a-4f5e-9a6b-0c1d2e3f4a5b',
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: 'sha256$c0ffee', identityType: 'emailAddress', hashed: true, salt: 'pepper' }],
      achievement: {
        id: 'https://vnfil.example/standards/DATA-SPREADSHEETS',
        type: ['Achievement'],
        name: 'Spreadsheets for data analysis',
        description: 'Cleans, analyses and charts tabular data with a spreadsheet.',
        criteria: { narrative: 'Portfolio of three analyses, assessed by a qualified assessor.' },
        achievementType: 'MicroCredential',
        creditsAvailable: 2,
      },
      result: [{ type: ['Result'], value: 'pass' }],
    },
    ...(options.status === false
      ? {}
      : {
          credentialStatus: [
            statusEntry({ listUrl: listUrl(key, 'revocation'), index: INDEX, purpose: 'revocation' }),
            statusEntry({ listUrl: listUrl(key, 'suspension'), index: INDEX, purpose: 'suspension' }),
          ],
        }),
  };
}

interface KeyRecord {
  inServiceFrom: Date;
  retiredAt?: Date;
  revokedAt?: Date;
}

/** The issuing side as the verifier sees it: its keys' history, its signed status lists, the DID documents. */
class Issuers {
  readonly keys = new Map<string, KeyRecord>();
  readonly lists = new Map<string, Credential>();
  readonly didWeb = new Map<string, DidDocument>();
  readonly loader: DocumentLoader = createDocumentLoader({ resolveDidWeb: async (did) => this.didWeb.get(did) });

  deps(now = NOW): VerificationDeps {
    return {
      documentLoader: this.loader,
      now,
      fetchStatusList: async (url) => this.lists.get(url),
      keyStatus: async (id, issuedAt) => {
        const record = this.keys.get(id);
        if (!record) return { known: false, validAtIssuance: false };
        if (record.revokedAt && record.revokedAt <= issuedAt) return { known: true, validAtIssuance: false, reason: `revoked on ${record.revokedAt.toISOString()}` };
        if (issuedAt < record.inServiceFrom) return { known: true, validAtIssuance: false, reason: 'not yet in service' };
        if (record.retiredAt && record.retiredAt <= issuedAt) return { known: true, validAtIssuance: false, reason: `retired on ${record.retiredAt.toISOString()}` };
        return { known: true, validAtIssuance: true, ...(record.retiredAt ? { reason: `retired on ${record.retiredAt.toISOString()} after a key rotation` } : {}) };
      },
    };
  }

  async publishLists(key: AwardingBodyKey, set: Partial<Record<StatusPurpose, number[]>> = {}, signer = key): Promise<void> {
    for (const purpose of ['revocation', 'suspension'] as const) {
      const list = await statusListCredential({ id: listUrl(key, purpose), issuer: signer.controller, purpose, setIndexes: set[purpose] ?? [], validFrom: ISSUED });
      this.lists.set(listUrl(key, purpose), await signDataIntegrity(list, signer, { documentLoader: this.loader, now: ISSUED }));
    }
  }
}

const checkOf = (result: PresentedCredentialVerification, check: CheckName) => {
  const found = result.checks.find((c) => c.check === check);
  if (!found) throw new Error(`no ${check} check`);
  return found;
};

function expectFailed(result: PresentedCredentialVerification, check: CheckName, reason: string | RegExp) {
  expect(result.verified).toBe(false);
  // every failure also carries a code a page words in its reader's language
  expect(checkOf(result, check)).toEqual({ check, outcome: 'failed', reason: expect.stringMatching(reason), detail: { code: expect.stringMatching(`^(${check}|common)\\.[a-z_]+$`), values: expect.any(Object) } });
}

/** Every leaf of a JSON value, by path. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

/** The same value with the leaf at path changed, keeping its type. */
function tampered<T>(value: T, path: (string | number)[]): T {
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  const leaf = parent[last];
  if (typeof leaf === 'string') parent[last] = leaf.slice(0, -1) + (leaf.endsWith('a') ? 'b' : 'a');
  else if (typeof leaf === 'number') parent[last] = leaf + 1;
  else if (typeof leaf === 'boolean') parent[last] = !leaf;
  else parent[last] = 'changed';
  return copy;
}

const base64urlJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwtParts = (jwt: string) => {
  const [header, payload, signature] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>, payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Credential, signature };
};

/** Signs with `signer` a credential naming another issuer: what signDataIntegrity refuses to do. */
async function forgeDataIntegrity(credential: Credential, signer: AwardingBodyKey, loader: DocumentLoader): Promise<Credential> {
  const keyPair = await Ed25519Multikey.from({ ...publicKey(signer), secretKeyMultibase: signer.secretKeyMultibase });
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date: ISSUED });
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader: loader, now: ISSUED });
}

async function forgeJwt(credential: Credential, signer: AwardingBodyKey, header: Record<string, unknown> = {}): Promise<string> {
  const key = await importJWK(await secretKeyJwk(signer), 'EdDSA');
  return new SignJWT(credential).setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: signer.id, ...header }).sign(key);
}

describe('verifyPresentedCredential', () => {
  const realFetch = globalThis.fetch;
  let fetchCalls: jest.Mock;
  let key: AwardingBodyKey;
  let other: AwardingBodyKey;
  let issuers: Issuers;

  beforeAll(async () => {
    key = await generateAwardingBodyKey();
    other = await generateAwardingBodyKey();
  });

  beforeEach(async () => {
    fetchCalls = jest.fn(() => {
      throw new Error('verification must never use the network');
    });
    globalThis.fetch = fetchCalls as unknown as typeof fetch;
    issuers = new Issuers();
    issuers.keys.set(key.id, { inServiceFrom: new Date('2025-01-01T00:00:00Z') });
    await issuers.publishLists(key);
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
    expect(fetchCalls).not.toHaveBeenCalled();
  });

  const signBoth = async (credential: Credential, signer = key) => ({
    'data-integrity': await signDataIntegrity(credential, signer, { documentLoader: issuers.loader, now: ISSUED }),
    'vc-jwt': await signJwt(credential, signer),
  });

  describe.each(['data-integrity', 'vc-jwt'] as const)('as %s', (format) => {
    it('verifies a genuine credential, listing every check with its reason', async () => {
      const presented = (await signBoth(openBadge(key)))[format];
      const result = await verifyPresentedCredential(presented, issuers.deps());
      expect(result).toEqual({
        verified: true,
        format,
        credential: format === 'vc-jwt' ? openBadge(key) : presented,
        checks: [
          {
            check: 'format',
            outcome: 'passed',
            reason: expect.stringContaining('VC 2.0 credential'),
            detail: { code: format === 'vc-jwt' ? 'format.vc_jwt' : 'format.data_integrity', values: {} },
          },
          {
            check: 'signature',
            outcome: 'passed',
            reason: expect.stringContaining(`signature by ${key.id} matches the content`),
            detail: { code: 'signature.matches', values: { suite: format === 'vc-jwt' ? 'EdDSA' : 'eddsa-rdfc-2022', key: key.id } },
          },
          {
            check: 'issuer_key',
            outcome: 'passed',
            reason: expect.stringContaining(`key ${key.id} is the issuer's`),
            // a did:key is its own issuer: the page says so rather than naming an organisation
            detail: { code: 'issuer_key.self_issued', values: { key: key.id } },
          },
          { check: 'status', outcome: 'passed', reason: expect.stringContaining('not revoked and not suspended'), detail: { code: 'status.clear', values: {} } },
          {
            check: 'expiry',
            outcome: 'passed',
            reason: 'valid since 2026-01-15T09:00:00Z, with no expiry date',
            detail: { code: 'expiry.from_open', values: { from: '2026-01-15T09:00:00.000Z' } },
          },
          { check: 'schema', outcome: 'not_applicable', reason: 'no schema validator is configured', detail: { code: 'schema.not_configured', values: {} } },
        ],
      });
    });

    it('fails on every single-field change of the signed content', async () => {
      const presented = (await signBoth(openBadge(key)))[format];
      const variants: [string, unknown][] =
        typeof presented === 'string'
          ? (() => {
              const { header, payload, signature } = jwtParts(presented);
              return [
                ...leaves(payload).map((path): [string, unknown] => [`payload ${path.join('.')}`, `${base64urlJson(header)}.${base64urlJson(tampered(payload, path))}.${signature}`]),
                ...leaves(header).map((path): [string, unknown] => [`header ${path.join('.')}`, `${base64urlJson(tampered(header, path))}.${base64urlJson(payload)}.${signature}`]),
              ];
            })()
          : leaves(presented).map((path): [string, unknown] => [path.join('.'), tampered(presented, path)]);
      expect(variants.length).toBeGreaterThan(40);
      for (const [field, variant] of variants) {
        const result = await verifyPresentedCredential(variant, issuers.deps());
        expect({ field, verified: result.verified, signature: checkOf(result, 'signature').outcome }).toEqual({ field, verified: false, signature: 'failed' });
      }
    });

    it('fails a revoked credential: revoked by its issuer', async () => {
      const presented = (await signBoth(openBadge(key)))[format];
      expect((await verifyPresentedCredential(presented, issuers.deps())).verified).toBe(true);
      await issuers.publishLists(key, { revocation: [INDEX] });
      expectFailed(await verifyPresentedCredential(presented, issuers.deps()), 'status', /^revoked by its issuer$/);
    });

    it('fails a suspended credential: suspended, and passes again once lifted', async () => {
      const presented = (await signBoth(openBadge(key)))[format];
      await issuers.publishLists(key, { suspension: [INDEX] });
      expectFailed(await verifyPresentedCredential(presented, issuers.deps()), 'status', /^suspended by its issuer$/);
      await issuers.publishLists(key, { suspension: [INDEX + 1] });
      expect((await verifyPresentedCredential(presented, issuers.deps())).verified).toBe(true);
    });

    it('fails an expired credential, naming the day', async () => {
      const presented = (await signBoth(openBadge(key, { validUntil: '2027-01-15T09:00:00Z' })))[format];
      expect((await verifyPresentedCredential(presented, issuers.deps())).verified).toBe(true);
      const result = await verifyPresentedCredential(presented, issuers.deps(new Date('2027-03-01T00:00:00Z')));
      expectFailed(result, 'expiry', /^expired on 2027-01-15T09:00:00Z$/);
      expect(checkOf(result, 'signature').outcome).toBe('passed');
    });

    it('fails a credential presented before it is valid', async () => {
      const presented = (await signBoth(openBadge(key)))[format];
      expectFailed(await verifyPresentedCredential(presented, issuers.deps(new Date('2026-01-01T00:00:00Z'))), 'expiry', /not valid before 2026-01-15T09:00:00Z/);
    });

    it('fails when the status list is unknown, forged, or the issuer differs', async () => {
      const presented = (await signBoth(openBadge(key)))[format];
      const genuine = issuers.lists.get(listUrl(key, 'revocation')) as Credential;

      issuers.lists.delete(listUrl(key, 'revocation'));
      expectFailed(await verifyPresentedCredential(presented, issuers.deps()), 'status', `the status list ${listUrl(key, 'revocation')} is not one this service publishes`);

      const altered = structuredClone(genuine);
      altered.credentialSubject = (await statusListCredential({ id: listUrl(key, 'revocation'), issuer: key.controller, purpose: 'revocation', setIndexes: [INDEX], validFrom: ISSUED })).credentialSubject;
      issuers.lists.set(listUrl(key, 'revocation'), altered);
      expectFailed(await verifyPresentedCredential(presented, issuers.deps()), 'status', /is not authentic: the signature does not match the content/);

      issuers.keys.set(other.id, { inServiceFrom: new Date('2025-01-01T00:00:00Z') });
      await issuers.publishLists(key, {}, other);
      expectFailed(await verifyPresentedCredential(presented, issuers.deps()), 'status', `was issued by ${other.controller}, not by the credential's issuer ${key.controller}`);
    });

    it('fails a key the awarding bodies do not know', async () => {
      issuers.keys.clear();
      const presented = (await signBoth(openBadge(key, { status: false })))[format];
      expectFailed(await verifyPresentedCredential(presented, issuers.deps()), 'issuer_key', `key ${key.id} is not a key of any awarding body`);
    });
  });

  describe('key rotation (did:web)', () => {
    const did = 'did:web:vnfil.example:bodies:hwk-ns';
    let oldKey: AwardingBodyKey;
    let newKey: AwardingBodyKey;

    beforeAll(async () => {
      oldKey = await generateAwardingBodyKey({ controller: did });
      newKey = await generateAwardingBodyKey({ controller: did });
    });

    beforeEach(async () => {
      // a retired key stays in the DID document, so that what it signed still verifies; a revoked one is removed
      issuers.didWeb.set(did, {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: did,
        verificationMethod: [{ ...publicKey(oldKey) }, { ...publicKey(newKey) }],
        assertionMethod: [oldKey.id, newKey.id],
      });
      issuers.keys.set(oldKey.id, { inServiceFrom: new Date('2025-01-01T00:00:00Z'), retiredAt: new Date('2026-03-01T00:00:00Z') });
      issuers.keys.set(newKey.id, { inServiceFrom: new Date('2026-03-01T00:00:00Z') });
      // the lists are re-signed with the current key after the rotation
      for (const purpose of ['revocation', 'suspension'] as const) {
        const list = await statusListCredential({ id: listUrl(oldKey, purpose), issuer: did, purpose, setIndexes: [], validFrom: '2026-03-02T00:00:00Z' });
        issuers.lists.set(listUrl(oldKey, purpose), await signDataIntegrity(list, newKey, { documentLoader: issuers.loader, now: new Date('2026-03-02T00:00:00Z') }));
      }
    });

    it.each(['data-integrity', 'vc-jwt'] as const)('still verifies a %s credential signed with a key retired since', async (format) => {
      const signed = {
        'data-integrity': await signDataIntegrity(openBadge(oldKey), oldKey, { documentLoader: issuers.loader, now: ISSUED }),
        'vc-jwt': await signJwt(openBadge(oldKey), oldKey),
      }[format];
      const result = await verifyPresentedCredential(signed, issuers.deps());
      expect(result.verified).toBe(true);
      expect(checkOf(result, 'issuer_key').reason).toContain('retired on 2026-03-01T00:00:00.000Z after a key rotation');
    });

    it.each(['data-integrity', 'vc-jwt'] as const)('fails a %s credential signed with a key revoked before its issuance', async (format) => {
      issuers.keys.set(oldKey.id, { inServiceFrom: new Date('2025-01-01T00:00:00Z'), revokedAt: new Date('2026-01-10T00:00:00Z') });
      const signed = {
        'data-integrity': await signDataIntegrity(openBadge(oldKey), oldKey, { documentLoader: issuers.loader, now: ISSUED }),
        'vc-jwt': await signJwt(openBadge(oldKey), oldKey),
      }[format];
      expectFailed(await verifyPresentedCredential(signed, issuers.deps()), 'issuer_key', `key ${oldKey.id} was not in service when the credential was issued \\(2026-01-15T09:00:00.000Z\\): revoked on 2026-01-10`);
    });

    it('fails a key the issuer no longer lists in its DID document', async () => {
      const signed = await signDataIntegrity(openBadge(oldKey), oldKey, { documentLoader: issuers.loader, now: ISSUED });
      const document = issuers.didWeb.get(did) as DidDocument;
      issuers.didWeb.set(did, { ...document, assertionMethod: [newKey.id] });
      expectFailed(await verifyPresentedCredential(signed, issuers.deps()), 'issuer_key', `key ${oldKey.id} is not listed by the issuer ${did}`);
    });
  });

  describe('hostile input: always a result with a failed check, never a throw, never a fetch', () => {
    const inputErrors: [string, () => unknown][] = [
      ['an empty string', () => ''],
      ['garbage text', () => 'definitely not a credential \u0000\uFFFF'],
      ['three dots', () => '..'],
      ['a JWS whose header is not JSON', () => 'bm90IGpzb24.eyJhIjoxfQ.c2ln'],
      ['a JWS whose payload is not an object', () => `${base64urlJson({ alg: 'EdDSA' })}.${base64urlJson([1, 2])}.c2ln`],
      ['a JWE (five parts)', () => 'a.b.c.d.e'],
      ['broken JSON text', () => '{"@context": ['],
      ['a 10 MB string', () => 'x'.repeat(10 * 1024 * 1024)],
      ['a 10 MB credential', () => ({ ...openBadge(key), name: 'x'.repeat(10 * 1024 * 1024) })],
      ['a 10 MB JSON text', () => JSON.stringify({ ...openBadge(key), name: 'x'.repeat(10 * 1024 * 1024) })],
      ['null', () => null],
      ['undefined', () => undefined],
      ['a number', () => 42],
      ['an array of credentials', () => [openBadge(key)]],
      ['a Date', () => new Date()],
      ['an object holding a function', () => ({ ...openBadge(key), name: () => 'x' })],
      ['an object holding a Map', () => ({ ...openBadge(key), name: new Map() })],
      [
        'deeply nested JSON (object)',
        () => {
          let deep: unknown = 'bottom';
          for (let i = 0; i < 100_000; i++) deep = { nested: deep };
          return { ...openBadge(key), credentialSubject: deep };
        },
      ],
      ['deeply nested JSON (text)', () => `{"@context":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
      [
        'a cycle',
        () => {
          const credential = openBadge(key);
          (credential.credentialSubject as Record<string, unknown>).self = credential;
          return credential;
        },
      ],
      ['an empty object', () => ({})],
      ['a non-object credentialSubject', () => ({ ...openBadge(key), credentialSubject: 'the holder' })],
      ['an empty credentialSubject list', () => ({ ...openBadge(key), credentialSubject: [] })],
      ['an issuer given as an array', () => ({ ...openBadge(key), issuer: [{ id: key.controller }] })],
      ['a VC 1.1 context', () => ({ ...openBadge(key), '@context': ['https://www.w3.org/2018/credentials/v1', OB_CONTEXT] })],
      ['a JWT whose payload is not a credential', () => forgeJwt({ sub: 'someone', iat: 1 }, key)],
    ];

    it.each(inputErrors)('%s', async (_name, make) => {
      const input = await make();
      const result = await verifyPresentedCredential(input, issuers.deps());
      expect(result.verified).toBe(false);
      expect(checkOf(result, 'format').outcome).toBe('failed');
      expect(result.checks.map((c) => c.check)).toEqual(['format', 'signature', 'issuer_key', 'status', 'expiry', 'schema']);
      expect(() => readPresentedCredential(input)).toThrow(CredentialInputError);
    });

    it('names the size limit', async () => {
      const result = await verifyPresentedCredential('x'.repeat(MAX_CREDENTIAL_CHARS + 1), issuers.deps());
      expect(result).toMatchObject({ verified: false, format: 'unknown' });
      expect(checkOf(result, 'format').reason).toContain(`at most ${MAX_CREDENTIAL_CHARS}`);
    });

    it('fails an unknown @context URL as a check naming it, without fetching it', async () => {
      const signed = await signDataIntegrity(openBadge(key), key, { documentLoader: issuers.loader, now: ISSUED });
      const presented = { ...signed, '@context': [...(signed['@context'] as string[]), 'https://evil.example/context.jsonld'] };
      const result = await verifyPresentedCredential(presented, issuers.deps());
      expectFailed(result, 'format', 'the @context https://evil.example/context.jsonld is not one this verifier knows');
      expectFailed(result, 'signature', 'https://evil.example/context.jsonld');

      const inline = { ...signed, '@context': [...(signed['@context'] as string[]), { '@vocab': 'https://evil.example/#' }] };
      expectFailed(await verifyPresentedCredential(inline, issuers.deps()), 'format', 'inline @context');
    });

    it('fails a proof with another cryptosuite, a proof of another type, several proofs, or none', async () => {
      const signed = await signDataIntegrity(openBadge(key), key, { documentLoader: issuers.loader, now: ISSUED });
      const proof = signed.proof as Record<string, unknown>;
      const deps = issuers.deps();
      expectFailed(await verifyPresentedCredential({ ...signed, proof: { ...proof, cryptosuite: 'ecdsa-rdfc-2019' } }, deps), 'signature', 'cryptosuite ecdsa-rdfc-2019; only eddsa-rdfc-2022');
      expectFailed(await verifyPresentedCredential({ ...signed, proof: { ...proof, type: 'Ed25519Signature2020' } }, deps), 'signature', 'type Ed25519Signature2020');
      expectFailed(await verifyPresentedCredential({ ...signed, proof: [proof, proof] }, deps), 'signature', '2 proofs');
      expectFailed(await verifyPresentedCredential({ ...signed, proof: [[proof]] }, deps), 'signature', 'not an object');
      expectFailed(await verifyPresentedCredential({ ...signed, proof: { ...proof, proofPurpose: 'authentication' } }, deps), 'signature', 'purpose is authentication');
      expectFailed(await verifyPresentedCredential(openBadge(key), deps), 'signature', 'carries no proof');
      expect((await verifyPresentedCredential({ ...signed, proof: [proof] }, deps)).verified).toBe(true);
    });

    it('fails arrays and strings where objects are expected, in the status entries', async () => {
      const credential = { ...openBadge(key), credentialStatus: [[statusEntry({ listUrl: listUrl(key, 'revocation'), index: 1, purpose: 'revocation' })]] };
      expectFailed(await verifyPresentedCredential(await signJwt(credential, key), issuers.deps()), 'status', 'not an object');
      const other = { ...openBadge(key), credentialStatus: { type: 'StatusList2021Entry', statusPurpose: 'revocation' } };
      expectFailed(await verifyPresentedCredential(await signJwt(other, key), issuers.deps()), 'status', 'StatusList2021Entry cannot be checked');
      const index = { ...openBadge(key), credentialStatus: { ...statusEntry({ listUrl: listUrl(key, 'revocation'), index: 1, purpose: 'revocation' }), statusListIndex: '1e3' } };
      expectFailed(await verifyPresentedCredential(await signJwt(index, key), issuers.deps()), 'status', 'is not a whole number');
    });

    it('fails a JWT with alg none or HS256', async () => {
      const payload = base64urlJson(openBadge(key));
      const none = `${base64urlJson({ alg: 'none', typ: 'vc+jwt', kid: key.id })}.${payload}.`;
      expectFailed(await verifyPresentedCredential(none, issuers.deps()), 'signature', 'alg none: it is not signed');
      const hs256 = await new SignJWT(openBadge(key)).setProtectedHeader({ alg: 'HS256', typ: 'vc+jwt', kid: key.id }).sign(new Uint8Array(32).fill(7));
      expectFailed(await verifyPresentedCredential(hs256, issuers.deps()), 'signature', 'signed with HS256; only EdDSA is accepted');
    });

    it('fails a kid or verification method whose key is not the issuer’s, though the signature is genuine', async () => {
      issuers.keys.set(other.id, { inServiceFrom: new Date('2025-01-01T00:00:00Z') });
      const jwt = await forgeJwt(openBadge(key), other);
      const fromJwt = await verifyPresentedCredential(jwt, issuers.deps());
      expect(checkOf(fromJwt, 'signature').outcome).toBe('passed');
      expectFailed(fromJwt, 'issuer_key', `key ${other.id} does not belong to the issuer ${key.controller}`);
      expect(checkOf(fromJwt, 'status')).toMatchObject({ outcome: 'not_applicable' });

      const forged = await forgeDataIntegrity(openBadge(key), other, issuers.loader);
      const fromProof = await verifyPresentedCredential(forged, issuers.deps());
      expect(checkOf(fromProof, 'signature').outcome).toBe('passed');
      expectFailed(fromProof, 'issuer_key', `key ${other.id} does not belong to the issuer ${key.controller}`);
    });

    it('fails a key named by an http URL without fetching it', async () => {
      const signed = await signDataIntegrity(openBadge(key), key, { documentLoader: issuers.loader, now: ISSUED });
      const presented = { ...signed, proof: { ...(signed.proof as Record<string, unknown>), verificationMethod: 'https://evil.example/keys/1' } };
      expectFailed(await verifyPresentedCredential(presented, issuers.deps()), 'signature', 'does not serve https://evil.example/keys/1');
      const jwt = await forgeJwt(openBadge(key), key, { kid: 'https://evil.example/keys#1' });
      const result = await verifyPresentedCredential(jwt, issuers.deps());
      expectFailed(result, 'signature', 'does not serve https://evil.example/keys#1');
      expectFailed(result, 'issuer_key', `does not belong to the issuer ${key.controller}`);
    });

    it('fails an unknown did:web issuer as a check, not a throw', async () => {
      const stranger = await generateAwardingBodyKey({ controller: 'did:web:stranger.example' });
      const result = await verifyPresentedCredential(await signJwt(openBadge(stranger), stranger), issuers.deps());
      expectFailed(result, 'signature', 'the did:web resolver knows no such DID');
      expectFailed(result, 'issuer_key', 'cannot be found');
    });

    it('reports schema problems from the validator', async () => {
      const signed = await signJwt(openBadge(key), key);
      const deps = { ...issuers.deps(), validateSchema: () => ['/credentialSubject/achievement: must have required property criteria'] };
      expectFailed(await verifyPresentedCredential(signed, deps), 'schema', 'must have required property criteria');
    });
  });
});

describe('a credential written by its terms (compactFormProblems)', () => {
  it('names a property written by its full or prefixed IRI, or a keyword that moves statements, at any depth', () => {
    expect(compactFormProblems({ '@context': ['x'], type: ['VerifiableCredential'], credentialSubject: { name: 'n' } })).toEqual([]);
    const problems = compactFormProblems({
      'https://www.w3.org/2018/credentials#credentialStatus': {},
      credentialSubject: { 'cred:validUntil': 'x', '@included': [], identifier: [{ '@reverse': {} }] },
    });
    expect(problems.map((p) => p.split(' ')[2])).toEqual(expect.arrayContaining(['https://www.w3.org/2018/credentials#credentialStatus', 'cred:validUntil', '@included', '@reverse']));
  });
});
