import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { IsNull, Not } from 'typeorm';
import { Role } from '../../libs/domain';
import { AccountTokenEntity, NotificationEntity, UserEntity } from '../../libs/persistence/entities';
import { TEST_PASSWORD } from '../factories';
import { ApiTestContext } from './support/api-app';

/**
 * The portal's account forms as an attacker or a mail scanner meets them, over HTTP: sign-up does not tell
 * whether an address has an account, only the newest one-time link of a kind works, and the settings take only
 * canonical time zones. (The browser journeys are portal-accounts.test.ts.)
 */
describe('portal account links and answers', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await ApiTestContext.start();
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  /** A browser: keeps its cookies; `form` reads the anti-forgery token of the page at `path`. */
  function visitor(): { agent: TestAgent; form: (path: string) => Promise<string> } {
    const agent = request.agent(ctx.app.getHttpServer());
    return { agent, form: async (path) => /name="_csrf" value="([^"]+)"/.exec((await agent.get(path).expect(200)).text)![1] };
  }

  const main = (html: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)![1];
  const messagesTo = (userId: string, template: string) => ctx.ds.getRepository(NotificationEntity).find({ where: { recipientUserId: userId, template }, order: { createdAt: 'ASC' } });
  const tokenIn = (text: string, path: string) => new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(text)![1];

  it('answers a sign-up with an address that has an account as it answers a new one, and tells the owner by e-mail in their language', async () => {
    const owner = await ctx.make.user(Role.Candidate, null, 'Zoé Martin');
    await ctx.ds.getRepository(UserEntity).update({ id: owner.id }, { locale: 'fr' });
    const before = await ctx.ds.getRepository(UserEntity).findOneByOrFail({ id: owner.id });
    const { agent, form } = visitor();
    const csrf = await form('/portal/sign-up');
    const newEmail = `fresh.${Date.now()}@test.vnfil.eu`;
    const fresh = await agent.post('/portal/sign-up').type('form').send({ _csrf: csrf, displayName: 'Nina Fresh', email: newEmail, password: 'a long enough passphrase' });
    const taken = await agent.post('/portal/sign-up').type('form').send({ _csrf: csrf, displayName: 'Mallory', email: owner.email.toUpperCase(), password: 'another long passphrase' });
    expect(taken.status).toBe(fresh.status);
    expect(taken.status).toBe(201);
    expect(main(taken.text).replaceAll(owner.email.toUpperCase(), '<email>')).toBe(main(fresh.text).replaceAll(newEmail, '<email>'));
    expect(main(taken.text)).toContain('Check your e-mail');

    // nothing made or changed; the owner is told, in French, with the ways in and no one-time link
    const after = await ctx.ds.getRepository(UserEntity).findOneByOrFail({ id: owner.id });
    expect({ displayName: after.displayName, passwordHash: after.passwordHash }).toEqual({ displayName: before.displayName, passwordHash: before.passwordHash });
    expect(await ctx.ds.getRepository(UserEntity).countBy({ email: owner.email })).toBe(1);
    expect(await ctx.ds.getRepository(AccountTokenEntity).countBy({ userId: owner.id })).toBe(0);
    const [told] = await messagesTo(owner.id, 'account-sign_up_attempt');
    expect(told.subject).toBe('Quelqu’un a essayé de créer un compte vnfil avec votre adresse');
    expect(told.recipientEmail).toBe(owner.email);
    expect(told.bodyText).toContain('Bonjour Zoé Martin,');
    expect(told.bodyText).toContain(`${ctx.config.http.publicUrl}/portal/sign-in`);
    expect(told.bodyText).toContain(`${ctx.config.http.publicUrl}/portal/forgot-password`);
    expect(told.bodyText).not.toContain('token=');
    // the new address got its confirmation link
    const created = await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email: newEmail });
    expect(await messagesTo(created.id, 'account-verify_email')).toHaveLength(1);

    // a second try is told again (the sign-up limits bound how often)
    await agent.post('/portal/sign-up').type('form').send({ _csrf: csrf, displayName: 'Mallory', email: owner.email, password: 'another long passphrase' }).expect(201);
    expect(await messagesTo(owner.id, 'account-sign_up_attempt')).toHaveLength(2);
  });

  it('lets only the newest password link work: a second request cancels the first', async () => {
    const user = await ctx.make.user(Role.Assessor, (await ctx.make.body()).id);
    const { agent, form } = visitor();
    const csrf = await form('/portal/forgot-password');
    await agent.post('/portal/forgot-password').type('form').send({ _csrf: csrf, email: user.email }).expect(200);
    await agent.post('/portal/forgot-password').type('form').send({ _csrf: csrf, email: user.email }).expect(200);
    const [first, second] = (await messagesTo(user.id, 'account-reset_password')).map((m) => tokenIn(m.bodyText, '/portal/reset-password'));
    expect(first).not.toBe(second);
    await agent.get(`/portal/reset-password?token=${first}`).expect(400);
    await agent.post('/portal/reset-password').type('form').send({ _csrf: csrf, token: first, password: 'a brand new passphrase', confirm: 'a brand new passphrase' }).expect(400);
    await ctx.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    await agent.get(`/portal/reset-password?token=${second}`).expect(200);
    await agent.post('/portal/reset-password').type('form').send({ _csrf: csrf, token: second, password: 'a brand new passphrase', confirm: 'a brand new passphrase' }).expect(303);
    await ctx.http.post('/auth/login').send({ email: user.email, password: 'a brand new passphrase' }).expect(200);
    expect(await ctx.ds.getRepository(AccountTokenEntity).countBy({ userId: user.id, usedAt: IsNull() })).toBe(0);
  });

  it('lets only the newest confirmation link work once the link was sent again', async () => {
    const { agent, form } = visitor();
    const email = `resend.${Date.now()}@test.vnfil.eu`;
    const signUpCsrf = await form('/portal/sign-up');
    await agent.post('/portal/sign-up').type('form').send({ _csrf: signUpCsrf, displayName: 'Ines Resend', email, password: 'a long enough passphrase' }).expect(201);
    const resendCsrf = await form('/portal/verify-email/resend');
    await agent.post('/portal/verify-email/resend').type('form').send({ _csrf: resendCsrf, email }).expect(200);
    const user = await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email });
    const [first, second] = (await messagesTo(user.id, 'account-verify_email')).map((m) => tokenIn(m.bodyText, '/portal/verify-email'));
    await agent.get(`/portal/verify-email?token=${first}`).expect(400);
    const page = await agent.get(`/portal/verify-email?token=${second}`).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await agent.post('/portal/verify-email').type('form').send({ _csrf: csrf, token: first }).expect(400);
    expect((await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email })).emailVerifiedAt).toBeNull();
    await agent.post('/portal/verify-email').type('form').send({ _csrf: csrf, token: second }).expect(303).expect('Location', '/portal/sign-in?notice=verified');
    expect(await ctx.ds.getRepository(UserEntity).countBy({ email, emailVerifiedAt: Not(IsNull()) })).toBe(1);
  });

  it('says next to the name that control characters are not taken, and stores a name in NFC', async () => {
    const { agent, form } = visitor();
    const csrf = await form('/portal/sign-up');
    const refused = await agent.post('/portal/sign-up').type('form').send({ _csrf: csrf, displayName: 'Ana\tBell', email: `tab.${Date.now()}@test.vnfil.eu`, password: 'a long enough passphrase' }).expect(400);
    expect(refused.text).toContain('<p class="error-message" id="error-displayName">Your name must not contain control characters such as tabs or invisible direction marks.</p>');
    const email = `nfd.${Date.now()}@test.vnfil.eu`;
    await agent.post('/portal/sign-up').type('form').send({ _csrf: csrf, displayName: '  Zoe\u0301  ', email, password: 'a long enough passphrase' }).expect(201);
    expect((await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email })).displayName).toBe('Zo\u00e9');
  });

  it('takes in the settings only a time zone of the list, saying so next to the field for a legacy name', async () => {
    const user = await ctx.make.user(Role.Candidate);
    const { agent, form } = visitor();
    const signInCsrf = await form('/portal/sign-in');
    await agent.post('/portal/sign-in').type('form').send({ _csrf: signInCsrf, email: user.email, password: TEST_PASSWORD, next: '' }).expect(303);
    const csrf = await form('/portal/account');
    for (const timeZone of ['US/Pacific', 'GMT+0']) {
      const res = await agent.post('/portal/account').type('form').send({ _csrf: csrf, timeZone, locale: 'en' }).expect(400);
      expect(res.text).toContain('Old names such as US/Pacific or GMT+0 are not accepted.');
    }
    expect((await ctx.ds.getRepository(UserEntity).findOneByOrFail({ id: user.id })).timeZone).toBeNull();
    await agent.post('/portal/account').type('form').send({ _csrf: csrf, timeZone: 'America/Los_Angeles', locale: 'en' }).expect(303);
    expect((await ctx.ds.getRepository(UserEntity).findOneByOrFail({ id: user.id })).timeZone).toBe('America/Los_Angeles');
    // a zone saved under a legacy name before this rule shows as the zone it stands for, which saving keeps
    await ctx.ds.getRepository(UserEntity).update({ id: user.id }, { timeZone: 'Canada/Eastern' });
    const page = await agent.get('/portal/account').expect(200);
    expect(page.text).toContain('<option value="America/Toronto" selected>America/Toronto</option>');
    expect(page.text.match(/ selected>/g)).toHaveLength(2);
  });

  it('invites an assessor an admin adds, naming the body, with a link that sets the password for 7 days, once', async () => {
    const body = await ctx.make.body({}, `Institut Sud ${Date.now()}`);
    const admin = await ctx.make.user(Role.BodyAdmin, body.id);
    const { agent, form } = visitor();
    const signInCsrf = await form('/portal/sign-in');
    await agent.post('/portal/sign-in').type('form').send({ _csrf: signInCsrf, email: admin.email, password: TEST_PASSWORD, next: '' }).expect(303);
    const email = `invited.${Date.now()}@test.vnfil.eu`;
    const csrf = await form('/portal/admin/assessors');
    await agent.post('/portal/admin/assessors').type('form').send({ _csrf: csrf, displayName: 'Iris Invited', email }).expect(303);

    const invited = await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email });
    expect(await messagesTo(invited.id, 'account-reset_password')).toHaveLength(0);
    const [message] = await messagesTo(invited.id, 'account-assessor_invitation');
    expect(message.subject).toBe(`${body.name} invites you to assess on vnfil`);
    expect(message.bodyText).toContain(`Hello Iris Invited,\n\n${body.name} has added you to vnfil as an assessor`);
    expect(message.bodyText).toContain('within 7 days');
    expect(message.bodyText).not.toMatch(/60 minutes|asked to reset/);
    const token = tokenIn(message.bodyText, '/portal/reset-password');
    const [saved] = await ctx.ds.getRepository(AccountTokenEntity).findBy({ userId: invited.id });
    expect(Math.abs(saved.expiresAt.getTime() - saved.createdAt.getTime() - 7 * 86_400_000)).toBeLessThan(1000);

    // two hours later (past a reset link's 60 minutes) the link still works, and only once
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
    await ctx.ds.getRepository(AccountTokenEntity).update({ id: saved.id }, { createdAt: hoursAgo(2), expiresAt: new Date(hoursAgo(2).getTime() + 7 * 86_400_000) });
    const stranger = visitor();
    const resetCsrf = await stranger.form(`/portal/reset-password?token=${token}`);
    await stranger.agent.post('/portal/reset-password').type('form').send({ _csrf: resetCsrf, token, password: 'an assessor passphrase', confirm: 'an assessor passphrase' }).expect(303);
    await ctx.http.post('/auth/login').send({ email, password: 'an assessor passphrase' }).expect(200);
    await stranger.agent.get(`/portal/reset-password?token=${token}`).expect(400);
    await stranger.agent.post('/portal/reset-password').type('form').send({ _csrf: resetCsrf, token, password: 'another passphrase!', confirm: 'another passphrase!' }).expect(400);
  });

  it('lets an invitation link expire after its 7 days', async () => {
    const body = await ctx.make.body();
    const admin = await ctx.make.user(Role.BodyAdmin, body.id);
    const { agent, form } = visitor();
    const signInCsrf = await form('/portal/sign-in');
    await agent.post('/portal/sign-in').type('form').send({ _csrf: signInCsrf, email: admin.email, password: TEST_PASSWORD, next: '' }).expect(303);
    const email = `late.${Date.now()}@test.vnfil.eu`;
    const csrf = await form('/portal/admin/assessors');
    await agent.post('/portal/admin/assessors').type('form').send({ _csrf: csrf, displayName: 'Leo Late', email }).expect(303);
    const invited = await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email });
    const [message] = await messagesTo(invited.id, 'account-assessor_invitation');
    const token = tokenIn(message.bodyText, '/portal/reset-password');
    await ctx.ds.getRepository(AccountTokenEntity).update({ userId: invited.id }, { createdAt: new Date(Date.now() - 8 * 86_400_000), expiresAt: new Date(Date.now() - 86_400_000) });
    await visitor().agent.get(`/portal/reset-password?token=${token}`).expect(400);
  });

  it('takes the browser’s time zone at sign-up, and ignores one the account may not have', async () => {
    const { agent, form } = visitor();
    const page = await agent.get('/portal/sign-up').expect(200);
    expect(page.text).toContain('<input type="hidden" name="timeZone" value="" data-browser-time-zone>');
    const csrf = await form('/portal/sign-up');
    const signUp = async (timeZone: string | undefined) => {
      const email = `zone.${Date.now()}.${Math.random().toString(36).slice(2)}@test.vnfil.eu`;
      await agent
        .post('/portal/sign-up')
        .type('form')
        .send({ _csrf: csrf, displayName: 'Zone Person', email, password: 'a long enough passphrase', ...(timeZone === undefined ? {} : { timeZone }) })
        .expect(201);
      return (await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email })).timeZone;
    };
    expect(await signUp('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(await signUp('Europe/Kyiv')).toBe('Europe/Kyiv');
    for (const ignored of ['Mars/Olympus_Mons', 'US/Pacific', 'europe/paris', '', 'x'.repeat(5000)]) expect(await signUp(ignored)).toBeNull();
    expect(await signUp(undefined)).toBeNull();
  }, 30_000);
});
