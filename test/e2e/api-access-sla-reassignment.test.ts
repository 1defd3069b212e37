import { randomUUID } from 'node:crypto';
import { restartCaseWorkflow } from '../../libs/temporal/temporal';
import { CaseStatus, Role } from '../../libs/domain';
import type { StandardEntity } from '../../libs/persistence/entities';
import { AssessmentEntity, CaseAssessorEntity, CaseEntity, CaseEventEntity } from '../../libs/persistence/entities';
import { caseWorkflowId } from '../../workflows/ids';
import { ApiTestContext, samples } from './support/api-app';
import type { SignedIn } from './support/api-app';
import { activitiesInFlight } from './support/faults';
import { eventually } from './support/system';

jest.setTimeout(180_000);

interface Detail {
  status: string;
  evidence: { id: string }[];
  assessors: { assessorId: string; status: string }[];
  assessments: unknown[];
  decisions: unknown[];
}

/**
 * docs/access.md, "reassigned (ended after a missed SLA)", with the assignment ended by the real workflow (an
 * in-process worker runs it) rather than by a row written by hand: the assessor who missed the SLA keeps read access
 * to the case as it stood when the process passed it on, and nothing the candidate added afterwards; the assessor
 * who took it over sees everything. The dev server cannot skip the fourteen days of the SLA, and the time-skipping
 * server's clock runs ahead of PostgreSQL's (a file uploaded after the reassignment would be stamped "earlier" than
 * the assignment's end), so the SLA is run out here as an operator would find it after the days had passed: the
 * case's due date in its records is past when its process is restarted from them (as the reconciler restarts a
 * run that ended). From there on everything is the process's own doing: the reminder, the timeout, ending the
 * assignment as reassigned and picking the next assessor.
 */
