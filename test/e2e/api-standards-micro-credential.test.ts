import { randomUUID } from 'node:crypto';
import { Role } from '../../libs/domain';
import { AuditLogEntity, AwardingBodyEntity, LearningOutcomeEntity, StandardEntity } from '../../libs/persistence/entities';
import { ApiTestContext } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';

// real ESCO concepts (ESCO v1.2): the occupation "data analyst" (ISCO 2511.2)
const DATA_ANALYST = 'http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2';
const SKILL_A = `http://data.europa.eu/esco/skill/${randomUUID()}`;
const SKILL_B = `http://data.europa.eu/esco/skill/${randomUUID()}`;
const OCCUPATION = `http://data.europa.eu/esco/occupation/${randomUUID()}`;

/** A standard that passes the micro-credential check with the default ceiling (30 ECTS, 750 hours). */
function conforming(overrides: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) {
  return {
    code: `MC-${randomUUID().slice(0, 6)}`,
    title: 'Data analysis with spreadsheets',
    eqfLevel: 4,
    credits: 5,
    creditSystem: 'ECTS',
    workloadHours: 125,
    assessmentMethods: [
      { code: 'PF', type: 'portfolio', description: 'A portfolio of analyses you made at work.' },
      { code: 'INT', type: 'interview', description: 'A 30-minute discussion with the assessor.' },
    ],
    languages: ['en', 'fi'],
    alignments: [
      { kind: 'esco_occupation', uri: OCCUPATION, title: 'data analyst' },
      { kind: 'nqf_level', uri: 'https://nqf.example.org/levels/4', title: 'NQF level 4' },
    ],
    learningOutcomes: [
      { code: 'LO1', description: 'Clean a data set', criteria: [{ code: 'LO1.1', description: 'Removes duplicates' }], assessmentMethods: ['PF'] },
      {
        code: 'LO2',
        description: 'Explain the findings',
        criteria: [{ code: 'LO2.1', description: 'Answers questions on the method' }],
        assessmentMethods: ['INT'],
        alignments: [{ kind: 'esco_skill', uri: SKILL_A, title: 'perform data analysis' }],
      },
    ],
    microCredential: {
      title: 'Micro-credential in spreadsheet data analysis',
      typeOfAssessment: 'Portfolio and interview',
      formOfParticipation: 'work_experience',
      typeOfQualityAssurance: 'Internal moderation and external review',
      fullQualification: false,
      standaloneValue: { kind: 'labour_market_need', statement: 'Employers in the region ask for it in office job offers.' },
      accreditation: { body: 'National Agency for Quality Assurance', reference: 'NAQA-2025-117', url: 'https://naqa.example.org/register/117' },
      ...spec,
    },
    ...overrides,
  };
}

