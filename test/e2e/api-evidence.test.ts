import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseStatus, Role } from '../../libs/domain';
import { AuditLogEntity, EvidenceEntity, EvidenceOutcomeEntity } from '../../libs/persistence/entities';
import { ApiTestContext, TEST_MAX_UPLOAD_BYTES, docx, samples, zipOf } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('API: evidence', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  let otherWorld: BodyWorld;
  let candidate: SignedIn;
  let caseId: string;
  let lo1: string;
  let lo2: string;

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    world = await ctx.body();
    otherWorld = await ctx.body();
    candidate = await ctx.user(Role.Candidate);
    caseId = await ctx.draftCase(candidate, world.standard.id);
    [lo1, lo2] = world.standard.learningOutcomes!.map((o) => o.id);
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  const upload = (who: SignedIn, id: string, file: Buffer, name: string, contentType: string, fields: Record<string, string | string[]> = {}) => {
    let req = ctx.http.post(`/cases/${id}/evidence/files`).set(who.auth);
    const all = { title: 'Session recording notes', learningOutcomeIds: [lo1], ...fields };
    for (const [key, value] of Object.entries(all)) for (const v of [value].flat()) req = req.field(key, v);
    return req.attach('file', file, { filename: name, contentType });
  };
  const tempFiles = () => {
    const dir = join(ctx.config.storage.dir, 'tmp');
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  it('streams a PDF to <aa>/<sha256>, records it with its outcomes and audit entry, and sends the process nothing', async () => {
    const pdf = samples.pdf();
    const res = await upload(candidate, caseId, pdf, 'Session plan.pdf', 'application/pdf', { description: 'Plan of 12 sessions', learningOutcomeIds: `${lo1}, ${lo2}` }).expect(201);
    const hash = sha256(pdf);
    expect(res.body).toMatchObject({
      kind: 'file',
      title: 'Session recording notes',
      description: 'Plan of 12 sessions',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: hash,
      originalName: 'Session plan.pdf',
      downloadPath: `/cases/${caseId}/evidence/${res.body.id}/file`,
    });
    expect(res.body.learningOutcomeIds.sort()).toEqual([lo1, lo2].sort());
    const row = await ctx.ds.getRepository(EvidenceEntity).findOneByOrFail({ id: res.body.id });
    expect(row.storageKey).toBe(`${hash.slice(0, 2)}/${hash}`);
    expect(readFileSync(join(ctx.config.storage.dir, hash.slice(0, 2), hash)).equals(pdf)).toBe(true);
    expect(await ctx.ds.getRepository(AuditLogEntity).countBy({ subjectId: row.id, action: 'evidence.added' })).toBe(1);
    expect(await ctx.signalsOf(caseId)).toEqual([]);
    expect(tempFiles()).toEqual([]);
  });

  it('accepts a docx (recognised by its ZIP directory), a PNG and UTF-8 text; identical content shares one stored file', async () => {
    const word = await upload(candidate, caseId, docx(), 'report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document').expect(201);
    expect(word.body.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const png = await upload(candidate, caseId, samples.png(), 'photo.png', 'image/png').expect(201);
    expect(png.body.mediaType).toBe('image/png');
    const text = await upload(candidate, caseId, samples.text(), 'notes.md', 'text/markdown').expect(201);
    expect(text.body.mediaType).toBe('text/plain');
    const again = await upload(candidate, caseId, samples.png(), 'same-photo.png', 'application/octet-stream').expect(201);
    const rows = await ctx.ds.getRepository(EvidenceEntity).findBy({ id: again.body.id });
    expect(rows[0].storageKey).toBe((await ctx.ds.getRepository(EvidenceEntity).findOneByOrFail({ id: png.body.id })).storageKey);
  });

  it('stores a path-traversal file name only as a display name, never as a path', async () => {
    const res = await upload(candidate, caseId, samples.text(), '../../etc/passwd', 'text/plain').expect(201);
    expect(res.body.originalName).toBe('passwd');
    const row = await ctx.ds.getRepository(EvidenceEntity).findOneByOrFail({ id: res.body.id });
    expect(row.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}$/);
    const windows = await upload(candidate, caseId, samples.text(), '..\\..\\windows\\system.ini', 'text/plain').expect(201);
    expect(windows.body.originalName).toBe('system.ini');
    const control = await upload(candidate, caseId, samples.text(), 'ab\u202etxt.exe', 'text/plain').expect(201);
    expect(control.body.originalName).toBe('abtxt.exe');
    const nul = await upload(candidate, caseId, samples.text(), 'boot.ini\u0000.txt', 'text/plain').expect(400);
    expect(nul.body.message[0]).toMatch(/^the multipart body is malformed/);
    const dotfile = await upload(candidate, caseId, samples.text(), '....', 'text/plain').expect(201);
    expect(dotfile.body.originalName).toBe('evidence');
    expect(readdirSync(ctx.config.storage.dir).every((entry) => /^([0-9a-f]{2}|tmp)$/.test(entry))).toBe(true);
  });

  it('refuses a file over the limit with 413 and leaves no temporary file', async () => {
    const big = Buffer.concat([samples.pdf(), Buffer.alloc(TEST_MAX_UPLOAD_BYTES + 10, 0x41)]);
    const before = await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId });
    const res = await upload(candidate, caseId, big, 'big.pdf', 'application/pdf').expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'evidence.too_large' });
    expect(res.body.message).toMatch(new RegExp(`larger than the limit of ${TEST_MAX_UPLOAD_BYTES} bytes`));
    expect(tempFiles()).toEqual([]);
    expect(await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId })).toBe(before);
    await upload(candidate, caseId, Buffer.concat([samples.pdf(), Buffer.alloc(TEST_MAX_UPLOAD_BYTES - 200, 0x41)]), 'fits.pdf', 'application/pdf').expect(201);
  });

  it('refuses mislabelled and unknown content with 415', async () => {
    const mislabelled = await upload(candidate, caseId, samples.pdf(), 'photo.png', 'image/png').expect(415);
    expect(mislabelled.body.message).toBe('mislabelled: declared image/png but the content is a PDF');
    const exe = await upload(candidate, caseId, Buffer.concat([Buffer.from('MZ'), samples.binary()]), 'setup.exe', 'application/octet-stream').expect(415);
    expect(exe.body.message).toMatch(/^the file's content is not of an accepted type: send PDF, PNG/);
    const plainZip = await upload(candidate, caseId, zipOf({ 'a.txt': 'hello' }), 'archive.zip', 'application/zip').expect(415);
    expect(plainZip.body.code).toBe('evidence.unsupported_type');
    const textAsPdf = await upload(candidate, caseId, samples.text(), 'notes.pdf', 'application/pdf').expect(415);
    expect(textAsPdf.body.message).toBe('mislabelled: declared application/pdf but the content is plain text');
    expect(tempFiles()).toEqual([]);
  });

  it('refuses bad multipart input with 4xx and sentences', async () => {
    const missingFile = await ctx.http.post(`/cases/${caseId}/evidence/files`).set(candidate.auth).field('title', 'x').field('learningOutcomeIds', lo1).expect(400);
    expect(missingFile.body.message).toEqual(['attach the file in a part named file']);
    const twoFiles = await upload(candidate, caseId, samples.pdf(), 'a.pdf', 'application/pdf').attach('file', samples.pdf(), 'b.pdf').expect(400);
    expect(twoFiles.body.message).toContain('send exactly one file per upload');
    const wrongPart = await ctx.http.post(`/cases/${caseId}/evidence/files`).set(candidate.auth).field('title', 'x').field('learningOutcomeIds', lo1).attach('document', samples.pdf(), 'a.pdf').expect(400);
    expect(wrongPart.body.message[0]).toMatch(/unexpected file part document/);
    const unknownField = await upload(candidate, caseId, samples.pdf(), 'a.pdf', 'application/pdf', { caseId: randomUUID() }).expect(400);
    expect(unknownField.body.message).toEqual(['property caseId is not accepted here']);
    const noTitle = await upload(candidate, caseId, samples.pdf(), 'a.pdf', 'application/pdf', { title: '' }).expect(400);
    expect(noTitle.body.message).toEqual(['title must not be empty']);
    const foreign = otherWorld.standard.learningOutcomes![0].id;
    const otherOutcome = await upload(candidate, caseId, samples.pdf(), 'a.pdf', 'application/pdf', { learningOutcomeIds: foreign }).expect(400);
    expect(otherOutcome.body.message).toEqual([`learningOutcomeIds has learning outcomes that are not in this case's standard: ${foreign}`]);
    const badId = await upload(candidate, caseId, samples.pdf(), 'a.pdf', 'application/pdf', { learningOutcomeIds: 'LO1' }).expect(400);
    expect(badId.body.message).toEqual(['each of learningOutcomeIds must be a UUID']);
    const empty = await upload(candidate, caseId, Buffer.alloc(0), 'empty.txt', 'text/plain').expect(400);
    expect(empty.body.message).toEqual(['the file is empty']);
    const json = await ctx.http.post(`/cases/${caseId}/evidence/files`).set(candidate.auth).send({ title: 'x' }).expect(415);
    expect(json.body.message).toMatch(/multipart\/form-data/);
    const noBoundary = await ctx.http.post(`/cases/${caseId}/evidence/files`).set(candidate.auth).set('Content-Type', 'multipart/form-data; charset=utf-8').send('garbage').expect(400);
    expect(noBoundary.body.message[0]).toMatch(/multipart body cannot be read/);
    const truncatedBody = await ctx.http
      .post(`/cases/${caseId}/evidence/files`)
      .set(candidate.auth)
      .set('Content-Type', 'multipart/form-data; boundary=XYZ')
      .send('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 and then nothing')
      .expect(400);
    expect(truncatedBody.body.statusCode).toBe(400);
    expect(tempFiles()).toEqual([]);
  });

  it('adds links and attestations as JSON, refusing non-http URLs and fields of the other kind', async () => {
    const url = await ctx.http.post(`/cases/${caseId}/evidence`).set(candidate.auth).send({ kind: 'url', title: 'Course page', url: 'https://example.org/course', learningOutcomeIds: [lo1] }).expect(201);
    expect(url.body).toMatchObject({ kind: 'url', url: 'https://example.org/course', learningOutcomeIds: [lo1], downloadPath: null });
    const attestation = await ctx.http
      .post(`/cases/${caseId}/evidence`)
      .set(candidate.auth)
      .send({ kind: 'attestation', title: 'Manager letter', attestorName: 'Ana Silva', attestorEmail: 'Ana@Example.org', attestorOrganisation: 'Learning Co', statement: 'Ran our onboarding sessions.', learningOutcomeIds: [lo2] })
      .expect(201);
    expect(attestation.body).toMatchObject({ kind: 'attestation', attestorName: 'Ana Silva', attestorEmail: 'ana@example.org' });
    const post = (body: Record<string, unknown>) => ctx.http.post(`/cases/${caseId}/evidence`).set(candidate.auth).send(body);
    const js = await post({ kind: 'url', title: 'x', url: 'javascript:alert(1)', learningOutcomeIds: [lo1] }).expect(400);
    expect(js.body.message).toEqual(['url must be an http:// or https:// address']);
    await post({ kind: 'url', title: 'x', url: 'file:///etc/passwd', learningOutcomeIds: [lo1] }).expect(400);
    const file = await post({ kind: 'file', title: 'x', learningOutcomeIds: [lo1] }).expect(400);
    expect(file.body.message[0]).toMatch(/kind must be url or attestation/);
    const noStatement = await post({ kind: 'attestation', title: 'x', attestorName: 'A', learningOutcomeIds: [lo1] }).expect(400);
    expect(noStatement.body.message).toEqual(expect.arrayContaining(['statement must not be empty for an attestation']));
    const mixed = await post({ kind: 'url', title: 'x', url: 'https://example.org', statement: 'also this', learningOutcomeIds: [lo1] }).expect(400);
    expect(mixed.body.message).toEqual(['statement belongs to an attestation, not a url']);
    await post({ kind: 'url', title: 'x', url: 'https://example.org', learningOutcomeIds: [] }).expect(400);
    await post({ kind: 'url', title: 'x', url: 'https://example.org', learningOutcomeIds: [lo1], storageKey: '../../x' }).expect(400);
    await post({ kind: 'url', title: 7, url: 'https://example.org', learningOutcomeIds: lo1 }).expect(400);
  });

  describe('download and removal', () => {
    let evidenceId: string;
    const pdf = samples.pdf();
    beforeAll(async () => {
      evidenceId = (await upload(candidate, caseId, pdf, 'Évaluation finale;.pdf', 'application/pdf').expect(201)).body.id;
      await ctx.assign(caseId, world.assessor.user.id, 'reassigned');
    });

    it("serves the file to the case's candidate, a (past) assessor and the body's admins, as an attachment with nosniff", async () => {
      for (const who of [candidate, world.assessor, world.admin]) {
        const res = await ctx.http.get(`/cases/${caseId}/evidence/${evidenceId}/file`).set(who.auth).buffer(true).parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        }).expect(200);
        expect((res.body as Buffer).equals(pdf)).toBe(true);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-disposition']).toBe(`attachment; filename="_valuation finale_.pdf"; filename*=UTF-8''%C3%89valuation%20finale%3B.pdf`);
      }
    });

    it("answers 404 to another candidate, an unassigned assessor and another body's admin", async () => {
      const stranger = await ctx.user(Role.Candidate);
      for (const who of [stranger, world.otherAssessor, otherWorld.admin]) {
        const res = await ctx.http.get(`/cases/${caseId}/evidence/${evidenceId}/file`).set(who.auth).expect(404);
        expect(res.body.message).toBe('case not found');
      }
      const otherCase = await ctx.draftCase(stranger, world.standard.id);
      await ctx.http.get(`/cases/${otherCase}/evidence/${evidenceId}/file`).set(stranger.auth).expect(404);
      await ctx.http.get(`/cases/${caseId}/evidence/${randomUUID()}/file`).set(candidate.auth).expect(404);
      await ctx.http.get(`/cases/${caseId}/evidence/..%2F..%2Fetc%2Fpasswd/file`).set(candidate.auth).expect(400);
      await ctx.http.post(`/cases/${caseId}/evidence/files`).set(stranger.auth).field('title', 'x').attach('file', pdf, 'a.pdf').expect(404);
      await ctx.http.post(`/cases/${caseId}/evidence/files`).set(world.admin.auth).field('title', 'x').attach('file', pdf, 'a.pdf').expect(403);
      await ctx.http.delete(`/cases/${caseId}/evidence/${evidenceId}`).set(stranger.auth).expect(404);
    });

    it('removes evidence softly: the row stays with removed_at and an audit entry, the file is no longer served', async () => {
      await ctx.http.delete(`/cases/${caseId}/evidence/${evidenceId}`).set(candidate.auth).expect(204);
      const row = await ctx.ds.getRepository(EvidenceEntity).findOneByOrFail({ id: evidenceId });
      expect(row.removedAt).toBeInstanceOf(Date);
      expect(await ctx.ds.getRepository(EvidenceOutcomeEntity).countBy({ evidenceId })).toBe(1);
      expect(await ctx.ds.getRepository(AuditLogEntity).countBy({ subjectId: evidenceId, action: 'evidence.removed' })).toBe(1);
      await ctx.http.get(`/cases/${caseId}/evidence/${evidenceId}/file`).set(candidate.auth).expect(404);
      const again = await ctx.http.delete(`/cases/${caseId}/evidence/${evidenceId}`).set(candidate.auth).expect(404);
      expect(again.body.message).toBe('evidence not found');
      const detail = await ctx.http.get(`/cases/${caseId}`).set(candidate.auth).expect(200);
      expect(detail.body.evidence.map((e: { id: string }) => e.id)).not.toContain(evidenceId);
    }, 20_000);

    it('refuses an upload that finishes after the submission, and keeps nothing of it', async () => {
      // The submission (the workflow's status write) holds the case row while the upload streams in: the upload
      // passed the first check, but its write must see the submitted case and give up.
      const file = Buffer.concat([samples.pdf(), Buffer.from(`late ${Date.now()}`)]);
      const hash = sha256(file);
      const submission = ctx.ds.createQueryRunner();
      await submission.connect();
      await submission.startTransaction();
      try {
        await submission.query(`UPDATE validation_case SET status = 'submitted', submitted_at = now() WHERE id = $1`, [caseId]);
        const late = upload(candidate, caseId, file, 'late.pdf', 'application/pdf').then((r) => r);
        await new Promise((r) => setTimeout(r, 500));
        await submission.commitTransaction();
        const res = await late;
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('case.not_editable');
      } finally {
        await submission.release();
        await ctx.setStatus(caseId, CaseStatus.Draft);
        await ctx.ds.query(`UPDATE validation_case SET submitted_at = NULL WHERE id = $1`, [caseId]);
      }
      expect(await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId, sha256: hash })).toBe(0);
      expect(existsSync(join(ctx.config.storage.dir, hash.slice(0, 2), hash))).toBe(false);
      expect(tempFiles()).toEqual([]);
    });

    it('refuses portfolio changes once the case has left the candidate', async () => {
      const other = (await upload(candidate, caseId, samples.text(), 'x.txt', 'text/plain').expect(201)).body.id;
      await ctx.setStatus(caseId, CaseStatus.Submitted);
      try {
        const res = await upload(candidate, caseId, samples.pdf(), 'late.pdf', 'application/pdf').expect(409);
        expect(res.body.code).toBe('case.not_editable');
        await ctx.http.post(`/cases/${caseId}/evidence`).set(candidate.auth).send({ kind: 'url', title: 'x', url: 'https://example.org', learningOutcomeIds: [lo1] }).expect(409);
        await ctx.http.delete(`/cases/${caseId}/evidence/${other}`).set(candidate.auth).expect(409);
        await ctx.http.get(`/cases/${caseId}/evidence/${other}/file`).set(world.admin.auth).expect(200);
      } finally {
        await ctx.setStatus(caseId, CaseStatus.Draft);
      }
    });
  });
});
