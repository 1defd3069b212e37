import { inputProblems, MAX_INPUT_DEPTH, printable, unstorableText } from './request-input';

describe('unstorableText: what PostgreSQL text and jsonb cannot hold', () => {
  it('refuses the NUL character and unpaired surrogates, and accepts any other text', () => {
    expect(unstorableText('a\u0000b')).toBe('must not contain the NUL character');
    expect(unstorableText(JSON.parse('"\\ud800"') as string)).toMatch(/^must not contain an unpaired UTF-16 surrogate/);
    expect(unstorableText(JSON.parse('"x\\udc00y"') as string)).toMatch(/unpaired/);
    expect(unstorableText('Évaluation 😀 \u0001 \t ok')).toBeNull();
    expect(unstorableText('')).toBeNull();
  });
});

describe('inputProblems: every field of any input, by its path', () => {
  it('names a NUL in a top-level, nested or array field by its path', () => {
    expect(inputProblems({ title: 'a\u0000' })).toEqual(['title must not contain the NUL character']);
    expect(inputProblems({ items: [{ statement: 'ok' }, { statement: '\u0000' }] })).toEqual(['items.1.statement must not contain the NUL character']);
    expect(inputProblems({ microCredential: { stackableInto: [{ title: JSON.parse('"\\udbff"') as string }] } })).toEqual([
      expect.stringMatching(/^microCredential\.stackableInto\.0\.title must not contain an unpaired UTF-16 surrogate/),
    ]);
  });

  it('refuses prototype keys at any depth, as JSON.parse makes them (own properties)', () => {
    expect(inputProblems(JSON.parse('{"settings": {"__proto__": {"x": 1}}}'))).toEqual([
      'settings.__proto__ is not accepted: __proto__, constructor and prototype are never field names',
    ]);
    expect(inputProblems({ settings: { constructor: 1 } })).toEqual([expect.stringMatching(/^settings\.constructor is not accepted/)]);
    expect(inputProblems({ a: [{ prototype: {} }] })).toEqual([expect.stringMatching(/^a\.0\.prototype is not accepted/)]);
  });

  it('refuses a key with a NUL without echoing the NUL', () => {
    const [problem] = inputProblems({ settings: { 'x\u0000y': 1 } });
    expect(problem).toBe('the name of settings.x\\u0000y must not contain the NUL character');
    expect(problem).not.toContain('\u0000');
    expect(printable(JSON.parse('"a\\ud800"') as string)).toBe('a\\ud800');
  });

  it('lists the problems in the order of the fields and prefixes them', () => {
    expect(inputProblems({ a: '\u0000', b: { c: '\u0000' }, d: '\u0000' }, 'query parameter ')).toEqual([
      'query parameter a must not contain the NUL character',
      'query parameter b.c must not contain the NUL character',
      'query parameter d must not contain the NUL character',
    ]);
  });

  it('accepts ordinary input: numbers, booleans, null, nested objects and unicode text', () => {
    expect(inputProblems({ n: 1, b: true, z: null, list: ['Müller', '日本'], o: { 'constructor-ish': 'x', protos: 1 } })).toEqual([]);
    expect(inputProblems(undefined)).toEqual([]);
  });

  it('refuses nesting deeper than any form needs, without walking it recursively', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputProblems({ deep })).toEqual([expect.stringMatching(new RegExp(`^deep(\\.0)+ is nested more than ${MAX_INPUT_DEPTH} levels deep$`))]);
  });

  it('says at most twenty sentences about one input', () => {
    expect(inputProblems(Array.from({ length: 500 }, () => '\u0000'))).toHaveLength(20);
  });
});
