import { randomBytes } from 'node:crypto';
import { ConfigError, DEV_PAYLOAD_KEY, DEV_PORTAL_SECRET, loadConfig } from './config';

const key = () => randomBytes(32).toString('base64');

describe('configuration', () => {
  it('works with no environment at all, on local defaults', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ url: 'postgres://postgres@127.0.0.1:5432/vnfil', host: '127.0.0.1', port: 5432, name: 'vnfil' });
    expect(config.temporal).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'vnfil-cases', reconcileEveryMinutes: 5, uiOrigins: [] });
    expect(config.temporal.payloadKeys).toEqual({ encryptWith: 'dev', keys: { dev: DEV_PAYLOAD_KEY } });
    expect(config.http).toMatchObject({ publicUrl: 'http://127.0.0.1:3000', corsOrigins: [], trustProxy: false });
    expect(config.demo).toEqual({ seed: false, password: 'vnfil-demo' });
    expect(config.auth).toEqual({ sessionTtlHours: 12, rateWindowSeconds: 900, ratePerIp: 300, ratePerAccount: 20, failureDelayMs: 250, hashConcurrency: 2, portalSecret: DEV_PORTAL_SECRET });
    expect(config.steps).toEqual({ answerDeadlineMs: 20_000, idempotencyKeyTtlHours: 168 });
    expect(config.mail).toEqual({
      relay: true,
      smtpUrl: 'smtp://127.0.0.1:1025',
      from: 'vnfil <no-reply@localhost>',
      everySeconds: 2,
      maxAttempts: 8,
      messageIdHost: '127.0.0.1',
    });
    expect(config.metrics).toEqual({ token: null, workerAddress: null });
  });

  it('reads the metrics token and the worker metrics address', () => {
    const token = key();
    expect(loadConfig({ METRICS_TOKEN: token, WORKER_METRICS_ADDRESS: '0.0.0.0:9464' }).metrics).toEqual({ token, workerAddress: '0.0.0.0:9464' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be between 1 and 65535'],
    [{ DATABASE_URL: 'mysql://db/vnfil' }, 'DATABASE_URL must be a postgres:// URL, for example postgres://postgres@127.0.0.1:5432/vnfil'],
    [{ DATABASE_URL: 'postgres://127.0.0.1:5432' }, 'DATABASE_URL must name a database, for example postgres://postgres@127.0.0.1:5432/vnfil'],
    [{ TEMPORAL_ADDRESS: 'http://temporal' }, 'TEMPORAL_ADDRESS must be host:port, for example 127.0.0.1:7233'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be error, warn, log, debug or verbose'],
    [{ UPDATE_ANSWER_DEADLINE_MS: '20s' }, 'UPDATE_ANSWER_DEADLINE_MS must be a whole number of milliseconds'],
    [{ UPDATE_ANSWER_DEADLINE_MS: '50' }, 'UPDATE_ANSWER_DEADLINE_MS must be between 250 and 120000 milliseconds'],
    [{ IDEMPOTENCY_KEY_TTL_HOURS: '0' }, 'IDEMPOTENCY_KEY_TTL_HOURS must be between 1 and 8760 (a year)'],
    [{ HASH_CONCURRENCY: '0' }, 'HASH_CONCURRENCY must be between 1 and 16'],
    [{ CORS_ORIGINS: 'portal.example.org' }, 'CORS_ORIGINS must be a comma-separated list of origins such as https://portal.example.org (scheme, host and port only)'],
    [{ CORS_ORIGINS: 'https://portal.example.org/app' }, 'CORS_ORIGINS must be a comma-separated list of origins such as https://portal.example.org (scheme, host and port only)'],
    [{ PAYLOAD_KEYS: 'k1:c2hvcnQ=' }, 'PAYLOAD_KEYS must be a comma-separated list of <id>:<base64 of 32 bytes>, for example k2025:$(openssl rand -base64 32)'],
    [{ PAYLOAD_KEYS: `k1:${'A'.repeat(43)}=`, PAYLOAD_KEY_ID: 'k9' }, 'PAYLOAD_KEY_ID is k9, which is not a key of PAYLOAD_KEYS: name one of k1'],
    [{ NODE_ENV: 'production' }, 'NODE_ENV=production needs a secret PAYLOAD_KEYS (the development key is public): generate one with `openssl rand -base64 32` and set PAYLOAD_KEYS=<id>:<key>'],
    [{ NODE_ENV: 'production', PAYLOAD_KEYS: `dev:${DEV_PAYLOAD_KEY.toString('base64')}` }, 'NODE_ENV=production needs a secret PAYLOAD_KEYS (the development key is public): generate one with `openssl rand -base64 32` and set PAYLOAD_KEYS=<id>:<key>'],
    [{ NODE_ENV: 'production', PAYLOAD_KEYS: `k1:${'A'.repeat(43)}=`, SEED_DEMO: 'true' }, 'SEED_DEMO=true creates demo users with a published password: leave it unset when NODE_ENV=production'],
    [{ NODE_ENV: 'production', PAYLOAD_KEYS: `k1:${key()}` }, 'NODE_ENV=production needs a secret CREDENTIAL_KEYS (the development key is public): generate one with `openssl rand -base64 32` and set CREDENTIAL_KEYS=<id>:<key>'],
    [
      { NODE_ENV: 'production', PAYLOAD_KEYS: `k1:${key()}`, CREDENTIAL_KEYS: `c1:${Buffer.alloc(32, 7).toString('base64')}` },
      'the key c1 of CREDENTIAL_KEYS is not secret (its 32 bytes are all the same): generate one with `openssl rand -base64 32` and set CREDENTIAL_KEYS=<id>:<key>',
    ],
    [
      { NODE_ENV: 'production', PAYLOAD_KEYS: `k1:${key()}`, CREDENTIAL_KEYS: `c1:${key()}` },
      'NODE_ENV=production needs a secret PORTAL_SECRET (the development one is public): generate one with `openssl rand -base64 32`',
    ],
    [{ PORTAL_SECRET: 'too short' }, 'PORTAL_SECRET must be at least 32 characters: generate one with `openssl rand -base64 32`'],
    [{ CREDENTIAL_KEYS: 'c1:c2hvcnQ=' }, 'CREDENTIAL_KEYS must be a comma-separated list of <id>:<base64 of 32 bytes>, for example k2025:$(openssl rand -base64 32)'],
    [{ CREDENTIAL_KEY_ID: 'c2' }, 'CREDENTIAL_KEY_ID names c2 but CREDENTIAL_KEYS is not set: set both'],
    [{ TRUST_PROXY: 'banana' }, 'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of addresses, ranges and the names loopback, linklocal, uniquelocal, for example loopback, 10.0.0.0/8'],
    [{ TRUST_PROXY: 'loopback, banana' }, 'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of addresses, ranges and the names loopback, linklocal, uniquelocal, for example loopback, 10.0.0.0/8'],
    [{ TRUST_PROXY: 'loopback,' }, 'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of addresses, ranges and the names loopback, linklocal, uniquelocal, for example loopback, 10.0.0.0/8'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of addresses, ranges and the names loopback, linklocal, uniquelocal, for example loopback, 10.0.0.0/8'],
    [{ TRUST_PROXY: '10.0.0.0/255.0.255.0' }, 'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of addresses, ranges and the names loopback, linklocal, uniquelocal, for example loopback, 10.0.0.0/8'],
    [{ TRUST_PROXY: 'fd00::/129' }, 'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of addresses, ranges and the names loopback, linklocal, uniquelocal, for example loopback, 10.0.0.0/8'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of addresses, ranges and the names loopback, linklocal, uniquelocal, for example loopback, 10.0.0.0/8'],
    [{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL must be an smtp:// or smtps:// URL with a host, for example smtp://127.0.0.1:1025 or smtps://user:password@mail.example.org:465'],
    [{ SMTP_URL: 'mail.example.org:25' }, 'SMTP_URL must be an smtp:// or smtps:// URL with a host, for example smtp://127.0.0.1:1025 or smtps://user:password@mail.example.org:465'],
    [{ SMTP_URL: 'smtp://' }, 'SMTP_URL must be an smtp:// or smtps:// URL with a host, for example smtp://127.0.0.1:1025 or smtps://user:password@mail.example.org:465'],
    [{ SMTP_URL: 'smtp://mail.example.org:99999' }, 'SMTP_URL must be an smtp:// or smtps:// URL with a host, for example smtp://127.0.0.1:1025 or smtps://user:password@mail.example.org:465'],
    [{ SMTP_URL: 'smtps://user@mail.example.org:465' }, 'SMTP_URL must be an smtp:// or smtps:// URL with a host, for example smtp://127.0.0.1:1025 or smtps://user:password@mail.example.org:465'],
    [{ MAIL_FROM: 'vnfil' }, 'MAIL_FROM must be an e-mail address, optionally with a name, for example vnfil <no-reply@vnfil.example.org>'],
    [{ MAIL_FROM: 'vnfil <no-reply>' }, 'MAIL_FROM must be an e-mail address, optionally with a name, for example vnfil <no-reply@vnfil.example.org>'],
    [{ MAIL_FROM: 'vnfil <a@b.org>\r\nBcc: x@evil.example' }, 'MAIL_FROM must be an e-mail address, optionally with a name, for example vnfil <no-reply@vnfil.example.org>'],
    [{ MAIL_RELAY_EVERY_SECONDS: '0' }, 'MAIL_RELAY_EVERY_SECONDS must be between 1 and 3600'],
    [{ MAIL_RELAY_EVERY_SECONDS: '2s' }, 'MAIL_RELAY_EVERY_SECONDS must be a whole number of seconds'],
    [{ MAIL_MAX_ATTEMPTS: '0' }, 'MAIL_MAX_ATTEMPTS must be between 1 and 100'],
    [{ MAIL_MAX_ATTEMPTS: 'many' }, 'MAIL_MAX_ATTEMPTS must be a whole number'],
    [{ MAIL_RELAY: 'yes' }, 'MAIL_RELAY must be on or off'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be at least 16 characters: generate one with `openssl rand -base64 32`'],
    [{ WORKER_METRICS_ADDRESS: '9464' }, 'WORKER_METRICS_ADDRESS must be host:port, for example 127.0.0.1:9464'],
    [{ WORKER_METRICS_ADDRESS: 'http://127.0.0.1:9464' }, 'WORKER_METRICS_ADDRESS must be host:port, for example 127.0.0.1:9464'],
    [{ WORKER_METRICS_ADDRESS: '127.0.0.1:99999' }, 'WORKER_METRICS_ADDRESS must be host:port with a port between 1 and 65535, for example 127.0.0.1:9464'],
    [{ WORKER_METRICS_ADDRESS: '127.0.0.1:0' }, 'WORKER_METRICS_ADDRESS must be host:port with a port between 1 and 65535, for example 127.0.0.1:9464'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL must be an http:// or https:// address, for example https://vnfil.example.org'],
    [{ PUBLIC_URL: 'javascript:alert(1)' }, 'PUBLIC_URL must be an http:// or https:// address, for example https://vnfil.example.org'],
    [{ PUBLIC_URL: 'vnfil.example.org' }, 'PUBLIC_URL must be an http:// or https:// address, for example https://vnfil.example.org'],
    [
      { NODE_ENV: 'production', PAYLOAD_KEYS: `k1:${Buffer.alloc(32).toString('base64')}` },
      'the key k1 of PAYLOAD_KEYS is not secret (its 32 bytes are all the same): generate one with `openssl rand -base64 32` and set PAYLOAD_KEYS=<id>:<key>',
    ],
    [
      { NODE_ENV: 'production', PAYLOAD_KEYS: `k1:${key()},k2:${Buffer.alloc(32, 0xff).toString('base64')}`, PAYLOAD_KEY_ID: 'k1' },
      'the key k2 of PAYLOAD_KEYS is not secret (its 32 bytes are all the same): generate one with `openssl rand -base64 32` and set PAYLOAD_KEYS=<id>:<key>',
    ],
  ])('refuses %j with one sentence', (env, sentence) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new ConfigError(sentence));
  });

  it('reads several payload keys: the newest (last) encrypts unless PAYLOAD_KEY_ID names another', () => {
    const [a, b] = [key(), key()];
    expect(loadConfig({ PAYLOAD_KEYS: `old:${a}, new:${b}` }).temporal.payloadKeys).toEqual({ encryptWith: 'new', keys: { old: Buffer.from(a, 'base64'), new: Buffer.from(b, 'base64') } });
    expect(loadConfig({ PAYLOAD_KEYS: `old:${a},new:${b}`, PAYLOAD_KEY_ID: 'old' }).temporal.payloadKeys.encryptWith).toBe('old');
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['loopback', 'loopback'],
    ['loopback, linklocal,uniquelocal', 'loopback,linklocal,uniquelocal'],
    ['10.0.0.1, 172.16.0.0/12, 10.0.0.0/255.0.0.0, ::1, fd00::/8', '10.0.0.1,172.16.0.0/12,10.0.0.0/255.0.0.0,::1,fd00::/8'],
  ])('reads TRUST_PROXY=%s as Express takes it', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).http.trustProxy).toEqual(expected);
  });

  it('takes an http or https PUBLIC_URL, without its last slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://vnfil.example.org/' }).http.publicUrl).toBe('https://vnfil.example.org');
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:8080/vnfil' }).http.publicUrl).toBe('http://10.0.0.5:8080/vnfil');
  });

  it('reads the mail settings: any SMTP server, local or not, with credentials; the Message-ID host from PUBLIC_URL', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://relay%40example.org:s%3Acret@smtp.example.org:465',
      MAIL_FROM: 'Validation des acquis <no-reply@vnfil.example.org>',
      MAIL_RELAY_EVERY_SECONDS: '10',
      MAIL_MAX_ATTEMPTS: '3',
      MAIL_RELAY: 'off',
      PUBLIC_URL: 'https://vnfil.example.org/app',
    });
    expect(config.mail).toEqual({
      relay: false,
      smtpUrl: 'smtps://relay%40example.org:s%3Acret@smtp.example.org:465',
      from: 'Validation des acquis <no-reply@vnfil.example.org>',
      everySeconds: 10,
      maxAttempts: 3,
      messageIdHost: 'vnfil.example.org',
    });
    expect(loadConfig({ MAIL_FROM: 'no-reply@vnfil.example.org' }).mail.from).toBe('no-reply@vnfil.example.org');
    const production = loadConfig({ NODE_ENV: 'production', PAYLOAD_KEYS: `k1:${key()}`, CREDENTIAL_KEYS: `c1:${key()}`, PORTAL_SECRET: key(), SMTP_URL: 'smtp://mail:1025' });
    expect(production.mail.smtpUrl).toBe('smtp://mail:1025');
  });

  it('reads the credential keyring apart from the payload one: every key decrypts, the last or the named one encrypts', () => {
    const [a, b] = [key(), key()];
    const config = loadConfig({ CREDENTIAL_KEYS: `c2025:${a},c2026:${b}`, CREDENTIAL_KEY_ID: 'c2025' });
    expect(config.credentials.secretKeys).toEqual({ encryptWith: 'c2025', keys: { c2025: Buffer.from(a, 'base64'), c2026: Buffer.from(b, 'base64') } });
    expect(config.temporal.payloadKeys.encryptWith).toBe('dev');
    expect(loadConfig({}).credentials.secretKeys.keys.dev.equals(config.temporal.payloadKeys.keys.dev)).toBe(false);
  });

  it('takes a key of equal bytes outside production (a test fixture), not in it', () => {
    const zeros = `k1:${Buffer.alloc(32).toString('base64')}`;
    expect(loadConfig({ PAYLOAD_KEYS: zeros }).temporal.payloadKeys.encryptWith).toBe('k1');
    expect(() => loadConfig({ NODE_ENV: 'production', PAYLOAD_KEYS: zeros })).toThrow(ConfigError);
  });

  it('starts in production with a secret key and without the demo seed', () => {
    const config = loadConfig({ NODE_ENV: 'production', PAYLOAD_KEYS: `k1:${key()}`, CREDENTIAL_KEYS: `c1:${key()}`, PORTAL_SECRET: key(), CORS_ORIGINS: 'https://portal.example.org, https://admin.example.org/' });
    expect(config.env).toBe('production');
    expect(config.http.corsOrigins).toEqual(['https://portal.example.org', 'https://admin.example.org']);
  });
});
