import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conformanceChecker, ConformanceLog, describeViolation, watchServer } from './support/response-conformance';
import type { ApiDocument, Exchange } from './support/response-conformance';

const error = { $ref: '#/components/schemas/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });

/** A small document in the shape the API's is: refs, nullable, a path parameter beside a literal segment. */
const doc: ApiDocument = {
  paths: {
    '/cases': {
      get: { responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/Case' } }) } },
      post: { responses: { '201': json({ $ref: '#/components/schemas/Case' }), '4XX': json(error) } },
    },
    '/cases/{id}': { get: { responses: { '200': json({ $ref: '#/components/schemas/Case' }), '404': json(error) } } },
    // before the literal path on purpose: the checker must still prefer the literal one
    '/cases/{id}/evidence/{evidenceId}': {
      get: { responses: { '200': json({ type: 'object', required: ['id'], properties: { id: { type: 'string' } } }) } },
      delete: { responses: { '204': { description: 'deleted' } } },
    },
    '/cases/{id}/evidence/files': { get: { responses: { '200': json({ type: 'array', items: { type: 'string' } }) } } },
    '/cases/{id}/evidence/{evidenceId}/file': { get: { responses: { '200': { content: { 'application/octet-stream': {} } } } } },
  },
  components: {
    schemas: {
      Case: {
        type: 'object',
        required: ['id', 'status', 'outcome'],
        properties: {
          id: { type: 'string', format: 'uuid', example: '6f1c1e0e-8a47-4c7f-9a39-2a4a1d6f3b10' },
          status: { type: 'string', enum: ['draft', 'submitted'] },
          outcome: { type: 'string', enum: ['awarded', 'withdrawn'], nullable: true },
        },
      },
      Error: {
        type: 'object',
        required: ['statusCode', 'error', 'message', 'code'],
        properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } },
      },
    },
  },
};

const ID = '0b7d3f52-4f4e-4a53-8f0e-3c1f4d2b9a61';
const aCase = { id: ID, status: 'draft', outcome: null };
const errorBody = (statusCode: number, code = 'request.no_route') => ({ statusCode, error: 'Error', message: 'no', code });
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const exchange = (e: Partial<Exchange> & Pick<Exchange, 'method' | 'path' | 'status'>): Exchange => ({ headers: JSON_TYPE, body: undefined, ...e });

