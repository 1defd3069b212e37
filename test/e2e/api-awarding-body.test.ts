import { Role } from '../../libs/domain';
import { AuditLogEntity, AwardingBodyEntity } from '../../libs/persistence/entities';
import { ApiTestContext } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';

describe("API: a body admin's own awarding body", () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  let otherWorld: BodyWorld;
  let candidate: SignedIn;

  const row = (id: string) => ctx.ds.getRepository(AwardingBodyEntity).findOneByOrFail({ id });

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    world = await ctx.body();
    otherWorld = await ctx.body();
    candidate = await ctx.user(Role.Candidate);
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('the admin reads their body: name, country, time zone, settings and the workload ceiling of its micro-credentials', async () => {
    const res = await ctx.http.get('/awarding-body').set(world.admin.auth).expect(200);
    expect(res.body).toEqual({ id: world.bodyId, name: 'Test Awarding Body', country: 'FR', timeZone: 'Europe/Paris', settings: {}, microCredentialMaxEcts: 30, microCredentialMaxHours: 750 });
  });

  it('the admin changes the time zone; the change is audited with the values before and after', async () => {
    const res = await ctx.http.patch('/awarding-body').set(world.admin.auth).send({ timeZone: 'Europe/Helsinki' }).expect(200);
    expect(res.body).toMatchObject({ id: world.bodyId, timeZone: 'Europe/Helsinki', settings: {} });
    expect((await row(world.bodyId)).timeZone).toBe('Europe/Helsinki');
    expect((await ctx.http.get('/awarding-body').set(world.admin.auth).expect(200)).body.timeZone).toBe('Europe/Helsinki');
    const audit = await ctx.ds.getRepository(AuditLogEntity).findOneByOrFail({ subjectId: world.bodyId, action: 'awarding_body.updated' });
    expect(audit).toMatchObject({
      actorId: world.admin.user.id,
      subjectType: 'awarding_body',
      data: { fields: ['timeZone'], before: { timeZone: 'Europe/Paris' }, after: { timeZone: 'Europe/Helsinki' } },
    });
  });

  it('the admin changes some settings: those sent are merged in, null takes one back to the default, the rules between them hold for the result', async () => {
    const res = await ctx.http
      .patch('/awarding-body')
      .set(world.admin.auth)
      .send({ settings: { appealWindowDays: 14, requireAdmissibility: true, assessorSlaDays: 30 } })
      .expect(200);
    expect(res.body.settings).toEqual({ appealWindowDays: 14, requireAdmissibility: true, assessorSlaDays: 30 });
    // the others are kept
    await ctx.http.patch('/awarding-body').set(world.admin.auth).send({ settings: { evidenceRequestDays: 20 } }).expect(200);
    expect((await row(world.bodyId)).settings).toEqual({ appealWindowDays: 14, requireAdmissibility: true, assessorSlaDays: 30, evidenceRequestDays: 20 });
    // a reminder on day 20 is before the stored 30 days (the default would be 14)
    await ctx.http.patch('/awarding-body').set(world.admin.auth).send({ settings: { assessorReminderDays: 20, requireAdmissibility: null } }).expect(200);
    expect((await row(world.bodyId)).settings).toEqual({ appealWindowDays: 14, assessorSlaDays: 30, evidenceRequestDays: 20, assessorReminderDays: 20 });
    // back to the default of 14 days would put the stored reminder after the deadline: refused, nothing changed
    const refused = await ctx.http.patch('/awarding-body').set(world.admin.auth).send({ settings: { assessorSlaDays: null } }).expect(400);
    expect(refused.body.message).toEqual(['settings: assessorReminderDays must be less than assessorSlaDays']);
    await ctx.http.patch('/awarding-body').set(world.admin.auth).send({ settings: { assessorSlaDays: null, assessorReminderDays: null, appealWindowDays: null } }).expect(200);
    expect((await row(world.bodyId)).settings).toEqual({ evidenceRequestDays: 20 });
    const audit = await ctx.ds.getRepository(AuditLogEntity).find({ where: { subjectId: world.bodyId, action: 'awarding_body.updated' }, order: { occurredAt: 'DESC' } });
    expect(audit[0]!.data).toEqual({
      fields: ['settings'],
      before: { settings: { assessorSlaDays: 30, appealWindowDays: 14, evidenceRequestDays: 20, assessorReminderDays: 20 } },
      after: { settings: { evidenceRequestDays: 20 } },
    });
  });

  it('refuses a bad zone or bad settings with 400 and a sentence naming the field, and changes nothing', async () => {
    const before = await row(world.bodyId);
    const audits = await ctx.ds.getRepository(AuditLogEntity).countBy({ subjectId: world.bodyId });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ timeZone: 'UTC+3' }, /^timeZone must be an IANA time zone name in its canonical form, such as Europe\/Paris/],
      [{ timeZone: 'US/Pacific' }, /^timeZone must be an IANA time zone name .*: use America\/Los_Angeles$/],
      [{ timeZone: 'Mars/Olympus_Mons' }, /^timeZone must be an IANA time zone name/],
      [{ timeZone: 'europe/paris' }, /^timeZone must be an IANA time zone name/],
      [{ timeZone: '' }, /^timeZone must be an IANA time zone name/],
      [{ timeZone: 3 }, /^timeZone must be an IANA time zone name/],
      [{ timeZone: null }, /^timeZone must be an IANA time zone name/],
      [{ timeZone: 'Europe/Rome', settings: { appealWindowDays: 0.5 } }, /^settings: appealWindowDays must be a whole number of days from 1 to 3650$/],
      [{ settings: { appealDays: 10 } }, /^settings\.appealDays is not a process setting/],
      [{ settings: { requireAdmissibility: 'yes' } }, /^settings\.requireAdmissibility must be a boolean$/],
      [{ settings: { appealDays: null } }, /^settings\.appealDays is not a process setting/],
      [{ settings: null }, /^settings must be an object$/],
      [{ name: 'Renamed' }, /^property name is not accepted here$/],
      [{}, /^send at least one field to change: timeZone, settings, microCredentialMaxEcts or microCredentialMaxHours$/],
    ];
    for (const [body, expected] of cases) {
      const res = await ctx.http.patch('/awarding-body').set(world.admin.auth).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect({ body, messages: [res.body.message].flat() }).toEqual({ body, messages: [expect.stringMatching(expected)] });
    }
    const after = await row(world.bodyId);
    expect({ timeZone: after.timeZone, settings: after.settings, name: after.name }).toEqual({ timeZone: before.timeZone, settings: before.settings, name: before.name });
    expect(await ctx.ds.getRepository(AuditLogEntity).countBy({ subjectId: world.bodyId })).toBe(audits);
  });

  it('is for body admins only', async () => {
    for (const who of [candidate, world.assessor]) {
      const read = await ctx.http.get('/awarding-body').set(who.auth).expect(403);
      expect(read.body.message).toBe(`this action is for awarding body admins; you are signed in as ${who.user.role === Role.Candidate ? 'a candidate' : 'an assessor'}`);
      await ctx.http.patch('/awarding-body').set(who.auth).send({ timeZone: 'Asia/Tokyo' }).expect(403);
    }
    await ctx.http.get('/awarding-body').expect(401);
    await ctx.http.patch('/awarding-body').send({ timeZone: 'Asia/Tokyo' }).expect(401);
    expect((await row(world.bodyId)).timeZone).not.toBe('Asia/Tokyo');
  });

  it("one body's admin sees and changes only their own body", async () => {
    const own = await ctx.http.get('/awarding-body').set(otherWorld.admin.auth).expect(200);
    expect(own.body.id).toBe(otherWorld.bodyId);
    expect(JSON.stringify(own.body)).not.toContain(world.bodyId);
    const worldZone = (await row(world.bodyId)).timeZone;
    await ctx.http.patch('/awarding-body').set(otherWorld.admin.auth).send({ timeZone: 'America/New_York' }).expect(200);
    expect((await row(otherWorld.bodyId)).timeZone).toBe('America/New_York');
    expect((await row(world.bodyId)).timeZone).toBe(worldZone);
    expect((await ctx.http.get('/awarding-body').set(world.admin.auth).expect(200)).body).toMatchObject({ id: world.bodyId, timeZone: worldZone });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await ctx.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/awarding-body'] ?? {}).sort()).toEqual(['get', 'patch']);
  });
});
