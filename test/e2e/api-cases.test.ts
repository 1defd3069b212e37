import { randomUUID } from 'node:crypto';
import { CaseStatus, Role } from '../../libs/domain';
import { formatDeadline } from '../../libs/calendar';
import { AuditLogEntity, AwardingBodyEntity, CaseEntity, SelfAssessmentEntity, StandardEntity } from '../../libs/persistence/entities';
import { ApiTestContext } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';

describe('API: cases', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  let otherWorld: BodyWorld;

  beforeAll(async () => {
    // a worker runs: opening a case is its workflow's first step
    ctx = await ApiTestContext.start({ worker: true });
    world = await ctx.body();
    otherWorld = await ctx.body();
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it("POST /cases starts the case's workflow, which writes the draft row and stays RUNNING", async () => {
    const candidate = await ctx.user(Role.Candidate);
    const res = await ctx.http.post('/cases').set(candidate.auth).send({ standardId: world.standard.id }).expect(201);
    expect(res.body).toMatchObject({ status: 'draft', stage: 'identification', candidateId: candidate.user.id, standard: { id: world.standard.id } });
    expect(res.body.state).toMatchObject({ status: 'draft', stage: 'identification', reopenDeadline: null, attentionReason: null });
    expect(res.body.standard.learningOutcomes).toHaveLength(2);
    const row = await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: res.body.id });
    expect(row).toMatchObject({ status: CaseStatus.Draft, workflowId: `case-${res.body.id}`, awardingBodyId: world.bodyId });
    const description = await ctx.client.workflow.getHandle(`case-${res.body.id}`).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.type).toBe('caseWorkflow');
    expect(description.taskQueue).toBe(ctx.config.temporal.taskQueue);
    expect(await ctx.ds.getRepository(AuditLogEntity).countBy({ subjectId: res.body.id, action: 'case.created' })).toBe(1);
  });

  it('allows one open case per candidate and standard (409) and only on published standards', async () => {
    const candidate = await ctx.user(Role.Candidate);
    const first = await ctx.draftCase(candidate, world.standard.id);
    const again = await ctx.http.post('/cases').set(candidate.auth).send({ standardId: world.standard.id }).expect(409);
    expect(again.body.message).toBe(`you already have an open case on this standard (case ${first}, a draft); continue it or withdraw it first`);
    await ctx.setStatus(first, CaseStatus.Withdrawn);
    await ctx.http.post('/cases').set(candidate.auth).send({ standardId: world.standard.id }).expect(201);

    const draft = await ctx.make.standard(world.bodyId);
    await ctx.ds.getRepository(StandardEntity).update({ id: draft.id }, { published: false });
    const unpublished = await ctx.http.post('/cases').set(candidate.auth).send({ standardId: draft.id }).expect(404);
    expect(unpublished.body.message).toBe('standard not found');
    await ctx.http.post('/cases').set(candidate.auth).send({ standardId: randomUUID() }).expect(404);
  });

  it('refuses bad case creation input and non-candidates', async () => {
    const candidate = await ctx.user(Role.Candidate);
    const bad = await ctx.http.post('/cases').set(candidate.auth).send({ standardId: 'abc' }).expect(400);
    expect(bad.body.message).toEqual(['standardId must be a UUID']);
    await ctx.http.post('/cases').set(candidate.auth).send({ standardId: world.standard.id, status: 'awarded' }).expect(400);
    await ctx.http.post('/cases').set(candidate.auth).send({}).expect(400);
    await ctx.http.post('/cases').set(world.assessor.auth).send({ standardId: world.standard.id }).expect(403);
    await ctx.http.post('/cases').set(world.admin.auth).send({ standardId: world.standard.id }).expect(403);
  });

  describe('who sees a case', () => {
    let owner: SignedIn;
    let stranger: SignedIn;
    let caseId: string;
    beforeAll(async () => {
      owner = await ctx.user(Role.Candidate);
      stranger = await ctx.user(Role.Candidate);
      caseId = await ctx.draftCase(owner, world.standard.id);
      await ctx.assign(caseId, world.assessor.user.id, 'completed');
    });

    it('shows the case to its candidate, a (past) assessor and its body admin, with its state from the database', async () => {
      for (const who of [owner, world.assessor, world.admin]) {
        const res = await ctx.http.get(`/cases/${caseId}`).set(who.auth).expect(200);
        expect(res.body).toMatchObject({ id: caseId, status: 'draft', state: { status: 'draft', lastActivityAt: expect.any(String) } });
        expect(res.body.assessors).toEqual(who === owner ? [] : [expect.objectContaining({ assessorId: world.assessor.user.id, status: 'completed' })]);
      }
    }, 30_000);

    it("answers 404 'case not found' to another candidate, an unassigned assessor and another body's admin", async () => {
      for (const who of [stranger, world.otherAssessor, otherWorld.admin, otherWorld.assessor]) {
        const res = await ctx.http.get(`/cases/${caseId}`).set(who.auth).expect(404);
        expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'case not found', code: 'case.not_found' });
        await ctx.http.get(`/cases/${caseId}/timeline`).set(who.auth).expect(404);
      }
      await ctx.http.get(`/cases/${randomUUID()}`).set(owner.auth).expect(404);
      const malformed = await ctx.http.get('/cases/1%27%20OR%201=1').set(owner.auth).expect(400);
      expect(malformed.body.message).toEqual(['id in the path must be a UUID']);
    });

    it('lists cases by role and filters by status', async () => {
      const ids = async (who: SignedIn, query = '') => (await ctx.all<{ id: string }>(who, `/cases${query}`)).map((c) => c.id);
      expect(await ids(owner)).toEqual([caseId]);
      expect(await ids(stranger)).not.toContain(caseId);
      expect(await ids(world.assessor)).toContain(caseId);
      expect(await ids(world.otherAssessor)).not.toContain(caseId);
      expect(await ids(world.admin)).toContain(caseId);
      expect(await ids(otherWorld.admin)).not.toContain(caseId);
      expect(await ids(owner, '?status=draft')).toEqual([caseId]);
      expect(await ids(owner, '?status=awarded')).toEqual([]);
      const bad = await ctx.http.get('/cases?status=finished').set(owner.auth).expect(400);
      expect(bad.body.message[0]).toMatch(/^each of status must be one of draft, submitted/);
      await ctx.http.get('/cases?sort=desc').set(owner.auth).expect(400);
    });

    it('returns the timeline from the case_created event its workflow wrote, one page, in words for each reader', async () => {
      const mine = (await ctx.http.get(`/cases/${caseId}/timeline`).set(owner.auth).expect(200)).body;
      expect(mine.nextCursor).toBeNull();
      expect(mine.items).toEqual([expect.objectContaining({ type: 'case_created', toStatus: 'draft', actorId: owner.user.id, reason: 'you started the case' })]);
      const theirs = (await ctx.http.get(`/cases/${caseId}/timeline`).set(world.admin.auth).expect(200)).body;
      expect(theirs.items).toEqual([expect.objectContaining({ type: 'case_created', reason: 'case started by the candidate', data: { standardId: world.standard.id } })]);
    });
  });

  describe('PUT /cases/:id/self-assessment', () => {
    it('replaces the self-assessment with outcomes of the standard, marking activity on the case row and sending its process nothing', async () => {
      const candidate = await ctx.user(Role.Candidate);
      const caseId = await ctx.draftCase(candidate, world.standard.id);
      const before = (await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId })).lastActivityAt;
      const [lo1, lo2] = world.standard.learningOutcomes!;
      await ctx.http
        .put(`/cases/${caseId}/self-assessment`)
        .set(candidate.auth)
        .send({ items: [{ learningOutcomeId: lo1.id, level: 'confident', statement: ' I ran 12 sessions. ' }, { learningOutcomeId: lo2.id, level: 'partly', statement: '' }] })
        .expect(200);
      const res = await ctx.http
        .put(`/cases/${caseId}/self-assessment`)
        .set(candidate.auth)
        .send({ items: [{ learningOutcomeId: lo1.id, level: 'expert', statement: 'I ran 12 sessions.' }] })
        .expect(200);
      expect(res.body).toEqual([{ learningOutcomeId: lo1.id, level: 'expert', statement: 'I ran 12 sessions.' }]);
      const rows = await ctx.ds.getRepository(SelfAssessmentEntity).findBy({ caseId });
      expect(rows.map((r) => [r.learningOutcomeId, r.level])).toEqual([[lo1.id, 'expert']]);
      expect(await ctx.signalsOf(caseId)).toEqual([]);
      expect((await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId })).lastActivityAt.getTime()).toBeGreaterThan(before.getTime());
    });

    it('refuses outcomes of another standard, duplicates, bad levels and unknown fields', async () => {
      const candidate = await ctx.user(Role.Candidate);
      const caseId = await ctx.draftCase(candidate, world.standard.id);
      const lo1 = world.standard.learningOutcomes![0];
      const foreign = otherWorld.standard.learningOutcomes![0];
      const put = (items: unknown) => ctx.http.put(`/cases/${caseId}/self-assessment`).set(candidate.auth).send({ items });
      const other = await put([{ learningOutcomeId: foreign.id, level: 'expert', statement: 'x' }]).expect(400);
      expect(other.body.message).toEqual([`items has learning outcomes that are not in this case's standard: ${foreign.id}`]);
      const twice = await put([
        { learningOutcomeId: lo1.id, level: 'expert', statement: 'x' },
        { learningOutcomeId: lo1.id, level: 'partly', statement: 'y' },
      ]).expect(400);
      expect(twice.body.message).toEqual(['items lists a learning outcome twice']);
      const level = await put([{ learningOutcomeId: lo1.id, level: 'guru', statement: 'x' }]).expect(400);
      expect(level.body.message[0]).toMatch(/^items\.0\.level must be one of not_yet, partly, confident, expert/);
      await put([{ learningOutcomeId: lo1.id, level: 'expert', statement: 'x', score: 3 }]).expect(400);
      await put('all of them').expect(400);
      await ctx.http.put(`/cases/${caseId}/self-assessment`).set(candidate.auth).send({ items: [], extra: 1 }).expect(400);
      expect(await ctx.ds.getRepository(SelfAssessmentEntity).countBy({ caseId })).toBe(0);
    });

    it("refuses changes once the case is past the candidate's turn, and on another candidate's case", async () => {
      const candidate = await ctx.user(Role.Candidate);
      const stranger = await ctx.user(Role.Candidate);
      const caseId = await ctx.draftCase(candidate, world.standard.id);
      const lo1 = world.standard.learningOutcomes![0];
      const body = { items: [{ learningOutcomeId: lo1.id, level: 'expert', statement: 'x' }] };
      await ctx.http.put(`/cases/${caseId}/self-assessment`).set(stranger.auth).send(body).expect(404);
      await ctx.http.put(`/cases/${caseId}/self-assessment`).set(world.admin.auth).send(body).expect(403);
      await ctx.setStatus(caseId, CaseStatus.UnderAssessment);
      const res = await ctx.http.put(`/cases/${caseId}/self-assessment`).set(candidate.auth).send(body).expect(409);
      expect(res.body.message).toBe('the portfolio can change only while the case is a draft or evidence has been requested; this case is under assessment');
      await ctx.setStatus(caseId, CaseStatus.EvidenceRequested);
      await ctx.http.put(`/cases/${caseId}/self-assessment`).set(candidate.auth).send(body).expect(200);
    });
  });

  describe('candidate steps sent to the workflow', () => {
    let candidate: SignedIn;
    let caseId: string;
    beforeAll(async () => {
      candidate = await ctx.user(Role.Candidate);
      caseId = await ctx.draftCase(candidate, world.standard.id);
    });

    it('validates the payload and the actor before messaging the workflow', async () => {
      const stranger = await ctx.user(Role.Candidate);
      await ctx.http.post(`/cases/${caseId}/submit`).set(stranger.auth).expect(404);
      await ctx.http.post(`/cases/${caseId}/submit`).set(world.assessor.auth).expect(403);
      const extra = await ctx.http.post(`/cases/${caseId}/submit`).set(candidate.auth).send({ force: true }).expect(400);
      expect(extra.body.message).toEqual(['property force is not accepted here']);
      const noReason = await ctx.http.post(`/cases/${caseId}/withdraw`).set(candidate.auth).send({}).expect(400);
      expect(noReason.body.message).toEqual(expect.arrayContaining(['reason must not be empty']));
      await ctx.http.post(`/cases/${caseId}/withdraw`).set(candidate.auth).send({ reason: 42 }).expect(400);
      await ctx.http.post(`/cases/${caseId}/appeal`).set(candidate.auth).send({ reason: '' }).expect(400);
      await ctx.http.post(`/cases/${caseId}/appeal`).set(candidate.auth).send({ reason: 'x'.repeat(4001) }).expect(400);
      await ctx.http.post(`/cases/${caseId}/evidence-response`).set(candidate.auth).send({ note: ['a'] }).expect(400);
      await ctx.http.post(`/cases/${caseId}/reopen`).set(candidate.auth).send({ now: 1 }).expect(400);
      await ctx.http.post('/cases/not-a-uuid/submit').set(candidate.auth).expect(400);
      const row = await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
      expect(row.status).toBe(CaseStatus.Draft);
    });

    it("answers 409 when the case's workflow does not exist", async () => {
      const orphan = randomUUID();
      await ctx.ds.getRepository(CaseEntity).insert({
        id: orphan,
        candidateId: candidate.user.id,
        standardId: (await ctx.make.standard(world.bodyId)).id,
        awardingBodyId: world.bodyId,
        workflowId: `case-${orphan}`,
      });
      const res = await ctx.http.post(`/cases/${orphan}/submit`).set(candidate.auth).expect(409);
      // an open case (here a draft) whose process is gone is not an ended case
      expect(res.body).toMatchObject({ statusCode: 409, code: 'process.not_running', message: "the case's process is not running" });
    });
  });

  describe('in the words of the people who read it', () => {
    /** Waits until the case row (written by the workflow) reaches a status. */
    async function untilStatus(caseId: string, status: CaseStatus): Promise<CaseEntity> {
      for (let i = 0; i < 300; i++) {
        const row = await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
        if (row.status === status) return row;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`case ${caseId} never reached ${status}`);
    }

    it("gives the candidate the awarding body's time zone and each deadline in its words, and names missing learning outcomes", async () => {
      const local = await ctx.body();
      await ctx.ds.getRepository(AwardingBodyEntity).update({ id: local.bodyId }, { timeZone: 'America/New_York' });
      const candidate = await ctx.user(Role.Candidate);
      const caseId = await ctx.draftCase(candidate, local.standard.id);
      // no evidence: screening asks for it, with a deadline
      await ctx.http.post(`/cases/${caseId}/submit`).set(candidate.auth).expect(200);
      const row = await untilStatus(caseId, CaseStatus.EvidenceRequested);
      // the candidate cannot read the body's settings...
      await ctx.http.get('/awarding-body').set(candidate.auth).expect(403);
      // ...so the case says where its deadlines are kept, and words each one there
      const res = await ctx.http.get(`/cases/${caseId}`).set(candidate.auth).expect(200);
      expect(res.body.standard.awardingBody).toEqual({ id: local.bodyId, name: 'Test Awarding Body', country: 'FR', timeZone: 'America/New_York' });
      const at = row.evidenceDueAt!.toISOString();
      expect(res.body.deadlines).toEqual({
        evidenceDueAt: { at, local: formatDeadline(at, 'America/New_York') },
        assessmentDueAt: null,
        appealDeadline: null,
        reopenDeadline: null,
      });
      expect(res.body.deadlines.evidenceDueAt.local).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, 23:59 \(America\/New_York\)$/);
      // the instants stay where clients read them
      expect(res.body.state.evidenceDueAt).toBe(at);
      expect(res.body.evidenceDueAt).toBe(at);

      const timeline = (await ctx.http.get(`/cases/${caseId}/timeline`).set(candidate.auth).expect(200)).body.items as { reason: string; data: Record<string, unknown> }[];
      const request = timeline.at(-1)!;
      expect(request.reason).toBe('evidence is missing for learning outcomes LO1 (Learning outcome 1) and LO2 (Learning outcome 2): add it and answer the request');
      expect(request.data.learningOutcomeIds).toHaveLength(2);
    });

    it('refuses a step on an ended case from its row: 409 case.ended, the status in words', async () => {
      const candidate = await ctx.user(Role.Candidate);
      const caseId = await ctx.draftCase(candidate, world.standard.id);
      await ctx.http.post(`/cases/${caseId}/withdraw`).set(candidate.auth).send({ reason: 'changed my mind' }).expect(200);
      await untilStatus(caseId, CaseStatus.Withdrawn);
      const ended = { statusCode: 409, code: 'case.ended', message: 'the case is withdrawn: it has ended' };
      expect((await ctx.http.post(`/cases/${caseId}/appeal`).set(candidate.auth).send({ reason: 'please' }).expect(409)).body).toMatchObject(ended);
      expect((await ctx.http.post(`/cases/${caseId}/reopen`).set(candidate.auth).expect(409)).body).toMatchObject(ended);
      expect((await ctx.http.post(`/cases/${caseId}/withdraw`).set(candidate.auth).send({ reason: 'again' }).expect(409)).body).toMatchObject(ended);
      const decide = { result: 'not_awarded', recognisedOutcomeIds: [], reason: 'too late' };
      expect((await ctx.http.post(`/cases/${caseId}/decision`).set(world.admin.auth).send(decide).expect(409)).body).toMatchObject(ended);
      const attention = { action: 'retry', reason: 'try again' };
      expect((await ctx.http.post(`/cases/${caseId}/attention`).set(world.admin.auth).send(attention).expect(409)).body).toMatchObject(ended);
      // reading it still works, from the row
      expect((await ctx.http.get(`/cases/${caseId}`).set(candidate.auth).expect(200)).body.status).toBe('withdrawn');
    });
  });

  describe('when Temporal is down', () => {
  it("saves nothing and answers 503 when the case's process cannot be started", async () => {
    const candidate = await ctx.user(Role.Candidate);
    await ctx.temporal.stop('SIGKILL');
    try {
      const res = await ctx.http.post('/cases').set(candidate.auth).send({ standardId: world.standard.id }).expect(503);
      expect(res.body.message).toMatch(/could not be opened now.*nothing was saved/);
      expect(await ctx.ds.getRepository(CaseEntity).countBy({ candidateId: candidate.user.id })).toBe(0);
      const health = await ctx.http.get('/health').expect(503);
      expect(health.body).toEqual({ status: 'degraded', database: 'up', temporal: 'down' });
      // reads never wait on the process engine: the case row is the system of record
      const opened = ((await ctx.http.get('/cases').set(world.admin.auth).expect(200)).body as { items: { id: string }[] }).items;
      expect(opened.length).toBeGreaterThan(0);
      const read = await ctx.http.get(`/cases/${opened[0].id}`).set(world.admin.auth).expect(200);
      expect(read.body.state.status).toEqual(expect.any(String));
    } finally {
      await ctx.temporal.restart();
    }
    // the client reconnects on its own; once health sees Temporal again, cases start again
    while ((await ctx.http.get('/health')).status !== 200) await new Promise((r) => setTimeout(r, 500));
    await ctx.draftCase(candidate, world.standard.id);
  }, 120_000);
  });
});
