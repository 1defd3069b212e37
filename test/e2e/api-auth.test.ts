import { Role } from '../../libs/domain';
import { AuditLogEntity, CaseEntity, NotificationEntity, SessionEntity, UserEntity } from '../../libs/persistence/entities';
import request from 'supertest';
import { TEST_PASSWORD } from '../factories';
import { ApiTestContext } from './support/api-app';

describe('API: sign-in, sessions, roles and the request pipeline', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await ApiTestContext.start();
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  describe('POST /auth/login', () => {
    it('returns a bearer token, the user, and an HttpOnly SameSite=Lax session cookie; stores only the token hash', async () => {
      const user = await ctx.make.user(Role.Candidate);
      const res = await ctx.http.post('/auth/login').send({ email: user.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
      expect(res.body).toMatchObject({ user: { id: user.id, email: user.email, role: 'candidate', awardingBodyId: null } });
      expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/vnfil_session=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const sessions = await ctx.ds.getRepository(SessionEntity).find({ where: { userId: user.id } });
      expect(sessions).toHaveLength(1);
      expect(sessions[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(sessions[0].tokenHash).not.toContain(res.body.token);
      expect(await ctx.ds.getRepository(AuditLogEntity).count({ where: { actorId: user.id, action: 'auth.login' } })).toBe(1);
    });

    it('answers 401 with the same sentence for a wrong password and an unknown e-mail', async () => {
      const user = await ctx.make.user(Role.Candidate);
      const wrong = await ctx.http.post('/auth/login').send({ email: user.email, password: 'not the password' }).expect(401);
      const unknown = await ctx.http.post('/auth/login').send({ email: 'nobody@test.vnfil.eu', password: 'whatever' }).expect(401);
      expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'email or password is wrong', code: 'auth.invalid_credentials' });
      expect(unknown.body.message).toBe(wrong.body.message);
    });

    it('refuses bad input with 400 and sentences: missing fields, wrong types, unknown fields', async () => {
      const missing = await ctx.http.post('/auth/login').send({}).expect(400);
      expect(missing.body.message).toEqual(expect.arrayContaining(['email must be an e-mail address', 'password must be a string']));
      const wrongType = await ctx.http.post('/auth/login').send({ email: 42, password: ['x'] }).expect(400);
      expect(wrongType.body.statusCode).toBe(400);
      const unknown = await ctx.http.post('/auth/login').send({ email: 'a@b.eu', password: 'x', admin: true }).expect(400);
      expect(unknown.body.message).toContain('property admin is not accepted here');
    });
  });

  describe('POST /auth/register', () => {
    it('signs a new candidate up and in, with an argon2 hash and an audit row', async () => {
      const email = `new.${Date.now()}@test.vnfil.eu`;
      const res = await ctx.http.post('/auth/register').send({ email: email.toUpperCase(), displayName: '  Amara Okafor ', password: 'a long enough passphrase' }).expect(201);
      expect(res.body.user).toMatchObject({ email, displayName: 'Amara Okafor', role: 'candidate', awardingBodyId: null });
      await ctx.http.get('/auth/me').set('Authorization', `Bearer ${res.body.token}`).expect(200);
      const stored = await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email });
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await ctx.ds.getRepository(AuditLogEntity).count({ where: { actorId: stored.id, action: 'auth.register' } })).toBe(1);
      await ctx.http.post('/auth/login').send({ email, password: 'a long enough passphrase' }).expect(200);
    });

    it('e-mails a confirmation link, and lets no case start before the address is confirmed', async () => {
      const email = `unconfirmed.${Date.now()}@test.vnfil.eu`;
      const res = await ctx.http.post('/auth/register').send({ email, displayName: 'Someone Else', password: 'a long enough passphrase' }).expect(201);
      const stored = await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email });
      expect(stored.emailVerifiedAt).toBeNull();
      const sent = await ctx.ds.getRepository(NotificationEntity).findOneByOrFail({ recipientUserId: stored.id, template: 'account-verify_email' });
      expect(sent.bodyText).toMatch(/\/portal\/verify-email\?token=[A-Za-z0-9_-]{43}/);
      // whoever signs up with another person's address cannot work in their name
      const body = await ctx.make.body();
      const standard = await ctx.make.standard(body.id);
      const refused = await ctx.http.post('/cases').set('Authorization', `Bearer ${res.body.token}`).send({ standardId: standard.id }).expect(403);
      expect(refused.body).toMatchObject({ code: 'auth.email_unverified' });
      expect(await ctx.ds.getRepository(CaseEntity).countBy({ candidateId: stored.id })).toBe(0);
      // opening the link (as a mail scanner fetching every link does) confirms nothing: its page has the button
      const link = /\/portal\/verify-email\?token=[A-Za-z0-9_-]+/.exec(sent.bodyText)![0];
      const browser = request.agent(ctx.app.getHttpServer());
      const page = await browser.get(link).expect(200);
      await browser.get(link).expect(200);
      expect(page.text).toContain('Confirm my address');
      expect((await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email })).emailVerifiedAt).toBeNull();
      const form = { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1], token: new URL(link, 'http://x').searchParams.get('token')! };
      // the button posts the form with its anti-forgery token; a post without one changes nothing
      await ctx.http.post('/portal/verify-email').type('form').send({ token: form.token }).expect(403);
      expect((await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email })).emailVerifiedAt).toBeNull();
      await browser.post('/portal/verify-email').type('form').send(form).expect(303).expect('Location', '/portal/sign-in?notice=verified');
      expect((await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email })).emailVerifiedAt).not.toBeNull();
      // once
      await browser.get(link).expect(400);
      await browser.post('/portal/verify-email').type('form').send(form).expect(400);
      // (a confirmed candidate starting a case is the portal's and the full case's tests)
    });

    it('stores the name trimmed and in Unicode NFC, and refuses control characters in it', async () => {
      const email = `nfc.${Date.now()}@test.vnfil.eu`;
      const res = await ctx.http.post('/auth/register').send({ email, displayName: ' Zoe\u0301 Lefe\u0300vre ', password: 'a long enough passphrase' }).expect(201);
      expect(res.body.user.displayName).toBe('Zo\u00e9 Lef\u00e8vre');
      expect((await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email })).displayName).toBe('Zo\u00e9 Lef\u00e8vre');
      for (const displayName of ['Ana\tBell', 'Ana\u0007', 'Ana\u001b[2J', 'Ana\u202eleB']) {
        const refused = await ctx.http.post('/auth/register').send({ email: `ctl.${Date.now()}@test.vnfil.eu`, displayName, password: 'a long enough passphrase' }).expect(400);
        expect({ displayName, message: refused.body.message }).toEqual({ displayName, message: expect.arrayContaining(['displayName must be plain text: remove the control or direction-override characters']) });
      }
    });

    // The JSON API's register signs the new account in at once, so it cannot answer an existing address as it
    // answers a new one: it keeps its 409 (the portal's sign-up tells nothing, see portal-account-links.test.ts).
    it('refuses a taken e-mail with 409 and never makes an assessor or admin', async () => {
      const user = await ctx.make.user(Role.Assessor, (await ctx.make.body()).id);
      const taken = await ctx.http.post('/auth/register').send({ email: user.email, displayName: 'X', password: 'a long enough passphrase' }).expect(409);
      expect(taken.body.message).toBe('an account with this e-mail already exists: sign in instead');
      const role = await ctx.http.post('/auth/register').send({ email: 'r@test.vnfil.eu', displayName: 'X', password: 'a long enough passphrase', role: 'body_admin' }).expect(400);
      expect(role.body.message).toContain('property role is not accepted here');
      const short = await ctx.http.post('/auth/register').send({ email: 's@test.vnfil.eu', displayName: 'X', password: 'short' }).expect(400);
      expect(short.body.message).toContain('password must be at least 12 characters long');
      const blank = await ctx.http.post('/auth/register').send({ email: 'b@test.vnfil.eu', displayName: '   ', password: 'a long enough passphrase' }).expect(400);
      expect(blank.body.message).toContain('displayName must not be empty');
    });

    it('refuses an address on the demo domain (reserved for the seeded demo accounts) with 400, whatever its case', async () => {
      for (const email of ['mallory@demo.vnfil.eu', 'Admin@DEMO.vnfil.eu', 'x@eu.demo.vnfil.eu']) {
        const res = await ctx.http.post('/auth/register').send({ email, displayName: 'Mallory', password: 'vnfil-demo-but-longer' }).expect(400);
        expect(res.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          message: 'e-mail addresses on demo.vnfil.eu are reserved for the demo accounts: sign up with your own e-mail address',
          code: 'auth.email_reserved',
        });
        expect(await ctx.ds.getRepository(UserEntity).countBy({ email: email.toLowerCase() })).toBe(0);
      }
      await ctx.http.post('/auth/register').send({ email: `mallory.${Date.now()}@notdemo.vnfil.eu`, displayName: 'Mallory', password: 'a long enough passphrase' }).expect(201);
      // nor one that only looks like it: an invisible character makes another address that reads the same
      for (const email of ['x@demo.vnfil.eu\u200b', 'x\u2060@demo.vnfil.eu', 'x@demo.vnfil.eu\u00a0']) {
        const res = await ctx.http.post('/auth/register').send({ email, displayName: 'Mallory', password: 'a long enough passphrase' }).expect(400);
        expect(res.body.message).toContain('email must not contain invisible or space characters');
      }
    });
  });

  describe('PATCH /auth/me', () => {
    it('takes a canonical IANA time zone or UTC, and refuses legacy names with 400 and a sentence', async () => {
      const me = await ctx.user(Role.Candidate);
      await ctx.http.patch('/auth/me').set(me.auth).send({ timeZone: 'America/New_York' }).expect(200);
      const rule = 'timeZone must be an IANA time zone name in its canonical form, such as Europe/Paris, America/New_York or UTC; legacy aliases such as US/Pacific or GMT+0 are not accepted';
      const zones = { 'US/Pacific': `${rule}: use America/Los_Angeles`, 'GMT+0': `${rule}: use UTC`, 'Etc/GMT-2': rule, EST5EDT: `${rule}: use America/New_York`, 'Mars/Olympus': rule };
      for (const [timeZone, message] of Object.entries(zones)) {
        const res = await ctx.http.patch('/auth/me').set(me.auth).send({ timeZone }).expect(400);
        expect({ timeZone, message: res.body.message }).toEqual({ timeZone, message: [message] });
      }
      expect((await ctx.ds.getRepository(UserEntity).findOneByOrFail({ id: me.user.id })).timeZone).toBe('America/New_York');
      const utc = await ctx.http.patch('/auth/me').set(me.auth).send({ timeZone: 'UTC' }).expect(200);
      expect(utc.body.timeZone).toBe('UTC');
      await ctx.http.patch('/auth/me').set(me.auth).send({ timeZone: null }).expect(200);
    });
  });

  describe('sessions', () => {
    it('accepts the bearer token and the cookie, and ends the session on logout', async () => {
      const user = await ctx.make.user(Role.Candidate);
      const login = await ctx.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      const token = login.body.token as string;
      const viaBearer = await ctx.http.get('/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect(viaBearer.body).toMatchObject({ id: user.id, role: 'candidate' });
      const viaCookie = await ctx.http.get('/auth/me').set('Cookie', `other=1; vnfil_session=${token}`).expect(200);
      expect(viaCookie.body.id).toBe(user.id);
      await ctx.http.post('/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
      const after = await ctx.http.get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(after.body).toMatchObject({ code: 'auth.session_ended', message: 'your session was ended (signed out); sign in again' });
    });

    it('answers 401 without a token, with a garbage token and with a malformed Authorization header', async () => {
      const none = await ctx.http.get('/cases').expect(401);
      expect(none.body).toMatchObject({ statusCode: 401, code: 'auth.not_signed_in' });
      expect(none.body.message).toMatch(/sign in first/);
      const garbage = await ctx.http.get('/cases').set('Authorization', 'Bearer not-a-real-token').expect(401);
      expect(garbage.body).toMatchObject({ statusCode: 401, code: 'auth.invalid_session', message: 'this token is not a valid session; sign in again' });
      await ctx.http.get('/cases').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
      await ctx.http.get('/cases').set('Cookie', 'vnfil_session=%E0%A4%A').expect(401);
    });

    it('tells an expired session from one that never existed', async () => {
      const user = await ctx.make.user(Role.Candidate);
      const login = await ctx.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      await ctx.ds.getRepository(SessionEntity).update({ userId: user.id }, { expiresAt: new Date(Date.now() - 1000) });
      const expired = await ctx.http.get('/auth/me').set('Authorization', `Bearer ${login.body.token as string}`).expect(401);
      expect(expired.body).toMatchObject({ code: 'auth.session_expired', message: 'your session has expired; sign in again' });
    });

    it('answers 403 naming the role needed when the role is wrong', async () => {
      const candidate = await ctx.user(Role.Candidate);
      const res = await ctx.http.post('/standards').set(candidate.auth).send({}).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden', code: 'auth.role_required' });
      expect(res.body.message).toBe('this action is for awarding body admins; you are signed in as a candidate');
      const body = await ctx.make.body();
      const assessor = await ctx.user(Role.Assessor, body.id);
      await ctx.http.get('/assessor/queue').set(candidate.auth).expect(403);
      await ctx.http.get('/assessor/queue').set(assessor.auth).expect(200);
    });
  });

  describe('public routes and the pipeline', () => {
    it('GET /health answers without a session: database and Temporal are up', async () => {
      const res = await ctx.http.get('/health').expect(200);
      expect(res.body).toEqual({ status: 'ok', database: 'up', temporal: 'up' });
    });

    it('serves the OpenAPI document at /docs-json and the UI at /docs, without a session', async () => {
      const spec = await ctx.http.get('/docs-json').expect(200);
      const paths = Object.keys(spec.body.paths);
      for (const path of [
        '/auth/login',
        '/standards',
        '/standards/{id}',
        '/cases',
        '/cases/{id}',
        '/cases/{id}/timeline',
        '/cases/{id}/self-assessment',
        '/cases/{id}/evidence/files',
        '/cases/{id}/evidence/{evidenceId}/file',
        '/assessor/queue',
        '/cases/{id}/assessments',
        '/conflicts',
        '/cases/{id}/decision',
        '/cases/{id}/decision/revoke',
        '/health',
      ]) {
        expect(paths).toContain(path);
      }
      const ui = await ctx.http.get('/docs').redirects(1).expect(200);
      expect(ui.text).toMatch(/swagger/i);
    });

    it('answers malformed JSON with 400 and a sentence', async () => {
      const res = await ctx.http.post('/auth/login').set('Content-Type', 'application/json').send('{"email": "a@b.eu", "password": ').expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'the request body is not valid JSON', code: 'request.malformed_json' });
    });

    it('answers a JSON body over the limit with 413', async () => {
      const res = await ctx.http.post('/auth/login').send({ email: 'a@b.eu', password: 'x'.repeat(300 * 1024) }).expect(413);
      expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      expect(res.body.message).toMatch(/larger than the limit of 256 kB/);
    });

    it('answers a JSON array or scalar where an object is expected with 400', async () => {
      await ctx.http.post('/auth/login').set('Content-Type', 'application/json').send('[1,2]').expect(400);
      await ctx.http.post('/auth/login').set('Content-Type', 'application/json').send('"text"').expect(400);
    });

    it('answers an unknown route with a JSON 404', async () => {
      const user = await ctx.user(Role.Candidate);
      const res = await ctx.http.get('/no/such/route').set(user.auth).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(res.body.message).toMatch(/no such route/);
    });
  });
});
