/**
 * What the API refuses in any input before a route sees it, whatever the route and whichever field: text that
 * PostgreSQL cannot store (text and jsonb hold neither the NUL character nor an unpaired UTF-16 surrogate), key
 * names that reach an object's prototype, and nesting no form of ours needs. Pure: the request gate applies it
 * to JSON bodies, query strings and path parameters, the multipart reader to its text fields and file names.
 */

/** Key names that address an object's prototype rather than a field; refused everywhere. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than any of our forms (a standard's criteria sit at depth 4); a deeper body is refused, not walked. */
export const MAX_INPUT_DEPTH = 32;

/** At most this many sentences about one input; the first ones say what to fix. */
const MAX_PROBLEMS = 20;

const NUL = '\u0000';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why PostgreSQL could not store this text, as the end of a sentence; null when it can. */
export function unstorableText(text: string): string | null {
  if (text.includes(NUL)) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate (such as \\ud800 alone): send valid Unicode text';
  return null;
}

/** A key as it can be shown in a message (and stored with it): NUL and unpaired surrogates escaped. */
export function printable(key: string): string {
  // eslint-disable-next-line no-control-regex
  return key.replace(/[\u0000\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/**
 * Sentences about what in `value` the API never accepts, naming each field by its path after `prefix` (for
 * example "items.0.statement must not contain the NUL character"); empty when there is nothing to refuse.
 */
export function inputProblems(value: unknown, prefix = ''): string[] {
  const problems: string[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (pending.length && problems.length < MAX_PROBLEMS) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = unstorableText(current);
      if (problem) problems.push(`${prefix}${path || 'the value'} ${problem}`);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      problems.push(`${prefix}${path || 'the value'} is nested more than ${MAX_INPUT_DEPTH} levels deep`);
      continue;
    }
    const entries = Array.isArray(current) ? current.map((v: unknown, i) => [String(i), v] as const) : Object.entries(current as Record<string, unknown>);
    // pushed in reverse, so the sentences come in the order of the fields
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const field = join(path, printable(key));
      if (!Array.isArray(current)) {
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push(`${prefix}${field} is not accepted: __proto__, constructor and prototype are never field names`);
          continue;
        }
        const keyProblem = unstorableText(key);
        if (keyProblem) {
          problems.push(`the name of ${prefix}${field} ${keyProblem}`);
          continue;
        }
      }
      pending.push({ value: child, path: field, depth: depth + 1 });
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}
