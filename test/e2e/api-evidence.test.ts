import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseStatus, Role } from '../../libs/domain';
import { AuditLogEntity, EvidenceEntity, EvidenceOutcomeEntity } from '../../libs/persistence/entities';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { ApiTestContext, TEST_CASE_QUOTA_BYTES, TEST_MAX_RECORDING_BYTES, TEST_MAX_UPLOAD_BYTES, docx, samples, zipOf } from './support/api-app';
import * as files from '../support/evidence-files';
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
    // text is accepted only in UTF-8, and served saying so (a browser would guess otherwise)
    const served = await ctx.http.get(`/cases/${caseId}/evidence/${text.body.id}/file`).set(candidate.auth).expect(200);
    expect(served.headers['content-type']).toBe('text/plain; charset=utf-8');
    const again = await upload(candidate, caseId, samples.png(), 'same-photo.png', 'application/octet-stream').expect(201);
    const rows = await ctx.ds.getRepository(EvidenceEntity).findBy({ id: again.body.id });
    expect(rows[0].storageKey).toBe((await ctx.ds.getRepository(EvidenceEntity).findOneByOrFail({ id: png.body.id })).storageKey);
  });

  it('stores a path-traversal file name only as a display name, never as a path', async () => {
    const res = await upload(candidate, caseId, samples.text(), '../../etc/passwd', 'text/plain').expect(201);
    expect(res.body.originalName).toBe('passwd.txt');
    const row = await ctx.ds.getRepository(EvidenceEntity).findOneByOrFail({ id: res.body.id });
    expect(row.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}$/);
    const windows = await upload(candidate, caseId, samples.text(), '..\\..\\windows\\system.ini', 'text/plain').expect(201);
    expect(windows.body.originalName).toBe('system.ini');
    const control = await upload(candidate, caseId, samples.text(), 'ab\u202etxt.exe', 'text/plain').expect(201);
    expect(control.body.originalName).toBe('abtxt.txt');
    const nul = await upload(candidate, caseId, samples.text(), 'boot.ini\u0000.txt', 'text/plain').expect(400);
    expect(nul.body.message[0]).toMatch(/^the multipart body is malformed/);
    const dotfile = await upload(candidate, caseId, samples.text(), '....', 'text/plain').expect(201);
    expect(dotfile.body.originalName).toBe('evidence.txt');
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

  it('lets the content decide: a wrong declared type or extension never blocks acceptable content', async () => {
    const pdfAsPng = await upload(candidate, caseId, samples.pdf(), 'photo.png', 'image/png').expect(201);
    expect(pdfAsPng.body).toMatchObject({ mediaType: 'application/pdf', originalName: 'photo.pdf' });
    const textAsPdf = await upload(candidate, caseId, samples.text(), 'notes.pdf', 'application/pdf').expect(201);
    expect(textAsPdf.body).toMatchObject({ mediaType: 'text/plain', originalName: 'notes.txt' });
    const audit = await ctx.ds.getRepository(AuditLogEntity).findOneByOrFail({ subjectId: pdfAsPng.body.id, action: 'evidence.added' });
    expect(audit.data).toMatchObject({ mediaType: 'application/pdf', declaredType: 'image/png' });
  });

  it('refuses unknown content with 415, saying what it is and what to do', async () => {
    const exe = await upload(candidate, caseId, Buffer.concat([Buffer.from('MZ'), samples.binary()]), 'setup.exe', 'application/octet-stream').expect(415);
    expect(exe.body.message).toMatch(/^the file is a Windows program, which cannot be accepted as evidence: programs and scripts are not evidence/);
    const plainZip = await upload(candidate, caseId, zipOf({ 'a.txt': 'hello' }), 'archive.zip', 'application/zip').expect(415);
    expect(plainZip.body).toMatchObject({ code: 'evidence.unsupported_type', message: expect.stringMatching(/^the file is a ZIP archive, .*unpack it/) });
    const unknown = await upload(candidate, caseId, samples.binary(), 'data.bin', 'application/octet-stream').expect(415);
    expect(unknown.body.message).toMatch(/^the file is of a kind we do not recognise, .*send PDF/);
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
    expect(empty.body).toMatchObject({ code: 'evidence.empty', message: 'the file is empty' });
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

  it('asks for a file when a browser form is sent with none chosen (filename="" and no content)', async () => {
    const before = await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId });
    const form = (fileHeaders: string) =>
      ctx.http
        .post(`/cases/${caseId}/evidence/files`)
        .set(candidate.auth)
        .set('Content-Type', 'multipart/form-data; boundary=XYZ')
        .send(
          `--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nNotes\r\n` +
            `--XYZ\r\nContent-Disposition: form-data; name="learningOutcomeIds"\r\n\r\n${lo1}\r\n` +
            `--XYZ\r\nContent-Disposition: form-data; name="file"; filename=""${fileHeaders}\r\n\r\n\r\n--XYZ--\r\n`,
        );
    // as browsers send it (Content-Type application/octet-stream), and with no Content-Type at all
    for (const headers of ['\r\nContent-Type: application/octet-stream', '']) {
      const res = await form(headers).expect(400);
      expect(res.body).toMatchObject({ code: 'evidence.invalid', message: ['choose a file to upload'] });
    }
    expect(await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId })).toBe(before);
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
    expect(file.body.message[0]).toMatch(/kind must be url, attestation or credential/);
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

  describe('evidence people really have', () => {
    let realCase: string;
    const bytesOf = (req: ReturnType<typeof ctx.http.get>) =>
      req.buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const fileOf = (id: string, path = 'file') => bytesOf(ctx.http.get(`/cases/${realCase}/evidence/${id}/${path}`).set(me.auth));
    const heic = readFileSync(join(__dirname, '../fixtures/evidence/photo.heic'));

    let me: SignedIn;
    beforeAll(async () => {
      me = await ctx.user(Role.Candidate);
      realCase = await ctx.draftCase(me, world.standard.id);
    });

    it('accepts a PDF with a line break, a byte-order mark or a few hundred bytes of junk before %PDF-', async () => {
      for (const [name, prefix] of [['lf.pdf', Buffer.from('\r\n')], ['bom.pdf', Buffer.from([0xef, 0xbb, 0xbf])], ['payroll export', Buffer.alloc(400, 0x20)]] as const) {
        const res = await upload(me, realCase, files.pdfAfter(prefix), name, 'application/pdf').expect(201);
        expect(res.body.mediaType).toBe('application/pdf');
        expect(res.body.originalName).toMatch(/\.pdf$/);
      }
    });

    it("accepts a phone's JPEG declared as image/heic and names its download .jpg", async () => {
      const res = await upload(me, realCase, files.jpeg(), 'IMG_1234.heic', 'image/heic').expect(201);
      expect(res.body).toMatchObject({ mediaType: 'image/jpeg', originalName: 'IMG_1234.jpg', renditionPath: null });
      const file = await fileOf(res.body.id).expect(200);
      expect(file.headers['content-type']).toBe('image/jpeg');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="IMG_1234.jpg"; filename*=UTF-8''IMG_1234.jpg`);
    });

    it('accepts a real HEIC photo as sent, with a JPEG rendition for viewing; a damaged one is refused with advice', async () => {
      const res = await upload(me, realCase, heic, 'IMG_5678.HEIC', 'image/heic').expect(201);
      expect(res.body).toMatchObject({ mediaType: 'image/heic', originalName: 'IMG_5678.HEIC', renditionPath: `/cases/${realCase}/evidence/${res.body.id}/rendition` });
      const original = await fileOf(res.body.id).expect(200);
      expect((original.body as Buffer).equals(heic)).toBe(true);
      expect(original.headers['content-type']).toBe('image/heic');
      const view = await fileOf(res.body.id, 'rendition').expect(200);
      expect(view.headers['content-type']).toBe('image/jpeg');
      expect(view.headers['content-disposition']).toContain('filename="IMG_5678.jpg"');
      expect(view.headers['x-content-type-options']).toBe('nosniff');
      expect((view.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      const row = await ctx.ds.getRepository(EvidenceEntity).findOneByOrFail({ id: res.body.id });
      expect(row.renditionStorageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}$/);
      expect(existsSync(join(ctx.config.storage.dir, row.renditionStorageKey!))).toBe(true);
      const jpegOnly = await upload(me, realCase, files.jpeg(), 'a.jpg', 'image/jpeg').expect(201);
      await fileOf(jpegOnly.body.id, 'rendition').expect(404);

      const damaged = Buffer.concat([heic.subarray(0, 40), Buffer.alloc(300, 0x42)]);
      const refused = await upload(me, realCase, damaged, 'broken.heic', 'image/heic').expect(422);
      expect(refused.body).toMatchObject({ code: 'evidence.unreadable', message: expect.stringMatching(/^the file is a HEIC photo, but its content could not be read.*export the photo as JPEG/) });
      expect(tempFiles()).toEqual([]);
    });

    it('accepts OpenDocument spreadsheets and presentations, also with the mimetype entry last or compressed', async () => {
      for (const [file, type, name] of [
        [files.odf('spreadsheet'), 'application/vnd.oasis.opendocument.spreadsheet', 'budget.ods'],
        [files.odf('presentation'), 'application/vnd.oasis.opendocument.presentation', 'talk.odp'],
        [files.odf('text', 'loose'), 'application/vnd.oasis.opendocument.text', 'essay.odt'],
        [files.odf('spreadsheet', 'loose'), 'application/vnd.oasis.opendocument.spreadsheet', 'rota.ods'],
      ] as const) {
        const res = await upload(me, realCase, file, name, 'application/octet-stream').expect(201);
        expect(res.body).toMatchObject({ mediaType: type, originalName: name });
      }
    });

    it('names a legacy Word file and a password-protected Office file in the refusal, with what to do', async () => {
      const doc = await upload(me, realCase, files.legacyWord(), 'CV.doc', 'application/msword').expect(415);
      expect(doc.body.message).toBe(
        'the file is a Word 97-2003 document (.doc), which cannot be accepted as evidence: save it as .docx or PDF (File > Save As) and upload it again',
      );
      const locked = await upload(me, realCase, files.encryptedOoxml(), 'payslips.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').expect(415);
      expect(locked.body.message).toMatch(/^the file is a password-protected Office document, which cannot be accepted as evidence: remove the password/);
      const random = await upload(me, realCase, samples.binary(), 'x.doc', 'application/msword').expect(415);
      expect(random.body.message).not.toBe(doc.body.message);
    });

    it('refuses Word, Excel and PowerPoint files with macros, naming the real kind and what to do, and keeps nothing', async () => {
      const rowsBefore = await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId: realCase });
      for (const [kind, name, message] of [
        ['docm', 'macro.docm', 'the file is a Word document with macros (.docm), which cannot be accepted as evidence: save it as .docx without macros, or as PDF, and upload it again'],
        ['xlsm', 'budget.xlsm', 'the file is an Excel workbook with macros (.xlsm), which cannot be accepted as evidence: save it as .xlsx without macros, or as PDF, and upload it again'],
        ['pptm', 'talk.pptm', 'the file is a PowerPoint presentation with macros (.pptm), which cannot be accepted as evidence: save it as .pptx without macros, or as PDF, and upload it again'],
        ['dotm', 'letter.dotm', 'the file is a Word template with macros (.dotm), which cannot be accepted as evidence: save it as .docx without macros, or as PDF, and upload it again'],
      ] as const) {
        const file = files.ooxml(kind);
        const res = await upload(me, realCase, file, name, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document').expect(415);
        expect(res.body).toMatchObject({ code: 'evidence.unsupported_type', message });
        expect(existsSync(join(ctx.config.storage.dir, sha256(file).slice(0, 2), sha256(file)))).toBe(false);
      }
      expect(await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId: realCase })).toBe(rowsBefore);
      expect(tempFiles()).toEqual([]);
      const plain = await upload(me, realCase, files.ooxml('docx'), 'report.docx', 'application/octet-stream').expect(201);
      expect(plain.body).toMatchObject({ mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', originalName: 'report.docx' });
    });

    it('refuses text saved as UTF-16 (not an MP3) or in a single-byte encoding, saying to save it as UTF-8', async () => {
      const advice = 'save it as UTF-8 (in Notepad: File > Save As, Encoding: UTF-8) and upload it again';
      for (const encoding of ['utf16le', 'utf16be'] as const) {
        const res = await upload(me, realCase, files.unicodeText('Journal de bord\r\nSéance 1 : accueil du groupe\r\n', encoding), 'utf16.txt', 'text/plain').expect(415);
        expect(res.body).toMatchObject({ code: 'evidence.unsupported_type', message: `the file is text saved as UTF-16 ('Unicode'), which cannot be accepted as evidence: ${advice}` });
      }
      const latin = await upload(me, realCase, files.latin1Text(), 'notes.txt', 'text/plain').expect(415);
      expect(latin.body).toMatchObject({
        code: 'evidence.unsupported_type',
        message: `the file is text that is not saved as UTF-8 (it looks like an older encoding, such as Windows-1252), which cannot be accepted as evidence: ${advice}`,
      });
      await upload(me, realCase, files.mp3(), 'interview.mp3', 'audio/mpeg').expect(201);
      expect(tempFiles()).toEqual([]);
    });

    it('shortens a 300-character name in the middle and keeps its extension', async () => {
      const name = `Certificate of participation ${'in the regional volunteer programme '.repeat(8)}2024.pdf`;
      expect(name.length).toBeGreaterThan(300);
      const res = await upload(me, realCase, samples.pdf(), name, 'application/pdf').expect(201);
      expect([...res.body.originalName]).toHaveLength(200);
      expect(res.body.originalName).toMatch(/^Certificate of participation in the regional.*….*programme 2024\.pdf$/);
    });

    it('refuses a file holding only a byte-order mark or only spaces as empty', async () => {
      for (const blank of [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('    \n  \t\n')]) {
        const res = await upload(me, realCase, blank, 'notes.txt', 'text/plain').expect(400);
        expect(res.body).toMatchObject({ code: 'evidence.empty', message: expect.stringMatching(/^the file holds nothing but blank space/) });
      }
    });

    it('accepts video and audio recordings, with their own larger limit', async () => {
      for (const [file, type, name] of [
        [files.isoMedia('isom'), 'video/mp4', 'session.mp4'],
        [files.isoMedia('qt  '), 'video/quicktime', 'IMG_0001.MOV'],
        [files.webm(), 'video/webm', 'screen.webm'],
        [files.mp3(), 'audio/mpeg', 'interview.mp3'],
        [files.isoMedia('M4A '), 'audio/mp4', 'memo.m4a'],
        [files.wav(), 'audio/wav', 'reading.wav'],
        [files.oggVorbis(), 'audio/ogg', 'talk.ogg'],
      ] as const) {
        const res = await upload(me, realCase, file, name, 'application/octet-stream').expect(201);
        expect(res.body).toMatchObject({ mediaType: type, originalName: name });
      }
      const longVideo = Buffer.concat([files.isoMedia('isom'), Buffer.alloc(TEST_MAX_UPLOAD_BYTES * 2, 0x11)]);
      expect(longVideo.length).toBeLessThan(TEST_MAX_RECORDING_BYTES);
      await upload(me, realCase, longVideo, 'long.mp4', 'video/mp4').expect(201);
      const longPdf = Buffer.concat([samples.pdf(), Buffer.alloc(TEST_MAX_UPLOAD_BYTES * 2, 0x41)]);
      const pdfRes = await upload(me, realCase, longPdf, 'long.pdf', 'application/pdf').expect(413);
      expect(pdfRes.body.message).toMatch(new RegExp(`limit of ${TEST_MAX_UPLOAD_BYTES} bytes .* for documents and images`));
      const tooLong = Buffer.concat([files.isoMedia('isom'), Buffer.alloc(TEST_MAX_RECORDING_BYTES, 0x11)]);
      const videoRes = await upload(me, realCase, tooLong, 'too-long.mp4', 'video/mp4').expect(413);
      expect(videoRes.body.message).toMatch(new RegExp(`limit of ${TEST_MAX_RECORDING_BYTES} bytes .* for video and audio recordings`));
      expect(tempFiles()).toEqual([]);
    });

    it('serves byte ranges so that recordings play in a browser: 206, Accept-Ranges, 416 past the end', async () => {
      const video = Buffer.concat([files.isoMedia('isom'), Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251))]);
      const id = (await upload(me, realCase, video, 'practice.mp4', 'video/mp4').expect(201)).body.id;
      const whole = await fileOf(id).expect(200);
      expect(whole.headers['accept-ranges']).toBe('bytes');
      expect((whole.body as Buffer).equals(video)).toBe(true);
      const part = await fileOf(id).set('Range', 'bytes=100-1099').expect(206);
      expect(part.headers['content-range']).toBe(`bytes 100-1099/${video.length}`);
      expect(part.headers['content-length']).toBe('1000');
      expect(part.headers['content-type']).toBe('video/mp4');
      expect((part.body as Buffer).equals(video.subarray(100, 1100))).toBe(true);
      const tail = await fileOf(id).set('Range', 'bytes=-10').expect(206);
      expect((tail.body as Buffer).equals(video.subarray(video.length - 10))).toBe(true);
      const open = await fileOf(id).set('Range', `bytes=${video.length - 5}-`).expect(206);
      expect(open.headers['content-range']).toBe(`bytes ${video.length - 5}-${video.length - 1}/${video.length}`);
      // a last position past the end (even past 2^53) is cut at the end (RFC 9110, 14.1.2)
      for (const range of ['bytes=0-99999999999999999999', `bytes=0-${video.length}`, 'bytes=-99999999999999999999']) {
        const clamped = await fileOf(id).set('Range', range).expect(206);
        expect(clamped.headers['content-range']).toBe(`bytes 0-${video.length - 1}/${video.length}`);
        expect((clamped.body as Buffer).equals(video)).toBe(true);
      }
      const from5 = await fileOf(id).set('Range', 'bytes=5-').expect(206);
      expect((from5.body as Buffer).equals(video.subarray(5))).toBe(true);
      await ctx.http.get(`/cases/${realCase}/evidence/${id}/file`).set(me.auth).set('Range', 'bytes=99999999999999999999-').expect(416);
      const past = await ctx.http.get(`/cases/${realCase}/evidence/${id}/file`).set(me.auth).set('Range', `bytes=${video.length}-`).expect(416);
      expect(past.headers['content-range']).toBe(`bytes */${video.length}`);
      expect(past.body.code).toBe('evidence.range_not_satisfiable');
      const stale = await fileOf(id).set('Range', 'bytes=0-9').set('If-Range', '"something-else"').expect(200);
      expect((stale.body as Buffer).length).toBe(video.length);
      const fresh = await fileOf(id).set('Range', 'bytes=0-9').set('If-Range', whole.headers.etag).expect(206);
      expect((fresh.body as Buffer).length).toBe(10);
    });

    it("holds each case to its storage quota, with a clear message; removed files still count, as they are kept", async () => {
      const owner = await ctx.user(Role.Candidate);
      const quotaCase = await ctx.draftCase(owner, world.standard.id);
      const chunk = TEST_MAX_RECORDING_BYTES - 1024;
      const ids: string[] = [];
      let n = 0;
      while ((n + 1) * chunk <= TEST_CASE_QUOTA_BYTES) {
        const body = Buffer.concat([files.isoMedia('isom'), Buffer.alloc(chunk - files.isoMedia('isom').length, n++)]);
        ids.push((await upload(owner, quotaCase, body, `part${n}.mp4`, 'video/mp4').expect(201)).body.id);
      }
      const over = Buffer.concat([files.isoMedia('isom'), Buffer.alloc(chunk - files.isoMedia('isom').length, 0xee)]);
      const refused = await upload(owner, quotaCase, over, 'one-more.mp4', 'video/mp4').expect(413);
      expect(refused.body).toMatchObject({ code: 'evidence.quota_exceeded' });
      expect(refused.body.message).toMatch(new RegExp(`^this case's evidence files may take ${TEST_CASE_QUOTA_BYTES} bytes .* upload a smaller version`));
      expect(refused.body.message).toMatch(/files you removed still count, as they are kept with the case's record$/);
      expect(await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId: quotaCase, sha256: sha256(over) })).toBe(0);
      expect(existsSync(join(ctx.config.storage.dir, sha256(over).slice(0, 2), sha256(over)))).toBe(false);
      // removing a file keeps it (on disk, with the record): it makes no room, or upload and remove would fill the disk
      const removed = (await ctx.ds.getRepository(EvidenceEntity).findOneByOrFail({ id: ids[0] })).storageKey!;
      await ctx.http.delete(`/cases/${quotaCase}/evidence/${ids[0]}`).set(owner.auth).expect(204);
      expect(existsSync(join(ctx.config.storage.dir, removed))).toBe(true);
      const stillRefused = await upload(owner, quotaCase, over, 'one-more.mp4', 'video/mp4').expect(413);
      expect(stillRefused.body).toMatchObject({ code: 'evidence.quota_exceeded', message: refused.body.message });
      expect(existsSync(join(ctx.config.storage.dir, sha256(over).slice(0, 2), sha256(over)))).toBe(false);
    });

    it('answers 503 when the store cannot be written, naming no server path, and keeps nothing', async () => {
      const tmp = join(ctx.config.storage.dir, 'tmp');
      rmSync(tmp, { recursive: true, force: true });
      writeFileSync(tmp, 'not a folder');
      try {
        const before = await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId: realCase });
        const res = await upload(me, realCase, samples.pdf(), 'a.pdf', 'application/pdf').expect(503);
        expect(res.body.code).toBe('evidence.storage_unavailable');
        expect(JSON.stringify(res.body)).not.toContain(ctx.config.storage.dir);
        expect(res.headers['retry-after']).toBeDefined();
        expect(await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId: realCase })).toBe(before);
      } finally {
        rmSync(tmp, { force: true });
        mkdirSync(tmp);
      }
    });

    // Mounting a tmpfs needs root, as the test and CI machines run (README, Tests).
    it('answers 507 when the disk is full, naming no server path (a real 32 KiB tmpfs)', async () => {
      const tmp = join(ctx.config.storage.dir, 'tmp');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32k', 'tmpfs', tmp]);
      try {
        const big = Buffer.concat([samples.pdf(), Buffer.alloc(48 * 1024, 0x41)]);
        const res = await upload(me, realCase, big, 'big.pdf', 'application/pdf').expect(507);
        expect(res.body.code).toBe('evidence.storage_full');
        expect(JSON.stringify(res.body)).not.toContain(ctx.config.storage.dir);
        expect(readdirSync(tmp)).toEqual([]);
      } finally {
        execFileSync('umount', [tmp]);
      }
    });

    it('closes the portfolio when the evidence deadline passes, before the process records the withdrawal', async () => {
      const owner = await ctx.user(Role.Candidate);
      const late = await ctx.draftCase(owner, world.standard.id);
      const kept = (await upload(owner, late, samples.text(), 'kept.txt', 'text/plain').expect(201)).body.id;
      await ctx.ds.query(`UPDATE validation_case SET status = 'evidence_requested', evidence_due_at = now() + interval '1 hour' WHERE id = $1`, [late]);
      await upload(owner, late, files.pdfAfter(Buffer.from('\n')), 'in-time.pdf', 'application/pdf').expect(201);
      await ctx.ds.query(`UPDATE validation_case SET evidence_due_at = now() - interval '1 second' WHERE id = $1`, [late]);
      const rowsBefore = await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId: late });
      const file = Buffer.from(`too late ${Date.now()}`);
      const refused = await upload(owner, late, file, 'late.txt', 'text/plain').expect(409);
      expect(refused.body).toMatchObject({ code: 'case.not_editable', message: expect.stringMatching(/^the time to add evidence has ended/) });
      await ctx.http.post(`/cases/${late}/evidence`).set(owner.auth).send({ kind: 'url', title: 'x', url: 'https://example.org', learningOutcomeIds: [lo1] }).expect(409);
      await ctx.http.post(`/cases/${late}/evidence`).set(owner.auth).send({ kind: 'attestation', title: 'x', attestorName: 'A', statement: 'B', learningOutcomeIds: [lo1] }).expect(409);
      await ctx.http.delete(`/cases/${late}/evidence/${kept}`).set(owner.auth).expect(409);
      await ctx.http.put(`/cases/${late}/self-assessment`).set(owner.auth).send({ items: [{ learningOutcomeId: lo1, level: 'competent', statement: 'x' }] }).expect((r) => expect([400, 409]).toContain(r.status));
      expect(await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId: late })).toBe(rowsBefore);
      expect((await ctx.ds.getRepository(EvidenceEntity).findOneByOrFail({ id: kept })).removedAt).toBeNull();
      expect(existsSync(join(ctx.config.storage.dir, sha256(file).slice(0, 2), sha256(file)))).toBe(false);
    });

    it('refuses every portfolio write on a withdrawn or closed case with 409, leaving no row and no file', async () => {
      const owner = await ctx.user(Role.Candidate);
      const ended = await ctx.draftCase(owner, world.standard.id);
      const kept = (await upload(owner, ended, samples.text(), 'kept.txt', 'text/plain').expect(201)).body.id;
      for (const status of [CaseStatus.Withdrawn, CaseStatus.Closed]) {
        await ctx.setStatus(ended, status);
        const file = Buffer.from(`after ${status} ${Date.now()}`);
        await upload(owner, ended, file, 'after.txt', 'text/plain').expect(409);
        await ctx.http.post(`/cases/${ended}/evidence`).set(owner.auth).send({ kind: 'url', title: 'x', url: 'https://example.org', learningOutcomeIds: [lo1] }).expect(409);
        await ctx.http.delete(`/cases/${ended}/evidence/${kept}`).set(owner.auth).expect(409);
        expect(await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId: ended })).toBe(1);
        expect(existsSync(join(ctx.config.storage.dir, sha256(file).slice(0, 2), sha256(file)))).toBe(false);
      }
    });
  });
});
