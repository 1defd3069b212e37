import { randomUUID } from 'node:crypto';
import { Role } from '../../libs/domain';
import { AuditLogEntity, StandardEntity, UserEntity } from '../../libs/persistence/entities';
import { ApiTestContext } from './support/api-app';
import type { BodyWorld } from './support/api-app';

/** Every kind of line break a client can send: CR, LF, both, vertical tab, form feed, next line, line and paragraph separators. */
const BREAKS: Record<string, string> = {
  LF: '\n',
  CR: '\r',
  CRLF: '\r\n',
  VT: '\v',
  FF: '\f',
  NEL: '\u0085',
  LS: '\u2028',
  PS: '\u2029',
};

function newStandard(overrides: Record<string, unknown> = {}) {
  return {
    code: `ONE-LINE-${randomUUID().slice(0, 6)}`,
    title: 'Welding of steel pipes',
    eqfLevel: 4,
    workloadHours: 60,
    learningOutcomes: [{ code: 'LO1', description: 'Welds a pipe joint.\nChecks it for leaks.', criteria: [{ code: 'LO1.1', description: 'The joint holds' }] }],
    microCredential: { title: 'Micro-credential in pipe welding', typeOfAssessment: 'Practical test', formOfParticipation: 'onsite', typeOfQualityAssurance: 'External review' },
    ...overrides,
  };
}

/**
 * Text that ends up in a message's subject (a standard's title) or its greeting (a person's display name) is one
 * line: a line break of any kind is refused by name with 400 request.invalid, and nothing is written.
 */
describe('API: text that goes into a message subject or greeting stays on one line', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    world = await ctx.body();
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  const refused = (name: string, field: string) => ({
    name,
    status: 400,
    body: { statusCode: 400, error: 'Bad Request', code: 'request.invalid', message: [`${field} must be on one line: remove the line breaks`] },
  });

  it("refuses a standard's title with a line break and creates nothing; the same standard on one line is created", async () => {
    const count = () => ctx.ds.getRepository(StandardEntity).countBy({ awardingBodyId: world.bodyId });
    const audits = () => ctx.ds.getRepository(AuditLogEntity).countBy({ actorId: world.admin.user.id, action: 'standard.created' });
    const [standardsBefore, auditsBefore] = [await count(), await audits()];
    for (const [name, brk] of Object.entries(BREAKS)) {
      const res = await ctx.http.post('/standards').set(world.admin.auth).send(newStandard({ title: `Welding${brk}Bcc: victim@example.com` }));
      expect({ name, status: res.status, body: res.body }).toEqual(refused(name, 'title'));
    }
    expect(await count()).toBe(standardsBefore);
    expect(await audits()).toBe(auditsBefore);

    // on one line (with a tab and characters beyond ASCII) the title is taken; descriptions may still span lines
    const created = await ctx.http.post('/standards').set(world.admin.auth).send(newStandard({ title: 'Welding\tof steel – niveau 2 (Ø 50 mm)' })).expect(201);
    expect(created.body.title).toBe('Welding\tof steel – niveau 2 (Ø 50 mm)');
    expect(created.body.learningOutcomes[0].description).toBe('Welds a pipe joint.\nChecks it for leaks.');
    expect(await count()).toBe(standardsBefore + 1);
  });

  it("refuses a line break in a standard's new title and leaves the standard as it was; a one-line title is taken", async () => {
    const created = (await ctx.http.post('/standards').set(world.admin.auth).send(newStandard()).expect(201)).body as { id: string };
    const row = () => ctx.ds.getRepository(StandardEntity).findOneByOrFail({ id: created.id });
    const before = await row();
    for (const [name, brk] of Object.entries(BREAKS)) {
      const res = await ctx.http.patch(`/standards/${created.id}`).set(world.admin.auth).send({ title: `Pipe welding${brk}(2026)` });
      expect({ name, status: res.status, body: res.body }).toEqual(refused(name, 'title'));
    }
    const after = await row();
    expect({ title: after.title, version: after.version }).toEqual({ title: before.title, version: before.version });
    expect(await ctx.ds.getRepository(AuditLogEntity).countBy({ subjectId: created.id, action: 'standard.updated' })).toBe(0);

    const res = await ctx.http.patch(`/standards/${created.id}`).set(world.admin.auth).send({ title: 'Pipe welding (2026)' }).expect(200);
    expect(res.body).toMatchObject({ title: 'Pipe welding (2026)', version: before.version + 1 });
  });

  it('refuses a display name with a line break at registration and creates no account; a one-line name signs up', async () => {
    const email = `one-line-${randomUUID().slice(0, 8)}@example.org`;
    for (const [name, brk] of Object.entries(BREAKS)) {
      const res = await ctx.http.post('/auth/register').send({ email, displayName: `Lena${brk}Schmidt`, password: 'correct horse battery staple' });
      expect({ name, status: res.status, body: res.body }).toEqual(refused(name, 'displayName'));
    }
    expect(await ctx.ds.getRepository(UserEntity).countBy({ email })).toBe(0);

    const res = await ctx.http.post('/auth/register').send({ email, displayName: 'Zoë O’Brien-Łukasiewicz', password: 'correct horse battery staple' }).expect(201);
    expect(res.body.user).toMatchObject({ email, displayName: 'Zoë O’Brien-Łukasiewicz', role: Role.Candidate });
    // a break at either end is white space the name is trimmed of, so nothing on a second line is stored
    const trimmed = `trimmed-${email}`;
    const spaced = await ctx.http.post('/auth/register').send({ email: trimmed, displayName: '\r\nLena Schmidt\n', password: 'correct horse battery staple' }).expect(201);
    expect(spaced.body.user.displayName).toBe('Lena Schmidt');
  });

  it('refuses control and direction-override characters in a display name, and keeps the marks right-to-left names need', async () => {
    const controls = { BEL: '\u0007', ESC: '\u001b', DEL: '\u007f', 'C1 CSI': '\u009b', 'right-to-left override': '\u202e', 'first-strong isolate': '\u2068' };
    for (const [name, control] of Object.entries(controls)) {
      const email = `control-${randomUUID().slice(0, 8)}@example.org`;
      const res = await ctx.http.post('/auth/register').send({ email, displayName: `Lena${control}Schmidt`, password: 'correct horse battery staple' });
      expect({ name, status: res.status, message: res.body.message }).toEqual({
        name,
        status: 400,
        message: ['displayName must be plain text: remove the control or direction-override characters'],
      });
      expect(await ctx.ds.getRepository(UserEntity).countBy({ email })).toBe(0);
    }
    // a right-to-left mark and a zero-width non-joiner are part of how Persian names are written
    const persian = 'می\u200cخواهم \u200fرضا';
    const ok = await ctx.http.post('/auth/register').send({ email: `fa-${randomUUID().slice(0, 8)}@example.org`, displayName: persian, password: 'correct horse battery staple' }).expect(201);
    expect(ok.body.user.displayName).toBe(persian);
  });
});
