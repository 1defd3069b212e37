import { CaseStatus, Role } from '../../libs/domain';
import { CaseAssessorEntity, CaseEntity } from '../../libs/persistence/entities';
import { historiesOfAllRuns } from '../replay/record-histories';
import { ApiTestContext } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';
import { eventually } from './support/system';

// Were a save to add even one event, the draft's history would pass 1,000 and the first assertion would fail.
const EDITS = 1_000;

/**
 * A portal saves the portfolio on every field. Each save only marks the candidate's activity on the case row,
 * so however long the draft, the case's process history stays small (Temporal's limit is about 51,200 events).
 */
describe('a long draft adds nothing to its process history', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  beforeAll(async () => {
    ctx = await ApiTestContext.start({ worker: true });
    world = await ctx.body();
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it(`keeps the history of a case under 200 events through ${EDITS} portfolio edits, and the case is decided`, async () => {
    const candidate = await ctx.user(Role.Candidate);
    const caseId = await ctx.draftCase(candidate, world.standard.id);
    const [lo1, lo2] = world.standard.learningOutcomes!;
    const edit = (i: number) =>
      ctx.http
        .put(`/cases/${caseId}/self-assessment`)
        .set(candidate.auth)
        .send({ items: [{ learningOutcomeId: lo1.id, level: i % 2 ? 'confident' : 'expert', statement: `draft ${i}` }] })
        .expect(200);
    // four candidates' tabs saving at once, as a portal that saves on every field would
    for (let i = 0; i < EDITS; i += 4) await Promise.all([edit(i), edit(i + 1), edit(i + 2), edit(i + 3)]);
    for (const lo of [lo1, lo2]) {
      await ctx.http
        .post(`/cases/${caseId}/evidence`)
        .set(candidate.auth)
        .send({ kind: 'url', title: `Portfolio for ${lo.code}`, url: 'https://example.org/portfolio', learningOutcomeIds: [lo.id] })
        .expect(201);
    }
    const handle = ctx.client.workflow.getHandle(`case-${caseId}`);
    const draftEvents = (await historiesOfAllRuns(handle)).reduce((n, run) => n + (run.events?.length ?? 0), 0);
    expect(draftEvents).toBeLessThan(40);
    expect(await ctx.signalsOf(caseId)).toEqual([]);

    await ctx.http.post(`/cases/${caseId}/submit`).set(candidate.auth).send({}).expect(200);
    const assignment = await eventually('an assessor is assigned', async () => (await ctx.ds.getRepository(CaseAssessorEntity).findOneBy({ caseId, status: 'active' })) ?? undefined);
    const assessor: SignedIn = [world.assessor, world.otherAssessor].find((a) => a.user.id === assignment.assessorId)!;
    const criteria = world.standard.learningOutcomes!.flatMap((o) => o.criteria!.map((c) => c.id));
    await ctx.http
      .post(`/cases/${caseId}/assessments`)
      .set(assessor.auth)
      .send({ judgements: criteria.map((criterionId) => ({ criterionId, result: 'met', score: 90 })), recommendation: 'award', comment: 'every criterion met' })
      .expect(200);
    await ctx.http
      .post(`/cases/${caseId}/decision`)
      .set(world.admin.auth)
      .send({ result: 'awarded', recognisedOutcomeIds: [lo1.id, lo2.id], reason: 'every outcome evidenced' })
      .expect(200);
    expect((await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId })).status).toBe(CaseStatus.Awarded);

    const runs = await historiesOfAllRuns(handle);
    const events = runs.reduce((n, run) => n + (run.events?.length ?? 0), 0);
    console.log(`${EDITS} portfolio edits, then submission, assessment and decision: ${events} history events over ${runs.length} runs`);
    expect(events).toBeLessThan(200);
  }, 300_000);
});
