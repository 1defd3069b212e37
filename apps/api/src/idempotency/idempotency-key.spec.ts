import { RequestContext, stepUpdateId } from '../common/request-context';
import { canonicalJson, parseIdempotencyKey, requestFingerprint } from './idempotency-key';
import type { RequestShape } from './idempotency-key';
import { IdempotencyError } from './idempotency.errors';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Idempotency-Key header', () => {
  it('is optional', () => {
    expect(parseIdempotencyKey(undefined)).toBeNull();
  });

  it.each(['a', '0b8e7c4e-1f2a-4c1e-9d3b-5a6f7e8d9c0b', 'retry:submit/42#1', '!'.repeat(200), '~'])('accepts %j', (key) => {
    expect(parseIdempotencyKey(key)).toBe(key);
  });

  it.each([
    ['', 'the Idempotency-Key header is empty; it must be 1 to 200 visible ASCII characters (no spaces), such as a UUID'],
    ['k'.repeat(201), 'the Idempotency-Key header is 201 characters long; it must be 1 to 200 visible ASCII characters (no spaces), such as a UUID'],
    ['two words', 'the Idempotency-Key header has a space, a control character or a non-ASCII character; it must be 1 to 200 visible ASCII characters (no spaces), such as a UUID'],
    ['a, b', 'the Idempotency-Key header has a space, a control character or a non-ASCII character; it must be 1 to 200 visible ASCII characters (no spaces), such as a UUID'],
    ['clé', 'the Idempotency-Key header has a space, a control character or a non-ASCII character; it must be 1 to 200 visible ASCII characters (no spaces), such as a UUID'],
    ['tab\there', 'the Idempotency-Key header has a space, a control character or a non-ASCII character; it must be 1 to 200 visible ASCII characters (no spaces), such as a UUID'],
    ['del\x7f', 'the Idempotency-Key header has a space, a control character or a non-ASCII character; it must be 1 to 200 visible ASCII characters (no spaces), such as a UUID'],
  ])('refuses %j with a sentence (400)', (key, sentence) => {
    expect(() => parseIdempotencyKey(key)).toThrow(IdempotencyError);
    expect(() => parseIdempotencyKey(key)).toThrow(sentence);
    try {
      parseIdempotencyKey(key);
    } catch (err) {
      expect((err as IdempotencyError).status).toBe(400);
      expect((err as IdempotencyError).code).toBe('idempotency.invalid_key');
    }
  });

  it('refuses a header sent as several values', () => {
    expect(() => parseIdempotencyKey(['a', 'b'])).toThrow('the Idempotency-Key header was sent more than once');
  });
});

describe('request fingerprint', () => {
  const submit: RequestShape = { method: 'POST', path: '/cases/1/withdraw', body: { reason: 'moving abroad' }, streamedMediaType: null };
  const fp = (change: Partial<RequestShape> = {}) => requestFingerprint({ ...submit, ...change });

  it('is a sha256 in hex, the same for the same request', () => {
    expect(fp()).toMatch(/^[0-9a-f]{64}$/);
    expect(fp()).toBe(fp({ body: JSON.parse(JSON.stringify(submit.body)) }));
    expect(fp({ method: 'post' })).toBe(fp());
  });

  it('ignores the order of keys, at every level', () => {
    const a = { items: [{ level: 'expert', learningOutcomeId: 'x', statement: 's' }], note: { b: 1, a: [2, { d: 1, c: 2 }] } };
    const b = { note: { a: [2, { c: 2, d: 1 }], b: 1 }, items: [{ statement: 's', learningOutcomeId: 'x', level: 'expert' }] };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(fp({ body: a })).toBe(fp({ body: b }));
  });

  it('tells apart a different method, path, body, array order or value type', () => {
    const base = fp();
    expect(fp({ method: 'PUT' })).not.toBe(base);
    expect(fp({ path: '/cases/1/appeal' })).not.toBe(base);
    expect(fp({ path: '/cases/1/withdraw?x=1' })).not.toBe(base);
    expect(fp({ body: { reason: 'moving abroad ' } })).not.toBe(base);
    expect(fp({ body: { reason: 'moving abroad', extra: null } })).not.toBe(base);
    expect(fp({ body: [1, 2] })).not.toBe(fp({ body: [2, 1] }));
    expect(fp({ body: { n: 1 } })).not.toBe(fp({ body: { n: '1' } }));
  });

  it('takes no body as the empty object, and a streamed upload by its media type', () => {
    expect(fp({ body: undefined })).toBe(fp({ body: {} }));
    const upload = fp({ body: undefined, streamedMediaType: 'multipart/form-data' });
    expect(upload).not.toBe(fp({ body: {} }));
    expect(upload).toBe(fp({ body: { ignored: true }, streamedMediaType: 'multipart/form-data' }));
  });

  it('keeps keys such as __proto__ as plain keys', () => {
    const polluted = JSON.parse('{"__proto__": {"role": "body_admin"}, "a": 1}') as unknown;
    expect(canonicalJson(polluted)).toBe('{"__proto__":{"role":"body_admin"},"a":1}');
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
});

describe('step update id', () => {
  const scope = { userId: '11111111-1111-4111-8111-111111111111', idempotencyKey: 'key-1', fingerprint: 'f'.repeat(64) };

  it('is a UUID (version 8) derived from the user, the key and the request, the same on every retry', () => {
    const id = stepUpdateId(scope, 'case-1', 'submit');
    expect(id).toMatch(UUID_V8);
    expect(stepUpdateId({ ...scope }, 'case-1', 'submit')).toBe(id);
  });

  it("keeps two users' keys, two requests, two workflows and two updates apart", () => {
    const id = stepUpdateId(scope, 'case-1', 'submit');
    expect(stepUpdateId({ ...scope, userId: '22222222-2222-4222-8222-222222222222' }, 'case-1', 'submit')).not.toBe(id);
    expect(stepUpdateId({ ...scope, idempotencyKey: 'key-2' }, 'case-1', 'submit')).not.toBe(id);
    expect(stepUpdateId({ ...scope, fingerprint: 'e'.repeat(64) }, 'case-1', 'submit')).not.toBe(id);
    expect(stepUpdateId(scope, 'case-2', 'submit')).not.toBe(id);
    expect(stepUpdateId(scope, 'case-1', 'withdraw')).not.toBe(id);
  });

  it('comes from the request context: derived with a key, random without one or outside a request', async () => {
    const context = new RequestContext();
    const outside = context.updateId('case-1', 'submit');
    expect(outside).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(context.updateId('case-1', 'submit')).not.toBe(outside);
    const keyed = await context.run(scope, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return context.updateId('case-1', 'submit');
    });
    expect(keyed).toBe(stepUpdateId(scope, 'case-1', 'submit'));
    const unkeyed = context.run({ ...scope, idempotencyKey: null }, () => [context.updateId('case-1', 'submit'), context.updateId('case-1', 'submit')]);
    expect(unkeyed[0]).not.toBe(unkeyed[1]);
  });
});
