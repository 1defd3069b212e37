import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_EXPIRY_REMINDER_DAYS, PUBLISHED_DEMO_PASSWORD } from '../domain';

/** The portal's development secret: public, refused in production. */
export const DEV_PORTAL_SECRET = 'vnfil local development portal secret (not a secret)';

const SMTP_URL_MESSAGE = 'SMTP_URL must be an smtp:// or smtps:// URL with a host, for example smtp://127.0.0.1:1025 or smtps://user:password@mail.example.org:465';
const MAIL_FROM_MESSAGE = 'MAIL_FROM must be an e-mail address, optionally with a name, for example vnfil <no-reply@vnfil.example.org>';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every setting of the API and the worker, from environment variables, with defaults that work on a
 * developer's machine. Nothing else in the code reads process.env.
 */
// class-validator runs a property's checks from the last decorator up, and stops at the first failure:
// the type check sits last so a malformed value is reported as such.
export class EnvironmentSchema {
  @IsString()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL, for example postgres://postgres@127.0.0.1:5432/vnfil' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/vnfil';

  @IsString()
  @Matches(/^[^\s:]+:\d{1,5}$/, { message: 'TEMPORAL_ADDRESS must be host:port, for example 127.0.0.1:7233' })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_TASK_QUEUE = 'vnfil-cases';

  @IsString()
  @IsNotEmpty()
  STORAGE_DIR = '.data/storage';

  @Transform(toInt)
  @Min(1, { message: 'PORT must be between 1 and 65535' })
  @Max(65535, { message: 'PORT must be between 1 and 65535' })
  @IsInt({ message: 'PORT must be a whole number' })
  PORT = 3000;

  @IsString()
  @IsNotEmpty()
  HOST = '127.0.0.1';

  /** Public address of the API, used in links in messages. */
  @IsOptional()
  @IsString()
  PUBLIC_URL?: string;

  @Transform(toInt)
  @Min(1024, { message: 'MAX_UPLOAD_BYTES must be at least 1024' })
  @IsInt({ message: 'MAX_UPLOAD_BYTES must be a whole number of bytes' })
  MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

  /** Largest video or audio recording accepted (recordings of practice are larger than documents). */
  @Transform(toInt)
  @Min(1024, { message: 'MAX_RECORDING_UPLOAD_BYTES must be at least 1024' })
  @IsInt({ message: 'MAX_RECORDING_UPLOAD_BYTES must be a whole number of bytes' })
  MAX_RECORDING_UPLOAD_BYTES = 500 * 1024 * 1024;

  /** Evidence files one case may hold in all (the files as sent, removed ones not counted). */
  @Transform(toInt)
  @Min(1024, { message: 'CASE_STORAGE_QUOTA_BYTES must be at least 1024' })
  @IsInt({ message: 'CASE_STORAGE_QUOTA_BYTES must be a whole number of bytes' })
  CASE_STORAGE_QUOTA_BYTES = 2 * 1024 * 1024 * 1024;

  /**
   * Signs the portal's anti-forgery (CSRF) tokens. At least 32 characters; NODE_ENV=production refuses the
   * development default, which is public.
   */
  @IsString()
  @MinLength(32, { message: 'PORTAL_SECRET must be at least 32 characters: generate one with `openssl rand -base64 32`' })
  PORTAL_SECRET = DEV_PORTAL_SECRET;

  @Transform(toInt)
  @Min(1, { message: 'SESSION_TTL_HOURS must be between 1 and 2160' })
  @Max(24 * 90, { message: 'SESSION_TTL_HOURS must be between 1 and 2160' })
  @IsInt({ message: 'SESSION_TTL_HOURS must be a whole number of hours' })
  SESSION_TTL_HOURS = 12;

  /**
   * How long a human step may take before the API answers: within it, the step's result (200) or refusal (409);
   * past it, 202 with where to find the result once the case's process accepted the step, else 503.
   */
  @Transform(toInt)
  @Min(250, { message: 'UPDATE_ANSWER_DEADLINE_MS must be between 250 and 120000 milliseconds' })
  @Max(120_000, { message: 'UPDATE_ANSWER_DEADLINE_MS must be between 250 and 120000 milliseconds' })
  @IsInt({ message: 'UPDATE_ANSWER_DEADLINE_MS must be a whole number of milliseconds' })
  UPDATE_ANSWER_DEADLINE_MS = 20_000;

