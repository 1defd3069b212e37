/**
 * Checks what the API answers against what its OpenAPI document promises: the status must be declared for the
 * operation, a JSON body must match the declared schema, a body-less answer must be empty, and a route the
 * document does not have must answer 404 (unknown path) or 405 with Allow (unknown method on a known path).
 * One checker for the in-process app (ApiTestContext) and the spawned API (RunningSystem).
 */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';

/** One request and its answer, as a client saw it. */
export interface Exchange {
  method: string;
  /** The real URL path, query included (/cases/4f0c…/timeline?limit=5). */
  path: string;
  status: number;
  headers: OutgoingHttpHeaders | Record<string, string>;
  /** Parsed JSON when the answer is JSON; otherwise the raw text or bytes (empty when there was no body). */
  body: unknown;
}

interface MediaType {
  schema?: object;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface Operation {
  responses?: Record<string, ResponseObject>;
}
/** The parts of an OpenAPI 3.0 document the checker reads. */
export interface ApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DOC_ID = 'openapi.json';
/** The shape of every error answer: { statusCode, error, message, code }. */
const ERROR_BODY = {
  type: 'object',
  required: ['statusCode', 'error', 'message', 'code'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    code: { type: 'string' },
  },
};

/**
 * The document's schemas in the JSON Schema Ajv reads: OpenAPI 3.0's `nullable: true` becomes "null or the
 * schema" (so an enum allows null too), `example` is dropped, and local refs point into the document Ajv holds.
 */
function forAjv(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forAjv);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'nullable' && typeof value === 'boolean') || key === 'example') continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = `${DOC_ID}${value}`;
    else out[key] = key === 'enum' || key === 'default' ? value : forAjv(value);
  }
  return (node as { nullable?: unknown }).nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

interface Template {
  path: string;
  pattern: RegExp;
  literals: number;
}

/** Express routes the way the API does: case-insensitively, with or without a trailing slash. */
function templateOf(path: string): Template {
  const source = path
    .split('/')
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { path, pattern: new RegExp(`^${source}/?$`, 'i'), literals: path.split('/').filter((s) => s && !s.startsWith('{')).length };
}

function header(headers: Exchange['headers'], name: string): string {
  const value = (headers as Record<string, unknown>)[name] ?? (headers as Record<string, unknown>)[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
}

function isEmpty(body: unknown): boolean {
  return body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0);
}

function excerpt(body: unknown): string {
  const text = Buffer.isBuffer(body) ? `${body.length} bytes` : typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

/** One way an answer breaks the document. */
export interface Violation {
  /** The operation as the document names it (POST /cases/{id}/submit), or the method and path it lacks. */
  operation: string;
  /** The real path asked for. */
  path: string;
  status: number;
  problem: string;
  /** The start of the body that was answered. */
  body: string;
}

export function describeViolation(v: Violation): string {
  const asked = v.operation.slice(v.operation.indexOf(' ') + 1) === v.path ? '' : ` [${v.path}]`;
  return `${v.operation}${asked} → ${v.status}: ${v.problem}${v.body ? `; body: ${v.body}` : ''}`;
}

export type ConformanceCheck = (exchange: Exchange) => Violation[];

/** A checker for one document: the violations of one exchange (none when it conforms). */
export function conformanceChecker(doc: ApiDocument): ConformanceCheck {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, components: forAjv(doc.components ?? {}) });
  const validateError = ajv.compile(ERROR_BODY);
  const compiled = new Map<string, ValidateFunction>();
  const templates = Object.keys(doc.paths).map(templateOf);

  // the first errors that say what is wrong: not "must match a schema in anyOf", nor "must be null" of a nullable field
  const errorsOf = (validate: ValidateFunction) =>
    ajv.errorsText(validate.errors?.filter((e) => e.keyword !== 'anyOf' && !e.schemaPath.endsWith('/anyOf/0/type')).slice(0, 3), { dataVar: 'body' });

  /** An answer for a route the document lacks: 404 for an unknown path, 405 with Allow for an unknown method. */
  const checkUndocumented = (ex: Exchange, known: Template | undefined): string[] => {
    // a CORS preflight the CORS middleware answered is not an operation of the API
    if (known && ex.method === 'OPTIONS' && ex.status === 204) return [];
    const problems: string[] = [];
    if (!known) {
      if (ex.status !== 404) return [`no path of the document matches; an unknown path must answer 404, not ${ex.status}`];
    } else {
      const documented = Object.keys(doc.paths[known.path]!).filter((m) => METHODS.includes(m)).map((m) => m.toUpperCase());
      if (ex.status !== 405) return [`not an operation of ${known.path}; an unknown method must answer 405 with Allow: ${documented.join(', ')}, not ${ex.status}`];
      const allow = header(ex.headers, 'allow').toUpperCase().split(/\s*,\s*/).filter(Boolean);
      if (!allow.length) problems.push(`405 without an Allow header (expected ${documented.join(', ')})`);
      else if (documented.some((m) => !allow.includes(m))) problems.push(`Allow: ${allow.join(', ')} does not list every method of the path (${documented.join(', ')})`);
    }
    if (!validateError(ex.body)) problems.push(`the body is not the error shape { statusCode, error, message, code }: ${errorsOf(validateError)}`);
    else if ((ex.body as { statusCode: number }).statusCode !== ex.status) problems.push(`the body's statusCode is ${(ex.body as { statusCode: number }).statusCode}`);
    return problems;
  };

  const checkDocumented = (ex: Exchange, template: string, method: string, op: Operation): string[] => {
    const responses = op.responses ?? {};
    const key = [String(ex.status), `${String(ex.status)[0]}XX`, 'default'].find((k) => responses[k]);
    if (!key) return [`status ${ex.status} is not declared (declared: ${Object.keys(responses).join(', ') || 'none'})`];
    const content = responses[key]!.content;
    const contentType = header(ex.headers, 'content-type');
    if (!content || !Object.keys(content).length) {
      if (ex.method === 'HEAD' || isEmpty(ex.body)) return [];
      return [`${key} is declared without a body, but the answer has one (${contentType || 'no content type'})`];
    }
    const jsonType = Object.keys(content).find((t) => /^application\/(.+\+)?json$/.test(t));
    // a download (application/octet-stream, */*, a file type): only its status is checked
    if (!jsonType || !content[jsonType]!.schema || ex.method === 'HEAD') return [];
    if (!/json/i.test(contentType)) return [`${key} is declared as ${jsonType}, but the answer is ${contentType || 'without a content type'}`];
    const id = `${method} ${template} ${key}`;
    let validate = compiled.get(id);
    if (!validate) {
      validate = ajv.compile(forAjv(content[jsonType]!.schema) as object);
      compiled.set(id, validate);
    }
    return validate(ex.body) ? [] : [`the body does not match the ${key} schema: ${errorsOf(validate)}`];
  };

  return (ex) => {
    const pathname = ex.path.split('?')[0]!;
    const matches = templates.filter((t) => t.pattern.test(pathname)).sort((a, b) => b.literals - a.literals);
    const method = ex.method.toLowerCase();
    // HEAD is served by the GET route
    const operationOf = (t: Template) => (doc.paths[t.path]![method] ?? (method === 'head' ? doc.paths[t.path]!.get : undefined)) as Operation | undefined;
    const known = matches.find(operationOf);
    const problems = known ? checkDocumented(ex, known.path, method, operationOf(known)!) : checkUndocumented(ex, matches[0]);
    const operation = `${ex.method} ${known?.path ?? pathname}`;
    return problems.map((problem) => ({ operation, path: ex.path, status: ex.status, problem, body: isEmpty(ex.body) ? '' : excerpt(ex.body) }));
  };
}

