import { randomUUID } from 'node:crypto';
import { Role } from '../../libs/domain';
import { AuditLogEntity, MicroCredentialSpecEntity, StandardEntity } from '../../libs/persistence/entities';
import { ApiTestContext } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';

function newStandard(overrides: Record<string, unknown> = {}) {
  return {
    code: `WEB-${randomUUID().slice(0, 6)}`,
    title: 'Accessible web content',
    description: 'Writing and checking web pages that everyone can use.',
    eqfLevel: 5,
    nqfLevel: 6,
    credits: 4,
    creditSystem: 'ECTS',
    workloadHours: 100,
    settings: { evidenceRequestDays: 21, requireAdmissibility: true },
    learningOutcomes: [
      { code: 'LO1', description: 'Audit a page against WCAG 2.2', criteria: [{ code: 'LO1.1', description: 'Finds the failures' }] },
      {
        code: 'LO2',
        description: 'Fix the failures',
        criteria: [
          { code: 'LO2.1', description: 'Fixes contrast' },
          { code: 'LO2.2', description: 'Fixes keyboard access' },
        ],
      },
    ],
    microCredential: {
      title: 'Micro-credential in accessible web content',
      typeOfAssessment: 'Portfolio',
      formOfParticipation: 'online',
      typeOfQualityAssurance: 'External review',
      validityMonths: 36,
      stackableInto: [{ title: 'Certificate in Web Development' }],
      fullQualification: false,
      standaloneValue: { kind: 'complement_to_qualification', qualification: { title: 'Certificate in Web Development' }, statement: 'Web developers need it under the European Accessibility Act.' },
      accreditation: { body: 'National Agency for Quality Assurance', reference: 'NAQA-2025-117' },
    },
    ...overrides,
  };
}

