import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '../../libs/domain';
import { EvidenceEntity } from '../../libs/persistence/entities';
import { TEST_PASSWORD } from '../factories';
import { TemporalDevServer } from '../support/temporal-server';
import { ApiTestContext, samples } from './support/api-app';

/** Limits on signing in, security headers, the session cookie and CORS, as a client (or an attacker) meets them. */
describe('API: abuse limits and browser protections', () => {
  let temporal: TemporalDevServer;
  beforeAll(async () => {
    temporal = await TemporalDevServer.start();
  }, 90_000);
  afterAll(async () => {
    await temporal?.dispose();
  });

  describe('sign-in limits (3 failures per account and address, 5 attempts per address, behind a trusted proxy)', () => {
    let ctx: ApiTestContext;
    beforeAll(async () => {
      ctx = await ApiTestContext.start({
        temporal,
        env: { AUTH_RATE_LIMIT_PER_ACCOUNT: '3', AUTH_RATE_LIMIT_PER_IP: '5', AUTH_RATE_WINDOW_SECONDS: '600', LOGIN_FAILURE_DELAY_MS: '1', TRUST_PROXY: 'loopback' },
      });
    }, 120_000);
    afterAll(async () => {
      await ctx?.close();
    });

    const login = (from: string, email: string, password: string) => ctx.http.post('/auth/login').set('X-Forwarded-For', from).send({ email, password });

    it('never counts successful sign-ins against an account: its owner signs in again and again', async () => {
      const owner = await ctx.make.user(Role.Candidate);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await login('198.51.100.9', owner.email, TEST_PASSWORD)).status);
      expect(statuses).toEqual([200, 200, 200, 200]);
    });

    it('refuses an address that failed three times on an account with 429, Retry-After and a sentence, even with the right password, while the owner signs in from elsewhere', async () => {
      const victim = await ctx.make.user(Role.Candidate);
      const other = await ctx.make.user(Role.Candidate);
      // the e-mail is counted however it is written
      for (const [i, email] of [victim.email, victim.email.toUpperCase(), victim.email].entries()) {
        const res = await login('198.51.100.1', email, `wrong password ${i}`);
        expect(res.status).toBe(401);
      }
      const refused = await login('198.51.100.1', victim.email.toUpperCase(), TEST_PASSWORD);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'auth.too_many_attempts' });
      expect(refused.body.message).toMatch(/^too many sign-in attempts for this account or from this address: wait \d+ seconds, then try again$/);
      // the same address, another account: not refused
      expect((await login('198.51.100.1', other.email, TEST_PASSWORD)).status).toBe(200);
      // the owner, from their own address, after more failures from others: slowed, never refused
      for (const from of ['198.51.100.2', '198.51.100.3']) expect((await login(from, victim.email, 'another guess')).status).toBe(401);
      expect((await login('198.51.100.4', victim.email, TEST_PASSWORD)).status).toBe(200);
    });

    it('counts guesses sent at once before any is answered: a burst from one address gets no more than its three', async () => {
      const victim = await ctx.make.user(Role.Candidate);
      const burst = await Promise.all([0, 1, 2, 3, 4].map((i) => login('198.51.100.7', victim.email, `burst guess ${i}`)));
      expect(burst.map((r) => r.status).sort()).toEqual([401, 401, 401, 429, 429]);
      expect((await login('198.51.100.7', victim.email, TEST_PASSWORD)).status).toBe(429);
      expect((await login('198.51.100.8', victim.email, TEST_PASSWORD)).status).toBe(200);
    });

    it('applies the same rule to the portal sign-in form', async () => {
      const owner = await ctx.make.user(Role.Candidate);
      // each attempt from a fresh browser: the form's page, then the form
      const signIn = async (from: string, password: string) => {
        const agent = request.agent(ctx.app.getHttpServer());
        const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/portal/sign-in').expect(200)).text)![1];
        return agent.post('/portal/sign-in').set('X-Forwarded-For', from).type('form').send({ _csrf: csrf, email: owner.email, password });
      };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await signIn('198.51.100.20', TEST_PASSWORD)).status);
      expect(statuses).toEqual([303, 303, 303, 303]);
      for (let i = 0; i < 3; i++) expect((await signIn('198.51.100.21', `wrong ${i}`)).status).toBe(401);
      const refused = await signIn('198.51.100.21', TEST_PASSWORD);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await signIn('198.51.100.20', TEST_PASSWORD)).status).toBe(303);
    }, 30_000);

    it('refuses a sixth attempt from one address, whatever the account, while another address signs in', async () => {
      const users = await Promise.all([1, 2, 3, 4, 5, 6].map(() => ctx.make.user(Role.Candidate)));
      const statuses: number[] = [];
      for (const user of users) statuses.push((await login('203.0.113.7', user.email, 'not the password')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const elsewhere = await login('203.0.113.8', users[5].email, TEST_PASSWORD);
      expect(elsewhere.status).toBe(200);
      // sign-up from the refused address is limited on its own route
      const signUp = await ctx.http
        .post('/auth/register')
        .set('X-Forwarded-For', '203.0.113.7')
        .send({ email: `new.${randomUUID()}@test.vnfil.eu`, displayName: 'New Person', password: TEST_PASSWORD });
      expect(signUp.status).toBe(201);
    });

    it('limits sign-up per e-mail address too', async () => {
      const email = `taken.${randomUUID()}@test.vnfil.eu`;
      const statuses: number[] = [];
      for (const from of ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4']) {
        statuses.push((await ctx.http.post('/auth/register').set('X-Forwarded-For', from).send({ email, displayName: 'Same Person', password: TEST_PASSWORD })).status);
      }
      expect(statuses).toEqual([201, 409, 409, 429]);
      const refused = await ctx.http.post('/auth/register').set('X-Forwarded-For', '192.0.2.5').send({ email, displayName: 'Same Person', password: TEST_PASSWORD });
      expect(refused.body.message).toMatch(/^too many sign-up attempts for this e-mail address or from this address: wait \d+ seconds, then try again$/);
    });
  });

  describe('a sign-in flood', () => {
    let ctx: ApiTestContext;
    beforeAll(async () => {
      ctx = await ApiTestContext.start({ temporal, env: { AUTH_RATE_LIMIT_PER_IP: '5', LOGIN_FAILURE_DELAY_MS: '1', HASH_CONCURRENCY: '1' } });
    }, 120_000);
    afterAll(async () => {
      await ctx?.close();
    });

    it('is refused while a candidate uploads evidence', async () => {
      const body = await ctx.make.body();
      const standard = await ctx.make.standard(body.id);
      const candidate = await ctx.make.user(Role.Candidate);
      // this sign-in spends one of the address's five attempts
      const signedIn = await ctx.login(candidate);
      const caseId = await ctx.draftCase(signedIn, standard.id);
      const lo = standard.learningOutcomes![0].id;

      const flood = Array.from({ length: 40 }, (_, i) => ctx.http.post('/auth/login').send({ email: `nobody.${i}@test.vnfil.eu`, password: `guess ${i}` }));
      const upload = ctx.http
        .post(`/cases/${caseId}/evidence/files`)
        .set(signedIn.auth)
        .field('title', 'Workshop slides')
        .field('learningOutcomeIds', lo)
        .attach('file', samples.pdf(), { filename: 'slides.pdf', contentType: 'application/pdf' });
      const [uploaded, ...answers] = await Promise.all([upload, ...flood]);

      expect(uploaded.status).toBe(201);
      expect(await ctx.ds.getRepository(EvidenceEntity).countBy({ caseId })).toBe(1);
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(36);
    });
  });

  describe('security headers and the session cookie', () => {
    it('sends helmet headers and a cookie without Secure when the API is published over http', async () => {
      const ctx = await ApiTestContext.start({ temporal });
      try {
        const res = await ctx.http.get('/health');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers['strict-transport-security']).toBeUndefined();
        const user = await ctx.make.user(Role.Candidate);
        const signIn = await ctx.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
        const cookie = String(signIn.headers['set-cookie']);
        expect(cookie).toMatch(/^vnfil_session=[^;]+;.*HttpOnly/);
        expect(cookie).not.toMatch(/;\s*Secure/i);
      } finally {
        await ctx.close();
      }
    }, 120_000);

    it('marks the cookie Secure and asks for HSTS when PUBLIC_URL is https', async () => {
      const ctx = await ApiTestContext.start({ temporal, env: { PUBLIC_URL: 'https://vnfil.example.org' } });
      try {
        const user = await ctx.make.user(Role.Candidate);
        const signIn = await ctx.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
        expect(String(signIn.headers['set-cookie'])).toMatch(/;\s*Secure/i);
        expect(signIn.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        const signedIn = { Authorization: `Bearer ${(signIn.body as { token: string }).token}` };
        const signOut = await ctx.http.post('/auth/logout').set(signedIn).expect(204);
        expect(String(signOut.headers['set-cookie'])).toMatch(/^vnfil_session=;.*Expires=Thu, 01 Jan 1970.*Secure/i);
      } finally {
        await ctx.close();
      }
    }, 120_000);
  });

  describe('CORS', () => {
    const preflight = (ctx: ApiTestContext, path: string, origin: string) =>
      ctx.http.options(path).set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type');

    it('is closed by default: no origin may read an answer', async () => {
      const ctx = await ApiTestContext.start({ temporal });
      try {
        for (const origin of ['https://evil.example', 'http://localhost:8080']) {
          const res = await preflight(ctx, '/cases', origin);
          expect(res.headers['access-control-allow-origin']).toBeUndefined();
          const get = await ctx.http.get('/health').set('Origin', origin);
          expect(get.headers['access-control-allow-origin']).toBeUndefined();
        }
      } finally {
        await ctx.close();
      }
    }, 120_000);

    it('opens to the origins allowed, and the codec only to the Temporal UI', async () => {
      const ctx = await ApiTestContext.start({ temporal, env: { CORS_ORIGINS: 'https://portal.example.org', TEMPORAL_UI_ORIGINS: 'http://localhost:8080' } });
      try {
        const allowed = await preflight(ctx, '/cases', 'https://portal.example.org');
        expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example.org');
        expect(allowed.headers['access-control-allow-credentials']).toBe('true');
        expect((await preflight(ctx, '/cases', 'https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
        expect((await preflight(ctx, '/cases', 'http://localhost:8080')).headers['access-control-allow-origin']).toBeUndefined();
        const codec = await preflight(ctx, '/codec/decode', 'http://localhost:8080');
        expect(codec.headers['access-control-allow-origin']).toBe('http://localhost:8080');
        expect(codec.headers['access-control-allow-credentials']).toBe('true');
      } finally {
        await ctx.close();
      }
    }, 120_000);
  });
});
