import { AssessmentPurpose, CaseStage, CaseStatus, DecisionResult, NotificationTemplate, Recommendation } from '../../libs/domain';
import { recordHistory } from '../replay/record-histories';
import { CaseHarness } from './support';

describe('case workflow: moderation by a second assessor', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await CaseHarness.start();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('sends a borderline assessment to a second, different assessor whose assessment stands', async () => {
    const c = await h.newCase({ assessors: 2 });
    const [assessor, moderator] = c.assessors;
    await c.submitUntil();
    await c.accept(assessor.id);
    // One of two learning outcomes met: a partial award, which is borderline.
    expect(await c.recordAssessment(assessor.id, Recommendation.PartialAward, 1)).toEqual({ status: CaseStatus.Moderation, stage: CaseStage.Assessment });
    const moderated = await c.state();
    expect(moderated).toMatchObject({ assessorId: null, moderatorId: moderator.id, pastAssessorIds: [assessor.id, moderator.id] });
    expect(await c.templatesFor(moderator.id)).toEqual([NotificationTemplate.ModerationAssigned]);
    expect((await c.events()).at(-1)).toMatchObject({ toStatus: CaseStatus.Moderation, reason: 'moderation by a second assessor: the assessment is borderline' });

    expect(await c.recordAssessment(moderator.id, Recommendation.Award)).toEqual({ status: CaseStatus.AwaitingDecision, stage: CaseStage.Certification });
    const assessments = await c.assessments();
    expect(assessments.map((a) => [a.assessorId, a.purpose, a.recommendation])).toEqual([
      [assessor.id, AssessmentPurpose.Assessment, Recommendation.PartialAward],
      [moderator.id, AssessmentPurpose.Moderation, Recommendation.Award],
    ]);
    expect(assessments[0].recognisedOutcomeIds).toEqual([c.outcomeIds[0]]);
    expect((await c.events()).filter((e) => e.type === 'assessment_recorded').map((e) => e.reason)).toEqual([
      'assessment recorded, recommending: partial award',
      'moderation recorded, recommending: award',
    ]);
    expect((await c.assignments()).map((a) => [a.assessorId, a.purpose, a.status])).toEqual([
      [assessor.id, AssessmentPurpose.Assessment, 'completed'],
      [moderator.id, AssessmentPurpose.Moderation, 'completed'],
    ]);
    // The admins are told the recommendation that stands: the moderator's.
    const needed = (await c.notifications()).find((n) => n.template === NotificationTemplate.DecisionNeeded)!;
    expect(needed.bodyText).toContain('The recommendation is: award.');
    await c.decide(DecisionResult.Awarded, c.outcomeIds);
    expect((await c.handle.result()).status).toBe(CaseStatus.Closed);
    await recordHistory(c.handle, 'moderation');
  });

  it('moderates a clear assessment when the sampling rule picks the case', async () => {
    const c = await h.newCase({ assessors: 2, settings: { moderationSampleRate: 1 } });
    const [assessor, moderator] = c.assessors;
    await c.submitUntil();
    expect(await c.recordAssessment(assessor.id, Recommendation.Award)).toEqual({ status: CaseStatus.Moderation, stage: CaseStage.Assessment });
    expect((await c.state()).moderatorId).toBe(moderator.id);
    expect((await c.events()).at(-1)).toMatchObject({ toStatus: CaseStatus.Moderation, reason: 'moderation by a second assessor: the assessment is sampled' });
    // Recording an assessment without accepting first implies acceptance.
    expect(await c.statusPath()).toEqual([
      CaseStatus.Submitted,
      CaseStatus.Screening,
      CaseStatus.AssessorAssigned,
      CaseStatus.UnderAssessment,
      CaseStatus.Moderation,
    ]);
    await c.recordAssessment(moderator.id, Recommendation.NotAward, 0);
    expect((await c.state()).status).toBe(CaseStatus.AwaitingDecision);
    await c.withdraw();
  });

  it('does not moderate a clear assessment when sampling is off', async () => {
    const c = await h.newCase({ assessors: 2 });
    await c.submitUntil();
    expect(await c.recordAssessment(c.assessors[0].id, Recommendation.NotAward, 0)).toEqual({ status: CaseStatus.AwaitingDecision, stage: CaseStage.Certification });
    expect((await c.state()).moderatorId).toBeNull();
    await c.withdraw();
  });
});
