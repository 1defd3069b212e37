import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { buildOpenBadgeCredential, generateAwardingBodyKey, hashIdentity, signDataIntegrity, signJwt } from '../../libs/credentials';
import type { Credential } from '../../libs/credentials';
import { awardSourceFixture } from '../../libs/credentials/testing/award-source.fixture';
import { CaseOutcome, CaseStatus, NotificationTemplate } from '../../libs/domain';
import { CaseAssessorEntity, CaseEntity, CredentialEntity, NotificationEntity } from '../../libs/persistence/entities';
import { ApiUser } from './support/system';
import type { RunningSystem } from './support/system';
import { allMet, pdfBytes, prepareAndSubmit, reach, startRunningWorld } from './support/world';
import type { RunningWorld, World } from './support/world';

jest.setTimeout(300_000);

type Check = { check: string; outcome: string; reason: string };
type PriorCredential = { verified: boolean; format: string; checks: Check[]; issuerId: string | null; issuerName: string | null; achievementName: string | null; verifiedAt: string };
type Recognition = { id: string; evidenceId: string; learningOutcomeId: string; assessorId: string | null; recognisedAt: string; comment: string };
type Evidence = { id: string; kind: string; title: string; learningOutcomeIds: string[]; credential: PriorCredential | null; recognitions: Recognition[] };
type CaseDetail = { id: string; status: string; standard: { id: string }; evidence: Evidence[] };

const outcomes = (c: PriorCredential) => Object.fromEntries(c.checks.map((x) => [x.check, x.outcome]));
const reason = (c: PriorCredential, check: string) => c.checks.find((x) => x.check === check)!.reason;

/** The e-mail address every did:key credential here is issued to (the importer's, once known). */
let learnerEmail = 'someone@example.org';

/** A credential signed with a did:key, as any other issuer could (the fixture's award, its issuer and learner replaced). */
async function didKeyCredential(change: (c: Credential) => Credential = (c) => c): Promise<Credential> {
  const key = await generateAwardingBodyKey();
  const source = awardSourceFixture({ issuerId: key.controller });
  const learner = { ...source.learner, identityHash: hashIdentity(learnerEmail, source.learner.salt) };
  const credential = change(buildOpenBadgeCredential({ ...source, learner }));
  const signed = await signDataIntegrity(credential, key);
  // the proof as a set of one: the form the OB 3.0 JSON Schema takes (as this service issues it)
  return { ...signed, proof: [signed.proof] };
}

/**
 * Recognition of prior credentials and expiry, through the real processes: a candidate adds credentials issued
 * elsewhere (and by this service) as evidence, each verified on the way in; the assessor holding the case sees
 * every check and accepts one for a learning outcome; the candidate sees that, without who; the holder of an
 * expiring credential is reminded once and renews it as a new case.
 */
