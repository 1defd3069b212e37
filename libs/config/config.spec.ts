import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('works with no environment at all, on local defaults', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ url: 'postgres://postgres@127.0.0.1:5432/vnfil', host: '127.0.0.1', port: 5432, name: 'vnfil' });
    expect(config.temporal).toEqual({ address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'vnfil-cases', reconcileEveryMinutes: 5 });
    expect(config.http.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.steps).toEqual({ answerDeadlineMs: 20_000, idempotencyKeyTtlHours: 168 });
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
  ])('refuses %j with one sentence', (env, sentence) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new ConfigError(sentence));
  });
});
