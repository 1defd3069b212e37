import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { issueSignedCredential, microCredentialIssuance } from '../../apps/worker/src/activities/credential-issuer';
import type { IssuanceSettings } from '../../apps/worker/src/activities/credential-issuer';
import { issueQualificationsCompletedBy } from '../../apps/worker/src/activities/qualification-issuer';
import type { QualificationOutcome } from '../../apps/worker/src/activities/qualification-issuer';
import { DEV_CREDENTIAL_KEY, DEV_PAYLOAD_KEY_ID } from '../../libs/config/config';
import { validateOpenBadgeSchema } from '../../libs/credentials';
import { CaseOutcome, CaseStatus, DecisionResult, QualificationRule, Role } from '../../libs/domain';
import type { MicroCredentialElements } from '../../libs/domain';
import { CaseEntity, CredentialEntity, DecisionEntity, QualificationComponentEntity, QualificationEntity } from '../../libs/persistence/entities';
import type { AwardingBodyEntity, StandardEntity, UserEntity } from '../../libs/persistence/entities';
import { factories, microCredentialElements } from '../factories';
import { openTestDataSource } from '../support/database';

jest.setTimeout(60_000);

const SETTINGS: IssuanceSettings = {
  publicUrl: 'http://127.0.0.1:3000',
  credentialKeys: { encryptWith: DEV_PAYLOAD_KEY_ID, keys: { [DEV_PAYLOAD_KEY_ID]: DEV_CREDENTIAL_KEY } },
  mailFrom: 'vnfil <no-reply@vnfil.example.org>',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A promise to open once both sides have arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return async () => {
    if (++arrived === parties) open();
    await opened;
  };
}

/**
 * The qualification rule against the real PostgreSQL, and its exactly-once issuance: the award that completes a
 * qualification issues its signed credential in the same transaction, and two awards that complete it at the same
 * moment, in separate transactions, issue it once.
 */