describe('prior credentials: imported, verified, recognised; expiry and renewal', () => {
  let running: RunningWorld;
  let system: RunningSystem;
  let ds: DataSource;
  let world: World;
  let holder: ApiUser;
  let importer: ApiUser;
  let awardedCaseId: string;
  let credentialId: string;
  let openBadge: Record<string, unknown>;
  let caseId: string;
  const added: Record<string, Evidence> = {};
  let assessor: ApiUser;
  let otherAssessor: ApiUser;

  const outcome = (i: number) => world.standard.learningOutcomes![i]!.id;
  const addCredential = (who: ApiUser, credential: unknown, learningOutcomeIds: string[], title?: string) =>
    who.request<Evidence & { code?: string; message?: unknown }>('POST', `/cases/${caseId}/evidence`, { kind: 'credential', credential, learningOutcomeIds, ...(title ? { title } : {}) });
  const uploadCredential = (who: ApiUser, bytes: string, name: string, learningOutcomeIds: string[]) => {
    const form = new FormData();
    form.append('kind', 'credential');
    form.append('learningOutcomeIds', learningOutcomeIds.join(','));
    form.append('file', new Blob([bytes], { type: 'application/json' }), name);
    return who.request<Evidence & { code?: string }>('POST', `/cases/${caseId}/evidence/files`, form);
  };

  beforeAll(async () => {
    running = await startRunningWorld({ assessors: 2, candidates: 3 });
    ({ system, ds, world } = running);
    [holder, importer] = world.candidates as [ApiUser, ApiUser];
    // the holder's credential, awarded by this service through the whole process
    ({ id: awardedCaseId } = await holder.ok<{ id: string }>('POST', '/cases', { standardId: world.standard.id }));
    await prepareAndSubmit(holder, world.standard, awardedCaseId, pdfBytes(`portfolio of ${awardedCaseId}`));
    await reach(holder, awardedCaseId, CaseStatus.AssessorAssigned);
    const first = await ds.getRepository(CaseAssessorEntity).findOneByOrFail({ caseId: awardedCaseId, status: 'active' });
    const firstAssessor = world.assessors.find((a) => a.id === first.assessorId)!;
    await firstAssessor.ok('POST', `/cases/${awardedCaseId}/assessment/accept`);
    await firstAssessor.ok('POST', `/cases/${awardedCaseId}/assessments`, allMet(world.standard));
    await reach(holder, awardedCaseId, CaseStatus.AwaitingDecision);
    await world.admin.ok('POST', `/cases/${awardedCaseId}/decision`, {
      result: 'awarded',
      recognisedOutcomeIds: world.standard.learningOutcomes!.map((o) => o.id),
      reason: 'All learning outcomes evidenced and assessed as met.',
    });
    await reach(holder, awardedCaseId, CaseStatus.Awarded);
    credentialId = (await holder.ok<{ items: { id: string }[] }>('GET', '/credentials')).items[0]!.id;
    openBadge = await holder.ok<Record<string, unknown>>('GET', `/credentials/${credentialId}/open-badge.json`);

    learnerEmail = ((await ds.query(`SELECT email FROM app_user WHERE id = $1`, [importer.id])) as { email: string }[])[0]!.email;
    // the importer's case, where the credentials are offered as evidence
    ({ id: caseId } = await importer.ok<{ id: string }>('POST', '/cases', { standardId: world.standard.id }));
  });

  afterAll(async () => {
    await running?.stop();
  });

  it("verifies a credential issued by this service when it is added, keeps it as presented, and says it names someone else", async () => {
    // the holder's credential, offered by another candidate: genuine, but not theirs
    const res = await addCredential(importer, openBadge, [outcome(0)]);
    expect(res.status).toBe(201);
    expect(res.body.kind).toBe('credential');
    expect(res.body.credential).toMatchObject({ verified: false, format: 'data-integrity', issuerId: (openBadge.issuer as { id: string }).id });
    expect(outcomes(res.body.credential!)).toEqual({ format: 'passed', signature: 'passed', issuer_key: 'passed', status: 'passed', expiry: 'passed', schema: 'passed', holder: 'failed' });
    expect(reason(res.body.credential!, 'holder')).toContain('issued to someone else');
    // the title defaults to the achievement's name
    expect(res.body.title).toBe(res.body.credential!.achievementName);
    const stored: { presented_json: unknown }[] = await ds.query(`SELECT presented_json FROM evidence_credential WHERE evidence_id = $1`, [res.body.id]);
    expect(stored[0]!.presented_json).toEqual(openBadge);
    added.ours = res.body;
  });

  it('verifies a did:key credential uploaded as a .json file, offline', async () => {
    const credential = await didKeyCredential();
    const res = await uploadCredential(importer, JSON.stringify(credential), 'badge.json', [outcome(0), outcome(1)]);
    expect(res.status).toBe(201);
    expect(res.body.credential!.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(res.body.kind).toBe('credential');
    expect([...res.body.learningOutcomeIds].sort()).toEqual([outcome(0), outcome(1)].sort());
    expect(outcomes(res.body.credential!)).toMatchObject({ format: 'passed', signature: 'passed', issuer_key: 'passed', expiry: 'passed' });
    // a did:key vouches for no organisation: the name is shown as the credential states it
    expect(res.body.credential!.issuerName).toBe('Krajowe Centrum Doskonalenia Praktyk (as the credential states it; its did:key issuer is not known here)');
    expect(outcomes(res.body.credential!).holder).toBe('passed');
    // kept as a credential, not as a file: nothing to download
    expect((await importer.request('GET', `/cases/${caseId}/evidence/${res.body.id}/file`)).status).toBe(404);
    added.didKey = res.body;
  });

  it('shows a tampered credential as failing its signature check', async () => {
    const subject = openBadge.credentialSubject as Record<string, unknown>;
    const tampered = { ...openBadge, credentialSubject: { ...subject, achievement: { ...(subject.achievement as object), name: 'Doctor of Everything' } } };
    const res = await addCredential(importer, tampered, [outcome(1)], 'A changed copy');
    expect(res.status).toBe(201);
    expect(res.body.credential!.verified).toBe(false);
    expect(outcomes(res.body.credential!).signature).toBe('failed');
    expect(reason(res.body.credential!, 'signature')).toBe('the signature does not match the content');
    added.tampered = res.body;
  });

  it("fails another host's did:web on its issuer key, naming the DID, without fetching it", async () => {
    const did = 'did:web:badges.elsewhere.example';
    const key = await generateAwardingBodyKey({ controller: did });
    const jwt = await signJwt(buildOpenBadgeCredential(awardSourceFixture({ issuerId: did })), key);
    const res = await addCredential(importer, jwt, [outcome(1)]);
    expect(res.status).toBe(201);
    expect(res.body.credential).toMatchObject({ verified: false, format: 'vc-jwt', issuerId: did });
    expect(outcomes(res.body.credential!).issuer_key).toBe('failed');
    expect(reason(res.body.credential!, 'issuer_key')).toContain(did);
    added.elsewhere = res.body;
  });

  it('keeps an expired credential failing with "expired on …"', async () => {
    const expired = await didKeyCredential((c) => ({ ...c, validFrom: '2020-01-15T09:00:00Z', validUntil: '2021-01-15T09:00:00Z' }));
    const res = await addCredential(importer, expired, [outcome(0)]);
    expect(res.status).toBe(201);
    expect(res.body.credential!.verified).toBe(false);
    expect(reason(res.body.credential!, 'expiry')).toBe('expired on 2021-01-15T09:00:00Z');
    const verify = await new ApiUser(system.baseUrl, '', '').request<{ checks: Check[] }>('POST', '/verify', { credential: expired });
    expect(verify.body.checks.find((c) => c.check === 'expiry')).toMatchObject({ outcome: 'failed', reason: 'expired on 2021-01-15T09:00:00Z' });
  });

  it('refuses what is not a credential at all with a 4xx, and stores nothing', async () => {
    const before = (await importer.ok<CaseDetail>('GET', `/cases/${caseId}`)).evidence.length;
    const notCredential = await addCredential(importer, { hello: 'world' }, [outcome(0)]);
    expect({ status: notCredential.status, code: notCredential.body.code }).toEqual({ status: 422, code: 'evidence.not_a_credential' });
    const notJwt = await addCredential(importer, 'not.a.jwt', [outcome(0)]);
    expect(notJwt.status).toBe(422);
    const missing = await importer.request<{ code: string }>('POST', `/cases/${caseId}/evidence`, { kind: 'credential', learningOutcomeIds: [outcome(0)] });
    expect(missing.status).toBe(400);
    const asNumber = await addCredential(importer, 42, [outcome(0)]);
    expect(asNumber.status).toBe(400);
    // a context this service does not ship: not read as a credential, never fetched
    const foreign = await addCredential(importer, { ...openBadge, '@context': [...(openBadge['@context'] as string[]), 'https://evil.example/c.json'] }, [outcome(0)]);
    expect({ status: foreign.status, code: foreign.body.code }).toEqual({ status: 422, code: 'evidence.not_a_credential' });
    expect(JSON.stringify(foreign.body.message)).toContain('https://evil.example/c.json');
    // the holder's identity written by its full IRI would escape the holder check: not read as a credential
    const subject = openBadge.credentialSubject as Record<string, unknown>;
    const { identifier, ...anonymousSubject } = subject;
    const renamed = { ...openBadge, credentialSubject: { ...anonymousSubject, 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#identifier': identifier } };
    expect((await addCredential(importer, renamed, [outcome(0)])).status).toBe(422);
    // text PostgreSQL cannot store, inside an uploaded file or a JWT's claims: a 4xx, not a 500
    const withNul = await uploadCredential(importer, JSON.stringify({ ...openBadge, name: 'a\u0000b' }), 'nul.json', [outcome(0)]);
    expect(withNul.status).toBeGreaterThanOrEqual(400);
    expect(withNul.status).toBeLessThan(500);
    const garbageFile = await uploadCredential(importer, '{"@context": [', 'broken.json', [outcome(0)]);
    expect({ status: garbageFile.status, code: garbageFile.body.code }).toEqual({ status: 422, code: 'evidence.not_a_credential' });
    expect((await importer.ok<CaseDetail>('GET', `/cases/${caseId}`)).evidence).toHaveLength(before);
  });

  describe('the assessor holding the case', () => {
    beforeAll(async () => {
      await prepareAndSubmit(importer, world.standard, caseId, pdfBytes(`portfolio of ${caseId}`));
      await reach(importer, caseId, CaseStatus.AssessorAssigned);
      const active = await ds.getRepository(CaseAssessorEntity).findOneByOrFail({ caseId, status: 'active' });
      assessor = world.assessors.find((a) => a.id === active.assessorId)!;
      otherAssessor = world.assessors.find((a) => a.id !== active.assessorId)!;
    });

    it('cannot recognise before accepting the case (not yet assessing)', async () => {
      const res = await assessor.request<{ code: string }>('POST', `/cases/${caseId}/evidence/${added.ours!.id}/recognitions`, { learningOutcomeId: outcome(0) });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'evidence.not_assessing' });
    });

    it('sees every credential with its verification result', async () => {
      await assessor.ok('POST', `/cases/${caseId}/assessment/accept`);
      await reach(importer, caseId, CaseStatus.UnderAssessment);
      const detail = await assessor.ok<CaseDetail>('GET', `/cases/${caseId}`);
      const byId = new Map(detail.evidence.map((e) => [e.id, e]));
      expect(byId.get(added.ours!.id)!.credential!.verified).toBe(false);
      expect(outcomes(byId.get(added.ours!.id)!.credential!).holder).toBe('failed');
      expect(byId.get(added.tampered!.id)!.credential).toMatchObject({ verified: false });
      expect(outcomes(byId.get(added.tampered!.id)!.credential!).signature).toBe('failed');
      expect(outcomes(byId.get(added.elsewhere!.id)!.credential!).issuer_key).toBe('failed');
      expect(byId.get(added.didKey!.id)!.credential!.checks).toHaveLength(7);
    });

    it('accepts a credential for a learning outcome it is offered for, once', async () => {
      const path = `/cases/${caseId}/evidence/${added.ours!.id}/recognitions`;
      const res = await assessor.request<Recognition>('POST', path, { learningOutcomeId: outcome(0), comment: 'Same outcome, same level; verified.' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ evidenceId: added.ours!.id, learningOutcomeId: outcome(0), assessorId: assessor.id, comment: 'Same outcome, same level; verified.' });
      const again = await assessor.request<{ code: string }>('POST', path, { learningOutcomeId: outcome(0) });
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'evidence.already_recognised' });
      // an outcome the credential is not offered for
      expect((await assessor.request('POST', path, { learningOutcomeId: outcome(1) })).status).toBe(400);
      // a file is not a credential
      const file = (await assessor.ok<CaseDetail>('GET', `/cases/${caseId}`)).evidence.find((e) => e.kind === 'file')!;
      expect((await assessor.request('POST', `/cases/${caseId}/evidence/${file.id}/recognitions`, { learningOutcomeId: outcome(0) })).status).toBe(404);
      expect((await assessor.request('POST', `/cases/${caseId}/evidence/${randomUUID()}/recognitions`, { learningOutcomeId: outcome(0) })).status).toBe(404);
      expect((await assessor.request('POST', path, { learningOutcomeId: outcome(0), extra: true })).status).toBe(400);
    });

    it('is the only one: another assessor and another candidate get 404, the candidate cannot recognise', async () => {
      const path = `/cases/${caseId}/evidence/${added.didKey!.id}/recognitions`;
      expect((await otherAssessor.request('POST', path, { learningOutcomeId: outcome(0) })).status).toBe(404);
      expect((await otherAssessor.request('GET', `/cases/${caseId}`)).status).toBe(404);
      expect((await world.candidates[2]!.request('GET', `/cases/${caseId}`)).status).toBe(404);
      expect((await importer.request('POST', path, { learningOutcomeId: outcome(0) })).status).toBe(403);
      expect(await ds.query(`SELECT 1 FROM credential_recognition WHERE evidence_id = $1`, [added.didKey!.id])).toEqual([]);
    });

    it('shows the candidate the recognition, without the assessor', async () => {
      const detail = await importer.ok<CaseDetail>('GET', `/cases/${caseId}`);
      const ours = detail.evidence.find((e) => e.id === added.ours!.id)!;
      expect(ours.recognitions).toEqual([expect.objectContaining({ learningOutcomeId: outcome(0), assessorId: null, comment: 'Same outcome, same level; verified.' })]);
      expect(JSON.stringify(detail)).not.toContain(assessor.id);
      const admin = await world.admin.ok<CaseDetail>('GET', `/cases/${caseId}`);
      expect(admin.evidence.find((e) => e.id === added.ours!.id)!.recognitions[0]!.assessorId).toBe(assessor.id);
    });
  });

  describe('expiry and renewal', () => {
    const reminders = () => ds.getRepository(NotificationEntity).findBy({ key: `credential-expiry/${credentialId}` });
    const runReconciler = async () => {
      const client = await system.client();
      await client.workflow.execute('reconcileCasesWorkflow', { taskQueue: system.taskQueue, workflowId: `test-reconcile-${randomUUID()}`, args: [{ version: 1 }] });
    };

    it('reminds the holder once, the configured days before validUntil, even when the sweep runs twice', async () => {
      const credentials = ds.getRepository(CredentialEntity);
      await credentials.update({ id: credentialId }, { validUntil: new Date(Date.now() + 90 * 86_400_000) });
      await runReconciler();
      expect(await reminders()).toEqual([]);
      await credentials.update({ id: credentialId }, { validUntil: new Date(Date.now() + 30 * 86_400_000) });
      await runReconciler();
      await runReconciler();
      const sent = await reminders();
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ template: NotificationTemplate.CredentialExpiring, recipientUserId: holder.id, status: 'pending' });
      expect(sent[0]!.bodyText).toContain(`/credentials/${credentialId}`);
      expect((await credentials.findOneByOrFail({ id: credentialId })).expiryRemindedAt).toBeInstanceOf(Date);
    });

    it('renews only when no case on the standard is open, and only for the holder', async () => {
      const open = await holder.request<{ code: string }>('POST', `/credentials/${credentialId}/renew`);
      expect({ status: open.status, code: open.body.code }).toEqual({ status: 409, code: 'case.open_case_exists' });
      expect((await importer.request('POST', `/credentials/${credentialId}/renew`)).status).toBe(404);
      expect((await world.admin.request('POST', `/credentials/${credentialId}/renew`)).status).toBe(403);
    });

    it('opens a new case on the same standard with the credential as evidence for every outcome it recognised', async () => {
      // the awarded case has ended (its appeal window passed and it closed)
      await ds.getRepository(CaseEntity).update({ id: awardedCaseId }, { status: CaseStatus.Closed, closedAt: new Date(), outcome: CaseOutcome.Awarded });
      const res = await holder.request<CaseDetail>('POST', `/credentials/${credentialId}/renew`);
      expect(res.status).toBe(201);
      expect(res.body.id).not.toBe(awardedCaseId);
      expect(res.body).toMatchObject({ status: 'draft', standard: { id: world.standard.id } });
      const evidence = res.body.evidence.filter((e) => e.kind === 'credential');
      expect(evidence).toHaveLength(1);
      expect(evidence[0]!.learningOutcomeIds.sort()).toEqual(world.standard.learningOutcomes!.map((o) => o.id).sort());
      expect(evidence[0]!.credential!.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
      expect(evidence[0]!.credential).toMatchObject({ verified: true });
      expect(outcomes(evidence[0]!.credential!).status).toBe('passed');
    });

    it('refuses to renew a revoked credential', async () => {
      await world.admin.ok('POST', `/credentials/${credentialId}/revoke`, { reason: 'Issued in error.' });
      const res = await holder.request<{ code: string }>('POST', `/credentials/${credentialId}/renew`);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'credential.revoked' });
    });
  });
});
