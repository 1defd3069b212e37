import { CaseStatus, Role } from '../../libs/domain';
import type { StandardEntity } from '../../libs/persistence/entities';
import { CaseEntity, CaseEventEntity } from '../../libs/persistence/entities';
import { ApiTestContext } from './support/api-app';
import type { SignedIn } from './support/api-app';
import { eventually } from './support/system';

jest.setTimeout(180_000);

interface Event {
  type: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  reason: string;
  data: Record<string, unknown>;
}

/**
 * Who sees what of a case's log, over the events the real workflow wrote (an in-process worker runs it): a case
 * assessed "not award" by an assessor after another declared a conflict of interest with the candidate, then
 * decided. Each reader's timeline is asserted for what it shows and what it must not.
 */
describe('API: the timeline each role reads, from the events the workflow wrote', () => {
  let ctx: ApiTestContext;
  let admin: SignedIn;
  /** The case detail as the assessor read it while holding the case. */
  let holderDetail: { assessors: { assessorId: string }[] };
  let conflicted: SignedIn;
  let assessor: SignedIn;
  let candidate: SignedIn;
  let standard: StandardEntity;
  let caseId: string;

  const statusOf = async (id: string) => (await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id })).status;
  const reach = (status: CaseStatus) => eventually(`the case to reach ${status}`, async () => ((await statusOf(caseId)) === status ? true : undefined));
  const timeline = async (who: SignedIn) => {
    const page = (await ctx.http.get(`/cases/${caseId}/timeline?limit=100`).set(who.auth).expect(200)).body as { items: Event[]; nextCursor: string | null };
    expect(page.nextCursor).toBeNull();
    return page.items;
  };
  const criteria = () => standard.learningOutcomes!.flatMap((o) => o.criteria!);

  beforeAll(async () => {
    ctx = await ApiTestContext.start({ worker: true });
    const body = await ctx.make.body();
    admin = await ctx.user(Role.BodyAdmin, body.id);
    // the body's only assessor at first: the case goes to them
    conflicted = await ctx.user(Role.Assessor, body.id);
    standard = await ctx.make.standard(body.id);
    candidate = await ctx.user(Role.Candidate);
    caseId = await ctx.draftCase(candidate, standard.id);
    const outcomes = standard.learningOutcomes!;
    await ctx.http
      .put(`/cases/${caseId}/self-assessment`)
      .set(candidate.auth)
      .send({ items: outcomes.map((o) => ({ learningOutcomeId: o.id, level: 'confident', statement: `I can show ${o.code}` })) })
      .expect(200);
    await ctx.http
      .post(`/cases/${caseId}/evidence`)
      .set(candidate.auth)
      .send({ kind: 'url', title: 'Portfolio', url: 'https://example.org/portfolio', learningOutcomeIds: outcomes.map((o) => o.id) })
      .expect(201);
    await ctx.http.post(`/cases/${caseId}/submit`).set(candidate.auth).expect(200);
    await reach(CaseStatus.AssessorAssigned);

    // the holder declares a conflict: nobody else is free, so the case waits with an exclusion list
    await ctx.http.post('/conflicts').set(conflicted.auth).send({ candidateId: candidate.user.id, reason: 'my neighbour' }).expect(201);
    await reach(CaseStatus.AwaitingAssessor);

    // the admin assigns a new assessor by hand, who assesses: no criterion met, not to award
    assessor = await ctx.user(Role.Assessor, body.id);
    await ctx.http.post(`/cases/${caseId}/assessor`).set(admin.auth).send({ assessorId: assessor.user.id, reason: 'internal note: Dana is back from leave' }).expect(200);
    await reach(CaseStatus.AssessorAssigned);
    holderDetail = (await ctx.http.get(`/cases/${caseId}`).set(assessor.auth).expect(200)).body;
    await ctx.http
      .post(`/cases/${caseId}/assessments`)
      .set(assessor.auth)
      .send({
        judgements: criteria().map((c) => ({ criterionId: c.id, result: 'not_met', score: 10, comment: `nothing shows ${c.code}` })),
        recommendation: 'not_award',
        comment: 'overall weak',
      })
      .expect(200);
    await reach(CaseStatus.AwaitingDecision);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('the log as written holds the facts the candidate must not read', async () => {
    const log = await ctx.ds.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
    const text = JSON.stringify(log);
    expect(text).toContain('not_award');
    expect(text).toContain('excludeAssessorIds');
    expect(text).toContain(conflicted.user.id);
    expect(text).toContain(assessor.user.id);
    expect(text).toContain('internal note');
  });

  it('before the decision, the candidate sees each status change in words of their own and no assessor, recommendation or exclusion', async () => {
    const events = await timeline(candidate);
    const text = JSON.stringify(events);
    for (const hidden of ['not_award', 'recommendation', 'shareMet', 'excludeAssessorIds', 'assessorId', 'requestedBy', conflicted.user.id, assessor.user.id, admin.user.id, 'internal note', 'conflict', 'assessmentDueAt']) {
      expect(text).not.toContain(hidden);
    }
    expect(events.map((e) => e.type)).not.toContain('assessment_recorded');
    const statuses = events.map((e) => e.toStatus);
    expect(statuses).toEqual(expect.arrayContaining(['submitted', 'assessor_assigned', 'awaiting_assessor', 'awaiting_decision']));
    expect(events.find((e) => e.toStatus === 'awaiting_decision')).toMatchObject({ actorId: null, reason: 'the assessment is complete; the awarding body decides' });
    expect(events.find((e) => e.toStatus === 'submitted')).toMatchObject({ actorId: candidate.user.id, reason: 'you submitted the case' });
    expect(events.find((e) => e.toStatus === 'awaiting_assessor')!.reason).toBe('your case waits for an assessor to become available');
    // the case detail hides the same facts
    const detail = (await ctx.http.get(`/cases/${caseId}`).set(candidate.auth).expect(200)).body;
    expect(detail).toMatchObject({ assessors: [], assessments: [], feedback: [] });
  });

  it('the assessor holding the case reads the recommendations and their own id, never the exclusion list or who declared the conflict', async () => {
    const events = await timeline(assessor);
    const text = JSON.stringify(events);
    expect(text).not.toContain('excludeAssessorIds');
    expect(text).not.toContain(conflicted.user.id);
    expect(text).not.toContain('internal note');
    expect(events.find((e) => e.type === 'assessment_recorded')).toMatchObject({ actorId: assessor.user.id, data: { recommendation: 'not_award' } });
    expect(events.filter((e) => e.type === 'transition' && e.toStatus === 'assessor_assigned').map((e) => e.reason)).toEqual([
      'assigned to another assessor for assessment',
      'assigned to you for assessment',
    ]);
    // nor did the case detail, while they held it, say who had left it for a conflict of interest
    expect(holderDetail.assessors.map((a: { assessorId: string }) => a.assessorId)).toEqual([assessor.user.id]);
    expect(JSON.stringify(holderDetail)).not.toContain(conflicted.user.id);
    const asAdmin = (await ctx.http.get(`/cases/${caseId}`).set(admin.auth).expect(200)).body;
    expect(asAdmin.assessors).toEqual(expect.arrayContaining([expect.objectContaining({ assessorId: conflicted.user.id, status: 'conflict' })]));
  });

  it('the body admin reads the log as written', async () => {
    const events = await timeline(admin);
    expect(events.find((e) => e.toStatus === 'awaiting_assessor')!.data.excludeAssessorIds).toEqual([conflicted.user.id]);
    expect(events.find((e) => e.type === 'assessment_recorded')!.reason).toBe('assessment recorded, recommending: do not award');
    expect(events.some((e) => e.reason === 'assigned by hand: internal note: Dana is back from leave')).toBe(true);
    // in the shape the document declares: the row's id, case id and step key are not part of it
    for (const e of events) expect(Object.keys(e).sort()).toEqual(['actorId', 'data', 'fromStatus', 'occurredAt', 'reason', 'seq', 'toStatus', 'type']);
  });

  it('the assessor who declared a conflict no longer has the case: 404 everywhere, in no list', async () => {
    await ctx.http.get(`/cases/${caseId}`).set(conflicted.auth).expect(404);
    await ctx.http.get(`/cases/${caseId}/timeline`).set(conflicted.auth).expect(404);
    const listed = (await ctx.http.get('/cases?limit=100').set(conflicted.auth).expect(200)).body.items as { id: string }[];
    expect(listed.map((c) => c.id)).not.toContain(caseId);
    expect((await ctx.http.get('/assessor/queue').set(conflicted.auth).expect(200)).body).toEqual({ items: [], nextCursor: null });
  });

  describe('after the decision', () => {
    beforeAll(async () => {
      await ctx.http
        .post(`/cases/${caseId}/decision`)
        .set(admin.auth)
        .send({ result: 'not_awarded', recognisedOutcomeIds: [], reason: 'the portfolio does not show the outcomes yet' })
        .expect(200);
      await reach(CaseStatus.NotAwarded);
    });

    it('the candidate reads the feedback per learning outcome with the criteria comments, still without the assessor', async () => {
      const events = await timeline(candidate);
      const decision = events.find((e) => e.toStatus === 'not_awarded')!;
      expect(decision.reason).toBe('the awarding body decided not to award the credential: the portfolio does not show the outcomes yet');
      expect(decision.data.feedback).toEqual(
        standard.learningOutcomes!.map((o) => ({
          learningOutcomeId: o.id,
          code: o.code,
          recognised: false,
          criteria: o.criteria!.map((c) => ({ criterionId: c.id, code: c.code, result: 'not_met', comment: `nothing shows ${c.code}` })),
        })),
      );
      const text = JSON.stringify(events);
      for (const hidden of ['not_award"', 'recommendation', 'overall weak', 'score', assessor.user.id, conflicted.user.id, admin.user.id]) expect(text).not.toContain(hidden);
      const detail = (await ctx.http.get(`/cases/${caseId}`).set(candidate.auth).expect(200)).body;
      expect(detail.feedback).toEqual(decision.data.feedback);
      expect(detail.assessments).toEqual([]);
      expect(JSON.stringify(detail)).not.toContain(assessor.user.id);
      // the body decided: which of its admins is not the candidate's business; the admins see it
      expect(detail.decisions).toMatchObject([{ result: 'not_awarded', decidedBy: null }]);
      expect(JSON.stringify(detail)).not.toContain(admin.user.id);
      const asAdmin = (await ctx.http.get(`/cases/${caseId}`).set(admin.auth).expect(200)).body;
      expect(asAdmin.decisions).toMatchObject([{ decidedBy: admin.user.id }]);
    });

    it('the assessor whose assignment completed reads the case up to their assessment, not the decision', async () => {
      const events = await timeline(assessor);
      expect(events.at(-1)!.toStatus).toBe('awaiting_decision');
      expect(events.map((e) => e.toStatus)).not.toContain('not_awarded');
      const detail = (await ctx.http.get(`/cases/${caseId}`).set(assessor.auth).expect(200)).body;
      expect(detail.decisions).toEqual([]);
      expect(detail.assessments.map((a: { assessorId: string }) => a.assessorId)).toEqual([assessor.user.id]);
    });
  });
});