/**
 * The violations seen over a test file, each different one once with how often it was seen; `assertConforms`
 * throws listing them, so a suite whose answers break the document fails.
 */
export class ConformanceLog {
  private readonly seen = new Map<string, { example: string; count: number }>();

  constructor(private readonly check: ConformanceCheck) {}

  observe(exchange: Exchange): void {
    // not operations of the document: the API's own documentation, the Temporal UI's payload codec (an
    // operator's tool whose protocol Temporal defines; codec.controller.ts), and the portal's pages for people
    // (HTML, tested in the browser: test/e2e/portal-*.test.ts)
    if (/^\/(docs(-json|-yaml)?|codec|portal)(\/|\?|$)/.test(exchange.path) || exchange.path === '/') return;
    for (const v of this.check(exchange)) {
      // the same problem on another record of the same route is the same violation
      const key = `${v.operation} → ${v.status}: ${v.problem}`;
      const seen = this.seen.get(key);
      if (seen) seen.count++;
      else this.seen.set(key, { example: describeViolation(v), count: 1 });
    }
  }

  /** Each different violation, with one real example of it and how often it was seen. */
  get violations(): string[] {
    return [...this.seen.values()].map(({ example, count }) => (count > 1 ? `${example} (×${count})` : example));
  }

  assertConforms(): void {
    if (!this.seen.size) return;
    throw new Error(`${this.seen.size} kind(s) of answer do not conform to the OpenAPI document:\n- ${this.violations.join('\n- ')}`);
  }
}

/** The answer's body as a client reads it: JSON parsed, text as text, other bytes as bytes. */
export function decodeBody(bytes: Buffer, contentType: string): unknown {
  if (!bytes.length) return undefined;
  if (/json/i.test(contentType)) {
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      return bytes.toString('utf8');
    }
  }
  return /^text\//i.test(contentType) ? bytes.toString('utf8') : bytes;
}

/**
 * Reports every answer of an in-process HTTP server. It listens ahead of the application, so answers given
 * before any route runs (the body parser's, the CORS middleware's, an unknown route's) are seen too.
 */
export function watchServer(server: Server, observe: (exchange: Exchange) => void): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const { method = 'GET', url = '/' } = req;
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    const raw = res as unknown as Record<'write' | 'end', (...args: unknown[]) => unknown>;
    const { write, end } = raw;
    raw.write = function (this: ServerResponse, ...args: unknown[]) {
      keep(args[0], args[1]);
      return write.apply(this, args);
    };
    raw.end = function (this: ServerResponse, ...args: unknown[]) {
      keep(args[0], args[1]);
      return end.apply(this, args);
    };
    res.once('finish', () => {
      const headers = res.getHeaders();
      observe({ method, path: url, status: res.statusCode, headers, body: decodeBody(Buffer.concat(chunks), header(headers, 'content-type')) });
    });
  });
}
