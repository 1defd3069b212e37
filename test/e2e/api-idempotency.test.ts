import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Response } from 'supertest';
import { createApp } from '../../apps/api/src/app';
import { CaseStatus, Role } from '../../libs/domain';
import { restartCaseWorkflow } from '../../libs/temporal/temporal';
import { CaseEntity, CaseEventEntity, EvidenceEntity, IdempotencyKeyEntity, SelfAssessmentEntity } from '../../libs/persistence/entities';
import { ApiTestContext, samples } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';
import { InProcessWorker } from './support/in-process-worker';
import { watchServer } from './support/response-conformance';
import { eventually } from './support/system';

jest.setTimeout(120_000);

type Method = 'post' | 'put' | 'patch' | 'delete';

/**
 * The Idempotency-Key contract, with the case workflow really running (an in-process worker): a retry gets the
 * first answer, a reused key is refused, concurrent twins run the step once, and a step whose result is late
 * answers 202 with a Location.
 */
describe('API: Idempotency-Key and late steps', () => {
  let ctx: ApiTestContext;
  let worker: InProcessWorker;
  let world: BodyWorld;

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    worker = await InProcessWorker.start({ address: ctx.temporal.address, taskQueue: ctx.config.temporal.taskQueue, ds: ctx.ds });
    world = await ctx.body();
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await ctx?.close();
  });

  const send = (who: SignedIn, method: Method, path: string, key?: string, body?: unknown) => {
    let req = ctx.http[method](path).set(who.auth);
    if (key !== undefined) req = req.set('Idempotency-Key', key);
    return body === undefined ? req : req.send(body as object);
  };

  /** What a client gets: status, content type and the body, byte for byte. */
  const answer = (res: Response) => ({ status: res.status, type: res.headers['content-type'] as string | undefined, text: res.text });

  /** A draft whose portfolio covers every learning outcome, so the process can screen and assign it. */
  async function readyCase(candidate: SignedIn): Promise<string> {
    const caseId = await ctx.draftCase(candidate, world.standard.id);
    const outcomes = world.standard.learningOutcomes!;
    await send(candidate, 'put', `/cases/${caseId}/self-assessment`, undefined, {
      items: outcomes.map((o) => ({ learningOutcomeId: o.id, level: 'confident', statement: `I can show ${o.code}` })),
    }).expect(200);
    await send(candidate, 'post', `/cases/${caseId}/evidence`, undefined, {
      kind: 'url',
      title: 'Portfolio',
      url: 'https://example.org/portfolio',
      learningOutcomeIds: outcomes.map((o) => o.id),
    }).expect(201);
    return caseId;
  }

  /** Sends the request with its key until the answer is final (a 202 is retried with the same key). */
  async function finalAnswer(who: SignedIn, method: Method, path: string, key: string, body?: unknown): Promise<Response> {
    return eventually(`a final answer to ${method.toUpperCase()} ${path}`, async () => {
      const res = await send(who, method, path, key, body);
      return res.status === 202 ? undefined : res;
    });
  }

  const submissions = async (caseId: string) =>
    (await ctx.ds.getRepository(CaseEventEntity).findBy({ caseId })).filter((e) => e.fromStatus === CaseStatus.Draft && e.toStatus === CaseStatus.Submitted);

  /** The updates the case's workflow accepted, by name, from its history. */
  async function acceptedUpdates(caseId: string): Promise<string[]> {
    // every run of the case: it continues as new at stage boundaries, so walk back from the latest run
    const names: string[] = [];
    let runId: string | undefined;
    do {
      const history = await ctx.client.workflow.getHandle(`case-${caseId}`, runId).fetchHistory();
      names.unshift(
        ...(history.events ?? [])
          .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name)
          .filter((name): name is string => typeof name === 'string'),
      );
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    } while (runId);
    return names;
  }

  it('gives a retried submit the identical answer, where a retry without a key is refused with 409', async () => {
    const candidate = await ctx.user(Role.Candidate);
    const caseId = await readyCase(candidate);
    const key = randomUUID();
    const first = await finalAnswer(candidate, 'post', `/cases/${caseId}/submit`, key);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: expect.any(String), stage: expect.any(String) });

    const retry = await send(candidate, 'post', `/cases/${caseId}/submit`, key);
    expect(answer(retry)).toEqual(answer(first));
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    // the retry with the key reached the workflow as the same update, taken once
    expect((await acceptedUpdates(caseId)).filter((n) => n === 'submit')).toHaveLength(1);

    const plain = await send(candidate, 'post', `/cases/${caseId}/submit`);
    expect(plain.status).toBe(409);
    expect(await submissions(caseId)).toHaveLength(1);
  });

  it('refuses a key reused with another body, on another route or on another case with 422, and changes nothing', async () => {
    const candidate = await ctx.user(Role.Candidate);
    const caseId = await ctx.draftCase(candidate, world.standard.id);
    const otherCase = await ctx.draftCase(candidate, (await ctx.make.standard(world.bodyId)).id);
    const [lo1, lo2] = world.standard.learningOutcomes!;
    const key = `self-assessment-${randomUUID()}`;
    const first = { items: [{ learningOutcomeId: lo1!.id, level: 'expert', statement: 'first' }] };
    const ok = await send(candidate, 'put', `/cases/${caseId}/self-assessment`, key, first).expect(200);

    // the same request, keys in another order: a retry, not a new request
    const reordered = { items: [{ statement: 'first', level: 'expert', learningOutcomeId: lo1!.id }] };
    expect(answer(await send(candidate, 'put', `/cases/${caseId}/self-assessment`, key, reordered))).toEqual(answer(ok));

    const otherBody = await send(candidate, 'put', `/cases/${caseId}/self-assessment`, key, {
      items: [{ learningOutcomeId: lo2!.id, level: 'partly', statement: 'second' }],
    }).expect(422);
    expect(otherBody.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      code: 'idempotency.key_reused',
      message: `this Idempotency-Key was already used for another request (PUT /cases/${caseId}/self-assessment with a different body); send a new key with a new request, and the same key only to retry the same request`,
    });
    const otherRoute = await send(candidate, 'post', `/cases/${caseId}/submit`, key).expect(422);
    expect(otherRoute.body.message).toMatch(new RegExp(`^this Idempotency-Key was already used for another request \\(PUT /cases/${caseId}/self-assessment\\)`));
    await send(candidate, 'put', `/cases/${otherCase}/self-assessment`, key, first).expect(422);

    const rows = await ctx.ds.getRepository(SelfAssessmentEntity).findBy({ caseId });
    expect(rows.map((r) => r.statement)).toEqual(['first']);
    expect(await ctx.ds.getRepository(SelfAssessmentEntity).countBy({ caseId: otherCase })).toBe(0);
    expect(await submissions(caseId)).toHaveLength(0);
  });

  it('keeps two users with the same key string apart', async () => {
    const [alice, bob] = [await ctx.user(Role.Candidate), await ctx.user(Role.Candidate)];
    const key = 'my-first-case';
    const standardId = (await ctx.make.standard(world.bodyId)).id;
    const aliceCase = await send(alice, 'post', '/cases', key, { standardId }).expect(201);
    const bobCase = await send(bob, 'post', '/cases', key, { standardId }).expect(201);
    expect(bobCase.body.id).not.toBe(aliceCase.body.id);
    expect(bobCase.body.candidateId).toBe(bob.user.id);
    expect((await send(alice, 'post', '/cases', key, { standardId }).expect(201)).body).toEqual(aliceCase.body);

    const [aliceReady, bobReady] = [await readyCase(alice), await readyCase(bob)];
    const [aliceSubmit, bobSubmit] = await Promise.all([
      finalAnswer(alice, 'post', `/cases/${aliceReady}/submit`, 'submit-it'),
      finalAnswer(bob, 'post', `/cases/${bobReady}/submit`, 'submit-it'),
    ]);
    expect([aliceSubmit.status, bobSubmit.status]).toEqual([200, 200]);
    expect(await submissions(aliceReady)).toHaveLength(1);
    expect(await submissions(bobReady)).toHaveLength(1);
  });

  it('runs the step once for concurrent requests with the same key; the twins wait or are told to retry', async () => {
    const candidate = await ctx.user(Role.Candidate);
    const caseId = await readyCase(candidate);
    const key = randomUUID();
    const twins = await Promise.all([0, 1, 2].map(() => send(candidate, 'post', `/cases/${caseId}/submit`, key)));
    for (const twin of twins) {
      expect([200, 202, 409]).toContain(twin.status);
      if (twin.status === 409) {
        expect(twin.body).toMatchObject({ code: 'idempotency.in_progress', message: 'a request with this Idempotency-Key is still in progress; retry shortly' });
        expect(twin.headers['retry-after']).toBe('1');
      }
    }
    const settled = await finalAnswer(candidate, 'post', `/cases/${caseId}/submit`, key);
    expect(settled.status).toBe(200);
    for (const twin of twins.filter((t) => t.status === 200)) expect(answer(twin)).toEqual(answer(settled));
    expect(await submissions(caseId)).toHaveLength(1);
    expect((await acceptedUpdates(caseId)).filter((n) => n === 'submit')).toHaveLength(1);
    const rows = await ctx.ds.getRepository(IdempotencyKeyEntity).findBy({ userId: candidate.user.id, key });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'completed', responseStatus: 200, method: 'POST', path: `/cases/${caseId}/submit` });
  });

  it('tells a twin of a request still running to retry shortly (409), then gives it the answer', async () => {
    const candidate = await ctx.user(Role.Candidate);
    const caseId = await readyCase(candidate);
    const key = randomUUID();
    const lock = ctx.ds.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    let first: Promise<Response>;
    try {
      // the submission cannot finish while the case's event log is locked
      await lock.query('LOCK TABLE case_event IN SHARE ROW EXCLUSIVE MODE');
      first = Promise.resolve(send(candidate, 'post', `/cases/${caseId}/submit`, key));
      await eventually('the first request to claim its key', async () =>
        (await ctx.ds.getRepository(IdempotencyKeyEntity).countBy({ userId: candidate.user.id, key })) ? true : undefined,
      );
      const twin = await send(candidate, 'post', `/cases/${caseId}/submit`, key).expect(409);
      expect(twin.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        code: 'idempotency.in_progress',
        message: 'a request with this Idempotency-Key is still in progress; retry shortly',
      });
      expect(twin.headers['retry-after']).toBe('1');
    } finally {
      await lock.rollbackTransaction();
      await lock.release();
    }
    const answered = await first;
    expect(answered.status).toBe(200);
    expect(answer(await send(candidate, 'post', `/cases/${caseId}/submit`, key))).toEqual(answer(answered));
    expect(await submissions(caseId)).toHaveLength(1);
  });

  it('returns the same created resource for a repeated non-case request, and creates one row', async () => {
    const candidate = await ctx.user(Role.Candidate);
    const caseId = await ctx.draftCase(candidate, world.standard.id);
    const key = randomUUID();
    const body = { kind: 'url', title: `Course page ${key}`, url: 'https://example.org/course', learningOutcomeIds: [world.standard.learningOutcomes![0]!.id] };
    const first = await send(candidate, 'post', `/cases/${caseId}/evidence`, key, body).expect(201);
    const again = await send(candidate, 'post', `/cases/${caseId}/evidence`, key, body).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId, title: body.title })).toBe(1);

    const removeKey = randomUUID();
    const removed = await send(candidate, 'delete', `/cases/${caseId}/evidence/${first.body.id}`, removeKey).expect(204);
    const removedAgain = await send(candidate, 'delete', `/cases/${caseId}/evidence/${first.body.id}`, removeKey).expect(204);
    expect(removedAgain.headers['idempotent-replayed']).toBe('true');
    expect(removed.text).toBe('');
    // without the key, removing it again is a new request, and the evidence is gone
    await send(candidate, 'delete', `/cases/${caseId}/evidence/${first.body.id}`).expect(404);

    // an upload streams to storage once: the retry is answered without reading its body again
    const uploadKey = randomUUID();
    const upload = () =>
      send(candidate, 'post', `/cases/${caseId}/evidence/files`, uploadKey)
        .field('title', `Workbook ${uploadKey}`)
        .field('learningOutcomeIds', world.standard.learningOutcomes![0]!.id)
        .attach('file', samples.pdf(), { filename: 'workbook.pdf', contentType: 'application/pdf' });
    const uploaded = await upload().expect(201);
    expect(answer(await upload().expect(201))).toEqual(answer(uploaded));
    expect(await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId, title: `Workbook ${uploadKey}` })).toBe(1);

    // a refusal is a final answer too: the same 4xx, even once the cause is gone
    const refusedKey = randomUUID();
    const refused = await send(candidate, 'post', '/cases', refusedKey, { standardId: world.standard.id }).expect(409);
    await ctx.setStatus(caseId, CaseStatus.Withdrawn);
    expect(answer(await send(candidate, 'post', '/cases', refusedKey, { standardId: world.standard.id }))).toEqual(answer(refused));
  });

  it('refuses a malformed Idempotency-Key with 400 and a sentence, before doing anything', async () => {
    const candidate = await ctx.user(Role.Candidate);
    for (const bad of ['', 'k'.repeat(201), 'two words', 'clé']) {
      const res = await send(candidate, 'post', '/cases', bad, { standardId: world.standard.id }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'idempotency.invalid_key' });
      expect(res.body.message).toMatch(/^the Idempotency-Key header .* it must be 1 to 200 visible ASCII characters \(no spaces\), such as a UUID$/);
    }
    expect(await ctx.ds.getRepository(CaseEntity).countBy({ candidateId: candidate.user.id })).toBe(0);
    expect(await ctx.ds.getRepository(IdempotencyKeyEntity).countBy({ userId: candidate.user.id })).toBe(0);
    // login and register are public: the header is ignored there
    await ctx.http.post('/auth/login').set('Idempotency-Key', '').send({ email: candidate.user.email, password: 'wrong password' }).expect(401);
    // logout takes a key, but once the session has ended nothing signs the retry in
    const session = await ctx.login(candidate.user);
    await send(session, 'post', '/auth/logout', 'bye').expect(204);
    await send(session, 'post', '/auth/logout', 'bye').expect(401);
  });

  it('documents the header on every signed-in state-changing operation, and the 202 contract of the steps', async () => {
    const doc = (await ctx.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: unknown[]; parameters?: { $ref?: string }[]; responses: Record<string, { headers?: Record<string, unknown> }> }>>;
      components: { parameters: Record<string, { name: string; in: string }> };
    };
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of ['post', 'put', 'patch', 'delete']) {
        const op = ops[method];
        // public operations (login, register, verification) take no session, so no key
        if (!op || !op.security?.length) continue;
        if (!op.parameters?.some((p) => p.$ref === '#/components/parameters/IdempotencyKey') || !op.responses['422']) missing.push(`${method} ${path}`);
      }
    }
    expect(missing).toEqual([]);
    expect(doc.paths['/auth/login']!.post!.security ?? []).toEqual([]);
    const steps = ['/cases/{id}/submit', '/cases/{id}/withdraw', '/cases/{id}/assessment/accept', '/cases/{id}/decision'];
    for (const path of steps) {
      expect(doc.paths[path]!.post!.responses['202']!.headers).toHaveProperty('Location');
      expect(doc.paths[path]!.post!.responses['503']!.headers).toHaveProperty('Retry-After');
    }
    expect(Object.keys(doc.paths['/cases/{id}/steps/{updateId}']!.get!.responses)).toEqual(expect.arrayContaining(['200', '202', '404', '409', '503']));
  });

  describe('with a short answer deadline', () => {
    let slowApp: NestExpressApplication;
    const deadlineMs = 3_000;
    const slow = () => request(slowApp.getHttpServer());

    beforeAll(async () => {
      slowApp = await createApp({ config: { ...ctx.config, steps: { ...ctx.config.steps, answerDeadlineMs: deadlineMs } } });
      // its answers are held to the document too (the context's log fails the file at close)
      watchServer(slowApp.getHttpServer(), (exchange) => ctx.conformance.observe(exchange));
      await slowApp.init();
    });
    afterAll(async () => {
      await slowApp?.close();
    });

    it('answers 202 with a Location for a step whose result is late, then its result there and to a retry with the key', async () => {
      const candidate = await ctx.user(Role.Candidate);
      const stranger = await ctx.user(Role.Candidate);
      const caseId = await readyCase(candidate);
      const key = randomUUID();
      const submit = () => slow().post(`/cases/${caseId}/submit`).set(candidate.auth).set('Idempotency-Key', key);

      // the workflow accepts the submission, then its first write waits behind this lock
      const lock = ctx.ds.createQueryRunner();
      await lock.connect();
      await lock.startTransaction();
      let location: string;
      let updateId: string;
      let acceptingRun: string;
      try {
        await lock.query('LOCK TABLE case_event IN SHARE ROW EXCLUSIVE MODE');
        const accepted = await submit().expect(202);
        ({ location, updateId } = accepted.body as { location: string; updateId: string });
        expect(accepted.body).toEqual({ status: 'accepted', updateId: expect.stringMatching(/^[0-9a-f-]{36}$/), location: `/cases/${caseId}/steps/${updateId}` });
        expect(accepted.headers.location).toBe(location);

        const pending = await slow().get(location).set(candidate.auth).expect(202);
        expect(pending.body).toEqual(accepted.body);
        // a 202 is not the final answer of the key: a retry asks again, and the step is not sent twice
        const retried = await submit().expect(202);
        expect(retried.body).toEqual(accepted.body);
        expect(await ctx.ds.getRepository(IdempotencyKeyEntity).findOneByOrFail({ userId: candidate.user.id, key })).toMatchObject({
          state: 'accepted',
          stepCaseId: caseId,
          stepUpdateId: updateId,
        });
        acceptingRun = (await ctx.client.workflow.getHandle(`case-${caseId}`).describe()).runId;
      } finally {
        await lock.rollbackTransaction();
        await lock.release();
      }

      // The run that took the submission hands over to a new run at the end of the stage: the Location and a
      // retry with the key still give the step's result, which Temporal keeps in that earlier run's history.
      await eventually('the case to be assigned by a later run than the one that took the submission', async () => {
        const row = await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
        const { runId } = await ctx.client.workflow.getHandle(`case-${caseId}`).describe();
        return row.status === CaseStatus.AssessorAssigned && runId !== acceptingRun ? true : undefined;
      });
      const done = await eventually('the step result at its Location', async () => {
        const res = await slow().get(location).set(candidate.auth);
        if (res.status !== 200 && res.status !== 202) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
        return res.status === 200 ? res : undefined;
      });
      expect(done.body).toEqual({ status: CaseStatus.Submitted, stage: expect.any(String) });
      const final = await submit().expect(200);
      expect(final.body).toEqual(done.body);
      expect(answer(await submit())).toEqual(answer(final));
      expect(await submissions(caseId)).toHaveLength(1);
      expect((await acceptedUpdates(caseId)).filter((n) => n === 'submit')).toHaveLength(1);

      // the Location is the case's: others see 404, as for the case itself; an unknown step is 404 too
      await slow().get(location).set(stranger.auth).expect(404);
      expect((await slow().get(location).set(world.admin.auth).expect(200)).body).toEqual(done.body);
      const unknown = await slow().get(`/cases/${caseId}/steps/${randomUUID()}`).set(candidate.auth).expect(404);
      expect(unknown.body).toMatchObject({ code: 'process.step_not_found', message: 'no step with this id on this case' });
      await slow().get(`/cases/${caseId}/steps/not-an-id`).set(candidate.auth).expect(400);
    });

    it('answers 503 with Retry-After when the step is not even accepted in time, and a retry with the key runs again', async () => {
      const candidate = await ctx.user(Role.Candidate);
      const caseId = randomUUID();
      await ctx.ds.getRepository(CaseEntity).insert({
        id: caseId,
        candidateId: candidate.user.id,
        standardId: world.standard.id,
        awardingBodyId: world.bodyId,
        workflowId: `case-${caseId}`,
      });
      // its workflow waits on a task queue no worker polls
      await restartCaseWorkflow(ctx.client, `no-worker-${randomUUID()}`, caseId);
      const key = randomUUID();
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await slow().post(`/cases/${caseId}/withdraw`).set(candidate.auth).set('Idempotency-Key', key).send({ reason: 'no time' }).expect(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toMatchObject({ code: 'process.unavailable' });
        expect(res.body.message).toMatch(/did not take the step in time.*retry shortly with the same Idempotency-Key/);
      }
      expect(await ctx.ds.getRepository(IdempotencyKeyEntity).countBy({ userId: candidate.user.id, key })).toBe(0);
    });
  });
});
