import { randomUUID } from 'node:crypto';
import { AssessmentMethodType, AssessmentPurpose, CaseStatus, Role } from '../../libs/domain';
import { AssessmentSessionEntity, CaseAssessorEntity, CaseEntity, CredentialEntity, StandardEntity } from '../../libs/persistence/entities';
import { ApiTestContext, samples } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';
import { routesOf } from './support/openapi';
import type { OpenApiDocument } from './support/openapi';

jest.setTimeout(180_000);

/**
 * docs/access.md as a test: every route of the OpenAPI document, for every kind of caller and state of their
 * assignment, answers the documented status. A cell is a status, or `ok` for a state-changing route the caller may
 * use (not sent here: it would change the case; each has its own tests). A route added to the API without a row
 * here fails the test.
 */
const ACTORS = ['anonymous', 'candidate', 'otherCandidate', 'noAssignment', 'holder', 'reassigned', 'conflict', 'completed', 'moderator', 'admin', 'otherBodyAdmin'] as const;
type ActorName = (typeof ACTORS)[number];
type Cell = number | 'ok';
type Row = Record<ActorName, Cell>;

/** A row from a list of cells in the order of ACTORS. */
const row = (...cells: Cell[]): Row => Object.fromEntries(ACTORS.map((a, i) => [a, cells[i]!])) as Row;

// anonymous, candidate, otherCandidate, noAssignment, holder, reassigned, conflict, completed, moderator, admin, otherBodyAdmin
const READ_CASE = row(401, 200, 404, 404, 200, 200, 404, 200, 200, 200, 404);
const CANDIDATE_STEP = row(401, 'ok', 404, 403, 403, 403, 403, 403, 403, 403, 403);
const ASSESSOR_STEP = row(401, 403, 403, 404, 'ok', 403, 404, 403, 'ok', 403, 403);
const ADMIN_STEP = row(401, 403, 403, 403, 403, 403, 403, 403, 403, 'ok', 404);
const READ_CREDENTIAL = row(401, 200, 404, 403, 403, 403, 403, 403, 403, 200, 404);
const CREDENTIAL_STATUS = row(401, 403, 403, 403, 403, 403, 403, 403, 403, 'ok', 404);
const PUBLIC = row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200);

