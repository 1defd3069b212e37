import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Role } from '../../libs/domain';
import { AwardingBodyEntity, UserEntity } from '../../libs/persistence/entities';
import { TEST_DATABASE_URL } from '../support/database';
import { ApiTestContext } from './support/api-app';

const ROOT = resolve(__dirname, '../..');
const PASSWORD = 'a long enough first password';
// each run of the script is a Node process that loads the app's modules: about a second
jest.setTimeout(60_000);

/** The built script (npm test builds before the e2e tier), as an operator runs it. */
function addUser(args: string[], password: string | null = PASSWORD) {
  const result = spawnSync(process.execPath, [resolve(ROOT, 'dist/scripts/add-user.js'), ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATABASE_URL: TEST_DATABASE_URL, ...(password === null ? {} : { NEW_USER_PASSWORD: password }) },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
}

describe('scripts/add-user: the first admin of a deployment, and the people an operator adds', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await ApiTestContext.start();
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('creates the awarding body and its admin, who signs in and manages it; then an assessor of the same body', async () => {
    const body = `Institute ${randomUUID().slice(0, 8)}`;
    const admin = `first-admin-${randomUUID().slice(0, 8)}@example.org`;
    const made = addUser(['--body', body, '--country', 'ie', '--time-zone', 'Europe/Dublin', '--role', 'body_admin', '--email', admin.toUpperCase(), '--name', 'Ada Byrne']);
    expect(made).toMatchObject({ status: 0, err: '' });
    const row = await ctx.ds.getRepository(AwardingBodyEntity).findOneByOrFail({ name: body });
    expect(made.out).toBe(`created the awarding body ${body} (IE, Europe/Dublin, id ${row.id}); added ${admin} as an admin of ${body}`);

    const signedIn = await ctx.http.post('/auth/login').send({ email: admin, password: PASSWORD }).expect(200);
    expect(signedIn.body.user).toMatchObject({ email: admin, displayName: 'Ada Byrne', role: Role.BodyAdmin, awardingBodyId: row.id });
    const own = await ctx.http.get('/awarding-body').set('Authorization', `Bearer ${signedIn.body.token}`).expect(200);
    expect(own.body).toMatchObject({ id: row.id, name: body, country: 'IE', timeZone: 'Europe/Dublin' });

    const assessor = `assessor-${randomUUID().slice(0, 8)}@example.org`;
    expect(addUser(['--body', body, '--role', 'assessor', '--email', assessor, '--name', 'Brian Kelly'])).toEqual({ status: 0, out: `added ${assessor} as an assessor of ${body}`, err: '' });
    expect(await ctx.ds.getRepository(UserEntity).findOneByOrFail({ email: assessor })).toMatchObject({ role: Role.Assessor, awardingBodyId: row.id, active: true });
  });

  it('refuses in one sentence, changing nothing, what it cannot do', async () => {
    const body = `Academy ${randomUUID().slice(0, 8)}`;
    const email = `someone-${randomUUID().slice(0, 8)}@example.org`;
    const base = ['--body', body, '--country', 'FR', '--role', 'assessor', '--email', email, '--name', 'Camille Martin'];
    const refusals: [string[], string | null, string][] = [
      [base, null, 'vnfil: set NEW_USER_PASSWORD to the new account\'s password, at least 12 characters'],
      [base, 'short', 'vnfil: set NEW_USER_PASSWORD to the new account\'s password, at least 12 characters'],
      [base.map((a) => (a === 'assessor' ? 'candidate' : a)), PASSWORD, 'vnfil: --role must be body_admin or assessor'],
      [base.map((a) => (a === email ? 'admin@demo.vnfil.eu' : a)), PASSWORD, "vnfil: admin@demo.vnfil.eu is on the demo accounts' reserved domain: use a real address"],
      [base.map((a) => (a === 'Camille Martin' ? 'Camille\nMartin' : a)), PASSWORD, 'vnfil: --name must be one line of plain text, at most 200 characters'],
      [base.map((a) => (a === 'FR' ? 'France' : a)), PASSWORD, 'vnfil: --country must be a two-letter ISO 3166 code, such as IE'],
      [base.map((a) => (a === 'FR' ? 'XX' : a)), PASSWORD, 'vnfil: --country must be a two-letter ISO 3166 code, such as IE'],
      [[...base, '--time-zone', 'Mars/Olympus'], PASSWORD, 'vnfil: --time-zone Mars/Olympus is not an IANA time zone, such as Europe/Dublin'],
      [base.filter((a, i) => a !== '--country' && base[i - 1] !== '--country'), PASSWORD, `vnfil: no awarding body is named ${body}: to create it, give its country with --country`],
    ];
    for (const [args, password, message] of refusals) expect(addUser(args, password)).toEqual({ status: 1, out: '', err: message });
    // --help says how to call it; a wrong option is refused with the same usage
    const help = addUser(['--help']);
    expect(help).toMatchObject({ status: 0, err: '' });
    expect(help.out).toMatch(/^usage: NEW_USER_PASSWORD=<password> node dist\/scripts\/add-user\.js --body/);
    const wrong = addUser(['--bodies', body]);
    expect(wrong.status).toBe(1);
    expect(wrong.err).toContain(help.out);
    expect(await ctx.ds.getRepository(AwardingBodyEntity).countBy({ name: body })).toBe(0);
    expect(await ctx.ds.getRepository(UserEntity).countBy({ email })).toBe(0);

    expect(addUser(base).status).toBe(0);
    expect(addUser(base)).toEqual({ status: 1, out: '', err: `vnfil: an account with ${email} already exists: nothing changed` });
    expect(await ctx.ds.getRepository(AwardingBodyEntity).countBy({ name: body })).toBe(1);
  });
});
