import * as jsonld from 'jsonld';
import { randomUUID } from 'node:crypto';
import { createDocumentLoader } from '../../libs/credentials';
import {
  AlignmentKind,
  AssessmentMethodType,
  CaseOutcome,
  CaseStatus,
  CreditSystem,
  LearningSetting,
  ParticipationForm,
  Role,
  StandaloneValueKind,
} from '../../libs/domain';
import type { Alignment, AssessmentMethod, ProcessSettingsOverrides } from '../../libs/domain';
import { AwardingBodyEntity, CaseEntity, MicroCredentialSpecEntity, StandardEntity } from '../../libs/persistence/entities';
import { TYPICAL_DURATION_MIN_CASES } from '../../apps/api/src/catalogue/catalogue-entry';
import { ApiTestContext } from './support/api-app';

const ESCO = 'http://data.europa.eu/esco';
const SKILL_SPREADSHEETS: Alignment = { kind: AlignmentKind.EscoSkill, uri: `${ESCO}/skill/ccd0a1d9-afda-43d9-b901-96344886e14d`, title: 'use spreadsheets software' };
const SKILL_PIVOT: Alignment = { kind: AlignmentKind.EscoSkill, uri: `${ESCO}/skill/${randomUUID()}`, title: 'summarise data with pivot tables' };
const OCCUPATION_ANALYST: Alignment = { kind: AlignmentKind.EscoOccupation, uri: `${ESCO}/occupation/${randomUUID()}`, title: 'data analyst' };
const NQF_FR_5: Alignment = { kind: AlignmentKind.NqfLevel, uri: 'https://www.francecompetences.fr/cadre-national/niveau-5', title: 'Niveau 5 (cadre national des certifications)' };
const METHODS: AssessmentMethod[] = [
  { code: 'PF', type: AssessmentMethodType.Portfolio, description: 'A portfolio of spreadsheets you built at work.' },
  { code: 'INT', type: AssessmentMethodType.Interview, description: 'A 30-minute interview about one of them.' },
];
const DAY = 24 * 60 * 60 * 1000;

interface Summary {
  id: string;
  title: string;
  typicalDuration: { basis: string; closedCases: number; medianDays: number | null; p80Days: number | null; planned: Record<string, number>; summary: string };
}