export const MATRIX: Record<string, Row> = {
  'GET /health': row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  'GET /health/live': PUBLIC,
  'GET /health/ready': PUBLIC,
  // METRICS_TOKEN is unset here; with it set, only its bearer gets 200 (a session is no use): see operations.test.ts
  'GET /metrics': PUBLIC,
  'POST /auth/login': row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
  'POST /auth/register': row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
  'POST /auth/logout': row(401, 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
  'GET /auth/me': row(401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  'PATCH /auth/me': row(401, 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
  'GET /standards': row(401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  // the case's standard (published): the catalogue for candidates, the body's own for its staff
  'GET /standards/{id}': row(401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
  'POST /standards': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 'ok', 'ok'),
  'PATCH /standards/{id}': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 'ok', 404),
  // the micro-credential check of a draft (nothing stored) and of a stored standard: the body's admins only
  'POST /standards/check': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 'ok', 'ok'),
  'GET /standards/{id}/micro-credential-check': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 200, 404),
  // the users of the caller's own body: admins only
  'GET /users': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200),
  'GET /awarding-body': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200),
  'PATCH /awarding-body': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 'ok', 'ok'),
  'GET /cases': row(401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  'POST /cases': row(401, 'ok', 'ok', 403, 403, 403, 403, 403, 403, 403, 403),
  'GET /cases/{id}': READ_CASE,
  'GET /cases/{id}/timeline': READ_CASE,
  // an update id the case's process never took: 404 for whoever may see the case, as for whoever may not
  'GET /cases/{id}/steps/{updateId}': row(401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
  'PUT /cases/{id}/self-assessment': CANDIDATE_STEP,
  'POST /cases/{id}/submit': CANDIDATE_STEP,
  'POST /cases/{id}/withdraw': CANDIDATE_STEP,
  'POST /cases/{id}/evidence-response': CANDIDATE_STEP,
  'POST /cases/{id}/appeal': CANDIDATE_STEP,
  'POST /cases/{id}/reopen': CANDIDATE_STEP,
  'POST /cases/{id}/evidence': CANDIDATE_STEP,
  'POST /cases/{id}/evidence/files': CANDIDATE_STEP,
  'DELETE /cases/{id}/evidence/{evidenceId}': CANDIDATE_STEP,
  // a file added before the assessors' assignments ended
  'GET /cases/{id}/evidence/{evidenceId}/file': READ_CASE,
  // the same PDF, inline (a page's viewer), to the same readers
  'GET /cases/{id}/evidence/{evidenceId}/inline': READ_CASE,
  // no rendition for a PDF: 404 for everyone who may see the case, as for everyone who may not
  'GET /cases/{id}/evidence/{evidenceId}/rendition': row(401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
  'GET /assessor/queue': row(401, 403, 403, 200, 200, 200, 200, 200, 200, 403, 403),
  'POST /cases/{id}/assessment/accept': ASSESSOR_STEP,
  'POST /cases/{id}/assessments': ASSESSOR_STEP,
  'POST /cases/{id}/evidence-requests': ASSESSOR_STEP,
  // accepting a prior credential for an outcome (asked here about a PDF: 404 for an assessor who may not see the case)
  'POST /cases/{id}/evidence/{evidenceId}/recognitions': ASSESSOR_STEP,
  // asked with a case id: no credential of the candidate has it (404); a holder's step, other roles 403
  'POST /credentials/{id}/renew': row(401, 'ok', 404, 403, 403, 403, 403, 403, 403, 403, 403),
  'POST /conflicts': row(401, 403, 403, 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 403, 403),
  'POST /cases/{id}/admissibility': ADMIN_STEP,
  'POST /cases/{id}/decision': ADMIN_STEP,
  'POST /cases/{id}/decision/revoke': ADMIN_STEP,
  'POST /cases/{id}/assessor': ADMIN_STEP,
  'POST /cases/{id}/attention': ADMIN_STEP,
  'GET /cases/{id}/process': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 200, 404),
  // credentials: the holder and the issuing body's admins; assessors never (the role guard)
  'GET /credentials': row(401, 200, 200, 403, 403, 403, 403, 403, 403, 200, 200),
  'POST /credentials/status': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 'ok', 404),
  'POST /credentials/issue': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 'ok', 'ok'),
  'GET /credentials/{id}': READ_CREDENTIAL,
  'GET /credentials/{id}/open-badge.json': READ_CREDENTIAL,
  'GET /credentials/{id}/credential.jwt': READ_CREDENTIAL,
  'GET /credentials/{id}/europass.json': READ_CREDENTIAL,
  'GET /credentials/{id}/certificate.pdf': READ_CREDENTIAL,
  'PUT /credentials/{id}/public-page': row(401, 'ok', 404, 403, 403, 403, 403, 403, 403, 403, 403),
  'POST /credentials/{id}/suspend': CREDENTIAL_STATUS,
  'POST /credentials/{id}/reinstate': CREDENTIAL_STATUS,
  'POST /credentials/{id}/revoke': CREDENTIAL_STATUS,
  'GET /awarding-body/signing-keys': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200),
  'POST /awarding-body/signing-keys/rotate': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 'ok', 'ok'),
  // what issuers publish and verification: public
  'GET /bodies/{bodyId}': PUBLIC,
  'GET /bodies/{bodyId}/did.json': PUBLIC,
  'GET /bodies/{bodyId}/jwks.json': PUBLIC,
  'GET /bodies/{bodyId}/status/{purpose}/{list}': PUBLIC,
  'GET /verify/{id}': PUBLIC,
  'POST /verify': PUBLIC,
  'POST /verify/file': PUBLIC,
  'POST /credentials/verify': PUBLIC,
  'POST /presentations/verify': PUBLIC,
  // the public catalogue and its open data feeds (docs/catalogue.md)
  'GET /catalogue': PUBLIC,
  'GET /catalogue/{id}': PUBLIC,
  'GET /catalogue/feed/elm': PUBLIC,
  'GET /catalogue/feed/open-badges': PUBLIC,
  // qualifications: a body's admins define their own body's (another body's does not exist for them); candidates see their progress
  'GET /qualifications': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200),
  'POST /qualifications': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 'ok', 'ok'),
  'GET /qualifications/progress': row(401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403),
  'GET /qualifications/{id}': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 200, 404),
  'PATCH /qualifications/{id}': row(401, 403, 403, 403, 403, 403, 403, 403, 403, 'ok', 404),
  // assessment sessions: read with the case (a past assessor's list leaves out later sessions), proposed and recorded by the holder, answered by the candidate
  'GET /cases/{id}/sessions': READ_CASE,
  'POST /cases/{id}/sessions': ASSESSOR_STEP,
  'POST /cases/{id}/sessions/{sessionId}/answer': CANDIDATE_STEP,
  'POST /cases/{id}/sessions/{sessionId}/record': ASSESSOR_STEP,
  // a session proposed after the past assessors' assignments ended
  'GET /cases/{id}/sessions/{sessionId}/invitation.ics': row(401, 200, 404, 404, 200, 404, 404, 404, 200, 200, 404),
};