  /** How long the answer to a request with an Idempotency-Key is kept for its retries. */
  @Transform(toInt)
  @Min(1, { message: 'IDEMPOTENCY_KEY_TTL_HOURS must be between 1 and 8760 (a year)' })
  @Max(24 * 365, { message: 'IDEMPOTENCY_KEY_TTL_HOURS must be between 1 and 8760 (a year)' })
  @IsInt({ message: 'IDEMPOTENCY_KEY_TTL_HOURS must be a whole number of hours' })
  IDEMPOTENCY_KEY_TTL_HOURS = 24 * 7;

  /** How often the reconciler looks for open cases whose process is not running, on a Temporal Schedule. */
  @Transform(toInt)
  @Min(1, { message: 'RECONCILE_EVERY_MINUTES must be between 1 and 1440' })
  @Max(1440, { message: 'RECONCILE_EVERY_MINUTES must be between 1 and 1440' })
  @IsInt({ message: 'RECONCILE_EVERY_MINUTES must be a whole number of minutes' })
  RECONCILE_EVERY_MINUTES = 5;

  /** Attempts at signing in or up per client address, within AUTH_RATE_WINDOW_SECONDS. */
  @Transform(toInt)
  @Min(1, { message: 'AUTH_RATE_LIMIT_PER_IP must be between 1 and 100000' })
  @Max(100_000, { message: 'AUTH_RATE_LIMIT_PER_IP must be between 1 and 100000' })
  @IsInt({ message: 'AUTH_RATE_LIMIT_PER_IP must be a whole number' })
  AUTH_RATE_LIMIT_PER_IP = 300;

  /** Failed sign-ins per e-mail address and client address, and sign-up and link requests per e-mail address, within AUTH_RATE_WINDOW_SECONDS. */
  @Transform(toInt)
  @Min(1, { message: 'AUTH_RATE_LIMIT_PER_ACCOUNT must be between 1 and 10000' })
  @Max(10_000, { message: 'AUTH_RATE_LIMIT_PER_ACCOUNT must be between 1 and 10000' })
  @IsInt({ message: 'AUTH_RATE_LIMIT_PER_ACCOUNT must be a whole number' })
  AUTH_RATE_LIMIT_PER_ACCOUNT = 20;

  @Transform(toInt)
  @Min(1, { message: 'AUTH_RATE_WINDOW_SECONDS must be between 1 and 86400' })
  @Max(86_400, { message: 'AUTH_RATE_WINDOW_SECONDS must be between 1 and 86400' })
  @IsInt({ message: 'AUTH_RATE_WINDOW_SECONDS must be a whole number of seconds' })
  AUTH_RATE_WINDOW_SECONDS = 900;

  /** The wait before answering a failed sign-in, doubled at each further failure on the account (at most 16 times). */
  @Transform(toInt)
  @Min(0, { message: 'LOGIN_FAILURE_DELAY_MS must be between 0 and 10000' })
  @Max(10_000, { message: 'LOGIN_FAILURE_DELAY_MS must be between 0 and 10000' })
  @IsInt({ message: 'LOGIN_FAILURE_DELAY_MS must be a whole number of milliseconds' })
  LOGIN_FAILURE_DELAY_MS = 250;

  /** Password hashes computed at once (each holds a thread of the pool that file I/O also uses). */
  @Transform(toInt)
  @Min(1, { message: 'HASH_CONCURRENCY must be between 1 and 16' })
  @Max(16, { message: 'HASH_CONCURRENCY must be between 1 and 16' })
  @IsInt({ message: 'HASH_CONCURRENCY must be a whole number' })
  HASH_CONCURRENCY = 2;

  /** Express's `trust proxy`: false (the client is the peer), true, a hop count, or addresses, ranges and names like loopback. */
  @IsString()
  @IsNotEmpty()
  TRUST_PROXY = 'false';

  /** Origins (scheme://host[:port], comma separated) whose pages may call the API with the user's cookie; none by default. */
  @IsString()
  CORS_ORIGINS = '';

  /** Origins of the Temporal UI allowed to call the payload codec endpoint (/codec/encode, /codec/decode). */
  @IsString()
  TEMPORAL_UI_ORIGINS = '';

  /** Keys that encrypt Temporal payloads: `<id>:<base64 of 32 bytes>`, comma separated. */
  @IsOptional()
  @IsString()
  PAYLOAD_KEYS?: string;

