import { createActivities } from '../../apps/worker/src/activities';
import { AssessmentPurpose, CaseFailure, CaseOutcome, CaseStage, CaseStatus, CriterionResult, DecisionResult, NotificationTemplate, Recommendation, Role } from '../../libs/domain';
import {
  AssessmentEntity,
  CaseAssessorEntity,
  CaseEventEntity,
  CredentialEntity,
  CriterionJudgementEntity,
  DecisionEntity,
  NotificationEntity,
  UserEntity,
} from '../../libs/persistence/entities';
import { decideUpdate, recordAssessmentUpdate, requestEvidenceUpdate, submitUpdate } from '../../workflows/messages';
import { factories } from '../factories';
import { recordHistory } from '../replay/record-histories';
import { CaseHarness, rejection } from './support';

describe('case workflow: the way to an award', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await CaseHarness.start();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('takes a case from draft to award, issues one credential and closes it when the appeal window ends', async () => {
    const c = await h.newCase({ assessors: 2 });
    const [busy, free] = c.assessors;
    // The first assessor already holds another case, so the least-loaded one is the second.
    const other = await h.insertCase((await factories(h.ds).user(Role.Candidate)).id, c.standard);
    await h.ds.getRepository(CaseAssessorEntity).insert({ caseId: other, assessorId: busy.id, purpose: AssessmentPurpose.Assessment, round: 1, assignedAt: new Date() });

    // The submission answers once it is recorded; screening and assignment follow.
    expect(await c.submit()).toEqual({ status: CaseStatus.Submitted, stage: CaseStage.Documentation });
    await c.untilStatus(CaseStatus.AssessorAssigned);
    const assigned = await c.state();
    expect(assigned.assessorId).toBe(free.id);
    expect(assigned.assessmentDueAt).not.toBeNull();

    expect(await c.accept(free.id)).toEqual({ status: CaseStatus.UnderAssessment, stage: CaseStage.Assessment });
    expect(await c.recordAssessment(free.id, Recommendation.Award)).toEqual({ status: CaseStatus.AwaitingDecision, stage: CaseStage.Certification });
    expect(await c.decide(DecisionResult.Awarded, c.outcomeIds, 'every learning outcome is evidenced')).toEqual({
      status: CaseStatus.Awarded,
      stage: CaseStage.Certification,
    });
    const awarded = await c.caseRow();
    expect(awarded.status).toBe(CaseStatus.Awarded);
    expect(awarded.appealDeadline).not.toBeNull();

    const final = await c.handle.result();
    expect(final).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.Awarded, decisionSequence: 1, appealed: false });

    const row = await c.caseRow();
    expect(row).toMatchObject({ status: CaseStatus.Closed, stage: CaseStage.Certification, outcome: CaseOutcome.Awarded, appealDeadline: null });
    for (const date of [row.submittedAt, row.documentationStartedAt, row.assessmentStartedAt, row.certificationStartedAt, row.decidedAt, row.closedAt]) {
      expect(date).toBeInstanceOf(Date);
    }
    expect(row.closedAt!.getTime() - row.decidedAt!.getTime()).toBeGreaterThanOrEqual(30 * 24 * 3600 * 1000);

    const events = await c.events();
    expect(events.map((e) => (e.type === 'transition' ? e.toStatus : e.type))).toEqual([
      'case_created',
      CaseStatus.Submitted,
      CaseStatus.Screening,
      CaseStatus.AssessorAssigned,
      CaseStatus.UnderAssessment,
      'assessment_recorded',
      CaseStatus.AwaitingDecision,
      CaseStatus.Awarded,
      'credential_issued',
      CaseStatus.Closed,
    ]);
    const byStatus = (s: CaseStatus) => events.find((e) => e.type === 'transition' && e.toStatus === s)!;
    expect(byStatus(CaseStatus.Submitted)).toMatchObject({ fromStatus: CaseStatus.Draft, actorId: c.candidate.id });
    expect(byStatus(CaseStatus.UnderAssessment)).toMatchObject({ fromStatus: CaseStatus.AssessorAssigned, actorId: free.id });
    expect(byStatus(CaseStatus.Awarded)).toMatchObject({ actorId: c.admin.id, reason: 'every learning outcome is evidenced' });
    expect(byStatus(CaseStatus.Closed)).toMatchObject({ actorId: null, reason: 'no appeal within 30 days of the decision' });

    const [assignment] = await c.assignments();
    expect(assignment).toMatchObject({ assessorId: free.id, purpose: AssessmentPurpose.Assessment, round: 1, status: 'completed' });
    const [assessment] = await c.assessments();
    expect(assessment).toMatchObject({ assessorId: free.id, recommendation: Recommendation.Award, purpose: AssessmentPurpose.Assessment });
    expect(assessment.judgements).toHaveLength(4);
    expect([...assessment.recognisedOutcomeIds].sort()).toEqual([...c.outcomeIds].sort());
    const [decision] = await c.decisions();
    expect(decision).toMatchObject({ sequence: 1, result: DecisionResult.Awarded, decidedBy: c.admin.id, revokedAt: null });

    const credentials = await c.credentials();
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ decisionId: decision.id, candidateId: c.candidate.id, revokedAt: null });
    expect(credentials[0].elements.learningOutcomes).toHaveLength(2);
    expect(credentials[0].elements).toMatchObject({ countryOfIssuer: 'FR', eqfLevel: 5, learnerIdentification: { id: c.candidate.id } });

    expect(await c.templatesFor(c.candidate.id)).toEqual([
      NotificationTemplate.CaseStarted,
      NotificationTemplate.CaseSubmitted,
      NotificationTemplate.DecisionMade,
      NotificationTemplate.CaseClosed,
    ]);
    expect(await c.templatesFor(free.id)).toEqual([NotificationTemplate.AssessorAssigned]);
    expect(await c.templatesFor(c.admin.id)).toEqual([NotificationTemplate.DecisionNeeded]);
    const decisionMade = (await c.notifications()).find((n) => n.template === NotificationTemplate.DecisionMade)!;
    expect(decisionMade.subject).toBe('Decision on your case on Facilitating online learning: awarded');
    expect(decisionMade.bodyText).toContain('You may appeal once, until');
    expect(decisionMade.recipientEmail).toBe(c.candidate.email);

    await recordHistory(c.handle, 'happy-path');
  });

  it('rejects a step in the wrong status or by the wrong actor, with a clear message', async () => {
    const c = await h.newCase();
    expect(await rejection(c.decide(DecisionResult.Awarded, c.outcomeIds))).toEqual({
      type: CaseFailure.NotAllowedInStatus,
      message: 'the case is a draft: a decision is allowed only while it is awaiting a decision',
    });
    expect(await rejection(c.handle.executeUpdate(submitUpdate, { args: [{ actorId: c.admin.id }] }))).toEqual({
      type: CaseFailure.NotTheActor,
      message: 'only the candidate of this case may submit it',
    });

    await c.submit();
    await c.untilStatus(CaseStatus.AssessorAssigned);
    expect(await rejection(c.submit())).toEqual({
      type: CaseFailure.NotAllowedInStatus,
      message: 'the case is assigned to an assessor: submitting is allowed only while it is a draft',
    });
    const [holder, other] = c.assessors;
    expect((await c.state()).assessorId).toBe(holder.id);
    expect(await rejection(c.accept(other.id))).toEqual({ type: CaseFailure.NotTheActor, message: 'this case is assigned to another assessor' });
    expect(
      await rejection(
        c.handle.executeUpdate(recordAssessmentUpdate, {
          args: [{ assessorId: holder.id, assessment: { judgements: [], recommendation: Recommendation.Award, comment: '' } }],
        }),
      ),
    ).toMatchObject({ type: CaseFailure.InvalidInput, message: expect.stringMatching(/^judgements must cover every criterion of the standard; missing: /) });
    expect(
      await rejection(c.handle.executeUpdate(requestEvidenceUpdate, { args: [{ assessorId: holder.id, message: 'more', learningOutcomeIds: ['nope'] }] })),
    ).toEqual({ type: CaseFailure.InvalidInput, message: 'learningOutcomeIds has learning outcomes that are not in this standard: nope' });
    expect(await rejection(c.appeal())).toMatchObject({ type: CaseFailure.NotAllowedInStatus });

    // Nothing rejected left a trace: the case is where the submission put it.
    expect(await c.statusPath()).toEqual([CaseStatus.Submitted, CaseStatus.Screening, CaseStatus.AssessorAssigned]);
    expect(await c.withdraw()).toEqual({ status: CaseStatus.Withdrawn, stage: CaseStage.Assessment });
    await c.handle.result();
  });

  it("takes the body's steps only from an active admin of the case's body, read from the records, whoever sends them", async () => {
    const c = await h.newCase();
    await c.submitUntil();
    const { assessorId } = await c.state();
    await c.recordAssessment(assessorId!, Recommendation.Award);
    await c.untilStatus(CaseStatus.AwaitingDecision);
    const decideAs = (actorId: string) =>
      c.handle.executeUpdate(decideUpdate, { args: [{ actorId, result: DecisionResult.Awarded, recognisedOutcomeIds: c.outcomeIds, reason: 'all met' }] });
    const refused = { type: CaseFailure.NotTheActor, message: "a decision is for the admins of this case's awarding body" };
    // a message sent straight to the process by the candidate, the assessor or an admin of another body
    const make = factories(h.ds);
    const otherBodyAdmin = await make.user(Role.BodyAdmin, (await make.body({}, 'Another Awarding Body')).id);
    for (const actorId of [c.candidate.id, assessorId!, otherBodyAdmin.id]) expect(await rejection(decideAs(actorId))).toEqual(refused);
    // an admin who was deactivated since the case began
    await h.ds.getRepository(UserEntity).update({ id: c.admin.id }, { active: false });
    expect(await rejection(decideAs(c.admin.id))).toEqual(refused);
    await h.ds.getRepository(UserEntity).update({ id: c.admin.id }, { active: true });

    expect(await decideAs(c.admin.id)).toMatchObject({ status: CaseStatus.Awarded });
    expect(await c.decisions()).toHaveLength(1);
  });

  it('writes each step once however often it is retried, and refuses a second step writing the same record', async () => {
    const c = await h.newCase();
    await c.withdraw('cleaning up: this test drives the activities directly');
    await c.handle.result();
    const acts = createActivities(h.ds);
    const count = async () => ({
      events: await h.ds.getRepository(CaseEventEntity).countBy({ caseId: c.caseId }),
      assignments: await h.ds.getRepository(CaseAssessorEntity).countBy({ caseId: c.caseId }),
      assessments: await h.ds.getRepository(AssessmentEntity).countBy({ caseId: c.caseId }),
      judgements: await h.ds.getRepository(CriterionJudgementEntity).count({ where: { assessment: { caseId: c.caseId } } }),
      decisions: await h.ds.getRepository(DecisionEntity).countBy({ caseId: c.caseId }),
      credentials: await h.ds.getRepository(CredentialEntity).countBy({ caseId: c.caseId }),
      notifications: await h.ds.getRepository(NotificationEntity).countBy({ caseId: c.caseId }),
    });
    const at = new Date().toISOString();
    const assessor = c.assessors[0].id;
    const judgements = c.outcomes.flatMap((o) => o.criterionIds.map((criterionId) => ({ criterionId, result: CriterionResult.Met, score: 90, comment: null })));
    const step = (key: string, from: CaseStatus) => ({
      caseId: c.caseId,
      key,
      at,
      actorId: null,
      from,
      // Withdrawn to closed: a move the case's checks allow (an ended case keeps its closed_at and outcome).
      transitions: [{ to: CaseStatus.Closed, reason: 'idempotency probe', outcome: CaseOutcome.Withdrawn }],
      events: [{ type: 'probe', reason: 'probe' }],
      startAssignment: { assessorId: assessor, purpose: AssessmentPurpose.Appeal, round: 1 },
      assessment: { assessorId: assessor, purpose: AssessmentPurpose.Appeal, round: 1, assessment: { judgements, recommendation: Recommendation.Award, comment: 'probe' } },
      decision: { sequence: 1, result: DecisionResult.Awarded, recognisedOutcomeIds: c.outcomeIds, reason: 'probe', actorId: c.admin.id },
      issueCredential: { decisionSequence: 1 },
      notifications: [{ template: NotificationTemplate.DecisionNeeded, to: { bodyAdmins: true } as const, data: { recommendation: 'award' } }],
    });
    const before = await count();
    const first = await acts.recordStep(step('probe-run/1', CaseStatus.Withdrawn));
    const once = await count();
    const second = await acts.recordStep(step('probe-run/1', CaseStatus.Withdrawn));
    const twice = await count();

    expect(once).toEqual({
      events: before.events + 3,
      assignments: before.assignments + 1,
      assessments: before.assessments + 1,
      judgements: before.judgements + 4,
      decisions: before.decisions + 1,
      credentials: 1,
      notifications: before.notifications + 1,
    });
    expect(twice).toEqual(once);
    expect(second).toEqual(first);
    expect(first.credential).toEqual({ credentialId: expect.any(String) });
    // The retried transition did not move the case again either.
    expect((await c.caseRow()).status).toBe(CaseStatus.Closed);

    // Another step writing the same assignment round, assessment round and decision sequence fails loudly.
    const conflict = acts.recordStep(step('another-run/1', CaseStatus.Closed));
    await expect(conflict).rejects.toMatchObject({ type: CaseFailure.RecordConflict });
    expect(await count()).toEqual(once);
    // So does a step that believes the case is somewhere it is not.
    await expect(acts.recordStep({ ...step('another-run/2', CaseStatus.Draft), startAssignment: undefined, assessment: undefined, decision: undefined, issueCredential: undefined })).rejects.toMatchObject({
      type: CaseFailure.RecordConflict,
      message: expect.stringContaining('records say it is closed but its process believes it is a draft'),
    });
  });
});
