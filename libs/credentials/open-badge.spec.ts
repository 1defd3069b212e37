import * as jsonld from 'jsonld';
import { createDocumentLoader, VNFIL_MICRO_CREDENTIAL_CONTEXT_URL } from './document-loader';
import { generateAwardingBodyKey } from './keys';
import type { AwardingBodyKey } from './keys';
import { buildOpenBadgeCredential, generateIdentitySalt, hashIdentity, OPEN_BADGES_CONTEXT } from './open-badge';
import { validateOpenBadgeSchema } from './open-badge-schema';
import { keyResolver, signDataIntegrity, signJwt, verifyDataIntegrity, verifyJwt } from './sign';
import type { Credential } from './sign';
import { awardSourceFixture, FIXTURE_EMAIL, FIXTURE_SALT } from './testing/award-source.fixture';

const ISSUED = new Date('2026-03-02T10:15:00Z');
const LATER = new Date('2026-09-01T12:00:00Z');

interface Badge {
  '@context': string[];
  issuer: { address: { addressCountryCode: string } };
  credentialSubject: {
    identifier: { identityType: string; identityHash: string; hashed: boolean; salt?: string }[];
    achievement: { achievementType: string; alignment: { targetType: string; targetUrl: string; targetCode?: string }[]; resultDescription: { id: string }[] };
    result: { resultDescription: string; value: string }[];
    microCredential: Record<string, unknown>;
  };
}
const badge = (c: Credential) => c as unknown as Badge;