describe('API: what makes a standard a micro-credential, and what it is aligned to', () => {
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

  it('stores and returns assessment methods, languages, alignments and the micro-credential profile', async () => {
    const dto = conforming({ published: true });
    const res = await ctx.http.post('/standards').set(world.admin.auth).send(dto).expect(201);
    expect(res.body).toMatchObject({
      published: true,
      assessmentMethods: dto.assessmentMethods,
      languages: ['en', 'fi'],
      alignments: dto.alignments,
      microCredential: {
        fullQualification: false,
        standaloneValue: { kind: 'labour_market_need', qualification: null, statement: dto.microCredential.standaloneValue.statement },
        accreditation: dto.microCredential.accreditation,
      },
    });
    expect(res.body.learningOutcomes[1]).toMatchObject({ assessmentMethods: ['INT'], alignments: [{ kind: 'esco_skill', uri: SKILL_A, title: 'perform data analysis' }] });
    expect(res.body.learningOutcomes[0]).toMatchObject({ assessmentMethods: ['PF'], alignments: [] });
    // languages default to English when left out
    const plain = await ctx.http.post('/standards').set(world.admin.auth).send(conforming({ languages: undefined })).expect(201);
    expect(plain.body.languages).toEqual(['en']);
  });

  it('refuses malformed methods, languages and alignments with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ alignments: [{ kind: 'esco_skill', uri: 'http://data.europa.eu/esco/skill/not-a-uuid', title: 'x' }] }, /alignments\.0\.uri is not valid: an ESCO skill is written/],
      [{ alignments: [{ kind: 'esco_occupation', uri: SKILL_A, title: 'x' }] }, /alignments\.0\.uri is not valid: an ESCO occupation/],
      [{ alignments: [{ kind: 'nqf_level', uri: 'ftp://x', title: 'x' }] }, /alignments\.0\.uri is not valid: .*absolute http\(s\) URI/],
      [{ alignments: [{ kind: 'eqf', uri: 'http://x.org', title: 'x' }] }, /alignments\.0\.kind must be one of esco_skill, esco_occupation, nqf_level/],
      [{ alignments: [{ kind: 'esco_skill', uri: SKILL_A, title: '' }] }, /alignments\.0\.title must not be empty/],
      [{ alignments: [{ kind: 'esco_skill', uri: SKILL_A, title: 'a' }, { kind: 'esco_skill', uri: SKILL_A, title: 'b' }] }, /alignments\.1 repeats the esco_skill/],
      [{ languages: [] }, /languages must list at least one language/],
      [{ languages: ['EN'] }, /each of languages must be an ISO 639-1 code/],
      [{ languages: ['en', 'en'] }, /languages lists en twice/],
      [{ assessmentMethods: [{ code: 'PF', type: 'essay', description: 'x' }] }, /assessmentMethods\.0\.type must be one of portfolio, interview/],
      [{ assessmentMethods: [{ code: 'PF', type: 'portfolio', description: 'x' }, { code: 'PF', type: 'interview', description: 'y' }] }, /the code PF is used twice/],
      [
        { assessmentMethods: [{ code: 'PF', type: 'portfolio', description: 'x' }] },
        /learningOutcomes\.1\.assessmentMethods names INT, which is not one of the standard's assessment methods \(PF\)/,
      ],
      [{ microCredential: { ...conforming().microCredential, fullQualification: 'no' } }, /microCredential\.fullQualification must be a boolean/],
      [{ microCredential: { ...conforming().microCredential, standaloneValue: { kind: 'unit_of_qualification', statement: 's' } } }, /microCredential\.standaloneValue\.qualification must name the qualification/],
      [{ microCredential: { ...conforming().microCredential, standaloneValue: { kind: 'hobby', statement: 's' } } }, /standaloneValue\.kind must be one of/],
      [{ microCredential: { ...conforming().microCredential, accreditation: { body: 'A', reference: '' } } }, /microCredential\.accreditation\.reference must not be empty/],
      [{ microCredential: { ...conforming().microCredential, accreditation: { body: 'A', reference: 'R', url: 'javascript:x' } } }, /url must be an http\(s\) address/],
    ];
    for (const [override, expected] of cases) {
      const res = await ctx.http.post('/standards').set(world.admin.auth).send(conforming(override));
      expect({ override, status: res.status }).toEqual({ override, status: 400 });
      expect([res.body.message].flat().join(' | ')).toMatch(expected);
    }
  });

  it('refuses to publish what is not a micro-credential with 422, listing every failure; nothing is written', async () => {
    const dto = conforming({ published: true, workloadHours: 900, credits: null, creditSystem: null }, { fullQualification: true, standaloneValue: null, accreditation: null });
    const res = await ctx.http.post('/standards').set(world.admin.auth).send(dto).expect(422);
    expect(res.body.code).toBe('standard.not_a_micro_credential');
    expect(res.body.message).toEqual([
      expect.stringMatching(/^microCredential\.fullQualification: the specification is marked as a full formal qualification/),
      expect.stringMatching(/^microCredential\.standaloneValue: the specification does not state its standalone value/),
      expect.stringMatching(/^microCredential\.accreditation: .*recognised body/),
      expect.stringMatching(/^workloadHours: the notional workload is 900 hours; your body's ceiling for a micro-credential is 750 hours \(30 ECTS\): split it/),
    ]);
    expect(await ctx.ds.getRepository(StandardEntity).countBy({ code: dto.code })).toBe(0);
    // the same as a draft is stored, and cannot then be published
    const draft = (await ctx.http.post('/standards').set(world.admin.auth).send({ ...dto, published: false }).expect(201)).body;
    const publish = await ctx.http.patch(`/standards/${draft.id}`).set(world.admin.auth).send({ published: true }).expect(422);
    expect(publish.body.code).toBe('standard.not_a_micro_credential');
    expect((await ctx.ds.getRepository(StandardEntity).findOneByOrFail({ id: draft.id })).published).toBe(false);
    // fixing it in the same PATCH publishes it
    const fixed = await ctx.http
      .patch(`/standards/${draft.id}`)
      .set(world.admin.auth)
      .send({ published: true, workloadHours: 120, microCredential: conforming().microCredential })
      .expect(200);
    expect(fixed.body.published).toBe(true);
    const audit = await ctx.ds.getRepository(AuditLogEntity).findBy({ subjectId: draft.id, action: 'standard.updated' });
    expect(audit.map((a) => a.data)).toEqual([expect.objectContaining({ published: true })]);
  });

  it('refuses a change that makes a published standard fail, and applies the body ceiling', async () => {
    const published = (await ctx.http.post('/standards').set(world.admin.auth).send(conforming({ published: true })).expect(201)).body;
    const over = await ctx.http.patch(`/standards/${published.id}`).set(world.admin.auth).send({ credits: 31 }).expect(422);
    expect(over.body.message).toEqual([expect.stringMatching(/^credits: the specification is worth 31 ECTS credits; your body's ceiling for a micro-credential is 30 credits/)]);
    await ctx.http.patch(`/standards/${published.id}`).set(world.admin.auth).send({ learningOutcomes: [{ code: 'LO1', description: 'x', criteria: [{ code: 'C', description: 'c' }] }] }).expect(200);
    // unpublishing is always allowed; the body's ceiling is its own
    await ctx.http.patch('/awarding-body').set(world.admin.auth).send({ microCredentialMaxEcts: 4 }).expect(200);
    const check = await ctx.http.get(`/standards/${published.id}/micro-credential-check`).set(world.admin.auth).expect(200);
    expect(check.body).toEqual({ conforms: false, ceiling: { ects: 4, hours: 750 }, failures: [expect.objectContaining({ code: 'workload_too_large', field: 'credits' })] });
    // a published standard that fails a ceiling lowered later may still be edited, as long as no edit adds a failure
    await ctx.http.patch(`/standards/${published.id}`).set(world.admin.auth).send({ description: 'Still editable' }).expect(200);
    // ... but not one that makes the failing workload larger: lowering the ceiling is no way around the check
    const grown = await ctx.http.patch(`/standards/${published.id}`).set(world.admin.auth).send({ credits: 999 }).expect(422);
    expect(grown.body.message).toEqual([expect.stringMatching(/^credits: the specification is worth 999 ECTS credits/)]);
    await ctx.http.patch(`/standards/${published.id}`).set(world.admin.auth).send({ creditSystem: 'ECVET' }).expect(422);
    expect((await ctx.ds.getRepository(StandardEntity).findOneByOrFail({ id: published.id })).credits).toBe(5);
    await ctx.http.patch(`/standards/${published.id}`).set(world.admin.auth).send({ published: false }).expect(200);
    await ctx.http.patch('/awarding-body').set(world.admin.auth).send({ microCredentialMaxEcts: 30 }).expect(200);
  });

  it('checks a draft without storing it, and a stored standard, for the body admin only', async () => {
    const dto = conforming({}, { accreditation: null });
    const res = await ctx.http.post('/standards/check').set(world.admin.auth).send(dto).expect(200);
    expect(res.body).toEqual({
      conforms: false,
      ceiling: { ects: 30, hours: 750 },
      failures: [{ code: 'not_quality_assured', field: 'microCredential.accreditation', message: expect.stringContaining('add that body and its reference') }],
    });
    expect(await ctx.ds.getRepository(StandardEntity).countBy({ code: dto.code })).toBe(0);
    expect((await ctx.http.post('/standards/check').set(world.admin.auth).send(conforming()).expect(200)).body).toMatchObject({ conforms: true, failures: [] });
    await ctx.http.post('/standards/check').set(world.admin.auth).send({ ...dto, eqfLevel: 12 }).expect(400);
    await ctx.http.post('/standards/check').set(world.assessor.auth).send(dto).expect(403);
    await ctx.http.post('/standards/check').set(candidate.auth).send(dto).expect(403);

    const stored = (await ctx.http.post('/standards').set(world.admin.auth).send(conforming()).expect(201)).body;
    expect((await ctx.http.get(`/standards/${stored.id}/micro-credential-check`).set(world.admin.auth).expect(200)).body).toMatchObject({ conforms: true });
    await ctx.http.get(`/standards/${stored.id}/micro-credential-check`).set(otherWorld.admin.auth).expect(404);
    await ctx.http.get(`/standards/${stored.id}/micro-credential-check`).set(world.assessor.auth).expect(403);
    await ctx.http.get(`/standards/${randomUUID()}/micro-credential-check`).set(world.admin.auth).expect(404);
  });

  it('finds standards by ESCO skill (on a learning outcome) or occupation (on the standard)', async () => {
    const a = (await ctx.http.post('/standards').set(world.admin.auth).send(conforming({ published: true, alignments: [{ kind: 'esco_occupation', uri: DATA_ANALYST, title: 'data analyst' }] })).expect(201)).body;
    const b = (
      await ctx.http
        .post('/standards')
        .set(otherWorld.admin.auth)
        .send(conforming({ published: true, learningOutcomes: [{ code: 'LO1', description: 'd', criteria: [{ code: 'C', description: 'c' }], alignments: [{ kind: 'esco_skill', uri: SKILL_B, title: 'manage data' }] }] }))
        .expect(201)
    ).body;
    const ids = async (query: string, who = candidate) => (await ctx.all<{ id: string }>(who, `/standards?${query}`)).map((s) => s.id);
    expect(await ids(`occupation=${encodeURIComponent(DATA_ANALYST)}`)).toEqual([a.id]);
    expect(await ids(`skill=${encodeURIComponent(SKILL_B)}`)).toEqual([b.id]);
    expect(await ids(`skill=${encodeURIComponent(SKILL_B)}`, world.admin)).toEqual([]);
    // a skill URI is not an occupation: the kinds are kept apart
    expect(await ids(`occupation=${encodeURIComponent(SKILL_B.replace('/skill/', '/occupation/'))}`)).toEqual([]);
    const bad = await ctx.http.get('/standards?skill=data').set(candidate.auth).expect(400);
    expect(bad.body.message).toEqual(['skill must be an ESCO skill URI, http://data.europa.eu/esco/skill/<uuid>']);
    // the containment the repository writes is one the GIN index serves (with few rows the planner would scan)
    const plan = await ctx.ds.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      return (await m.query(`EXPLAIN SELECT id FROM standard WHERE alignments @> CAST($1 AS jsonb)`, [JSON.stringify([{ kind: 'esco_skill', uri: SKILL_B }])])) as { 'QUERY PLAN': string }[];
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('ix_standard_alignments');
    const indexes: { indexname: string }[] = await ctx.ds.query(`SELECT indexname FROM pg_indexes WHERE indexname IN ('ix_standard_alignments', 'ix_learning_outcome_alignments') ORDER BY 1`);
    expect(indexes.map((i) => i.indexname)).toEqual(['ix_learning_outcome_alignments', 'ix_standard_alignments']);
  });

  it('lets alignments of outcomes change once cases exist, but not the outcomes, criteria or methods', async () => {
    const created = (await ctx.http.post('/standards').set(world.admin.auth).send(conforming({ published: true })).expect(201)).body;
    await ctx.draftCase(candidate, created.id);
    const outcomes = conforming().learningOutcomes.map((o) => ({ ...o, alignments: [{ kind: 'esco_skill', uri: SKILL_B, title: 'manage data' }] }));
    const res = await ctx.http.patch(`/standards/${created.id}`).set(world.admin.auth).send({ learningOutcomes: outcomes }).expect(200);
    expect(res.body.learningOutcomes.map((o: { id: string }) => o.id)).toEqual(created.learningOutcomes.map((o: { id: string }) => o.id));
    const rows = await ctx.ds.getRepository(LearningOutcomeEntity).find({ where: { standardId: created.id }, order: { position: 'ASC' } });
    expect(rows.map((r) => r.alignments.map((a) => a.uri))).toEqual([[SKILL_B], [SKILL_B]]);
    const methods = outcomes.map((o) => ({ ...o, assessmentMethods: ['PF', 'INT'] }));
    const refused = await ctx.http.patch(`/standards/${created.id}`).set(world.admin.auth).send({ learningOutcomes: methods }).expect(409);
    expect(refused.body.code).toBe('standard.outcomes_in_use');
    const methodChange = await ctx.http
      .patch(`/standards/${created.id}`)
      .set(world.admin.auth)
      .send({ assessmentMethods: [...conforming().assessmentMethods, { code: 'OBS', type: 'observation', description: 'At work.' }] })
      .expect(409);
    expect(methodChange.body.code).toBe('standard.methods_in_use');
  });

  it("lets a body admin set the body's workload ceiling, validated and audited", async () => {
    const res = await ctx.http.patch('/awarding-body').set(world.admin.auth).send({ microCredentialMaxEcts: 15.5, microCredentialMaxHours: 400 }).expect(200);
    expect(res.body).toMatchObject({ microCredentialMaxEcts: 15.5, microCredentialMaxHours: 400 });
    expect((await ctx.http.get('/awarding-body').set(world.admin.auth).expect(200)).body).toMatchObject({ microCredentialMaxEcts: 15.5, microCredentialMaxHours: 400 });
    const body = await ctx.ds.getRepository(AwardingBodyEntity).findOneByOrFail({ id: world.bodyId });
    expect([Number(body.microCredentialMaxEcts), body.microCredentialMaxHours]).toEqual([15.5, 400]);
    const audits = await ctx.ds.getRepository(AuditLogEntity).findBy({ subjectId: world.bodyId, action: 'awarding_body.updated' });
    expect(audits.map((a) => a.data)).toContainEqual(expect.objectContaining({ before: { microCredentialMaxEcts: 30, microCredentialMaxHours: 750 }, after: { microCredentialMaxEcts: 15.5, microCredentialMaxHours: 400 } }));
    for (const [field, value, message] of [
      ['microCredentialMaxEcts', 0, /microCredentialMaxEcts must be positive/],
      ['microCredentialMaxEcts', 1.234, /at most two decimals/],
      ['microCredentialMaxHours', 10.5, /microCredentialMaxHours must be a whole number of hours/],
      ['microCredentialMaxHours', 0, /microCredentialMaxHours must be at least 1/],
    ] as const) {
      const bad = await ctx.http.patch('/awarding-body').set(world.admin.auth).send({ [field]: value }).expect(400);
      expect([bad.body.message].flat().join(' | ')).toMatch(message);
    }
    await ctx.http.patch('/awarding-body').set(world.assessor.auth).send({ microCredentialMaxHours: 100 }).expect(403);
    await ctx.http.patch('/awarding-body').set(world.admin.auth).send({ microCredentialMaxEcts: 30, microCredentialMaxHours: 750 }).expect(200);
  });
});