  /** The id of the key in PAYLOAD_KEYS that encrypts new payloads (the others only decrypt); the last one by default. */
  @IsOptional()
  @IsString()
  PAYLOAD_KEY_ID?: string;

  /**
   * Keys that encrypt the awarding bodies' secret signing keys at rest: `<id>:<base64 of 32 bytes>`, comma
   * separated. Every key decrypts; CREDENTIAL_KEY_ID (the last one by default) encrypts new signing keys.
   */
  @IsOptional()
  @IsString()
  CREDENTIAL_KEYS?: string;

  @IsOptional()
  @IsString()
  CREDENTIAL_KEY_ID?: string;

  /** Days before a credential's validUntil its holder is reminded (once), by the worker's periodic sweep. */
  @Transform(toInt)
  @Min(1, { message: 'CREDENTIAL_EXPIRY_REMINDER_DAYS must be between 1 and 3650' })
  @Max(3650, { message: 'CREDENTIAL_EXPIRY_REMINDER_DAYS must be between 1 and 3650' })
  @IsInt({ message: 'CREDENTIAL_EXPIRY_REMINDER_DAYS must be a whole number of days' })
  CREDENTIAL_EXPIRY_REMINDER_DAYS = DEFAULT_EXPIRY_REMINDER_DAYS;

  /** The headless Chromium that prints certificates (Debian's package by default; scripts/ensure-tools.sh installs it). */
  @IsString()
  @IsNotEmpty()
  CHROMIUM_PATH = '/usr/bin/chromium';