/** A file the candidate added after the assessors' assignments ended: gone for those whose assignment ended. */
const LATER_FILE = row(401, 200, 404, 404, 200, 404, 404, 404, 200, 200, 404);

describe('API: the access matrix (docs/access.md)', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  let otherWorld: BodyWorld;
  const who = {} as Record<ActorName, SignedIn | null>;
  /** The case each actor is asked about (the moderator holds a case of their own: one active assignment per case). */
  const caseOf = {} as Record<ActorName, string>;
  const earlierFile: Record<string, string> = {};
  /** The candidate's credential (on an earlier case of theirs) and its signed form. */
  let credentialId: string;
  let openBadge: Record<string, unknown>;
  let qualificationId: string;
  const laterFile: Record<string, string> = {};
  /** A session of each case, proposed after the past assessors' assignments ended. */
  const sessionOf: Record<string, string> = {};
  const propose = async (caseId: string, assessorId: string) => {
    const id = randomUUID();
    await ctx.ds.getRepository(AssessmentSessionEntity).insert({
      id,
      caseId,
      sequence: 1,
      assessorId,
      methodCode: 'INT',
      methodType: AssessmentMethodType.Interview,
      startsAt: new Date(Date.now() + 7 * 24 * 3600_000),
      durationMinutes: 45,
      timeZone: 'Europe/Paris',
      location: 'Room 1',
      onlineUrl: null,
      proposedAt: new Date(),
    });
    sessionOf[caseId] = id;
  };

  const upload = async (caseId: string, owner: SignedIn, name: string) => {
    const res = await ctx.http
      .post(`/cases/${caseId}/evidence/files`)
      .set(owner.auth)
      .field('title', name)
      .field('learningOutcomeIds', world.standard.learningOutcomes![0]!.id)
      .attach('file', samples.pdf(), { filename: `${name}.pdf`, contentType: 'application/pdf' });
    expect({ status: res.status, body: res.status === 201 ? null : res.body }).toEqual({ status: 201, body: null });
    return (res.body as { id: string }).id;
  };
  const setStatus = (id: string, status: CaseStatus) => ctx.ds.getRepository(CaseEntity).update({ id }, { status });
  const assign = (caseId: string, assessorId: string, purpose: AssessmentPurpose, round: number, status: CaseAssessorEntity['status']) =>
    ctx.ds.getRepository(CaseAssessorEntity).insert({ caseId, assessorId, purpose, round, status, assignedAt: new Date(Date.now() - 60_000), endedAt: status === 'active' ? null : new Date() });

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    world = await ctx.body();
    otherWorld = await ctx.body();
    const candidate = await ctx.user(Role.Candidate);
    const reassigned = await ctx.user(Role.Assessor, world.bodyId);
    const conflict = await ctx.user(Role.Assessor, world.bodyId);
    const completed = await ctx.user(Role.Assessor, world.bodyId);
    const moderator = await ctx.user(Role.Assessor, world.bodyId);
    Object.assign(who, {
      anonymous: null,
      candidate,
      otherCandidate: await ctx.user(Role.Candidate),
      noAssignment: world.otherAssessor,
      holder: world.assessor,
      reassigned,
      conflict,
      completed,
      moderator,
      admin: world.admin,
      otherBodyAdmin: otherWorld.admin,
    });

    // the case every actor but the moderator is asked about: a file, then the assignments, then a later file
    const main = await ctx.draftCase(candidate, world.standard.id);
    earlierFile[main] = await upload(main, candidate, 'earlier');
    await assign(main, reassigned.user.id, AssessmentPurpose.Assessment, 1, 'reassigned');
    await assign(main, conflict.user.id, AssessmentPurpose.Assessment, 2, 'active');
    // the declaration ends the assessor's access at once, before the process ends the assignment
    await ctx.http.post('/conflicts').set(conflict.auth).send({ candidateId: candidate.user.id, reason: 'a relative' }).expect(201);
    await ctx.ds.getRepository(CaseAssessorEntity).update({ caseId: main, assessorId: conflict.user.id }, { status: 'conflict', endedAt: new Date() });
    await assign(main, completed.user.id, AssessmentPurpose.Assessment, 3, 'completed');
    await assign(main, world.assessor.user.id, AssessmentPurpose.Assessment, 4, 'active');
    await new Promise((r) => setTimeout(r, 20));
    laterFile[main] = await upload(main, candidate, 'later');
    await propose(main, world.assessor.user.id);
    await setStatus(main, CaseStatus.UnderAssessment);

    // (another candidate's: one open case per candidate and standard)
    const owner = await ctx.user(Role.Candidate);
    const moderated = await ctx.draftCase(owner, world.standard.id);
    earlierFile[moderated] = await upload(moderated, owner, 'earlier');
    await assign(moderated, moderator.user.id, AssessmentPurpose.Moderation, 1, 'active');
    laterFile[moderated] = await upload(moderated, owner, 'later');
    await propose(moderated, moderator.user.id);
    await setStatus(moderated, CaseStatus.Moderation);
    for (const a of ACTORS) caseOf[a] = a === 'moderator' ? moderated : main;

    // a credential the candidate holds from an earlier case, as the worker issues it
    const earlier = await ctx.make.standard(world.bodyId);
    const awarded = await ctx.draftCase(candidate, earlier.id);
    await setStatus(awarded, CaseStatus.Awarded);
    credentialId = await ctx.issueCredential(awarded, world.admin.user.id);
    openBadge = (await ctx.ds.getRepository(CredentialEntity).findOneByOrFail({ id: credentialId })).openBadge!;
    const qualification = await ctx.http
      .post('/qualifications')
      .set(world.admin.auth)
      .send({ code: 'Q-MATRIX', title: 'Certificate of the matrix', eqfLevel: 5, rule: 'all_of', componentStandardIds: [world.standard.id] })
      .expect(201);
    qualificationId = (qualification.body as { id: string }).id;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const bodies = (actor: ActorName): Record<string, unknown> => {
    const outcome = world.standard.learningOutcomes![0]!.id;
    const criteria = world.standard.learningOutcomes!.flatMap((o) => o.criteria!.map((c) => ({ criterionId: c.id, result: 'met' })));
    return {
      'POST /cases': { standardId: world.standard.id },
      'PUT /cases/{id}/self-assessment': { items: [{ learningOutcomeId: outcome, level: 'confident', statement: 'x' }] },
      'POST /cases/{id}/withdraw': { reason: 'x' },
      'POST /cases/{id}/evidence-response': { note: 'x' },
      'POST /cases/{id}/appeal': { reason: 'x' },
      'POST /cases/{id}/evidence': { kind: 'url', title: 'x', url: 'https://example.org/x', learningOutcomeIds: [outcome] },
      'POST /cases/{id}/assessments': { judgements: criteria, recommendation: 'award', comment: 'x' },
      'POST /cases/{id}/evidence-requests': { message: 'x', learningOutcomeIds: [outcome] },
      'POST /cases/{id}/evidence/{evidenceId}/recognitions': { learningOutcomeId: outcome },
      'POST /conflicts': { candidateId: who.candidate!.user.id, reason: 'x' },
      'POST /cases/{id}/admissibility': { admissible: true, reason: 'x' },
      'POST /cases/{id}/decision': { result: 'awarded', recognisedOutcomeIds: [], reason: 'x' },
      'POST /cases/{id}/decision/revoke': { reason: 'x' },
      'POST /cases/{id}/assessor': { assessorId: world.otherAssessor.user.id, reason: 'x' },
      'POST /cases/{id}/attention': { action: 'retry', reason: 'x' },
      'PATCH /standards/{id}': { title: `Renamed by ${actor}` },
      'PUT /credentials/{id}/public-page': { enabled: true },
      'POST /credentials/{id}/suspend': { reason: 'x' },
      'POST /credentials/{id}/reinstate': { reason: 'x' },
      'POST /credentials/{id}/revoke': { reason: 'x' },
      'POST /verify': { credential: openBadge },
      'POST /credentials/status': { credentialId: openBadge.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' }, status: true },
      'POST /credentials/verify': { verifiableCredential: openBadge },
      'POST /presentations/verify': { presentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [openBadge] } },
      'PATCH /qualifications/{id}': { title: `Renamed by ${actor}` },
      'POST /cases/{id}/sessions': { methodCode: 'INT', startsAt: '2030-01-10T10:00', durationMinutes: 45, location: 'Room 1' },
      'POST /cases/{id}/sessions/{sessionId}/answer': { answer: 'confirm' },
      'POST /cases/{id}/sessions/{sessionId}/record': { outcome: 'postponed' },
    };
  };

  const call = (actor: ActorName, key: string, evidence: Record<string, string>) => {
    const [method, template] = key.split(' ') as [string, string];
    const caseId = caseOf[actor];
    const path = template
      .replace('/standards/{id}', `/standards/${world.standard.id}`)
      .replace('/catalogue/{id}', `/catalogue/${world.standard.id}`)
      .replace(/^\/(credentials|verify)\/\{id\}/, `/$1/${credentialId}`)
      .replace('{bodyId}', world.bodyId)
      .replace('{purpose}', 'revocation')
      .replace('{list}', '0')
      .replace('/qualifications/{id}', `/qualifications/${qualificationId}`)
      .replace('{id}', caseId)
      .replace('{sessionId}', sessionOf[caseId]!)
      .replace('{evidenceId}', evidence[caseId]!)
      .replace('{updateId}', randomUUID());
    let req = ctx.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
    const signedIn = who[actor];
    if (signedIn) req = req.set(signedIn.auth);
    if (key === 'POST /cases/{id}/evidence/files') {
      return req.field('title', 'x').field('learningOutcomeIds', world.standard.learningOutcomes![0]!.id).attach('file', samples.pdf(), { filename: 'x.pdf', contentType: 'application/pdf' });
    }
    if (key === 'POST /verify/file') return req.attach('file', Buffer.from(JSON.stringify(openBadge)), { filename: 'credential.json', contentType: 'application/json' });
    const body = bodies(actor)[key];
    return body === undefined ? req : req.send(body as object);
  };

  it('has a row for every route of the OpenAPI document, and no other', async () => {
    const doc = (await ctx.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    const routes = routesOf(doc).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(Object.keys(MATRIX).sort()).toEqual(routes.sort());
  });

  it.each(ACTORS)('answers %s as documented on every route', async (actor) => {
    const answered: Record<string, Cell> = {};
    const expected: Record<string, Cell> = {};
    for (const [key, cells] of Object.entries(MATRIX)) {
      if (cells[actor] === 'ok') continue;
      expected[key] = cells[actor];
      answered[key] = (await call(actor, key, earlierFile)).status;
    }
    expected['GET /cases/{id}/evidence/{later}/file'] = LATER_FILE[actor];
    answered['GET /cases/{id}/evidence/{later}/file'] = (await call(actor, 'GET /cases/{id}/evidence/{evidenceId}/file', laterFile)).status;
    expect(answered).toEqual(expected);
  });

  it('lists the case to whoever may read it, and to nobody else', async () => {
    const listed = async (actor: ActorName) => ((await ctx.http.get('/cases?limit=100').set(who[actor]!.auth).expect(200)).body.items as { id: string }[]).map((c) => c.id);
    for (const actor of ACTORS.filter((a) => a !== 'anonymous')) {
      const readable = READ_CASE[actor] === 200;
      if (readable) expect({ actor, listed: (await listed(actor)).includes(caseOf[actor]) }).toEqual({ actor, listed: true });
      else expect({ actor, listed: (await listed(actor)).includes(caseOf.candidate) }).toEqual({ actor, listed: false });
    }
    const queue = async (actor: ActorName) => ((await ctx.http.get('/assessor/queue?limit=100').set(who[actor]!.auth).expect(200)).body.items as { caseId: string }[]).map((q) => q.caseId);
    expect(await queue('holder')).toEqual([caseOf.holder]);
    expect(await queue('moderator')).toEqual([caseOf.moderator]);
    expect(await queue('conflict')).toEqual([]);
    expect(await queue('reassigned')).toEqual([]);
  });

  it("shows another body's admin none of this body's standards, drafts included", async () => {
    const draft = await ctx.make.standard(world.bodyId);
    await ctx.ds.getRepository(StandardEntity).update({ id: draft.id }, { published: false });
    const ids = ((await ctx.http.get('/standards?limit=100').set(otherWorld.admin.auth).expect(200)).body.items as { id: string }[]).map((s) => s.id);
    expect(ids).not.toContain(world.standard.id);
    expect(ids).toContain(otherWorld.standard.id);
    await ctx.http.get(`/standards/${draft.id}`).set(otherWorld.admin.auth).expect(404);
    await ctx.http.get(`/standards/${draft.id}`).set(world.admin.auth).expect(200);
    await ctx.http.get(`/standards/${draft.id}`).set(who.candidate!.auth).expect(404);
  });
});
