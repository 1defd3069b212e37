import { randomUUID } from 'node:crypto';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CaseOutcome, CaseStatus, DecisionResult, Role } from '../../libs/domain';
import { CaseEntity, CredentialEntity, DecisionEntity } from '../../libs/persistence/entities';
import type { StandardEntity } from '../../libs/persistence/entities';
import { microCredentialElements } from '../factories';
import { ApiTestContext } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';

jest.setTimeout(120_000);

type Component = { standardId: string; code: string; met: boolean; credentialId: string | null };
type Progress = { qualificationId: string; components: Component[]; creditsEarned: number; creditsRequired: number | null; met: boolean; credentialId: string | null };
type Qualification = { id: string; code: string; rule: string; creditsRequired: number | null; published: boolean; components: { standardId: string }[]; issuedCount: number };

/**
 * The qualifications API: a body's admins define and publish their own body's qualifications (another body's admin
 * gets 404), and a candidate sees how far their micro-credentials in force take them toward each published one.
 */
describe('API: qualifications', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  let other: BodyWorld;
  let second: StandardEntity;
  let third: StandardEntity;

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    world = await ctx.body();
    other = await ctx.body();
    second = await ctx.make.standard(world.bodyId);
    third = await ctx.make.standard(world.bodyId);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const define = (admin: SignedIn, body: Record<string, unknown>) => ctx.http.post('/qualifications').set(admin.auth).send(body);
  const allOf = (code: string, standards: string[], published = true) => ({ code, title: `Certificate ${code}`, eqfLevel: 5, rule: 'all_of', componentStandardIds: standards, published });

  /** A micro-credential the candidate holds on the standard, as the worker writes it (unsigned here: the API only reads it). */
  async function hold(candidate: SignedIn, standard: StandardEntity, values: Partial<CredentialEntity> = {}): Promise<string> {
    const caseId = randomUUID();
    await ctx.ds.getRepository(CaseEntity).insert({
      id: caseId,
      candidateId: candidate.user.id,
      standardId: standard.id,
      awardingBodyId: standard.awardingBodyId,
      workflowId: `case-${caseId}`,
      status: CaseStatus.Closed,
      outcome: CaseOutcome.Awarded,
      closedAt: new Date(),
    });
    const decisionId = randomUUID();
    await ctx.ds.getRepository(DecisionEntity).insert({ id: decisionId, caseId, sequence: 1, result: DecisionResult.Awarded, reason: 'met', decidedBy: world.admin.user.id, decidedAt: new Date() });
    const at = new Date();
    const elements = { ...microCredentialElements(candidate.user, standard, { id: standard.awardingBodyId, name: 'Test Awarding Body', country: 'FR' }, at), title: standard.title };
    const id = randomUUID();
    const row = { id, caseId, decisionId, candidateId: candidate.user.id, awardingBodyId: standard.awardingBodyId, elements, issuedAt: at, ...values };
    await ctx.ds.getRepository(CredentialEntity).insert(row as QueryDeepPartialEntity<CredentialEntity>);
    return id;
  }

  it("lets a body's admin define, list, read and publish its qualifications, and not another body's admin", async () => {
    const created = await define(world.admin, allOf('CERT-ONE', [world.standard.id, second.id], false)).expect(201);
    const q = created.body as Qualification;
    expect(q).toMatchObject({ code: 'CERT-ONE', rule: 'all_of', creditsRequired: null, published: false, issuedCount: 0 });
    expect(q.components.map((c) => c.standardId).sort()).toEqual([world.standard.id, second.id].sort());

    const listed = (await ctx.http.get('/qualifications').set(world.admin.auth).expect(200)).body as { items: Qualification[] };
    expect(listed.items.map((i) => i.id)).toContain(q.id);
    const theirs = (await ctx.http.get('/qualifications').set(other.admin.auth).expect(200)).body as { items: Qualification[] };
    expect(theirs.items.map((i) => i.id)).not.toContain(q.id);

    await ctx.http.get(`/qualifications/${q.id}`).set(other.admin.auth).expect(404);
    await ctx.http.patch(`/qualifications/${q.id}`).set(other.admin.auth).send({ published: true }).expect(404);
    expect((await ctx.http.get(`/qualifications/${q.id}`).set(world.admin.auth).expect(200)).body).toMatchObject({ id: q.id, published: false });

    const published = await ctx.http.patch(`/qualifications/${q.id}`).set(world.admin.auth).send({ published: true, componentStandardIds: [world.standard.id, second.id, third.id] }).expect(200);
    expect(published.body).toMatchObject({ published: true });
    expect((published.body as Qualification).components).toHaveLength(3);
    const audit = await ctx.ds.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY occurred_at, id`, [q.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['qualification.created', 'qualification.updated']);
  });

  it('refuses a definition that breaks its rule, names another body\'s standard, or reuses a code', async () => {
    const creditless = await define(world.admin, { ...allOf('CERT-BAD', [world.standard.id]), rule: 'credit_total' }).expect(400);
    expect(creditless.body.code).toBe('qualification.invalid');
    expect((await define(world.admin, { ...allOf('CERT-BAD', [world.standard.id]), creditsRequired: 5 }).expect(400)).body.code).toBe('qualification.invalid');
    const foreign = await define(world.admin, allOf('CERT-BAD', [other.standard.id])).expect(400);
    expect(JSON.stringify(foreign.body.message)).toContain(other.standard.id);
    // each factory standard carries 2 credits: two of them cannot reach 5
    const unreachable = await define(world.admin, { ...allOf('CERT-BAD', [world.standard.id, second.id]), rule: 'credit_total', creditsRequired: 5 }).expect(400);
    expect(JSON.stringify(unreachable.body.message)).toContain('fewer than the 5 required');
    expect((await define(world.admin, allOf('CERT-BAD', [])).expect(400)).body.code).toBe('request.invalid');
    await define(world.admin, allOf('CERT-TWICE', [world.standard.id])).expect(201);
    expect((await define(world.admin, allOf('CERT-TWICE', [second.id])).expect(409)).body.code).toBe('qualification.code_taken');
    // the same code in another body is another qualification
    await define(other.admin, allOf('CERT-TWICE', [other.standard.id])).expect(201);
    expect((await define(world.admin, { ...allOf('CERT-X', [world.standard.id]), unknown: true }).expect(400)).body.code).toBe('request.invalid');
    // credits written as exponents: a clear 400, not the validator library's crash
    for (const creditsRequired of [1e-7, 5e-324, 1.005]) {
      const res = await define(world.admin, { ...allOf('CERT-EXP', [world.standard.id]), rule: 'credit_total', creditsRequired }).expect(400);
      expect(res.body.message).toContain('creditsRequired must be a number with at most two decimals');
    }
  });

  it('gives one of several requests with the same code at the same moment the qualification, and the others 409', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => define(world.admin, allOf('CERT-RACE', [world.standard.id]))));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(Array(4).fill('qualification.code_taken'));
  });

  it('shows a candidate their progress toward each published qualification they have started on', async () => {
    const candidate = await ctx.user(Role.Candidate);
    const stranger = await ctx.user(Role.Candidate);
    const all = (await define(world.admin, allOf('CERT-PROGRESS', [world.standard.id, second.id])).expect(201)).body as Qualification;
    const credits = (
      await define(world.admin, { ...allOf('CERT-CREDITS', [world.standard.id, second.id, third.id]), rule: 'credit_total', creditsRequired: 4 }).expect(201)
    ).body as Qualification;
    const draft = (await define(world.admin, allOf('CERT-DRAFT', [world.standard.id], false)).expect(201)).body as Qualification;
    const elsewhere = (await define(world.admin, allOf('CERT-ELSEWHERE', [third.id])).expect(201)).body as Qualification;

    const first = await hold(candidate, world.standard);
    // a suspended one does not count, and does not start the candidate on anything
    await hold(candidate, third, { suspendedAt: new Date(), suspensionReason: 'under investigation' });
    const progress = async (who: SignedIn) => ((await ctx.http.get('/qualifications/progress').set(who.auth).expect(200)).body as { items: Progress[] }).items;

    const items = await progress(candidate);
    const ids = items.map((i) => i.qualificationId);
    expect(ids).toEqual(expect.arrayContaining([all.id, credits.id]));
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(elsewhere.id);
    const allOfItem = items.find((i) => i.qualificationId === all.id)!;
    expect(allOfItem).toMatchObject({ met: false, credentialId: null });
    expect(allOfItem.components.map((c) => [c.standardId, c.met, c.credentialId])).toEqual(
      expect.arrayContaining([
        [world.standard.id, true, first],
        [second.id, false, null],
      ]),
    );
    expect(items.find((i) => i.qualificationId === credits.id)).toMatchObject({ creditsEarned: 2, creditsRequired: 4, met: false });
    expect(await progress(stranger)).toEqual([]);

    // the worker issues the qualification's credential with the last component; here its rows stand in for it
    await hold(candidate, second);
    const qualificationCredential = randomUUID();
    const issued = await ctx.ds.getRepository(CredentialEntity).findOneByOrFail({ id: first });
    await ctx.ds.getRepository(CredentialEntity).insert({
      id: qualificationCredential,
      qualificationId: all.id,
      candidateId: candidate.user.id,
      awardingBodyId: world.bodyId,
      elements: { ...issued.elements, title: 'Certificate CERT-PROGRESS' },
      issuedAt: new Date(),
    } as QueryDeepPartialEntity<CredentialEntity>);
    const after = await progress(candidate);
    expect(after.find((i) => i.qualificationId === all.id)).toMatchObject({ met: true, credentialId: qualificationCredential });
    expect(after.find((i) => i.qualificationId === credits.id)).toMatchObject({ creditsEarned: 4, met: true });

    // the holder's credential list carries both kinds
    const listed = (await ctx.http.get('/credentials').set(candidate.auth).expect(200)).body as { items: { id: string; kind: string; caseId: string | null; qualificationId: string | null }[] };
    expect(listed.items.find((i) => i.id === qualificationCredential)).toMatchObject({ kind: 'qualification', caseId: null, qualificationId: all.id });
    expect(listed.items.find((i) => i.id === first)).toMatchObject({ kind: 'micro-credential', qualificationId: null });
    await ctx.http.get(`/credentials/${qualificationCredential}`).set(stranger.auth).expect(404);

    // once learners hold it, its meaning is fixed; its title can still be corrected
    const frozen = await ctx.http.patch(`/qualifications/${all.id}`).set(world.admin.auth).send({ componentStandardIds: [world.standard.id] }).expect(409);
    expect(frozen.body.code).toBe('qualification.issued');
    await ctx.http.patch(`/qualifications/${all.id}`).set(world.admin.auth).send({ title: 'Certificate in Progress' }).expect(200);
    expect((await ctx.http.get(`/qualifications/${all.id}`).set(world.admin.auth).expect(200)).body).toMatchObject({ issuedCount: 1, title: 'Certificate in Progress' });
  });
});