  /** The SMTP server the worker's mail relay sends the outbox through: smtp:// (STARTTLS when offered) or smtps:// (TLS). */
  @IsString()
  @Matches(/^smtps?:\/\/[^\s/]+(\/)?$/, { message: SMTP_URL_MESSAGE })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** The sender of every message: an address, optionally with a name. */
  @IsString()
  @Matches(/^(?:[^<>\r\n"]*\s)?<[^\s<>@]+@[^\s<>@]+>$|^[^\s<>@]+@[^\s<>@]+$/, { message: MAIL_FROM_MESSAGE })
  MAIL_FROM = 'vnfil <no-reply@localhost>';

  /** How often the mail relay looks for messages due, in seconds. */
  @Transform(toInt)
  @Min(1, { message: 'MAIL_RELAY_EVERY_SECONDS must be between 1 and 3600' })
  @Max(3600, { message: 'MAIL_RELAY_EVERY_SECONDS must be between 1 and 3600' })
  @IsInt({ message: 'MAIL_RELAY_EVERY_SECONDS must be a whole number of seconds' })
  MAIL_RELAY_EVERY_SECONDS = 2;

  /** Attempts at sending one message before it is marked failed (retried with exponential backoff in between). */
  @Transform(toInt)
  @Min(1, { message: 'MAIL_MAX_ATTEMPTS must be between 1 and 100' })
  @Max(100, { message: 'MAIL_MAX_ATTEMPTS must be between 1 and 100' })
  @IsInt({ message: 'MAIL_MAX_ATTEMPTS must be a whole number' })
  MAIL_MAX_ATTEMPTS = 8;

  /** Whether this worker runs the mail relay (off: messages stay pending in the outbox for another one). */
  @IsIn(['on', 'off'], { message: 'MAIL_RELAY must be on or off' })
  MAIL_RELAY: 'on' | 'off' = 'on';

  /**
   * A secret that GET /metrics asks for (Authorization: Bearer <token>); unset, /metrics is open to anyone who can
   * reach the API, so keep it on an internal network.
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters: generate one with `openssl rand -base64 32`' })
  METRICS_TOKEN?: string;

  /** Where the worker serves the Temporal SDK's Prometheus metrics (host:port); unset, it serves none. */
  @IsOptional()
  @IsString()
  @Matches(/^[^\s:/]+:\d{1,5}$/, { message: 'WORKER_METRICS_ADDRESS must be host:port, for example 127.0.0.1:9464' })
  WORKER_METRICS_ADDRESS?: string;

  /** Seed the demo awarding body and its users (with a published password); local development only. */
  @IsIn(['true', 'false'], { message: 'SEED_DEMO must be true or false' })
  SEED_DEMO: 'true' | 'false' = 'false';

  @IsString()
  @IsNotEmpty()
  DEMO_PASSWORD = PUBLISHED_DEMO_PASSWORD;

  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'], { message: 'LOG_LEVEL must be error, warn, log, debug or verbose' })
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

/** The keys of the Temporal payload codec: every key decrypts, the one named `encryptWith` encrypts. */
export interface PayloadKeyring {
  encryptWith: string;
  keys: Record<string, Buffer>;
}

export interface AppConfig {
  database: { url: string; host: string; port: number; name: string };
  temporal: { address: string; namespace: string; taskQueue: string; reconcileEveryMinutes: number; payloadKeys: PayloadKeyring; uiOrigins: string[] };
  storage: { dir: string; maxUploadBytes: number; maxRecordingBytes: number; caseQuotaBytes: number };
  http: { host: string; port: number; publicUrl: string; trustProxy: boolean | number | string; corsOrigins: string[] };
  auth: {
    sessionTtlHours: number;
    rateWindowSeconds: number;
    ratePerIp: number;
    ratePerAccount: number;
    failureDelayMs: number;
    hashConcurrency: number;
    /** Signs the portal's CSRF tokens (PORTAL_SECRET). */
    portalSecret: string;
  };
  demo: { seed: boolean; password: string };
  /** Awarding bodies' signing keys: the keyring that encrypts their secret halves at rest (see libs/credentials/keys). */
  credentials: { secretKeys: PayloadKeyring; chromiumPath: string; expiryReminderDays: number };
  /**
   * The worker's mail relay: where it sends the outbox, as whom, how often it polls, how many attempts a message
   * gets; `messageIdHost` (PUBLIC_URL's host) ends each message's Message-ID.
   */
  mail: { relay: boolean; smtpUrl: string; from: string; everySeconds: number; maxAttempts: number; messageIdHost: string };
  /** Human steps sent to a case's workflow, and the answers kept for retries (Idempotency-Key). */
  steps: { answerDeadlineMs: number; idempotencyKeyTtlHours: number };
  /** GET /metrics's bearer token (null: open); the worker's Prometheus address for the Temporal SDK's metrics (null: off). */
  metrics: { token: string | null; workerAddress: string | null };
  env: 'development' | 'production' | 'test';
  logLevel: EnvironmentSchema['LOG_LEVEL'];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment; throws a ConfigError whose message is one sentence per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const schema = plainToInstance(EnvironmentSchema, raw, { exposeDefaultValues: true });
  const errors = validateSync(schema, { whitelist: true, forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length) {
    throw new ConfigError(errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '));
  }
  let url: URL;
  try {
    url = new URL(schema.DATABASE_URL);
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL, for example postgres://postgres@127.0.0.1:5432/vnfil');
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new ConfigError('DATABASE_URL must name a database, for example postgres://postgres@127.0.0.1:5432/vnfil');
  const production = schema.NODE_ENV === 'production';
  if (production && schema.SEED_DEMO === 'true') {
    throw new ConfigError('SEED_DEMO=true creates demo users with a published password: leave it unset when NODE_ENV=production');
  }
  const payloadVariable = { name: 'PAYLOAD_KEYS', idName: 'PAYLOAD_KEY_ID', list: schema.PAYLOAD_KEYS, encryptWith: schema.PAYLOAD_KEY_ID, developmentKey: DEV_PAYLOAD_KEY } as const;
  const credentialVariable = {
    name: 'CREDENTIAL_KEYS',
    idName: 'CREDENTIAL_KEY_ID',
    list: schema.CREDENTIAL_KEYS,
    encryptWith: schema.CREDENTIAL_KEY_ID,
    developmentKey: DEV_CREDENTIAL_KEY,
  } as const;
  const payloadKeys = keyring(payloadVariable);
  const credentialKeys = keyring(credentialVariable);
  if (production) {
    refuseUnsecretKeys(payloadKeys, payloadVariable);
    refuseUnsecretKeys(credentialKeys, credentialVariable);
    if (schema.PORTAL_SECRET === DEV_PORTAL_SECRET) {
      throw new ConfigError('NODE_ENV=production needs a secret PORTAL_SECRET (the development one is public): generate one with `openssl rand -base64 32`');
    }
  }
  const http = {
    host: schema.HOST,
    port: schema.PORT,
    publicUrl: publicUrl(schema.PUBLIC_URL ?? `http://${schema.HOST}:${schema.PORT}`),
    trustProxy: trustProxy(schema.TRUST_PROXY),
    corsOrigins: origins('CORS_ORIGINS', schema.CORS_ORIGINS),
  };
  return {
    database: { url: schema.DATABASE_URL, host: url.hostname, port: Number(url.port || 5432), name },
    temporal: {
      address: schema.TEMPORAL_ADDRESS,
      namespace: schema.TEMPORAL_NAMESPACE,
      taskQueue: schema.TEMPORAL_TASK_QUEUE,
      reconcileEveryMinutes: schema.RECONCILE_EVERY_MINUTES,
      payloadKeys,
      uiOrigins: origins('TEMPORAL_UI_ORIGINS', schema.TEMPORAL_UI_ORIGINS),
    },
    storage: {
      dir: resolve(schema.STORAGE_DIR),
      maxUploadBytes: schema.MAX_UPLOAD_BYTES,
      maxRecordingBytes: schema.MAX_RECORDING_UPLOAD_BYTES,
      caseQuotaBytes: schema.CASE_STORAGE_QUOTA_BYTES,
    },
    http,
    auth: {
      sessionTtlHours: schema.SESSION_TTL_HOURS,
      rateWindowSeconds: schema.AUTH_RATE_WINDOW_SECONDS,
      ratePerIp: schema.AUTH_RATE_LIMIT_PER_IP,
      ratePerAccount: schema.AUTH_RATE_LIMIT_PER_ACCOUNT,
      failureDelayMs: schema.LOGIN_FAILURE_DELAY_MS,
      hashConcurrency: schema.HASH_CONCURRENCY,
      portalSecret: schema.PORTAL_SECRET,
    },
    demo: { seed: schema.SEED_DEMO === 'true', password: schema.DEMO_PASSWORD },
    credentials: { secretKeys: credentialKeys, chromiumPath: schema.CHROMIUM_PATH, expiryReminderDays: schema.CREDENTIAL_EXPIRY_REMINDER_DAYS },
    mail: {
      relay: schema.MAIL_RELAY === 'on',
      smtpUrl: smtpUrl(schema.SMTP_URL),
      from: schema.MAIL_FROM,
      everySeconds: schema.MAIL_RELAY_EVERY_SECONDS,
      maxAttempts: schema.MAIL_MAX_ATTEMPTS,
      messageIdHost: new URL(http.publicUrl).hostname,
    },
    steps: { answerDeadlineMs: schema.UPDATE_ANSWER_DEADLINE_MS, idempotencyKeyTtlHours: schema.IDEMPOTENCY_KEY_TTL_HOURS },
    metrics: { token: schema.METRICS_TOKEN ?? null, workerAddress: workerMetricsAddress(schema.WORKER_METRICS_ADDRESS) },
    env: schema.NODE_ENV,
    logLevel: schema.LOG_LEVEL,
  };
}

/**
 * The payload key used when PAYLOAD_KEYS is unset: derived from a public string, so it is the same on every
 * developer's machine and across restarts (local histories stay readable), and refused in production.
 */
export const DEV_PAYLOAD_KEY_ID = 'dev';
export const DEV_PAYLOAD_KEY = createHash('sha256').update('vnfil local development payload key (not a secret)').digest();

/**
 * The credential-key encryption key used when CREDENTIAL_KEYS is unset: public like the payload one, so a
 * developer's awarding-body keys survive restarts; refused in production.
 */
export const DEV_CREDENTIAL_KEY = createHash('sha256').update('vnfil local development credential key (not a secret)').digest();

/** A keyring variable (`<id>:<base64 of 32 bytes>`, comma separated) and its companion naming the key that encrypts. */
interface KeyringVariable {
  name: 'PAYLOAD_KEYS' | 'CREDENTIAL_KEYS';
  idName: 'PAYLOAD_KEY_ID' | 'CREDENTIAL_KEY_ID';
  list: string | undefined;
  encryptWith: string | undefined;
  developmentKey: Buffer;
}

function keyring(v: KeyringVariable): PayloadKeyring {
  const format = `${v.name} must be a comma-separated list of <id>:<base64 of 32 bytes>, for example k2025:$(openssl rand -base64 32)`;
  if (!v.list) {
    if (v.encryptWith && v.encryptWith !== DEV_PAYLOAD_KEY_ID) throw new ConfigError(`${v.idName} names ${v.encryptWith} but ${v.name} is not set: set both`);
    return { encryptWith: DEV_PAYLOAD_KEY_ID, keys: { [DEV_PAYLOAD_KEY_ID]: v.developmentKey } };
  }
  const keys: Record<string, Buffer> = {};
  let last = '';
  for (const entry of v.list.split(',').map((e) => e.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(id) || key.length !== 32 || key.toString('base64') !== entry.slice(colon + 1).replace(/\s/g, '')) {
      throw new ConfigError(format);
    }
    if (keys[id]) throw new ConfigError(`${v.name} names the key ${id} twice: give each key its own id`);
    keys[id] = key;
    last = id;
  }
  if (!last) throw new ConfigError(format);
  const active = v.encryptWith ?? last;
  if (!keys[active]) throw new ConfigError(`${v.idName} is ${active}, which is not a key of ${v.name}: name one of ${Object.keys(keys).join(', ')}`);
  return { encryptWith: active, keys };
}

/** In production a keyring must be secret: not the public development key, not a placeholder of 32 equal bytes. */
function refuseUnsecretKeys(ring: PayloadKeyring, v: Pick<KeyringVariable, 'name' | 'developmentKey'>): void {
  if (Object.values(ring.keys).some((key) => key.equals(v.developmentKey))) {
    throw new ConfigError(
      `NODE_ENV=production needs a secret ${v.name} (the development key is public): generate one with \`openssl rand -base64 32\` and set ${v.name}=<id>:<key>`,
    );
  }
  // 32 equal bytes (all zero, say) is a placeholder, not a key anyone drew at random
  const placeholder = Object.entries(ring.keys).find(([, key]) => key.every((byte) => byte === key[0]));
  if (placeholder) {
    throw new ConfigError(
      `the key ${placeholder[0]} of ${v.name} is not secret (its 32 bytes are all the same): generate one with \`openssl rand -base64 32\` and set ${v.name}=<id>:<key>`,
    );
  }
}

function origins(name: string, list: string): string[] {
  return list
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      let url: URL | undefined;
      try {
        url = new URL(o);
      } catch {
        url = undefined;
      }
      if (!url || !/^https?:$/.test(url.protocol) || url.origin !== o.replace(/\/$/, '')) {
        throw new ConfigError(`${name} must be a comma-separated list of origins such as https://portal.example.org (scheme, host and port only)`);
      }
      return url.origin;
    });
}

/** The address links in messages point at: http or https, nothing else (a browser follows no other scheme there). */
function publicUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname) {
    throw new ConfigError('PUBLIC_URL must be an http:// or https:// address, for example https://vnfil.example.org');
  }
  return value.replace(/\/$/, '');
}

/** An SMTP server's URL: smtp or smtps, a host, a port within range; credentials, when given, as user and password. */
function smtpUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^smtps?:$/.test(url.protocol) || !url.hostname || (url.username !== '') !== (url.password !== '')) {
    throw new ConfigError(SMTP_URL_MESSAGE);
  }
  return value;
}

/** The worker's metrics address: a port within range (host:port passed the schema's pattern). */
function workerMetricsAddress(value: string | undefined): string | null {
  if (value === undefined) return null;
  const port = Number(value.slice(value.lastIndexOf(':') + 1));
  if (port < 1 || port > 65535) throw new ConfigError('WORKER_METRICS_ADDRESS must be host:port with a port between 1 and 65535, for example 127.0.0.1:9464');
  return value;
}

/** The names Express (proxy-addr) gives to address ranges. */
const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Express's `trust proxy`, checked here so that a mistyped value stops the start with a sentence rather than a
 * stack trace from Express: true, false, a hop count, or a comma-separated list of addresses, ranges
 * (address/prefix length, or an IPv4 address/netmask) and the names loopback, linklocal, uniquelocal.
 */
function trustProxy(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((e) => e.trim());
  if (!entries.every(isTrustedProxy)) {
    throw new ConfigError(
      'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of addresses, ranges and the names loopback, linklocal, uniquelocal, for example loopback, 10.0.0.0/8',
    );
  }
  return entries.join(',');
}

function isTrustedProxy(entry: string): boolean {
  if (TRUST_PROXY_NAMES.has(entry)) return true;
  const slash = entry.indexOf('/');
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const family = isIP(address);
  if (!family) return false;
  if (slash < 0) return true;
  const range = entry.slice(slash + 1);
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  // an IPv4 netmask: ones, then zeros
  if (family !== 4 || isIP(range) !== 4) return false;
  const bits = range.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const inverted = 2 ** 32 - 1 - bits;
  return (inverted & (inverted + 1)) === 0;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

/** The Nest logger levels enabled at a configured level: that one and every more severe one. */
export function enabledLogLevels(level: AppConfig['logLevel']): (typeof LOG_LEVELS)[number][] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}