describe('hashIdentity', () => {
  it('is the OB 3.0 IdentityObject hash: sha256$ and the hex SHA-256 of the lower-cased address followed by the salt', () => {
    // sha256("maria.kowalska@example.org" + "6d1f0c2b9a7e4f3c8b5a2d1e0f9c8b7a"), computed with coreutils sha256sum
    expect(hashIdentity(FIXTURE_EMAIL, FIXTURE_SALT)).toBe('sha256$64a2b2c0eadae5514bf9b82921c3a8d188c1a750f2a5d7a1dae71ed0623f2fd7');
    expect(hashIdentity('MARIA.KOWALSKA@EXAMPLE.ORG', FIXTURE_SALT)).toBe(hashIdentity(FIXTURE_EMAIL, FIXTURE_SALT));
    expect(hashIdentity(FIXTURE_EMAIL, 'another salt')).not.toBe(hashIdentity(FIXTURE_EMAIL, FIXTURE_SALT));
  });

  it('draws a different 128-bit salt every time', () => {
    const salts = new Set(Array.from({ length: 20 }, generateIdentitySalt));
    expect(salts.size).toBe(20);
    for (const salt of salts) expect(salt).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('buildOpenBadgeCredential', () => {
  const credential = buildOpenBadgeCredential(awardSourceFixture());

  it('conforms to the 1EdTech OB 3.0 AchievementCredential JSON Schema', () => {
    expect(validateOpenBadgeSchema(credential)).toEqual([]);
  });

  it('names the contexts the local loader serves: VC 2.0, OB 3.0.3 and the vnfil micro-credential context', () => {
    expect(badge(credential)['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', OPEN_BADGES_CONTEXT, VNFIL_MICRO_CREDENTIAL_CONTEXT_URL]);
  });

  it('defines every term it uses: safe-mode expansion succeeds and nothing falls to the issuer-dependent vocabulary', async () => {
    const expanded = JSON.stringify(await jsonld.expand(credential, { documentLoader: createDocumentLoader(), safe: true }));
    expect(expanded).not.toContain('issuer-dependent');
    expect(expanded).toContain('https://vnfil.eu/ns/micro-credential#eqfLevel');
  });

  it('gives one result per learning outcome, pointing at its result description', () => {
    const subject = badge(credential).credentialSubject;
    expect(subject.result.map((r) => r.value)).toEqual(['recognised', 'recognised', 'not recognised']);
    expect(subject.result.map((r) => r.resultDescription)).toEqual(subject.achievement.resultDescription.map((d) => d.id));
  });

  it('carries the elements OB 3.0 has no property for as ext: alignments', () => {
    const types = badge(credential).credentialSubject.achievement.alignment.map((a) => a.targetType);
    expect(types).toEqual([
      'ext:LearningOutcome',
      'ext:LearningOutcome',
      'ext:LearningOutcome',
      'ext:EQFLevel',
      'ext:NQFLevel',
      'ext:TypeOfAssessment',
      'ext:FormOfParticipation',
      'ext:LearningSetting',
      'ext:TypeOfQualityAssurance',
      'ext:ESCOOccupation',
      'ext:NQFLevel',
      'ext:ESCOSkill',
      'ext:ESCOSkill',
    ]);
  });

  it('aligns the achievement to ESCO and the NQF by URI, and each result description to its outcome\'s ESCO skills', () => {
    const achievement = (credential.credentialSubject as { achievement: { alignment: Record<string, string>[]; resultDescription: { alignment: Record<string, string>[] }[] } }).achievement;
    expect(achievement.alignment).toContainEqual({
      type: ['Alignment'],
      targetType: 'ext:ESCOOccupation',
      targetName: 'data analyst',
      targetUrl: 'http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2',
      targetFramework: 'ESCO (European Skills, Competences, Qualifications and Occupations)',
    });
    expect(achievement.alignment).toContainEqual(
      expect.objectContaining({ targetType: 'ext:NQFLevel', targetUrl: 'https://kwalifikacje.gov.pl/en/zsk/prk/level-4', targetCode: '4', targetFramework: 'National Qualifications Framework (PL)' }),
    );
    expect(achievement.resultDescription[1]!.alignment.map((a) => [a.targetType, a.targetUrl])).toEqual([
      ['ext:LearningOutcome', 'https://vnfil.example.org/standards/DATA-SPREADSHEETS/outcomes/LO2'],
      ['ext:ESCOSkill', 'http://data.europa.eu/esco/skill/c0326e27-5fa8-4dca-aecb-ed89ab491513'],
    ]);
    expect(achievement.resultDescription[2]!.alignment).toHaveLength(1);
  });

  it('reports a credential without an achievement, in a sentence', () => {
    const broken = structuredClone(credential) as { credentialSubject: { achievement?: unknown } };
    delete broken.credentialSubject.achievement;
    expect(validateOpenBadgeSchema(broken)).toContain('credentialSubject is missing achievement');
  });

  it('reports a wrong achievement type and a missing validFrom', () => {
    const broken = structuredClone(credential) as { validFrom?: string; type: string[] };
    delete broken.validFrom;
    broken.type = ['VerifiableCredential'];
    const errors = validateOpenBadgeSchema(broken);
    expect(errors).toContain('the credential is missing validFrom');
    expect(errors.some((e) => e.startsWith('type '))).toBe(true);
  });

  it('refuses a source whose two learning-outcome lists disagree', () => {
    const source = awardSourceFixture();
    source.learningOutcomes[2].recognised = true;
    expect(() => buildOpenBadgeCredential(source)).toThrow(/LO3/);
  });
});

describe('signing the OpenBadgeCredential', () => {
  const realFetch = globalThis.fetch;
  const loader = createDocumentLoader();
  let key: AwardingBodyKey;
  let credential: Credential;

  beforeAll(async () => {
    key = await generateAwardingBodyKey();
    credential = buildOpenBadgeCredential(awardSourceFixture({ issuerId: key.controller }));
  });
  beforeEach(() => {
    globalThis.fetch = (() => {
      throw new Error('credentials must be signed and verified without the network');
    }) as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('signs with eddsa-rdfc-2022 and verifies, and a changed element breaks the proof', async () => {
    const signed = await signDataIntegrity(credential, key, { now: ISSUED });
    expect(await verifyDataIntegrity(signed, loader, { now: LATER })).toMatchObject({ verified: true, verificationMethod: key.id });

    const tampered = structuredClone(signed) as unknown as Badge;
    tampered.credentialSubject.microCredential.eqfLevel = 5;
    expect(await verifyDataIntegrity(tampered as unknown as Credential, loader, { now: LATER })).toMatchObject({ verified: false });
  });

  it('signs as a VC-JWT and verifies', async () => {
    const jwt = await signJwt(credential, key);
    const result = await verifyJwt(jwt, keyResolver(loader), { now: LATER });
    expect(result).toMatchObject({ verified: true, verificationMethod: key.id });
    expect(result.verified && badge(result.credential).credentialSubject.microCredential.eqfLevel).toBe(4);
  });
});
