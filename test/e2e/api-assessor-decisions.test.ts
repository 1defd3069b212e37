import { randomUUID } from 'node:crypto';
import { CaseStatus, Role } from '../../libs/domain';
import { AuditLogEntity, CaseEntity, ConflictOfInterestEntity } from '../../libs/persistence/entities';
import { ApiTestContext } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';

describe('API: assessor work and awarding-body decisions', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  let otherWorld: BodyWorld;
  let candidate: SignedIn;
  let caseId: string;
  let criteria: string[];
  let outcomes: string[];

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    world = await ctx.body();
    otherWorld = await ctx.body();
    candidate = await ctx.user(Role.Candidate);
    caseId = await ctx.draftCase(candidate, world.standard.id);
    await ctx.assign(caseId, world.assessor.user.id, 'active');
    await ctx.ds.getRepository(CaseEntity).update({ id: caseId }, { status: CaseStatus.AssessorAssigned, assessmentDueAt: new Date('2030-01-15T00:00:00Z') });
    outcomes = world.standard.learningOutcomes!.map((o) => o.id);
    criteria = world.standard.learningOutcomes!.flatMap((o) => o.criteria!.map((c) => c.id));
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('GET /assessor/queue lists active assignments with the candidate, the standard and the due date', async () => {
    const res = await ctx.http.get('/assessor/queue').set(world.assessor.auth).expect(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items).toEqual([
      expect.objectContaining({
        caseId,
        status: 'assessor_assigned',
        candidateName: candidate.user.displayName,
        standard: { id: world.standard.id, code: world.standard.code, title: world.standard.title },
        purpose: 'assessment',
        round: 1,
        dueAt: '2030-01-15T00:00:00.000Z',
      }),
    ]);
    expect((await ctx.http.get('/assessor/queue').set(world.otherAssessor.auth).expect(200)).body).toEqual({ items: [], nextCursor: null });
    await ctx.http.get('/assessor/queue').set(world.admin.auth).expect(403);
  });

  describe('acting on a case', () => {
    const judgements = (ids: string[]) => ids.map((criterionId) => ({ criterionId, result: 'met', score: 80, comment: 'clear evidence' }));

    it('answers 404 to an assessor never assigned and 403 to one whose assignment ended', async () => {
      const res = await ctx.http.post(`/cases/${caseId}/assessment/accept`).set(world.otherAssessor.auth).expect(404);
      expect(res.body.message).toBe('case not found');
      await ctx.http.post(`/cases/${caseId}/assessment/accept`).set(otherWorld.assessor.auth).expect(404);
      const past = await ctx.user(Role.Assessor, world.bodyId);
      await ctx.assign(caseId, past.user.id, 'reassigned', 2);
      const ended = await ctx.http.post(`/cases/${caseId}/assessments`).set(past.auth).send({ judgements: judgements(criteria), recommendation: 'award', comment: '' }).expect(403);
      expect(ended.body.message).toBe('you are no longer assigned to this case, so you cannot act on it');
      await ctx.http.post(`/cases/${caseId}/evidence-requests`).set(past.auth).send({ message: 'more', learningOutcomeIds: [outcomes[0]] }).expect(403);
      await ctx.http.get(`/cases/${caseId}/timeline`).set(past.auth).expect(200);
      await ctx.http.post(`/cases/${caseId}/assessment/accept`).set(candidate.auth).expect(403);
      await ctx.http.post(`/cases/${caseId}/assessment/accept`).set(world.assessor.auth).send({ accepted: true }).expect(400);
    });

    it('requires every criterion of the standard judged exactly once, listing what is wrong', async () => {
      const post = (body: unknown) => ctx.http.post(`/cases/${caseId}/assessments`).set(world.assessor.auth).send(body as object);
      const missing = await post({ judgements: judgements(criteria.slice(1)), recommendation: 'award', comment: 'ok' }).expect(400);
      expect(missing.body.message).toEqual([`judgements must cover every criterion of the standard; missing: ${criteria[0]}`]);
      const foreign = otherWorld.standard.learningOutcomes![0].criteria![0].id;
      const unknown = await post({ judgements: judgements([...criteria, foreign]), recommendation: 'award', comment: 'ok' }).expect(400);
      expect(unknown.body.message).toEqual([`judgements name criteria that are not in this case's standard: ${foreign}`]);
      const twice = await post({ judgements: judgements([...criteria, criteria[0]]), recommendation: 'award', comment: 'ok' }).expect(400);
      expect(twice.body.message).toEqual([`judgements judge a criterion more than once: ${criteria[0]}`]);
    });

    it('refuses a recommendation that does not follow from the judgements, saying how many outcomes are met', async () => {
      const post = (body: unknown) => ctx.http.post(`/cases/${caseId}/assessments`).set(world.assessor.auth).send(body as object);
      const noneMet = criteria.map((criterionId) => ({ criterionId, result: 'not_met', score: 10 }));
      const award = await post({ judgements: noneMet, recommendation: 'award', comment: 'ok' }).expect(400);
      expect(award.body.message).toEqual([
        `an award needs every learning outcome recognised, and only 0 of the ${outcomes.length} learning outcomes have every criterion met: recommend a partial award or not to award`,
      ]);
      const partial = await post({ judgements: noneMet, recommendation: 'partial_award', comment: 'ok' }).expect(400);
      expect(partial.body.message[0]).toMatch(/^a partial award needs some but not all learning outcomes recognised/);
      const notAward = await post({ judgements: judgements(criteria), recommendation: 'not_award', comment: 'ok' }).expect(400);
      expect(notAward.body.message[0]).toMatch(/: recommend an award, or judge as not met the criteria the evidence does not show$/);
      const row = await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
      expect(row.status).not.toBe(CaseStatus.AwaitingDecision);
    });

    it('refuses malformed assessments before anything reaches the workflow', async () => {
      const post = (body: unknown) => ctx.http.post(`/cases/${caseId}/assessments`).set(world.assessor.auth).send(body as object);
      const result = await post({ judgements: [{ criterionId: criteria[0], result: 'excellent' }], recommendation: 'award', comment: '' }).expect(400);
      expect(result.body.message[0]).toMatch(/^judgements\.0\.result must be one of met, not_met, insufficient_evidence/);
      const score = await post({ judgements: [{ criterionId: criteria[0], result: 'met', score: 101 }], recommendation: 'award', comment: '' }).expect(400);
      expect(score.body.message).toEqual(['judgements.0.score must be a whole number from 0 to 100']);
      await post({ judgements: [{ criterionId: 'c1', result: 'met' }], recommendation: 'award', comment: '' }).expect(400);
      await post({ judgements: judgements(criteria), recommendation: 'maybe', comment: '' }).expect(400);
      await post({ judgements: judgements(criteria), recommendation: 'award' }).expect(400);
      await post({ judgements: judgements(criteria), recommendation: 'award', comment: '', recognisedOutcomeIds: outcomes }).expect(400);
      await post({ judgements: 'all met', recommendation: 'award', comment: '' }).expect(400);
    });

    it('validates evidence requests: a message and outcomes of the standard', async () => {
      const post = (body: unknown) => ctx.http.post(`/cases/${caseId}/evidence-requests`).set(world.assessor.auth).send(body as object);
      await post({ message: '', learningOutcomeIds: [outcomes[0]] }).expect(400);
      await post({ message: 'More please', learningOutcomeIds: [] }).expect(400);
      const foreign = otherWorld.standard.learningOutcomes![0].id;
      const res = await post({ message: 'More please', learningOutcomeIds: [foreign] }).expect(400);
      expect(res.body.message).toEqual([`learningOutcomeIds has learning outcomes that are not in this case's standard: ${foreign}`]);
    });
  });

  describe('POST /conflicts', () => {
    it('records a declaration once (201, then 200), audits it and signals conflictDeclared to the open case the assessor holds', async () => {
      const first = await ctx.http.post('/conflicts').set(world.assessor.auth).send({ candidateId: candidate.user.id, reason: 'former colleague' }).expect(201);
      expect(first.body).toMatchObject({ assessorId: world.assessor.user.id, candidateId: candidate.user.id, reason: 'former colleague', created: true, affectedCaseIds: [caseId] });
      const again = await ctx.http.post('/conflicts').set(world.assessor.auth).send({ candidateId: candidate.user.id, reason: 'said it twice' }).expect(200);
      expect(again.body).toMatchObject({ id: first.body.id, reason: 'former colleague', created: false });
      expect(await ctx.ds.getRepository(ConflictOfInterestEntity).countBy({ assessorId: world.assessor.user.id, candidateId: candidate.user.id })).toBe(1);
      expect(await ctx.ds.getRepository(AuditLogEntity).countBy({ subjectId: first.body.id, action: 'conflict.declared' })).toBe(1);
      expect((await ctx.signalsOf(caseId)).filter((s) => s === 'conflictDeclared')).toHaveLength(2);
    });

    it('refuses unknown candidates, non-assessors and bad input', async () => {
      const unknown = await ctx.http.post('/conflicts').set(world.otherAssessor.auth).send({ candidateId: randomUUID(), reason: 'x' }).expect(404);
      expect(unknown.body.message).toBe('candidate not found');
      await ctx.http.post('/conflicts').set(world.otherAssessor.auth).send({ candidateId: world.admin.user.id, reason: 'x' }).expect(404);
      await ctx.http.post('/conflicts').set(candidate.auth).send({ candidateId: candidate.user.id, reason: 'x' }).expect(403);
      await ctx.http.post('/conflicts').set(world.otherAssessor.auth).send({ candidateId: 'bob', reason: 'x' }).expect(400);
      await ctx.http.post('/conflicts').set(world.otherAssessor.auth).send({ candidateId: candidate.user.id }).expect(400);
      await ctx.http.post('/conflicts').set(world.otherAssessor.auth).send({ candidateId: candidate.user.id, reason: 'x', assessorId: world.assessor.user.id }).expect(400);
    });
  });

  describe('decisions by the awarding body', () => {
    it('validates the decision against the standard before messaging the workflow', async () => {
      const post = (body: unknown) => ctx.http.post(`/cases/${caseId}/decision`).set(world.admin.auth).send(body as object);
      const partialAward = await post({ result: 'awarded', recognisedOutcomeIds: [outcomes[0]], reason: 'good' }).expect(400);
      expect(partialAward.body.message).toEqual(['an award recognises every learning outcome of the standard; for some of them, decide a partial award (result partially_awarded)']);
      const all = await post({ result: 'partially_awarded', recognisedOutcomeIds: outcomes, reason: 'good' }).expect(400);
      expect(all.body.message).toEqual(['a partial award recognises some, but not all, learning outcomes']);
      const foreign = otherWorld.standard.learningOutcomes![0].id;
      const other = await post({ result: 'not_awarded', recognisedOutcomeIds: [foreign], reason: 'no' }).expect(400);
      expect(other.body.message).toEqual(expect.arrayContaining([`recognisedOutcomeIds has learning outcomes that are not in this standard: ${foreign}`]));
      await post({ result: 'granted', recognisedOutcomeIds: outcomes, reason: 'good' }).expect(400);
      await post({ result: 'awarded', recognisedOutcomeIds: outcomes }).expect(400);
      await post({ result: 'awarded', recognisedOutcomeIds: 'all', reason: 'good' }).expect(400);
    });

    it('refuses admissibility and revocation without their fields', async () => {
      const admissibility = await ctx.http.post(`/cases/${caseId}/admissibility`).set(world.admin.auth).send({ admissible: 'yes', reason: 'ok' }).expect(400);
      expect(admissibility.body.message).toEqual(['admissible must be true or false']);
      await ctx.http.post(`/cases/${caseId}/admissibility`).set(world.admin.auth).send({ admissible: true }).expect(400);
      const revoke = await ctx.http.post(`/cases/${caseId}/decision/revoke`).set(world.admin.auth).send({}).expect(400);
      expect(revoke.body.message).toEqual(expect.arrayContaining(['reason must not be empty']));
    });

    it("lets only the case's body admins decide", async () => {
      const body = { result: 'awarded', recognisedOutcomeIds: outcomes, reason: 'all met' };
      await ctx.http.post(`/cases/${caseId}/decision`).set(world.assessor.auth).send(body).expect(403);
      await ctx.http.post(`/cases/${caseId}/decision`).set(candidate.auth).send(body).expect(403);
      const other = await ctx.http.post(`/cases/${caseId}/decision`).set(otherWorld.admin.auth).send(body).expect(404);
      expect(other.body.message).toBe('case not found');
      await ctx.http.post(`/cases/${caseId}/admissibility`).set(otherWorld.admin.auth).send({ admissible: true, reason: 'ok' }).expect(404);
      await ctx.http.post(`/cases/${caseId}/decision/revoke`).set(otherWorld.admin.auth).send({ reason: 'appeal upheld' }).expect(404);
      await ctx.http.post('/cases/42/decision').set(world.admin.auth).send(body).expect(400);
      const row = await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
      expect(row.status).toBe(CaseStatus.AssessorAssigned);
    });
  });
});