describe('API: standards', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  let otherWorld: BodyWorld;
  let candidate: SignedIn;

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    world = await ctx.body();
    otherWorld = await ctx.body();
    candidate = await ctx.user(Role.Candidate);
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('a body admin creates a standard with nested outcomes, criteria and the EU spec; it is audited', async () => {
    const dto = newStandard({ published: true });
    const res = await ctx.http.post('/standards').set(world.admin.auth).send(dto).expect(201);
    expect(res.body).toMatchObject({
      code: dto.code,
      eqfLevel: 5,
      nqfLevel: 6,
      credits: 4,
      creditSystem: 'ECTS',
      workloadHours: 100,
      published: true,
      version: 1,
      settings: { evidenceRequestDays: 21, requireAdmissibility: true },
      awardingBody: { id: world.bodyId },
      microCredential: { title: dto.microCredential.title, formOfParticipation: 'online', validityMonths: 36 },
    });
    expect(res.body.learningOutcomes.map((o: { code: string }) => o.code)).toEqual(['LO1', 'LO2']);
    expect(res.body.learningOutcomes[1].criteria.map((c: { code: string }) => c.code)).toEqual(['LO2.1', 'LO2.2']);
    const row = await ctx.ds.getRepository(StandardEntity).findOneByOrFail({ id: res.body.id });
    expect(row.awardingBodyId).toBe(world.bodyId);
    expect(await ctx.ds.getRepository(MicroCredentialSpecEntity).countBy({ standardId: row.id })).toBe(1);
    expect(await ctx.ds.getRepository(AuditLogEntity).countBy({ subjectId: row.id, action: 'standard.created', actorId: world.admin.user.id })).toBe(1);
  });

  it('lists published standards to everyone and drafts only to their own body', async () => {
    const draft = (await ctx.http.post('/standards').set(world.admin.auth).send(newStandard()).expect(201)).body;
    const ids = async (who: SignedIn) => (await ctx.all<{ id: string }>(who, '/standards')).map((s) => s.id);
    expect(await ids(world.admin)).toEqual(expect.arrayContaining([draft.id, world.standard.id]));
    expect(await ids(world.assessor)).toContain(draft.id);
    expect(await ids(candidate)).toContain(world.standard.id);
    expect(await ids(candidate)).not.toContain(draft.id);
    expect(await ids(otherWorld.admin)).not.toContain(draft.id);
    await ctx.http.get(`/standards/${draft.id}`).set(candidate.auth).expect(404);
    await ctx.http.get(`/standards/${draft.id}`).set(otherWorld.admin.auth).expect(404);
    const detail = await ctx.http.get(`/standards/${world.standard.id}`).set(candidate.auth).expect(200);
    expect(detail.body.learningOutcomes).toHaveLength(2);
    expect(detail.body.learningOutcomes[0].criteria).toHaveLength(2);
    expect(detail.body.microCredential.typeOfAssessment).toBe('Portfolio assessment');
  });

  it('refuses invalid standards with 400 and one sentence per problem', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ eqfLevel: 9 }, /eqfLevel must be a whole number from 1 to 8/],
      [{ eqfLevel: '5' }, /eqfLevel must be a whole number from 1 to 8/],
      [{ nqfLevel: 11 }, /nqfLevel must be a whole number from 1 to 10/],
      [{ creditSystem: 'CATS' }, /creditSystem must be ECTS or ECVET/],
      [{ creditSystem: null }, /credits and creditSystem go together/],
      [{ workloadHours: 0 }, /workloadHours must be at least 1/],
      [{ learningOutcomes: [] }, /at least one learning outcome/],
      [{ learningOutcomes: [{ code: 'LO1', description: 'x', criteria: [] }] }, /at least one assessment criterion/],
      [{ learningOutcomes: [{ code: 'LO1', description: 'x', criteria: [{ code: 'C', description: 'y', weight: 2 }] }] }, /property learningOutcomes\.0\.criteria\.0\.weight is not accepted here/],
      [
        { learningOutcomes: [{ code: 'LO1', description: 'a', criteria: [{ code: 'C', description: 'c' }] }, { code: 'LO1', description: 'b', criteria: [{ code: 'C', description: 'c' }] }] },
        /learning outcome code LO1 is used twice/,
      ],
      [{ code: '../etc' }, /code must be 1 to 40 letters/],
      [{ settings: { evidenceDays: 3 } }, /settings\.evidenceDays is not a process setting/],
      [{ settings: { assessorSlaDays: 5, assessorReminderDays: 10 } }, /assessorReminderDays must be less than assessorSlaDays/],
      [{ settings: { requireAdmissibility: 'yes' } }, /settings\.requireAdmissibility must be a boolean/],
      [{ settings: 'fast' }, /settings must be an object/],
      [{ microCredential: undefined }, /microCredential must be an object/],
      [{ microCredential: { title: 't', typeOfAssessment: 'a', formOfParticipation: 'by post', typeOfQualityAssurance: 'q' } }, /formOfParticipation must be one of/],
      [{ awardingBodyId: otherWorld.bodyId }, /property awardingBodyId is not accepted here/],
    ];
    for (const [override, expected] of cases) {
      const res = await ctx.http.post('/standards').set(world.admin.auth).send(newStandard(override));
      expect({ override, status: res.status }).toEqual({ override, status: 400 });
      expect([res.body.message].flat().join(' | ')).toMatch(expected);
    }
  });

  it('refuses a code the body already uses with 409', async () => {
    const dto = newStandard();
    await ctx.http.post('/standards').set(world.admin.auth).send(dto).expect(201);
    const res = await ctx.http.post('/standards').set(world.admin.auth).send(newStandard({ code: dto.code })).expect(409);
    expect(res.body.message).toBe(`your awarding body already has a standard with the code ${dto.code}`);
    await ctx.http.post('/standards').set(otherWorld.admin.auth).send(newStandard({ code: dto.code })).expect(201);
  });

  it('lets only admins create standards', async () => {
    await ctx.http.post('/standards').set(world.assessor.auth).send(newStandard()).expect(403);
    await ctx.http.post('/standards').set(candidate.auth).send(newStandard()).expect(403);
  });

  it("PATCH changes the admin's own standard, bumps the version and audits the fields changed", async () => {
    const created = (await ctx.http.post('/standards').set(world.admin.auth).send(newStandard()).expect(201)).body;
    const res = await ctx.http
      .patch(`/standards/${created.id}`)
      .set(world.admin.auth)
      .send({ title: 'Accessible web content (2025)', published: true, learningOutcomes: [{ code: 'LO9', description: 'One outcome', criteria: [{ code: 'LO9.1', description: 'c' }] }] })
      .expect(200);
    expect(res.body).toMatchObject({ title: 'Accessible web content (2025)', published: true, version: 2 });
    expect(res.body.learningOutcomes.map((o: { code: string }) => o.code)).toEqual(['LO9']);
    const audit = await ctx.ds.getRepository(AuditLogEntity).findOneByOrFail({ subjectId: created.id, action: 'standard.updated' });
    expect(audit.data).toEqual({ fields: expect.arrayContaining(['title', 'published', 'learningOutcomes']), published: true });
  });

  it("PATCH refuses another body's standard, bad input and outcome changes once cases exist", async () => {
    await ctx.http.patch(`/standards/${world.standard.id}`).set(otherWorld.admin.auth).send({ title: 'Mine now' }).expect(404);
    await ctx.http.patch(`/standards/${randomUUID()}`).set(world.admin.auth).send({ title: 'x' }).expect(404);
    const badId = await ctx.http.patch('/standards/not-a-uuid').set(world.admin.auth).send({ title: 'x' }).expect(400);
    expect(badId.body.message).toEqual(['id in the path must be a UUID']);
    await ctx.http.patch(`/standards/${world.standard.id}`).set(world.admin.auth).send({}).expect(400);
    await ctx.http.patch(`/standards/${world.standard.id}`).set(world.admin.auth).send({ eqfLevel: 0 }).expect(400);
    await ctx.http.patch(`/standards/${world.standard.id}`).set(world.admin.auth).send({ credits: null }).expect(400);
    await ctx.http.patch(`/standards/${world.standard.id}`).set(world.admin.auth).send({ version: 7 }).expect(400);

    await ctx.draftCase(candidate, world.standard.id);
    const res = await ctx.http
      .patch(`/standards/${world.standard.id}`)
      .set(world.admin.auth)
      .send({ learningOutcomes: [{ code: 'LOX', description: 'x', criteria: [{ code: 'C', description: 'c' }] }] })
      .expect(409);
    expect(res.body.message).toMatch(/learning outcomes and criteria can no longer change/);
    await ctx.http.patch(`/standards/${world.standard.id}`).set(world.admin.auth).send({ description: 'Still editable' }).expect(200);
  });

  it('answers a malformed standard id with 400 and an unknown one with 404', async () => {
    await ctx.http.get('/standards/123').set(candidate.auth).expect(400);
    const res = await ctx.http.get(`/standards/${randomUUID()}`).set(candidate.auth).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, message: 'standard not found' });
  });
});