describe('the response conformance checker', () => {
  const check = conformanceChecker(doc);
  const problems = (e: Exchange) => check(e).map(describeViolation);

  it('accepts answers the document declares, whatever their route, body or lack of one', () => {
    const good: Exchange[] = [
      exchange({ method: 'GET', path: `/cases/${ID}`, status: 200, body: aCase }),
      exchange({ method: 'GET', path: `/cases/${ID}`, status: 200, body: { ...aCase, outcome: 'awarded' } }),
      exchange({ method: 'GET', path: '/cases?limit=2', status: 200, body: [aCase] }),
      exchange({ method: 'POST', path: '/cases', status: 409, body: errorBody(409, 'case.open') }),
      exchange({ method: 'GET', path: `/cases/${ID}/evidence/files`, status: 200, body: ['e1'] }),
      exchange({ method: 'GET', path: `/cases/${ID}/evidence/e1`, status: 200, body: { id: 'e1' } }),
      exchange({ method: 'DELETE', path: `/cases/${ID}/evidence/e1`, status: 204, headers: {} }),
      exchange({ method: 'GET', path: `/cases/${ID}/evidence/e1/file`, status: 200, headers: { 'content-type': 'application/pdf' }, body: Buffer.from('%PDF-1.4') }),
      exchange({ method: 'GET', path: '/nowhere', status: 404, body: errorBody(404) }),
      exchange({ method: 'PUT', path: '/cases', status: 405, headers: { ...JSON_TYPE, allow: 'GET, POST' }, body: errorBody(405, 'request.method_not_allowed') }),
      exchange({ method: 'OPTIONS', path: '/cases', status: 204, headers: { 'access-control-allow-methods': 'GET,POST' } }),
    ];
    expect(good.flatMap(problems)).toEqual([]);
  });

  it('catches a status the operation does not declare', () => {
    expect(problems(exchange({ method: 'GET', path: `/cases/${ID}`, status: 403, body: errorBody(403, 'auth.forbidden') }))).toEqual([
      `GET /cases/{id} [/cases/${ID}] → 403: status 403 is not declared (declared: 200, 404); body: ${JSON.stringify(errorBody(403, 'auth.forbidden'))}`,
    ]);
  });

  it('catches a body that breaks the schema, naming the fields', () => {
    const [violation] = problems(exchange({ method: 'GET', path: '/cases', status: 200, body: [{ ...aCase, id: 'c1', status: 'awarded' }] }));
    expect(violation).toContain('GET /cases → 200: the body does not match the 200 schema');
    expect(violation).toContain('body/0/id must match format "uuid"');
    expect(violation).toContain('body/0/status must be equal to one of the allowed values');
    // a nullable field: what it must be, without the noise of the null alternative
    const [nullable] = problems(exchange({ method: 'GET', path: `/cases/${ID}`, status: 200, body: { ...aCase, outcome: 5 } }));
    expect(nullable).toBe(`GET /cases/{id} [/cases/${ID}] → 200: the body does not match the 200 schema: body/outcome must be string, body/outcome must be equal to one of the allowed values; body: ${JSON.stringify({ ...aCase, outcome: 5 })}`);
  });

  it('catches a body where none is declared, and text where JSON is', () => {
    expect(problems(exchange({ method: 'DELETE', path: `/cases/${ID}/evidence/e1`, status: 204, body: { ok: true } }))[0]).toContain(
      '204 is declared without a body, but the answer has one',
    );
    expect(problems(exchange({ method: 'GET', path: `/cases/${ID}`, status: 200, headers: { 'content-type': 'text/html' }, body: '<p>hi</p>' }))[0]).toContain(
      '200 is declared as application/json, but the answer is text/html',
    );
  });

  it('asks an unknown method on a known path for 405 with every method in Allow, and an unknown path for 404', () => {
    expect(problems(exchange({ method: 'PUT', path: '/cases', status: 404, body: errorBody(404) }))).toEqual([
      'PUT /cases → 404: not an operation of /cases; an unknown method must answer 405 with Allow: GET, POST, not 404; body: ' + JSON.stringify(errorBody(404)),
    ]);
    expect(problems(exchange({ method: 'PUT', path: '/cases', status: 405, body: errorBody(405) }))[0]).toContain('405 without an Allow header (expected GET, POST)');
    expect(problems(exchange({ method: 'PUT', path: '/cases', status: 405, headers: { ...JSON_TYPE, allow: 'GET' }, body: errorBody(405) }))[0]).toContain(
      'Allow: GET does not list every method of the path (GET, POST)',
    );
    expect(problems(exchange({ method: 'GET', path: '/nowhere', status: 200, body: { ok: true } }))).toEqual([
      'GET /nowhere → 200: no path of the document matches; an unknown path must answer 404, not 200; body: {"ok":true}',
    ]);
    expect(problems(exchange({ method: 'GET', path: '/nowhere', status: 404, body: { message: 'Not Found' } }))).toEqual([
      'GET /nowhere → 404: the body is not the error shape { statusCode, error, message, code }: body must have required property \'statusCode\', body must have required property \'error\', body must have required property \'code\'; body: {"message":"Not Found"}',
    ]);
    expect(problems(exchange({ method: 'GET', path: '/nowhere', status: 404, body: errorBody(400) }))[0]).toContain("the body's statusCode is 400");
  });

  it('prefers the literal segment to a path parameter, as the router does', () => {
    expect(problems(exchange({ method: 'GET', path: `/cases/${ID}/evidence/files`, status: 200, body: { id: 'files' } }))).toEqual([
      `GET /cases/{id}/evidence/files [/cases/${ID}/evidence/files] → 200: the body does not match the 200 schema: body must be array; body: {"id":"files"}`,
    ]);
    // no DELETE on the literal path: the router takes "files" for an {evidenceId}
    expect(problems(exchange({ method: 'DELETE', path: `/cases/${ID}/evidence/files`, status: 204 }))).toEqual([]);
  });

  it('logs each kind of violation once with its count, leaves out the documentation routes, and fails when asked', () => {
    const log = new ConformanceLog(check);
    log.observe(exchange({ method: 'GET', path: '/docs-json', status: 200, body: { openapi: '3.0.0' } }));
    log.observe(exchange({ method: 'GET', path: '/docs', status: 200, headers: { 'content-type': 'text/html' }, body: '<html>' }));
    expect(() => log.assertConforms()).not.toThrow();
    for (let i = 0; i < 3; i++) log.observe(exchange({ method: 'GET', path: `/cases/${ID}`, status: 401, body: errorBody(401) }));
    expect(log.violations).toEqual([expect.stringMatching(/^GET \/cases\/\{id\} .* 401: status 401 is not declared .*\(×3\)$/)]);
    expect(() => log.assertConforms()).toThrow(/1 kind\(s\) of answer do not conform to the OpenAPI document:\n- GET \/cases\/\{id\}/);
  });

  it('sees every answer of a server, body and headers included', async () => {
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.write('{"id":');
      res.end(Buffer.from(`"${req.url === '/cases' ? 'all' : 'one'}"}`));
    });
    const seen: Exchange[] = [];
    watchServer(server, (e) => seen.push(e));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cases?limit=1`, { method: 'POST' });
      expect(await res.json()).toEqual({ id: 'one' });
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(seen).toEqual([{ method: 'POST', path: '/cases?limit=1', status: 200, headers: expect.objectContaining({ 'content-type': 'application/json' }), body: { id: 'one' } }]);
  });
});
