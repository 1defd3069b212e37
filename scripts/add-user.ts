/**
 * Adds an awarding body's admin or assessor, creating the body when it does not exist yet: how a deployment gets
 * its first admin (production seeds no one), and how an operator adds people until the admins can.
 *
 *   NEW_USER_PASSWORD=… node dist/scripts/add-user.js --body "Open Skills Institute" --country IE \
 *     [--time-zone Europe/Dublin] --role body_admin --email ada@example.org --name "Ada Byrne"
 *
 * The password comes from NEW_USER_PASSWORD, never from the command line (other users of the machine can read
 * that). Exit 0 with one line saying what was created; exit 1 with one sentence saying what to do otherwise.
 * Nothing is changed when the e-mail already has an account.
 */
import 'reflect-metadata';
import { hash } from 'argon2';
import { isEmail } from 'class-validator';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { isValidTimeZone, DEFAULT_TIME_ZONE } from '../libs/calendar';
import { checkPostgres, loadConfig } from '../libs/config';
import { INVISIBLE_CONTROL, isReservedDemoEmail, LINE_BREAK, PASSWORD_MIN_LENGTH, Role, VISIBLE_ADDRESS } from '../libs/domain';
import { dataSourceOptions } from '../libs/persistence/data-source';
import { AwardingBodyEntity, UserEntity } from '../libs/persistence/entities';

const ROLES = [Role.BodyAdmin, Role.Assessor];

class UsageError extends Error {}

const USAGE = `usage: NEW_USER_PASSWORD=<password> node dist/scripts/add-user.js --body "<awarding body>" [--country <ISO 3166 code> [--time-zone <IANA zone>]] --role body_admin|assessor --email <address> --name "<name>"
  --country (and --time-zone) create the awarding body when none has that name; the password comes only from NEW_USER_PASSWORD`;

/** A region ICU knows by that code (IE, FR, EU): an unknown one comes back as itself or as "Unknown Region". */
function isRegionCode(code: string): boolean {
  const name = new Intl.DisplayNames(['en'], { type: 'region' }).of(code);
  return !!name && name !== code && name !== 'Unknown Region';
}

interface Request {
  body: string;
  country: string | undefined;
  timeZone: string;
  role: Role;
  email: string;
  name: string;
  password: string;
}

function request(argv: string[], env: NodeJS.ProcessEnv): Request {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        body: { type: 'string' },
        country: { type: 'string' },
        'time-zone': { type: 'string' },
        role: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const need = (value: string | undefined, what: string): string => {
    if (!value?.trim()) throw new UsageError(`give ${what}`);
    return value.trim();
  };
  const body = need(text('body'), "the awarding body's name with --body");
  const role = need(text('role'), `the role with --role (${ROLES.join(' or ')})`) as Role;
  if (!ROLES.includes(role)) throw new UsageError(`--role must be ${ROLES.join(' or ')}`);
  const email = need(text('email'), 'the e-mail address with --email').toLowerCase();
  if (!isEmail(email) || !VISIBLE_ADDRESS.test(email) || email.length > 320) throw new UsageError(`${email} is not an e-mail address`);
  if (isReservedDemoEmail(email)) throw new UsageError(`${email} is on the demo accounts' reserved domain: use a real address`);
  const name = need(text('name'), "the person's name with --name");
  if (LINE_BREAK.test(name) || INVISIBLE_CONTROL.test(name) || name.length > 200) throw new UsageError('--name must be one line of plain text, at most 200 characters');
  const country = text('country')?.trim().toUpperCase();
  if (country !== undefined && (!/^[A-Z]{2}$/.test(country) || !isRegionCode(country))) throw new UsageError('--country must be a two-letter ISO 3166 code, such as IE');
  const timeZone = text('time-zone')?.trim() || DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) throw new UsageError(`--time-zone ${timeZone} is not an IANA time zone, such as Europe/Dublin`);
  const password = env.NEW_USER_PASSWORD ?? '';
  if (password.length < PASSWORD_MIN_LENGTH) throw new UsageError(`set NEW_USER_PASSWORD to the new account's password, at least ${PASSWORD_MIN_LENGTH} characters`);
  return { body, country, timeZone, role, email, name, password };
}

async function main(): Promise<void> {
  const wanted = request(process.argv.slice(2), process.env);
  const config = loadConfig();
  await checkPostgres(config.database);
  const ds = await new DataSource(dataSourceOptions(config.database.url)).initialize();
  try {
    const passwordHash = await hash(wanted.password);
    const line = await ds.transaction(async (em) => {
      if (await em.existsBy(UserEntity, { email: wanted.email })) throw new UsageError(`an account with ${wanted.email} already exists: nothing changed`);
      const bodies = await em.findBy(AwardingBodyEntity, { name: wanted.body });
      if (bodies.length > 1) throw new UsageError(`${bodies.length} awarding bodies are named ${wanted.body}: nothing changed`);
      let body = bodies[0];
      let created = '';
      if (!body) {
        if (!wanted.country) throw new UsageError(`no awarding body is named ${wanted.body}: to create it, give its country with --country`);
        body = await em.save(em.create(AwardingBodyEntity, { name: wanted.body, country: wanted.country, timeZone: wanted.timeZone, settings: {} }));
        created = `created the awarding body ${body.name} (${body.country}, ${body.timeZone}, id ${body.id}); `;
      }
      await em.insert(UserEntity, { email: wanted.email, displayName: wanted.name, passwordHash, role: wanted.role, awardingBodyId: body.id, emailVerifiedAt: new Date() });
      return `${created}added ${wanted.email} as ${wanted.role === Role.BodyAdmin ? 'an admin' : 'an assessor'} of ${body.name}`;
    });
    console.log(line);
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`vnfil: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