describe('qualifications: issued once when the last requirement is met', () => {
  let ds: DataSource;
  let make: ReturnType<typeof factories>;
  let body: AwardingBodyEntity;
  let admin: UserEntity;
  let a: StandardEntity;
  let b: StandardEntity;
  let c: StandardEntity;
  let allOf: QualificationEntity;
  let credits: QualificationEntity;

  beforeAll(async () => {
    ds = await openTestDataSource();
    make = factories(ds);
    body = await make.body();
    admin = await make.user(Role.BodyAdmin, body.id);
    [a, b, c] = [await make.standard(body.id), await make.standard(body.id), await make.standard(body.id)];
    allOf = await qualification(QualificationRule.AllOf, null, [a, b]);
    // each factory standard carries 2 ECTS credits
    credits = await qualification(QualificationRule.CreditTotal, 4, [a, b, c]);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  async function qualification(rule: QualificationRule, creditsRequired: number | null, standards: StandardEntity[], published = true): Promise<QualificationEntity> {
    const q = await ds.getRepository(QualificationEntity).save({
      awardingBodyId: body.id,
      code: `Q-${randomUUID().slice(0, 8)}`,
      title: `Certificate ${rule}`,
      description: 'A qualification stacked from micro-credentials.',
      eqfLevel: 5,
      rule,
      creditsRequired,
      published,
    });
    await ds.getRepository(QualificationComponentEntity).insert(standards.map((s) => ({ qualificationId: q.id, standardId: s.id })));
    return q;
  }

  /** A closed case on the standard with its awarding decision, committed: what an award's credential belongs to. */
  async function awardedCase(candidate: UserEntity, standard: StandardEntity): Promise<{ caseId: string; decisionId: string }> {
    const caseId = randomUUID();
    await ds.getRepository(CaseEntity).insert({ id: caseId, candidateId: candidate.id, standardId: standard.id, awardingBodyId: body.id, workflowId: `case-${caseId}`, status: CaseStatus.Closed, outcome: CaseOutcome.Awarded, closedAt: new Date() });
    const decisionId = randomUUID();
    await ds.getRepository(DecisionEntity).insert({ id: decisionId, caseId, sequence: 1, result: DecisionResult.Awarded, reason: 'met', decidedBy: admin.id, decidedAt: new Date() });
    return { caseId, decisionId };
  }

  function elements(candidate: UserEntity, standard: StandardEntity, at: Date): MicroCredentialElements {
    return { ...microCredentialElements(candidate, standard, body, at), title: `Micro-credential ${standard.code}` };
  }

  /** The case step's issuance, signed: the micro-credential, then the qualifications it completes, in `em`'s transaction. */
  async function award(em: EntityManager, candidate: UserEntity, standard: StandardEntity, kase: { caseId: string; decisionId: string }): Promise<QualificationOutcome[]> {
    const at = new Date();
    const stepKey = `test/${randomUUID()}`;
    const issuance = await microCredentialIssuance(
      em,
      { ...kase, candidateId: candidate.id, elements: elements(candidate, standard, at), validUntil: null, standard, recognisedOutcomeIds: new Set(standard.learningOutcomes!.map((o) => o.id)), at, stepKey },
      SETTINGS.publicUrl,
    );
    await issueSignedCredential(em, issuance, SETTINGS);
    return issueQualificationsCompletedBy(em, { candidateId: candidate.id, standardId: standard.id, at, stepKey }, SETTINGS);
  }

  /**
   * The component credential as an unsigned row (allowed for credentials issued before signing): the body's status
   * counter, which signing takes, would make the second transaction wait before it ever reached the qualification.
   */
  async function componentRow(em: EntityManager, candidate: UserEntity, standard: StandardEntity, kase: { caseId: string; decisionId: string }, values: Partial<CredentialEntity> = {}): Promise<string> {
    const id = randomUUID();
    const at = new Date();
    const row = { id, ...kase, candidateId: candidate.id, awardingBodyId: body.id, elements: elements(candidate, standard, at), issuedAt: at, ...values };
    await em.getRepository(CredentialEntity).insert(row as QueryDeepPartialEntity<CredentialEntity>);
    return id;
  }

  const qualificationCredentials = (candidate: UserEntity, q: QualificationEntity) => ds.getRepository(CredentialEntity).findBy({ candidateId: candidate.id, qualificationId: q.id });

  it('issues an all_of qualification with the award of its last component, signed, as an OB 3.0 Certificate', async () => {
    const candidate = await make.user(Role.Candidate);
    const first = await ds.transaction((em) => awardedCase(candidate, a).then((k) => award(em, candidate, a, k)));
    expect(first).toEqual([]);
    expect(await qualificationCredentials(candidate, allOf)).toEqual([]);
    const second = await ds.transaction(async (em) => award(em, candidate, b, await awardedCase(candidate, b)));
    // a and b carry 4 credits between them: the credit_total qualification is complete too
    expect(second.map((o) => ['credentialId' in o, o.qualificationId]).sort()).toEqual([[true, allOf.id], [true, credits.id]].sort());
    const [issued] = await qualificationCredentials(candidate, allOf);
    expect(issued).toMatchObject({ caseId: null, decisionId: null, qualificationId: allOf.id, validUntil: null });
    expect(issued!.keyId).not.toBeNull();
    expect(issued!.jwt!.split('.')).toHaveLength(3);
    expect(issued!.europass).not.toBeNull();
    const ob = issued!.openBadge as { credentialSubject: { achievement: { achievementType: string; name: string; id: string; creditsAvailable: number } }; evidence: { id: string }[] };
    expect(validateOpenBadgeSchema(ob)).toEqual([]);
    expect(ob.credentialSubject.achievement).toMatchObject({ achievementType: 'Certificate', name: allOf.title, id: `${SETTINGS.publicUrl}/qualifications/${allOf.id}`, creditsAvailable: 4 });
    const components = await ds.getRepository(CredentialEntity).findBy({ candidateId: candidate.id });
    const micro = components.filter((x) => x.qualificationId === null).map((x) => `${SETTINGS.publicUrl}/verify/${x.id}`);
    expect(ob.evidence.map((e) => e.id).sort()).toEqual(micro.sort());
    // its learning outcomes are those of its components
    expect(issued!.elements.learningOutcomes.map((o) => o.id).sort()).toEqual([...a.learningOutcomes!, ...b.learningOutcomes!].map((o) => o.id).sort());
  });

  it('issues a credit_total qualification once the credits of distinct component standards reach the total', async () => {
    const candidate = await make.user(Role.Candidate);
    // two credentials on the same standard count once: 2 credits, not 4
    await ds.transaction(async (em) => award(em, candidate, c, await awardedCase(candidate, c)));
    await ds.transaction(async (em) => award(em, candidate, c, await awardedCase(candidate, c)));
    expect(await qualificationCredentials(candidate, credits)).toEqual([]);
    const outcomes = await ds.transaction(async (em) => award(em, candidate, a, await awardedCase(candidate, a)));
    expect(outcomes.filter((o) => 'credentialId' in o).map((o) => o.qualificationId)).toEqual([credits.id]);
    expect(await qualificationCredentials(candidate, credits)).toHaveLength(1);
    expect(await qualificationCredentials(candidate, allOf)).toEqual([]);
  });

  it.each([
    ['revoked', { revokedAt: new Date(), revocationReason: 'issued in error' }],
    ['suspended', { suspendedAt: new Date(), suspensionReason: 'under investigation' }],
    ['expired', { issuedAt: new Date(Date.now() - 3 * 86_400_000), validUntil: new Date(Date.now() - 86_400_000) }],
  ] as const)('does not count a %s component credential', async (_, state) => {
    const candidate = await make.user(Role.Candidate);
    const held = await awardedCase(candidate, a);
    await ds.transaction((em) => componentRow(em, candidate, a, held, state as Partial<CredentialEntity>));
    const outcomes = await ds.transaction(async (em) => award(em, candidate, b, await awardedCase(candidate, b)));
    expect(outcomes).toEqual([]);
    expect(await qualificationCredentials(candidate, allOf)).toEqual([]);
  });

  it('issues nothing for an unpublished qualification', async () => {
    const draft = await qualification(QualificationRule.AllOf, null, [c], false);
    const candidate = await make.user(Role.Candidate);
    const outcomes = await ds.transaction(async (em) => award(em, candidate, c, await awardedCase(candidate, c)));
    expect(outcomes.map((o) => o.qualificationId)).not.toContain(draft.id);
    expect(await qualificationCredentials(candidate, draft)).toEqual([]);
  });

  /**
   * Two transactions each write one of the two components, uncommitted, then both look at the qualification.
   * `first` reaches the qualification's lock first and holds it a while before committing; `second` waits on it,
   * then reads `first`'s committed component and issues. Without the lock neither would see the other's component
   * and the qualification would never be issued; with a check that did not re-read, both would issue.
   */
  it.each([
    ['a then b', 0],
    ['b then a', 1],
  ] as const)('issues the qualification exactly once when its two last components land at the same moment (%s)', async (_, order) => {
    const candidate = await make.user(Role.Candidate);
    const standards = order === 0 ? [a, b] : [b, a];
    const cases = [await awardedCase(candidate, standards[0]!), await awardedCase(candidate, standards[1]!)];
    const bothWritten = barrier(2);
    const run = (i: number) =>
      ds.transaction(async (em) => {
        await componentRow(em, candidate, standards[i]!, cases[i]!);
        await bothWritten();
        if (i === 1) await sleep(150);
        const outcomes = await issueQualificationsCompletedBy(em, { candidateId: candidate.id, standardId: standards[i]!.id, at: new Date(), stepKey: `t${i}` }, SETTINGS);
        if (i === 0) await sleep(300);
        return outcomes.filter((o) => o.qualificationId === allOf.id);
      });
    const [first, second] = await Promise.all([run(0), run(1)]);
    // as timed, the second to reach the lock issues; on a loaded machine the order may flip, never the count
    const outcomes = [...first, ...second];
    expect(outcomes).toEqual([expect.objectContaining({ qualificationId: allOf.id, credentialId: expect.any(String) })]);
    const rows = await qualificationCredentials(candidate, allOf);
    expect(rows.map((r) => r.id)).toEqual([(outcomes[0] as { credentialId: string }).credentialId]);
  });

  it('issues it once when two awards both complete it at the same moment (the same last component twice)', async () => {
    const candidate = await make.user(Role.Candidate);
    await ds.transaction(async (em) => award(em, candidate, a, await awardedCase(candidate, a)));
    const cases = [await awardedCase(candidate, b), await awardedCase(candidate, b)];
    const bothWritten = barrier(2);
    const run = (i: number) =>
      ds.transaction(async (em) => {
        await componentRow(em, candidate, b, cases[i]!);
        await bothWritten();
        return issueQualificationsCompletedBy(em, { candidateId: candidate.id, standardId: b.id, at: new Date(), stepKey: `same/${i}` }, SETTINGS);
      });
    const results = await Promise.all([run(0), run(1)]);
    const issued = results.flat().filter((o) => o.qualificationId === allOf.id && 'credentialId' in o);
    expect(issued).toHaveLength(1);
    expect(await qualificationCredentials(candidate, allOf)).toHaveLength(1);
  });

  it('issues it once when two signed awards run concurrently through the whole issuance', async () => {
    const candidate = await make.user(Role.Candidate);
    const cases = [await awardedCase(candidate, a), await awardedCase(candidate, b)];
    const results = await Promise.all([ds.transaction((em) => award(em, candidate, a, cases[0]!)), ds.transaction((em) => award(em, candidate, b, cases[1]!))]);
    expect(results.flat().filter((o) => o.qualificationId === allOf.id && 'credentialId' in o)).toHaveLength(1);
    expect(await qualificationCredentials(candidate, allOf)).toHaveLength(1);
  });

  it('refuses a second qualification credential in force for the same holder, and a credential of both kinds', async () => {
    const candidate = await make.user(Role.Candidate);
    await ds.transaction(async (em) => award(em, candidate, a, await awardedCase(candidate, a)));
    await ds.transaction(async (em) => award(em, candidate, b, await awardedCase(candidate, b)));
    const [issued] = await qualificationCredentials(candidate, allOf);
    const copy = { ...issued!, id: randomUUID(), keyId: null, openBadge: null, jwt: null, europass: null, awardSource: null, statusPosition: null };
    await expect(ds.getRepository(CredentialEntity).insert(copy as QueryDeepPartialEntity<CredentialEntity>)).rejects.toMatchObject({ constraint: 'uq_credential_qualification_holder' });
    const kase = await awardedCase(candidate, c);
    await expect(ds.transaction((em) => componentRow(em, candidate, c, kase, { qualificationId: credits.id }))).rejects.toMatchObject({ constraint: 'ck_credential_kind' });
    // once revoked, a new one may be issued (by hand or a later award)
    await ds.getRepository(CredentialEntity).update({ id: issued!.id }, { revokedAt: new Date(), revocationReason: 'issued in error' });
    await ds.getRepository(CredentialEntity).insert(copy as QueryDeepPartialEntity<CredentialEntity>);
    expect(await qualificationCredentials(candidate, allOf)).toHaveLength(2);
  });
});
