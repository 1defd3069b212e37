import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { resolve } from 'node:path';

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

  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'], { message: 'LOG_LEVEL must be error, warn, log, debug or verbose' })
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

export interface AppConfig {
  database: { url: string; host: string; port: number; name: string };
  temporal: { address: string; namespace: string; taskQueue: string; reconcileEveryMinutes: number };
  storage: { dir: string; maxUploadBytes: number; maxRecordingBytes: number; caseQuotaBytes: number };
  http: { host: string; port: number; publicUrl: string };
  auth: { sessionTtlHours: number };
  /** Human steps sent to a case's workflow, and the answers kept for retries (Idempotency-Key). */
  steps: { answerDeadlineMs: number; idempotencyKeyTtlHours: number };
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
  return {
    database: { url: schema.DATABASE_URL, host: url.hostname, port: Number(url.port || 5432), name },
    temporal: { address: schema.TEMPORAL_ADDRESS, namespace: schema.TEMPORAL_NAMESPACE, taskQueue: schema.TEMPORAL_TASK_QUEUE, reconcileEveryMinutes: schema.RECONCILE_EVERY_MINUTES },
    storage: {
      dir: resolve(schema.STORAGE_DIR),
      maxUploadBytes: schema.MAX_UPLOAD_BYTES,
      maxRecordingBytes: schema.MAX_RECORDING_UPLOAD_BYTES,
      caseQuotaBytes: schema.CASE_STORAGE_QUOTA_BYTES,
    },
    http: {
      host: schema.HOST,
      port: schema.PORT,
      publicUrl: (schema.PUBLIC_URL ?? `http://${schema.HOST}:${schema.PORT}`).replace(/\/$/, ''),
    },
    auth: { sessionTtlHours: schema.SESSION_TTL_HOURS },
    steps: { answerDeadlineMs: schema.UPDATE_ANSWER_DEADLINE_MS, idempotencyKeyTtlHours: schema.IDEMPOTENCY_KEY_TTL_HOURS },
    env: schema.NODE_ENV,
    logLevel: schema.LOG_LEVEL,
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

/** The Nest logger levels enabled at a configured level: that one and every more severe one. */
export function enabledLogLevels(level: AppConfig['logLevel']): (typeof LOG_LEVELS)[number][] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}