describe('API: an assessor passed over for a missed SLA, by the real process', () => {
  let ctx: ApiTestContext;
  let standard: StandardEntity;
  let candidate: SignedIn;
  let replaced: SignedIn;
  let successor: SignedIn;
  let caseId: string;
  let earlierFile: string;
  let laterFile: string;

  const row = () => ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
  const reach = (status: CaseStatus) => eventually(`the case to reach ${status}`, async () => ((await row()).status === status ? true : undefined));
  const upload = async (title: string) => {
    let req = ctx.http.post(`/cases/${caseId}/evidence/files`).set(candidate.auth).field('title', title);
    for (const o of standard.learningOutcomes!) req = req.field('learningOutcomeIds', o.id);
    const res = await req.attach('file', samples.pdf(), { filename: `${title}.pdf`, contentType: 'application/pdf' }).expect(201);
    return (res.body as { id: string }).id;
  };
  const file = (who: SignedIn, evidenceId: string) => ctx.http.get(`/cases/${caseId}/evidence/${evidenceId}/file`).set(who.auth);
  const detail = async (who: SignedIn) => (await ctx.http.get(`/cases/${caseId}`).set(who.auth).expect(200)).body as Detail;
  const queue = async (who: SignedIn) => ((await ctx.http.get('/assessor/queue?limit=100').set(who.auth).expect(200)).body.items as { caseId: string }[]).map((q) => q.caseId);
  const assignments = async () =>
    (await ctx.ds.getRepository(CaseAssessorEntity).find({ where: { caseId }, order: { round: 'ASC' } })).map((a) => ({ assessorId: a.assessorId, round: a.round, status: a.status }));

  beforeAll(async () => {
    ctx = await ApiTestContext.start({ worker: true });
    const body = await ctx.make.body();
    await ctx.user(Role.BodyAdmin, body.id);
    const assessors = [await ctx.user(Role.Assessor, body.id), await ctx.user(Role.Assessor, body.id)];
    standard = await ctx.make.standard(body.id);
    candidate = await ctx.user(Role.Candidate);

    caseId = await ctx.draftCase(candidate, standard.id);
    await ctx.http
      .put(`/cases/${caseId}/self-assessment`)
      .set(candidate.auth)
      .send({ items: standard.learningOutcomes!.map((o) => ({ learningOutcomeId: o.id, level: 'confident', statement: `I can show ${o.code}` })) })
      .expect(200);
    earlierFile = await upload('portfolio');
    await ctx.http.post(`/cases/${caseId}/submit`).set(candidate.auth).expect(200);
    await reach(CaseStatus.AssessorAssigned);
    const holder = await ctx.ds.getRepository(CaseAssessorEntity).findOneByOrFail({ caseId, status: 'active' });
    replaced = assessors.find((a) => a.user.id === holder.assessorId)!;
    successor = assessors.find((a) => a.user.id !== holder.assessorId)!;
    await ctx.http.post(`/cases/${caseId}/assessment/accept`).set(replaced.auth).expect(200);
    await reach(CaseStatus.UnderAssessment);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('while the assessor holds the case, they read it whole and it is in their queue', async () => {
    expect((await detail(replaced)).evidence.map((e) => e.id)).toEqual([earlierFile]);
    await file(replaced, earlierFile).expect(200);
    expect(await queue(replaced)).toEqual([caseId]);
  });

  it('the process reminds them, passes the case on when the SLA runs out and ends their assignment as reassigned', async () => {
    const handle = ctx.client.workflow.getHandle(caseWorkflowId(caseId));
    await eventually('the process to be waiting on the SLA', async () => {
      const { runId } = await handle.describe();
      return (await row()).processRunId === runId && (await activitiesInFlight(ctx.client, caseWorkflowId(caseId))).length === 0 ? true : undefined;
    });
    await ctx.ds.getRepository(CaseEntity).update({ id: caseId }, { assessmentDueAt: new Date(Date.now() + 3_000) });
    await handle.terminate('test: the fourteen days of the SLA have passed');
    expect(await restartCaseWorkflow(ctx.client, ctx.config.temporal.taskQueue, caseId)).toBe(true);

    await eventually('the case to be passed to the other assessor', async () => ((await assignments()).length === 2 ? true : undefined));
    expect(await assignments()).toEqual([
      { assessorId: replaced.user.id, round: 1, status: 'reassigned' },
      { assessorId: successor.user.id, round: 2, status: 'active' },
    ]);
    await reach(CaseStatus.AssessorAssigned);
    const events = await ctx.ds.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
    expect(events.filter((e) => e.type === 'assessor_reminder').map((e) => e.data.assessorId)).toEqual([replaced.user.id]);
    expect(events.at(-1)).toMatchObject({ fromStatus: CaseStatus.UnderAssessment, toStatus: CaseStatus.AssessorAssigned, actorId: null, reason: 'reassigned: no assessment within 14 days' });
  });

  it('the candidate adds a file the new assessor asked for', async () => {
    await ctx.http
      .post(`/cases/${caseId}/evidence-requests`)
      .set(successor.auth)
      .send({ message: 'Please add the leak test record.', learningOutcomeIds: [standard.learningOutcomes![0]!.id] })
      .expect(200);
    await reach(CaseStatus.EvidenceRequested);
    laterFile = await upload('leak test record');
    await ctx.http.post(`/cases/${caseId}/evidence-response`).set(candidate.auth).send({ note: 'added the record' }).expect(200);
    await reach(CaseStatus.UnderAssessment);
  });

  it('the replaced assessor reads the case as it stood when it was passed on: their own assignment, the earlier file only, the log up to then', async () => {
    const seen = await detail(replaced);
    expect(seen.evidence.map((e) => e.id)).toEqual([earlierFile]);
    expect(seen.assessors).toEqual([expect.objectContaining({ assessorId: replaced.user.id, status: 'reassigned' })]);
    expect(seen).toMatchObject({ assessments: [], decisions: [] });
    await file(replaced, earlierFile).expect(200);
    // answered exactly as a file that does not exist
    const later = await file(replaced, laterFile).expect(404);
    expect(later.body).toEqual((await file(replaced, randomUUID()).expect(404)).body);

    const timeline = (await ctx.http.get(`/cases/${caseId}/timeline?limit=100`).set(replaced.auth).expect(200)).body.items as { toStatus: string; reason: string }[];
    expect(timeline.at(-1)!.toStatus).toBe(CaseStatus.AssessorAssigned);
    expect(timeline.map((e) => e.toStatus)).not.toContain(CaseStatus.EvidenceRequested);
    expect(JSON.stringify(timeline)).not.toContain('leak test record');
    expect(JSON.stringify(timeline)).not.toContain(successor.user.id);
  });

  it('the new assessor sees and downloads the later file and has the case in their queue; the replaced one has it in no queue', async () => {
    expect((await detail(successor)).evidence.map((e) => e.id).sort()).toEqual([earlierFile, laterFile].sort());
    await file(successor, laterFile).expect(200);
    expect(await queue(successor)).toEqual([caseId]);
    expect(await queue(replaced)).toEqual([]);
    // still a case they may read, so still in their list of cases
    const listed = (await ctx.http.get('/cases?limit=100').set(replaced.auth).expect(200)).body.items as { id: string }[];
    expect(listed.map((c) => c.id)).toContain(caseId);
  });

  it('the replaced assessor can no longer act: accepting, assessing and requesting evidence answer 403 and change nothing', async () => {
    const before = await row();
    const events = () => ctx.ds.getRepository(CaseEventEntity).countBy({ caseId });
    const eventsBefore = await events();
    const judgements = standard.learningOutcomes!.flatMap((o) => o.criteria!.map((c) => ({ criterionId: c.id, result: 'met', score: 80, comment: 'fine' })));
    const steps = [
      ctx.http.post(`/cases/${caseId}/assessment/accept`).set(replaced.auth),
      ctx.http.post(`/cases/${caseId}/assessments`).set(replaced.auth).send({ judgements, recommendation: 'award', comment: 'late but done' }),
      ctx.http.post(`/cases/${caseId}/evidence-requests`).set(replaced.auth).send({ message: 'One more thing.', learningOutcomeIds: [standard.learningOutcomes![0]!.id] }),
    ];
    for (const step of steps) {
      const res = await step;
      expect({ status: res.status, body: res.body }).toEqual({
        status: 403,
        body: expect.objectContaining({ code: 'case.not_assigned', message: 'you are no longer assigned to this case, so you cannot act on it' }),
      });
    }
    await new Promise((r) => setTimeout(r, 500));
    const after = await row();
    expect({ status: after.status, statusChangedAt: after.statusChangedAt }).toEqual({ status: before.status, statusChangedAt: before.statusChangedAt });
    expect(await ctx.ds.getRepository(AssessmentEntity).countBy({ caseId })).toBe(0);
    expect(await events()).toBe(eventsBefore);
  });
});