describe('API: the public catalogue', () => {
  let ctx: ApiTestContext;
  /**
   * Unique to this run, in every title: the catalogue lists every body's standards, other test files' too. Its
   * leading zeros sort these standards first, so the feeds' first page holds them however many others there are.
   */
  const token = `000cat${randomUUID().slice(0, 8)}`;
  let body: AwardingBodyEntity;
  let otherBody: AwardingBodyEntity;
  let spreadsheets: StandardEntity;
  let webAccess: StandardEntity;
  let welding: StandardEntity;
  let draft: StandardEntity;

  /** A standard inserted as the standards API stores it, with the micro-credential profile set. */
  async function standard(
    awardingBodyId: string,
    o: {
      title: string;
      description?: string;
      eqfLevel: number;
      credits: number | null;
      creditSystem?: CreditSystem | null;
      languages: string[];
      alignments?: Alignment[];
      outcomeSkills?: Alignment[];
      published?: boolean;
      settings?: ProcessSettingsOverrides;
    },
  ): Promise<StandardEntity> {
    const saved = await ctx.ds.getRepository(StandardEntity).save({
      awardingBodyId,
      code: `STD-${randomUUID().slice(0, 8)}`,
      title: o.title,
      description: o.description ?? 'Recognises what you learnt at work.',
      eqfLevel: o.eqfLevel,
      nqfLevel: null,
      credits: o.credits,
      creditSystem: o.credits === null ? null : (o.creditSystem ?? CreditSystem.Ects),
      workloadHours: 50,
      settings: o.settings ?? {},
      assessmentMethods: METHODS,
      alignments: o.alignments ?? [],
      languages: o.languages,
      published: o.published ?? true,
      learningOutcomes: [
        {
          code: 'LO1',
          position: 1,
          description: 'Prepare a raw data set',
          assessmentMethods: ['PF'],
          alignments: o.outcomeSkills ?? [],
          criteria: [{ code: 'LO1.1', position: 1, description: 'Removes duplicates' }],
        },
        { code: 'LO2', position: 2, description: 'Present the findings', assessmentMethods: [], alignments: [], criteria: [{ code: 'LO2.1', position: 1, description: 'Charts the totals' }] },
      ],
    });
    await ctx.ds.getRepository(MicroCredentialSpecEntity).save({
      standardId: saved.id,
      title: `Micro-credential: ${o.title}`,
      typeOfAssessment: 'Portfolio and interview',
      formOfParticipation: ParticipationForm.WorkExperience,
      learningSetting: LearningSetting.NonFormal,
      typeOfQualityAssurance: 'External moderation by the sector council',
      prerequisites: null,
      standaloneValue: { kind: StandaloneValueKind.LabourMarketNeed, qualification: null, statement: 'Employers ask for it in data-entry jobs.' },
      accreditation: { body: 'France Compétences', reference: 'RS-1234', url: null },
    });
    return ctx.ds.getRepository(StandardEntity).findOneByOrFail({ id: saved.id });
  }

  /** A case on `standardId` closed with a decision, submitted `days` days before it was decided. */
  async function closedCase(standardId: string, days: number, outcome = CaseOutcome.Awarded): Promise<void> {
    const candidate = await ctx.make.user(Role.Candidate);
    const decidedAt = new Date(Date.UTC(2026, 5, 1, 12));
    const id = randomUUID();
    await ctx.ds.getRepository(CaseEntity).insert({
      id,
      candidateId: candidate.id,
      standardId,
      awardingBodyId: body.id,
      workflowId: `case-${id}`,
      status: CaseStatus.Closed,
      outcome,
      submittedAt: new Date(decidedAt.getTime() - days * DAY),
      decidedAt,
      closedAt: new Date(decidedAt.getTime() + 31 * DAY),
    });
  }

  const ids = (items: { id: string }[]) => items.map((i) => i.id);
  const list = async (query: string) => (await ctx.http.get(`/catalogue?${query}`).expect(200)).body as { items: Summary[]; nextCursor: string | null };
  const found = async (query: string) => ids((await list(`awardingBodyId=${body.id}&${query}`)).items).sort();
  const sorted = (...standards: StandardEntity[]) => standards.map((s) => s.id).sort();

  /** Every page of a feed, following `next` (an absolute URL under PUBLIC_URL) to the end. */
  async function walkFeed(path: string): Promise<Record<string, unknown>[]> {
    const pages: Record<string, unknown>[] = [];
    let next: string | undefined = path;
    while (next) {
      const page = (await ctx.http.get(next).expect(200)).body as Record<string, unknown>;
      pages.push(page);
      next = typeof page.next === 'string' ? page.next.slice(ctx.config.http.publicUrl.length) : undefined;
    }
    return pages;
  }

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    body = await ctx.make.body({ evidenceRequestDays: 20 }, 'Institut de la Donnée');
    otherBody = await ctx.make.body({}, 'Schweisstechnik Akademie');
    await ctx.ds.getRepository(AwardingBodyEntity).update({ id: otherBody.id }, { country: 'DE' });
    spreadsheets = await standard(body.id, {
      title: `${token} Data analysis with spreadsheets`,
      eqfLevel: 4,
      credits: 2,
      languages: ['en', 'fr'],
      alignments: [SKILL_SPREADSHEETS, OCCUPATION_ANALYST, NQF_FR_5],
      outcomeSkills: [SKILL_PIVOT],
      settings: { assessorSlaDays: 10, assessorReminderDays: 7 },
    });
    webAccess = await standard(body.id, {
      title: `${token} Accessible web content`,
      description: `Checking web pages against WCAG (${token}-wcag).`,
      eqfLevel: 6,
      credits: 5,
      languages: ['fr'],
    });
    welding = await standard(otherBody.id, { title: `${token} MIG welding`, eqfLevel: 3, credits: 4, creditSystem: CreditSystem.Ecvet, languages: ['de'], outcomeSkills: [SKILL_SPREADSHEETS] });
    draft = await standard(body.id, { title: `${token} Draft standard`, eqfLevel: 4, credits: 2, languages: ['en'], alignments: [SKILL_SPREADSHEETS], published: false });
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('answers without a login: the list, an entry and both feeds', async () => {
    expect(ids((await list(`q=${token}`)).items).sort()).toEqual(sorted(spreadsheets, webAccess, welding));
    await ctx.http.get(`/catalogue/${spreadsheets.id}`).expect(200);
    await ctx.http.get('/catalogue/feed/elm').expect(200);
    await ctx.http.get('/catalogue/feed/open-badges').expect(200);
  });

  it('never shows a draft: not listed, not in the feeds, and its entry is 404 like an unknown id', async () => {
    expect(await found(`q=${token}`)).toEqual(sorted(spreadsheets, webAccess));
    expect(await found(`skill=${encodeURIComponent(SKILL_SPREADSHEETS.uri)}`)).toEqual(sorted(spreadsheets));
    const missing = await ctx.http.get(`/catalogue/${draft.id}`).expect(404);
    expect(missing.body).toMatchObject({ code: 'catalogue.not_found' });
    expect((await ctx.http.get(`/catalogue/${randomUUID()}`).expect(404)).body).toMatchObject({ code: 'catalogue.not_found' });
    const elm = JSON.stringify(await walkFeed('/catalogue/feed/elm?limit=100'));
    const ob = JSON.stringify(await walkFeed('/catalogue/feed/open-badges?limit=100'));
    for (const feed of [elm, ob]) {
      expect(feed).toContain(spreadsheets.id);
      expect(feed).not.toContain(draft.id);
    }
  });

  it('filters by text in the title or the description', async () => {
    expect(await found(`q=${encodeURIComponent('spreadsheets')}`)).toEqual(sorted(spreadsheets));
    expect(await found(`q=${token}-WCAG`)).toEqual(sorted(webAccess));
    expect(await found(`q=${token}-nothing`)).toEqual([]);
  });

  it("filters by ESCO skill (the standard's own or one of its outcomes') and by occupation", async () => {
    const all = async (q: string) => ids((await list(`q=${token}&${q}`)).items).sort();
    expect(await all(`skill=${encodeURIComponent(SKILL_SPREADSHEETS.uri)}`)).toEqual(sorted(spreadsheets, welding));
    expect(await all(`skill=${encodeURIComponent(SKILL_PIVOT.uri)}`)).toEqual(sorted(spreadsheets));
    expect(await all(`occupation=${encodeURIComponent(OCCUPATION_ANALYST.uri)}`)).toEqual(sorted(spreadsheets));
    expect(await all(`skill=${encodeURIComponent(`${ESCO}/skill/${randomUUID()}`)}`)).toEqual([]);
  });

  it('filters by EQF level, exactly or within bounds', async () => {
    const all = async (q: string) => ids((await list(`q=${token}&${q}`)).items).sort();
    expect(await all('eqfLevel=4')).toEqual(sorted(spreadsheets));
    expect(await all('eqfLevelMin=4')).toEqual(sorted(spreadsheets, webAccess));
    expect(await all('eqfLevelMax=4')).toEqual(sorted(spreadsheets, welding));
    expect(await all('eqfLevelMin=4&eqfLevelMax=5')).toEqual(sorted(spreadsheets));
    expect(await all('eqfLevel=8')).toEqual([]);
  });

  it('filters by credits in a credit system', async () => {
    const all = async (q: string) => ids((await list(`q=${token}&${q}`)).items).sort();
    expect(await all('creditSystem=ECTS&creditsMin=2&creditsMax=4.5')).toEqual(sorted(spreadsheets));
    expect(await all('creditSystem=ECTS&creditsMin=2.01')).toEqual(sorted(webAccess));
    expect(await all('creditSystem=ECVET')).toEqual(sorted(welding));
    expect(await all('creditSystem=ECVET&creditsMax=3')).toEqual([]);
  });

  it('filters by the language of assessment and by awarding body', async () => {
    const all = async (q: string) => ids((await list(`q=${token}&${q}`)).items).sort();
    expect(await all('language=fr')).toEqual(sorted(spreadsheets, webAccess));
    expect(await all('language=de')).toEqual(sorted(welding));
    expect(await all('language=it')).toEqual([]);
    expect(await all(`awardingBodyId=${otherBody.id}`)).toEqual(sorted(welding));
    expect(await all(`awardingBodyId=${otherBody.id}&language=fr`)).toEqual([]);
  });

  it('pages by title, each standard once, with a cursor that keeps the filters', async () => {
    const extra = await Promise.all([1, 2, 3].map((n) => standard(body.id, { title: `${token} Paging ${n}`, eqfLevel: 2, credits: null, languages: ['en'] })));
    const seen: Summary[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Summary[]; nextCursor: string | null } = await list(`awardingBodyId=${body.id}&q=${token}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((s) => s.title)).toEqual([...seen.map((s) => s.title)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(ids(seen).sort()).toEqual(sorted(spreadsheets, webAccess, ...extra));
    const garbage = await ctx.http.get('/catalogue?cursor=bm90LW91cnM').expect(400);
    expect(garbage.body).toMatchObject({ code: 'request.invalid_cursor' });
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const refused = async (path: string, field: string) => {
      const res = await ctx.http.get(path).expect(400);
      expect({ path, message: JSON.stringify(res.body.message) }).toEqual({ path, message: expect.stringContaining(field) });
      expect(res.body.code).toBe('request.invalid');
    };
    await refused('/catalogue/not-a-uuid', 'id in the path must be a UUID');
    await refused('/catalogue?awardingBodyId=42', 'awardingBodyId must be a UUID');
    await refused('/catalogue?skill=spreadsheets', 'skill is not valid: an ESCO skill is written http://data.europa.eu/esco/skill/<uuid>');
    // an occupation's URI is not a skill's
    await refused(`/catalogue?skill=${encodeURIComponent(OCCUPATION_ANALYST.uri)}`, 'skill is not valid');
    await refused('/catalogue?occupation=javascript:alert(1)', 'occupation is not valid: an ESCO occupation is written');
    await refused('/catalogue?eqfLevel=9', 'eqfLevel must be a whole number from 1 to 8');
    await refused('/catalogue?eqfLevelMin=0', 'eqfLevelMin must be a whole number from 1 to 8');
    await refused('/catalogue?eqfLevelMax=4.5', 'eqfLevelMax must be a whole number from 1 to 8');
    await refused('/catalogue?creditsMin=2', 'creditSystem must be one of ECTS, ECVET');
    await refused('/catalogue?creditSystem=ECTS&creditsMax=-1', 'creditsMax must be a number');
    await refused('/catalogue?language=EN', 'language must be an ISO 639-1 code');
    await refused('/catalogue?language=fr&language=de', 'language must be given once');
    await refused('/catalogue?level=4', 'property level is not accepted here');
    await refused('/catalogue/feed/elm?q=data', 'property q is not accepted here');
    await refused('/catalogue/feed/open-badges?limit=0', 'limit must be a whole number from 1 to 100');
  });

  it('shows an entry: outcomes and criteria, methods and what each assesses, alignments, the elements and how to start', async () => {
    const res = await ctx.http.get(`/catalogue/${spreadsheets.id}`).expect(200);
    expect(res.body).toMatchObject({
      id: spreadsheets.id,
      title: spreadsheets.title,
      awardingBody: { id: body.id, name: 'Institut de la Donnée', country: 'FR' },
      eqfLevel: 4,
      credits: 2,
      creditSystem: 'ECTS',
      workloadHours: 50,
      languages: ['en', 'fr'],
      microCredential: {
        title: `Micro-credential: ${spreadsheets.title}`,
        typeOfAssessment: 'Portfolio and interview',
        formOfParticipation: 'work_experience',
        typeOfQualityAssurance: 'External moderation by the sector council',
        standaloneValue: { kind: 'labour_market_need', qualification: null, statement: 'Employers ask for it in data-entry jobs.' },
        accreditation: { body: 'France Compétences', reference: 'RS-1234', url: null },
      },
      learningOutcomes: [
        { code: 'LO1', description: 'Prepare a raw data set', criteria: [{ code: 'LO1.1', description: 'Removes duplicates' }], assessedBy: ['PF'], alignments: [SKILL_PIVOT] },
        // no methods named: every method assesses it
        { code: 'LO2', criteria: [{ code: 'LO2.1', description: 'Charts the totals' }], assessedBy: ['PF', 'INT'], alignments: [] },
      ],
      assessmentMethods: [
        { code: 'PF', type: 'portfolio', description: METHODS[0]!.description, assesses: ['LO1', 'LO2'] },
        { code: 'INT', type: 'interview', assesses: ['LO2'] },
      ],
      alignments: [SKILL_SPREADSHEETS, OCCUPATION_ANALYST, NQF_FR_5],
      howToStart: { signUp: { method: 'POST', path: '/auth/register' }, startCase: { method: 'POST', path: '/cases' }, standardId: spreadsheets.id },
    });
    // the routes it points at are the API's own
    const doc = (await ctx.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/auth/register']?.post).toBeDefined();
    expect(doc.paths['/cases']?.post).toBeDefined();
  });

  it(`says how long it usually takes: planned figures below ${TYPICAL_DURATION_MIN_CASES} closed cases, the median and 80th percentile from then on`, async () => {
    const s = await standard(body.id, { title: `${token} Durations`, eqfLevel: 3, credits: 1, languages: ['en'], settings: { assessorSlaDays: 12, assessorReminderDays: 9 } });
    const duration = async () => ((await ctx.http.get(`/catalogue/${s.id}`).expect(200)).body as Summary).typicalDuration;
    expect(await duration()).toMatchObject({ basis: 'planned', closedCases: 0, medianDays: null, p80Days: null });
    for (const days of [10, 20, 30, 40]) await closedCase(s.id, days);
    // neither a withdrawn case (never decided) nor a decided case still in its appeal window counts
    const withdrawnBy = await ctx.make.user(Role.Candidate);
    const wid = randomUUID();
    await ctx.ds.getRepository(CaseEntity).insert({ id: wid, candidateId: withdrawnBy.id, standardId: s.id, awardingBodyId: body.id, workflowId: `case-${wid}`, status: CaseStatus.Withdrawn, outcome: CaseOutcome.Withdrawn, submittedAt: new Date(Date.now() - 5 * DAY), closedAt: new Date() });
    const openBy = await ctx.make.user(Role.Candidate);
    const oid = randomUUID();
    await ctx.ds.getRepository(CaseEntity).insert({ id: oid, candidateId: openBy.id, standardId: s.id, awardingBodyId: body.id, workflowId: `case-${oid}`, status: CaseStatus.Awarded, submittedAt: new Date(Date.now() - 2 * DAY), decidedAt: new Date() });
    const planned = await duration();
    expect(planned).toEqual({
      basis: 'planned',
      closedCases: 4,
      minimumCases: TYPICAL_DURATION_MIN_CASES,
      medianDays: null,
      p80Days: null,
      // the standard's SLA, the body's evidence request days, the default appeal window
      planned: { assessmentDays: 12, evidenceRequestDays: 20, appealWindowDays: 30 },
      summary: expect.stringContaining('Not enough closed cases yet'),
    });
    expect(planned.summary).toContain('12 days to assess');

    await closedCase(s.id, 50, CaseOutcome.NotAwarded);
    const measured = await duration();
    // 10, 20, 30, 40, 50 days: the median is 30; the 80th percentile (linear, percentile_cont) 40 + 0.2 × 10
    expect(measured).toMatchObject({ basis: 'measured', closedCases: 5, medianDays: 30, p80Days: 42 });
    expect(measured.summary).toBe('Half of the 5 closed cases were decided within 30 days of submission, four in five within 42 days.');
    // the list shows the same figure (one grouped query per page)
    const listed = (await list(`q=${encodeURIComponent(`${token} Durations`)}`)).items;
    expect(listed.map((i) => i.typicalDuration)).toEqual([measured]);
    // and the ELM feed gives it as the opportunity's duration
    const graph = (await walkFeed('/catalogue/feed/elm?limit=100')).flatMap((p) => p['@graph'] as Record<string, unknown>[]);
    expect(graph.find((o) => String(o.id).endsWith(s.id))).toMatchObject({ duration: 'P30D' });
  });

  it('gives each answer a strong ETag: If-None-Match answers 304 with no body until the standard changes', async () => {
    const s = await standard(body.id, { title: `${token} Conditional`, eqfLevel: 5, credits: 3, languages: ['en'] });
    for (const path of [`/catalogue/${s.id}`, `/catalogue?q=${token}%20Conditional`, '/catalogue/feed/elm?limit=100', '/catalogue/feed/open-badges?limit=100']) {
      const first = await ctx.http.get(path).expect(200);
      const etag = first.headers.etag as string;
      expect({ path, etag }).toEqual({ path, etag: expect.stringMatching(/^"[A-Za-z0-9_-]{43}"$/) });
      expect(first.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
      const again = await ctx.http.get(path).set('If-None-Match', etag).expect(304);
      expect(again.text ?? '').toBe('');
      expect(again.headers.etag).toBe(etag);
      // any of several ETags matches; another does not
      await ctx.http.get(path).set('If-None-Match', `"other", ${etag}`).expect(304);
      await ctx.http.get(path).set('If-None-Match', '"other"').expect(200);
    }
    const entry = `/catalogue/${s.id}`;
    const before = (await ctx.http.get(entry).expect(200)).headers.etag as string;
    const feedBefore = (await ctx.http.get('/catalogue/feed/open-badges?limit=100').expect(200)).headers.etag as string;
    // the body's admin changes the title through the standards API
    const admin = await ctx.user(Role.BodyAdmin, body.id);
    await ctx.http.patch(`/standards/${s.id}`).set(admin.auth).send({ title: `${token} Conditional (revised)` }).expect(200);
    const after = await ctx.http.get(entry).set('If-None-Match', before).expect(200);
    expect(after.body.title).toBe(`${token} Conditional (revised)`);
    expect(after.headers.etag).not.toBe(before);
    await ctx.http.get('/catalogue/feed/open-badges?limit=100').set('If-None-Match', feedBefore).expect(200);
    // a closed case changes what the entry says (its count), so its ETag too
    await closedCase(s.id, 7);
    await ctx.http.get(entry).set('If-None-Match', after.headers.etag as string).expect(200);
    // withdrawn from publication: gone from the entry and from the feed page that held it
    const feedHeld = (await ctx.http.get('/catalogue/feed/elm?limit=100').expect(200)).headers.etag as string;
    await ctx.http.patch(`/standards/${s.id}`).set(admin.auth).send({ published: false }).expect(200);
    expect((await ctx.http.get(entry).set('If-None-Match', before).expect(404)).body).toMatchObject({ code: 'catalogue.not_found' });
    const feedNow = await ctx.http.get('/catalogue/feed/elm?limit=100').set('If-None-Match', feedHeld).expect(200);
    expect(JSON.stringify(feedNow.body)).not.toContain(s.id);
  });

  it('publishes the ELM feed as JSON-LD LearningOpportunities that expand with the ELM context, offline', async () => {
    const first = await ctx.http.get('/catalogue/feed/elm?limit=100').expect(200);
    expect(first.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const pages = await walkFeed('/catalogue/feed/elm?limit=100');
    const page = pages.find((p) => JSON.stringify(p).includes(spreadsheets.id))!;
    const expanded = (await jsonld.expand(page, { documentLoader: createDocumentLoader(), safe: true })) as Record<string, unknown>[];
    const elm = (term: string) => `http://data.europa.eu/snb/model/elm/${term}`;
    const nodes = (expanded[0]!['@graph'] ?? expanded) as Record<string, unknown>[];
    const opportunity = nodes.find((n) => String(n['@id']).endsWith(`/catalogue/${spreadsheets.id}`))!;
    expect(opportunity['@type']).toEqual([elm('LearningOpportunity')]);
    const text = JSON.stringify(opportunity);
    for (const term of ['providedBy', 'learningAchievementSpecification', 'learningOutcome', 'relatedESCOSkill', 'EQFLevel', 'creditPoint', 'provenBy', 'LearningAssessmentSpecification', 'volumeOfLearning', 'defaultLanguage', 'admissionProcedure', 'Organisation', 'Qualification']) {
      expect({ term, present: text.includes(elm(term)) }).toEqual({ term, present: true });
    }
    expect(text).toContain(SKILL_PIVOT.uri);
    expect(text).toContain('http://data.europa.eu/snb/eqf/4');
    expect(text).toContain('http://publications.europa.eu/resource/authority/language/FRA');
    expect(text).toContain(`${ctx.config.http.publicUrl}/standards/${spreadsheets.id}`);
    // the compact form a harvester reads
    const compact = (page['@graph'] as Record<string, unknown>[]).find((o) => o.id === `${ctx.config.http.publicUrl}/catalogue/${spreadsheets.id}`)!;
    expect(compact).toMatchObject({
      type: 'LearningOpportunity',
      title: { en: spreadsheets.title },
      providedBy: { type: 'Organisation', legalName: { en: 'Institut de la Donnée' } },
      learningAchievementSpecification: {
        id: `${ctx.config.http.publicUrl}/standards/${spreadsheets.id}`,
        type: 'Qualification',
        eqfLevel: { id: 'http://data.europa.eu/snb/eqf/4' },
        creditPoint: [{ point: '2' }],
        volumeOfLearning: 'PT50H',
        provenBy: [
          // typed from the Europass assessment list, as the credentials' methods are
          { type: 'LearningAssessmentSpecification', dcType: { id: 'http://data.europa.eu/snb/assessment/4f03b91c0e' }, additionalNote: [{ noteLiteral: { en: 'LO1, LO2' } }] },
          { type: 'LearningAssessmentSpecification', dcType: { id: 'http://data.europa.eu/snb/assessment/d30284d7df' }, additionalNote: [{ noteLiteral: { en: 'LO2' } }] },
        ],
        learningOutcome: [{ relatedESCOSkill: [{ id: SKILL_PIVOT.uri, notation: 'Skill', prefLabel: { en: SKILL_PIVOT.title } }] }, {}],
        additionalNote: expect.arrayContaining([expect.objectContaining({ noteLiteral: { en: `${OCCUPATION_ANALYST.title} (${OCCUPATION_ANALYST.uri})` } })]),
      },
    });
  });

  it('publishes the Open Badges feed as OB 3.0 Achievements with the ids the credentials name', async () => {
    const pages = await walkFeed('/catalogue/feed/open-badges?limit=100');
    expect(pages.at(-1)).toMatchObject({ nextCursor: null, next: null });
    const achievement = pages.flatMap((p) => p.items as Record<string, unknown>[]).find((a) => a.id === `${ctx.config.http.publicUrl}/standards/${spreadsheets.id}`)!;
    expect(achievement).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      name: `Micro-credential: ${spreadsheets.title}`,
      creditsAvailable: 2,
      humanCode: spreadsheets.code,
      creator: { type: ['Profile'], name: 'Institut de la Donnée', address: { addressCountryCode: 'FR' } },
    });
    const alignments = achievement.alignment as { targetType: string; targetUrl: string }[];
    expect(alignments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ targetType: 'ext:LearningOutcome', targetCode: 'LO1' }),
        expect.objectContaining({ targetType: 'ext:EQFLevel', targetUrl: 'http://data.europa.eu/snb/eqf/4' }),
        expect.objectContaining({ targetType: 'ext:ESCOSkill', targetUrl: SKILL_SPREADSHEETS.uri }),
        expect.objectContaining({ targetType: 'ext:ESCOSkill', targetUrl: SKILL_PIVOT.uri }),
        expect.objectContaining({ targetType: 'ext:ESCOOccupation', targetUrl: OCCUPATION_ANALYST.uri }),
      ]),
    );
    const expanded = JSON.stringify(await jsonld.expand(achievement, { documentLoader: createDocumentLoader(), safe: true }));
    expect(expanded).toContain('https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement');
    expect(expanded).toContain(SKILL_SPREADSHEETS.uri);
  });

  it('pages the feeds for harvesters: next links until the last page, every published standard once', async () => {
    const pages = await walkFeed('/catalogue/feed/open-badges?limit=2');
    expect(pages.length).toBeGreaterThan(2);
    const all = pages.flatMap((p) => (p.items as { id: string }[]).map((a) => a.id));
    expect(new Set(all).size).toBe(all.length);
    const published = await ctx.ds.getRepository(StandardEntity).countBy({ published: true });
    expect(all).toHaveLength(published);
    const elm = (await walkFeed('/catalogue/feed/elm?limit=3')).flatMap((p) => (p['@graph'] as { id: string }[]).map((o) => o.id));
    expect(elm).toHaveLength(published);
  });
});
