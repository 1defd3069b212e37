import { CaseFailure, CaseOutcome, CaseStage, CaseStatus, NotificationTemplate } from '../../libs/domain';
import { UserEntity } from '../../libs/persistence/entities';
import { answerEvidenceRequestUpdate, requestEvidenceUpdate } from '../../workflows/messages';
import { recordHistory } from '../replay/record-histories';
import { CaseHarness, justAfter, rejection } from './support';

describe('case workflow: evidence requests and withdrawal', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await CaseHarness.start();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('asks the candidate for missing evidence and withdraws the case when the deadline passes', async () => {
    const c = await h.newCase({ evidence: false });
    expect(await c.submit()).toEqual({ status: CaseStatus.Submitted, stage: CaseStage.Documentation });
    await c.untilStatus(CaseStatus.EvidenceRequested);
    const requested = await c.caseRow();
    expect(requested.evidenceDueAt).not.toBeNull();
    const request = (await c.events()).at(-1)!;
    // People read the outcomes as the standard names them; machines keep the ids in the event's data.
    const sentence = 'evidence is missing for learning outcomes LO1 (Learning outcome 1) and LO2 (Learning outcome 2)';
    expect(request).toMatchObject({ toStatus: CaseStatus.EvidenceRequested, actorId: null, reason: sentence, data: { learningOutcomeIds: c.outcomeIds } });
    const email = (await c.notifications()).find((n) => n.template === NotificationTemplate.EvidenceRequested)!;
    expect(email.bodyText).toContain(sentence);
    expect(email.bodyText).toMatch(/Please answer by \d{1,2} [A-Z][a-z]+ \d{4}, 23:59 \(Europe\/Paris\)/);
    for (const id of c.outcomeIds) expect(email.bodyText).not.toContain(id);

    const final = await c.handle.result();
    expect(final).toMatchObject({ status: CaseStatus.Withdrawn, outcome: CaseOutcome.Withdrawn });
    const row = await c.caseRow();
    expect(row).toMatchObject({ status: CaseStatus.Withdrawn, outcome: CaseOutcome.Withdrawn, evidenceDueAt: null, stage: CaseStage.Documentation });
    expect(row.closedAt!.getTime() - requested.evidenceDueAt!.getTime()).toBeGreaterThanOrEqual(0);
    const last = (await c.events()).at(-1)!;
    expect(last).toMatchObject({ fromStatus: CaseStatus.EvidenceRequested, toStatus: CaseStatus.Withdrawn, reason: 'evidence request expired', actorId: null });
    expect(await c.templatesFor(c.candidate.id)).toEqual([
      NotificationTemplate.CaseStarted,
      NotificationTemplate.CaseSubmitted,
      NotificationTemplate.EvidenceRequested,
      NotificationTemplate.EvidenceRequestExpired,
    ]);
    await recordHistory(c.handle, 'evidence-expiry');
  });

  it("writes a candidate's messages in the language they chose, from the step after they chose it", async () => {
    const c = await h.newCase({ evidence: false });
    // the case opened while the account had no language: English
    await h.ds.getRepository(UserEntity).update({ id: c.candidate.id }, { locale: 'fr' });
    await c.submitUntil(CaseStatus.EvidenceRequested);
    const messages = (await c.notifications()).filter((n) => n.recipientUserId === c.candidate.id);
    expect(messages.map((n) => n.template)).toEqual([NotificationTemplate.CaseStarted, NotificationTemplate.CaseSubmitted, NotificationTemplate.EvidenceRequested]);
    const [started, submitted, request] = messages;
    expect(started.subject).toBe('Your validation case on Facilitating online learning has started');
    expect(submitted.subject).toBe('Votre dossier sur Facilitating online learning a été déposé');
    expect(submitted.bodyText).toContain(`Bonjour ${c.candidate.displayName},`);
    expect(submitted.bodyHtml).toContain('<html lang="fr">');
    expect(request.subject).toBe('Des preuves complémentaires sont demandées pour votre dossier sur Facilitating online learning');
    // the deadline in French, in the body's zone
    expect(request.bodyText).toMatch(/Merci de répondre au plus tard le \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}, 23:59 \(Europe\/Paris\) ;/);
    expect(request.bodyText).not.toMatch(/Please|Hello/);
    // the same outbox keys as in English: the language changes the words, not which messages exist
    expect(request.key).toMatch(new RegExp(`^${c.caseId}/.+#n0$`));
  });

  it('screens again once the candidate answers with the missing evidence, then assigns an assessor', async () => {
    const c = await h.newCase({ evidence: false });
    await c.submitUntil(CaseStatus.EvidenceRequested);
    const answer = () => c.handle.executeUpdate(answerEvidenceRequestUpdate, { args: [{ actorId: c.candidate.id, note: 'added my portfolio' }] });
    // Answering without the missing evidence is turned down, and the deadline stays where it was.
    const { evidenceDueAt } = await c.caseRow();
    const due = (await c.notifications()).find((n) => n.template === NotificationTemplate.EvidenceRequested)!.bodyText.match(/Please answer by (.+);/)![1];
    expect(await rejection(answer())).toEqual({
      type: CaseFailure.InvalidInput,
      message: `evidence is still missing for learning outcomes LO1 (Learning outcome 1) and LO2 (Learning outcome 2): add it, then answer; the deadline stays ${due}`,
    });
    expect(due).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, 23:59 \(Europe\/Paris\)$/);
    expect((await c.caseRow()).evidenceDueAt).toEqual(evidenceDueAt);
    await h.addEvidence(c.caseId, c.candidate.id, c.outcomeIds);
    expect(await answer()).toEqual({ status: CaseStatus.Screening, stage: CaseStage.Documentation });
    await c.untilStatus(CaseStatus.AssessorAssigned);
    expect(await c.statusPath()).toEqual([
      CaseStatus.Submitted,
      CaseStatus.Screening,
      CaseStatus.EvidenceRequested,
      CaseStatus.Screening,
      CaseStatus.AssessorAssigned,
    ]);
    expect((await c.caseRow()).evidenceDueAt).toBeNull();
    await c.withdraw();
  });

  it('returns the case to the same assessor, with a new SLA, when the candidate answers their evidence request', async () => {
    const c = await h.newCase();
    await c.submitUntil();
    const { assessorId, assessmentDueAt } = await c.state();
    await c.accept(assessorId!);
    const [loId] = c.outcomeIds;
    expect(
      await c.handle.executeUpdate(requestEvidenceUpdate, { args: [{ assessorId: assessorId!, message: 'Please add a session recording.', learningOutcomeIds: [loId] }] }),
    ).toEqual({ status: CaseStatus.EvidenceRequested, stage: CaseStage.Documentation });
    expect((await c.state()).assessmentDueAt).toBeNull();
    const requestMessage = (await c.notifications()).find((n) => n.template === NotificationTemplate.EvidenceRequested)!;
    expect(requestMessage.bodyText).toContain('Please add a session recording.');

    await h.sleep(justAfter(5));
    expect(await c.handle.executeUpdate(answerEvidenceRequestUpdate, { args: [{ actorId: c.candidate.id, note: 'recording added' }] })).toEqual({
      status: CaseStatus.UnderAssessment,
      stage: CaseStage.Assessment,
    });
    const back = await c.state();
    expect(back.assessorId).toBe(assessorId);
    expect(Date.parse(back.assessmentDueAt!)).toBeGreaterThan(Date.parse(assessmentDueAt!));
    expect((await c.assignments()).map((a) => [a.assessorId, a.status])).toEqual([[assessorId, 'active']]);
    const answered = (await c.notifications()).find((n) => n.template === NotificationTemplate.EvidenceProvided)!;
    expect(answered.recipientUserId).toBe(assessorId);
    expect(answered.bodyText).toContain("The candidate's note: recording added");
    expect(await c.statusPath()).toEqual([
      CaseStatus.Submitted,
      CaseStatus.Screening,
      CaseStatus.AssessorAssigned,
      CaseStatus.UnderAssessment,
      CaseStatus.EvidenceRequested,
      CaseStatus.UnderAssessment,
    ]);
    await c.withdraw();
  });

  it('lets the candidate withdraw during assessment, ending the assignment', async () => {
    const c = await h.newCase();
    await c.submitUntil();
    const { assessorId } = await c.state();
    await c.accept(assessorId!);
    expect(await c.withdraw('moving abroad')).toEqual({ status: CaseStatus.Withdrawn, stage: CaseStage.Assessment });
    const final = await c.handle.result();
    expect(final).toMatchObject({ status: CaseStatus.Withdrawn, outcome: CaseOutcome.Withdrawn, assessorId: null });
    expect(await c.caseRow()).toMatchObject({ status: CaseStatus.Withdrawn, outcome: CaseOutcome.Withdrawn, assessmentDueAt: null });
    expect((await c.events()).at(-1)).toMatchObject({ toStatus: CaseStatus.Withdrawn, actorId: c.candidate.id, reason: 'moving abroad' });
    expect((await c.assignments()).map((a) => a.status)).toEqual(['withdrawn']);
    expect((await c.templatesFor(c.candidate.id)).at(-1)).toBe(NotificationTemplate.CaseWithdrawn);
    expect((await c.templatesFor(assessorId!)).at(-1)).toBe(NotificationTemplate.CaseWithdrawn);
    await recordHistory(c.handle, 'withdrawal');
  });
});
