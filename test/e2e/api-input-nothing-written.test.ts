import { CaseStatus, Role } from '../../libs/domain';
import {
  AwardingBodyEntity,
  CaseEntity,
  CaseEventEntity,
  ConflictOfInterestEntity,
  EvidenceEntity,
  IdempotencyKeyEntity,
  SelfAssessmentEntity,
  StandardEntity,
  UserEntity,
} from '../../libs/persistence/entities';
import { ApiTestContext, samples } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';
import { eventually } from './support/system';

const NUL = 'before\u0000after';
const LONE_SURROGATE = '"half \\ud800 of a pair"';

/** A multipart upload written out by hand, so the file name can carry what a browser would never send. */
function multipart(parts: { name: string; value: string | Buffer; fileName?: string }[]): { body: Buffer; type: string } {
  const boundary = 'vnfil-test-boundary';
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName !== undefined ? `; filename*=UTF-8''${p.fileName}` : ''}\r\n` +
        `${p.fileName !== undefined ? 'Content-Type: application/pdf\r\n' : ''}\r\n`,
    ),
    Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value, 'utf8'),
    Buffer.from('\r\n'),
  ]);
  return { body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * With the worker running, so a case's process really moves: input refused by the gate writes nothing (no row,
 * no event, no idempotency key) and leaves a case in its status, never needs_attention; the same route with
 * good input then does what it should, so the refusal was the input's and not the route's.
 */
describe('API: refused input loses nothing and parks nothing', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  let candidate: SignedIn;
  let caseId: string;

  const status = async () => (await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId })).status;
  const events = () => ctx.ds.getRepository(CaseEventEntity).countBy({ caseId });

  beforeAll(async () => {
    ctx = await ApiTestContext.start({ worker: true });
    world = await ctx.body();
    candidate = await ctx.user(Role.Candidate);
    caseId = await ctx.draftCase(candidate, world.standard.id);
    await eventually('the case to be drafted', async () => ((await status()) === CaseStatus.Draft ? true : undefined));
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('a withdrawal with a NUL, an unpaired surrogate or a blank reason is refused; the case stays draft, then withdraws with a real reason', async () => {
    const before = await events();
    const nul = await ctx.http.post(`/cases/${caseId}/withdraw`).set(candidate.auth).set('Idempotency-Key', 'nul-reason-1').send({ reason: NUL }).expect(400);
    expect(nul.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'request.invalid', message: ['reason must not contain the NUL character'] });
    const surrogate = await ctx.http.post(`/cases/${caseId}/withdraw`).set(candidate.auth).set('content-type', 'application/json').send(`{"reason": ${LONE_SURROGATE}}`).expect(400);
    expect(surrogate.body.message).toEqual([expect.stringMatching(/^reason must not contain an unpaired UTF-16 surrogate/)]);
    const blank = await ctx.http.post(`/cases/${caseId}/withdraw`).set(candidate.auth).send({ reason: '   ' }).expect(400);
    expect(blank.body).toMatchObject({ code: 'request.invalid', message: ['reason must not be empty'] });
    await ctx.http.post(`/cases/${caseId}/withdraw`).set(candidate.auth).set('content-type', 'text/plain').send('I changed my mind').expect(415);

    // the gate answers before the idempotency interceptor claims the key
    expect(await ctx.ds.getRepository(IdempotencyKeyEntity).countBy({ userId: candidate.user.id })).toBe(0);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await status()).toBe(CaseStatus.Draft);
    expect(await events()).toBe(before);
    expect(await ctx.signalsOf(caseId)).toEqual([]);

    await ctx.http.post(`/cases/${caseId}/withdraw`).set(candidate.auth).send({ reason: 'I changed my mind' }).expect(200);
    await eventually('the case to be withdrawn', async () => ((await status()) === CaseStatus.Withdrawn ? true : undefined));
  }, 60_000);

  describe('on a draft case', () => {
    let draftId: string;
    let candidateTwo: SignedIn;
    const lo = () => world.standard.learningOutcomes!.map((o) => o.id);

    beforeAll(async () => {
      candidateTwo = await ctx.user(Role.Candidate);
      draftId = await ctx.draftCase(candidateTwo, world.standard.id);
    });

    it('a self-assessment with a NUL in a statement writes no row', async () => {
      const res = await ctx.http
        .put(`/cases/${draftId}/self-assessment`)
        .set(candidateTwo.auth)
        .send({ items: [{ learningOutcomeId: lo()[0], level: 'confident', statement: 'fine' }, { learningOutcomeId: lo()[1], level: 'partly', statement: NUL }] })
        .expect(400);
      expect(res.body.message).toEqual(['items.1.statement must not contain the NUL character']);
      expect(await ctx.ds.getRepository(SelfAssessmentEntity).countBy({ caseId: draftId })).toBe(0);
    });

    it('evidence with a NUL (JSON or multipart field, file name) or a blank title writes no row; the same upload without it is stored', async () => {
      const evidence = () => ctx.ds.getRepository(EvidenceEntity).countBy({ caseId: draftId });
      const attestation = { kind: 'attestation', title: 'Reference', learningOutcomeIds: [lo()[0]], attestorName: 'A. Manager', statement: NUL };
      const json = await ctx.http.post(`/cases/${draftId}/evidence`).set(candidateTwo.auth).send(attestation).expect(400);
      expect(json.body.message).toEqual(['statement must not contain the NUL character']);
      const blankTitle = await ctx.http.post(`/cases/${draftId}/evidence`).set(candidateTwo.auth).send({ ...attestation, title: ' ', statement: 'ok', attestorOrganisation: '' }).expect(400);
      expect(blankTitle.body.message).toEqual(['title must not be empty', 'attestorOrganisation must not be blank: leave it out when there is none']);

      const upload = (parts: Parameters<typeof multipart>[0]) => {
        const { body, type } = multipart(parts);
        return ctx.http.post(`/cases/${draftId}/evidence/files`).set(candidateTwo.auth).set('content-type', type).send(body);
      };
      const fields = (title: string) => [
        { name: 'title', value: title },
        { name: 'learningOutcomeIds', value: lo()[0]! },
      ];
      const nulTitle = await upload([...fields(NUL), { name: 'file', value: samples.pdf(), fileName: 'portfolio.pdf' }]).expect(400);
      expect(nulTitle.body).toMatchObject({ code: 'evidence.invalid', message: ['title must not contain the NUL character'] });
      const nulName = await upload([...fields('Portfolio'), { name: 'file', value: samples.pdf(), fileName: 'port%00folio.pdf' }]).expect(400);
      expect(nulName.body).toMatchObject({ code: 'evidence.invalid', message: expect.arrayContaining(['the file name must not contain the NUL character']) });
      const blank = await upload([...fields('  '), { name: 'file', value: samples.pdf(), fileName: 'portfolio.pdf' }]).expect(400);
      expect(blank.body.message).toEqual(['title must not be empty']);
      const notMultipart = await ctx.http.post(`/cases/${draftId}/evidence/files`).set(candidateTwo.auth).set('content-type', 'text/plain').send('a file').expect(415);
      expect(notMultipart.body.code).toBe('evidence.not_multipart');
      expect(await evidence()).toBe(0);

      await upload([...fields('Portfolio'), { name: 'file', value: samples.pdf(), fileName: 'portfolio.pdf' }]).expect(201);
      expect(await evidence()).toBe(1);
    });
  });

  it("a __proto__ or constructor key in the awarding body's settings is refused and the settings stay as they were", async () => {
    await ctx.http.patch('/awarding-body').set(world.admin.auth).send({ settings: { appealWindowDays: 21 } }).expect(200);
    const settings = async () => (await ctx.ds.getRepository(AwardingBodyEntity).findOneByOrFail({ id: world.bodyId })).settings;
    for (const body of ['{"settings": {"__proto__": {"appealWindowDays": 5}}}', '{"settings": {"constructor": {"prototype": {"x": 1}}}}', '{"__proto__": {"timeZone": "UTC"}}']) {
      const res = await ctx.http.patch('/awarding-body').set(world.admin.auth).set('content-type', 'application/json').send(body).expect(400);
      expect(res.body).toMatchObject({ code: 'request.invalid', message: [expect.stringMatching(/(__proto__|constructor) is not accepted/)] });
    }
    expect(await settings()).toEqual({ appealWindowDays: 21 });
  });

  it('a standard with __proto__ in its settings or a NUL in its title is not created', async () => {
    const count = () => ctx.ds.getRepository(StandardEntity).countBy({ awardingBodyId: world.bodyId });
    const before = await count();
    const res = await ctx.http
      .post('/standards')
      .set(world.admin.auth)
      .set('content-type', 'application/json')
      .send('{"code": "X-1", "title": "T", "eqfLevel": 4, "workloadHours": 10, "settings": {"__proto__": {"appealWindowDays": 1}}, "learningOutcomes": [], "microCredential": {}}')
      .expect(400);
    expect(res.body.message).toEqual(['settings.__proto__ is not accepted: __proto__, constructor and prototype are never field names']);
    const nul = await ctx.http.post('/standards').set(world.admin.auth).send({ code: 'X-2', title: NUL }).expect(400);
    expect(nul.body.message).toEqual(['title must not contain the NUL character']);
    expect(await count()).toBe(before);
  });

  it('a registration with a NUL or a blank display name creates no account', async () => {
    const email = `nul-${Date.now()}@example.org`;
    const nul = await ctx.http.post('/auth/register').send({ email, displayName: NUL, password: 'correct horse battery staple' }).expect(400);
    expect(nul.body).toMatchObject({ code: 'request.invalid', message: ['displayName must not contain the NUL character'] });
    const blank = await ctx.http.post('/auth/register').send({ email, displayName: '   ', password: 'correct horse battery staple' }).expect(400);
    expect(blank.body.message).toEqual(['displayName must not be empty']);
    const login = await ctx.http.post('/auth/login').send({ email: `a\u0000${email}`, password: 'x' }).expect(400);
    expect(login.body.message).toEqual(['email must not contain the NUL character']);
    expect(await ctx.ds.getRepository(UserEntity).countBy({ email })).toBe(0);
  });

  it('a conflict of interest with a NUL or blank reason is not recorded', async () => {
    for (const reason of [NUL, '  ']) {
      await ctx.http.post('/conflicts').set(world.assessor.auth).send({ candidateId: candidate.user.id, reason }).expect(400);
    }
    expect(await ctx.ds.getRepository(ConflictOfInterestEntity).countBy({ assessorId: world.assessor.user.id })).toBe(0);
  });

  it('a NUL in a query parameter is refused by name', async () => {
    const res = await ctx.http.get('/cases?status=draft%00').set(candidate.auth).expect(400);
    expect(res.body).toMatchObject({ code: 'request.invalid', message: ['query parameter status must not contain the NUL character'] });
  });
});
