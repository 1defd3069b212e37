import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CaseStage, CaseStatus } from '../../libs/domain';
import {
  AssessmentEntity,
  CaseAssessorEntity,
  CaseEntity,
  CaseEventEntity,
  CredentialEntity,
  DecisionEntity,
  EvidenceEntity,
  NotificationEntity,
} from '../../libs/persistence/entities';
import { checkedFetch, eventually } from './support/system';
import type { RunningSystem } from './support/system';
import { allMet, AWARD_PATH, pdfBytes, prepareAndSubmit, reach, startRunningWorld } from './support/world';
import type { RunningWorld, World } from './support/world';

jest.setTimeout(180_000);

describe('a case from upload to award, over HTTP, with the API and worker as processes', () => {
  let running: RunningWorld;
  let system: RunningSystem;
  let ds: DataSource;
  let world: World;

  beforeAll(async () => {
    running = await startRunningWorld({ assessors: 2, candidates: 1 });
    ({ system, ds, world } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('ends awarded with every record and the event log in PostgreSQL', async () => {
    const candidate = world.candidates[0]!;
    const { id: caseId } = await candidate.ok<{ id: string }>('POST', '/cases', { standardId: world.standard.id });
    const file = pdfBytes(`portfolio of ${caseId}`);
    await prepareAndSubmit(candidate, world.standard, caseId, file);
    await reach(candidate, caseId, CaseStatus.AssessorAssigned);

    // The least-loaded assessor got the case: find who, then act as them.
    const holder = await ds.getRepository(CaseAssessorEntity).findOneByOrFail({ caseId, status: 'active' });
    const assessor = world.assessors.find((a) => a.id === holder.assessorId)!;
    const bystander = world.assessors.find((a) => a.id !== holder.assessorId)!;
    expect((await bystander.request('POST', `/cases/${caseId}/assessment/accept`)).status).toBe(404);

    await assessor.ok('POST', `/cases/${caseId}/assessment/accept`);
    await reach(candidate, caseId, CaseStatus.UnderAssessment);
    await assessor.ok('POST', `/cases/${caseId}/assessments`, allMet(world.standard));
    await reach(candidate, caseId, CaseStatus.AwaitingDecision);

    const outcomeIds = world.standard.learningOutcomes!.map((o) => o.id);
    await world.admin.ok('POST', `/cases/${caseId}/decision`, {
      result: 'awarded',
      recognisedOutcomeIds: outcomeIds,
      reason: 'All learning outcomes evidenced and assessed as met.',
    });
    await reach(candidate, caseId, CaseStatus.Awarded);
    // The candidate's message is the decision's last write, after the status and the credential.
    await eventually('the decision to be told to the candidate', async () =>
      (await ds.getRepository(NotificationEntity).countBy({ caseId, template: 'decision-made' })) > 0 ? true : undefined,
    );

    // The case row, written only by the workflow's activities.
    const row = await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
    expect(row.status).toBe(CaseStatus.Awarded);
    expect(row.stage).toBe(CaseStage.Certification);
    expect(row.submittedAt).not.toBeNull();
    expect(row.assessmentStartedAt).not.toBeNull();
    expect(row.certificationStartedAt).not.toBeNull();
    expect(row.appealDeadline!.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

    // The event log: every transition, in order, with who did it.
    const events = await ds.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
    const transitions = events.filter((e) => e.fromStatus !== e.toStatus);
    expect(transitions.map((e) => e.toStatus)).toEqual(AWARD_PATH);
    expect(transitions.find((e) => e.toStatus === CaseStatus.Submitted)!.actorId).toBe(candidate.id);
    expect(transitions.find((e) => e.toStatus === CaseStatus.UnderAssessment)!.actorId).toBe(assessor.id);
    expect(transitions.find((e) => e.toStatus === CaseStatus.Awarded)!.actorId).toBe(world.admin.id);
    expect(new Set(events.map((e) => e.key)).size).toBe(events.length);

    // The body's admin reads the log as written; the candidate its opening and status changes, in words of their own.
    type Page<T> = { items: T[]; nextCursor: string | null };
    const full = await world.admin.ok<Page<{ seq: number }>>('GET', `/cases/${caseId}/timeline?limit=100`);
    expect(full.nextCursor).toBeNull();
    expect(full.items.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    const timeline = (await candidate.ok<Page<{ toStatus: string; type: string; data: Record<string, unknown> }>>('GET', `/cases/${caseId}/timeline?limit=100`)).items;
    expect(timeline.map((e) => e.toStatus)).toEqual(events.filter((e) => e.type === 'case_created' || e.type === 'transition').map((e) => e.toStatus));
    expect(JSON.stringify(timeline)).not.toContain(assessor.id);
    expect(timeline.at(-1)!.data.feedback).toEqual(expect.arrayContaining([expect.objectContaining({ recognised: true })]));

    // Evidence stored by content hash; served back byte for byte.
    const evidence = await ds.getRepository(EvidenceEntity).findOneByOrFail({ caseId });
    expect(evidence.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(evidence.mediaType).toBe('application/pdf');
    const download = await checkedFetch(system.baseUrl, `/cases/${caseId}/evidence/${evidence.id}/file`, {
      headers: { authorization: `Bearer ${assessor.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.bytes.equals(file)).toBe(true);

    // The assessor's result and the body's decision are separate records; one credential.
    const assessments = await ds.getRepository(AssessmentEntity).find({ where: { caseId }, relations: { judgements: true } });
    expect(assessments).toHaveLength(1);
    expect(assessments[0]!.assessorId).toBe(assessor.id);
    expect(assessments[0]!.judgements).toHaveLength(4);
    const decisions = await ds.getRepository(DecisionEntity).findBy({ caseId });
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.decidedBy).toBe(world.admin.id);
    expect([...decisions[0]!.recognisedOutcomeIds].sort()).toEqual([...outcomeIds].sort());
    const credentials = await ds.getRepository(CredentialEntity).findBy({ caseId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.elements.learningOutcomes).toHaveLength(outcomeIds.length);
    expect(credentials[0]!.elements.eqfLevel).toBe(world.standard.eqfLevel);

    const detail = await candidate.ok<{ credential: { id: string; revokedAt: string | null } | null }>('GET', `/cases/${caseId}`);
    expect(detail.credential).toMatchObject({ id: credentials[0]!.id, revokedAt: null });

    // Messages to the actors were written to the outbox.
    const messages = await ds.getRepository(NotificationEntity).findBy({ caseId });
    expect(messages.some((m) => m.recipientUserId === assessor.id)).toBe(true);
    expect(messages.some((m) => m.recipientUserId === candidate.id && m.template === 'decision-made')).toBe(true);
  });
});
