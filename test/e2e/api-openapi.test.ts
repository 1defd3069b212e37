import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { ApiTestContext } from './support/api-app';

/** The served document, loosely typed: these tests walk all of it. */
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  example?: unknown;
  enum?: unknown[];
  [keyword: string]: unknown;
}
interface Parameter {
  name: string;
  in: string;
  example?: unknown;
  schema?: Schema;
}
interface Operation {
  operationId: string;
  security?: unknown[];
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema; example?: unknown }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const CONSTRAINTS = ['minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'minItems', 'maxItems', 'enum', 'format', 'not'];

describe('API: an OpenAPI document clients can trust', () => {
  let ctx: ApiTestContext;
  let doc: Document;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => (HTTP_METHODS as readonly string[]).includes(method))
        .map(([method, op]) => ({ label: `${method.toUpperCase()} ${path}`, path, method, op })),
    );
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]!);
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]!);
    return schema;
  };

  /**
   * Every leaf field of the request bodies of these media types, with its path (`POST /standards.learningOutcomes[].code`),
   * its schema as written and resolved (an array field: its items).
   */
  const requestFields = (types: string[], visit: (where: string, property: Schema, leaf: Schema) => void) => {
    const walk = (where: string, raw: Schema) => {
      for (const [name, property] of Object.entries(resolve(raw).properties ?? {})) {
        const resolved = resolve(property);
        const item = resolved.type === 'array' && resolved.items ? resolve(resolved.items) : null;
        if (resolved.properties) walk(`${where}.${name}`, resolved);
        else if (item?.properties) walk(`${where}.${name}[]`, item);
        else visit(`${where}.${name}`, property, item ?? resolved);
      }
    };
    for (const { label, op } of operations()) {
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) if (types.includes(type)) walk(label, media.schema);
    }
  };

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    doc = (await ctx.http.get('/docs-json').expect(200)).body as Document;
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('declares on every operation the errors every route can give, each with the error body schema', () => {
    const faults: string[] = [];
    for (const { label, path, op } of operations()) {
      const expected = ['400', '413', '415', '500'];
      if (op.security?.length) expected.push('401');
      if (path.includes('{')) expected.push('404');
      for (const status of expected) if (!op.responses[status]) faults.push(`${label}: ${status} not declared`);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const json = response.content?.['application/json'];
        // the health and readiness checks' 503 is their own report (which dependency is down), not an error body
        if ((label === 'GET /health' || label === 'GET /health/ready') && status === '503') continue;
        // the VC API's verifiers answer a failed verification 400 with the result itself (its test suites expect it)
        const bodies = json?.schema?.oneOf?.map((s) => s.$ref) ?? [json?.schema?.$ref];
        if (!bodies.includes('#/components/schemas/ApiErrorResponse')) faults.push(`${label}: ${status} has no error body schema`);
        const example = json?.example as { statusCode?: number; code?: string } | undefined;
        if (example?.statusCode !== Number(status) || !/^[a-z_]+\.[a-z_0-9]+$/.test(example.code ?? '')) faults.push(`${label}: ${status} example ${JSON.stringify(example)}`);
      }
    }
    expect(faults).toEqual([]);
    expect(doc.components.schemas.ApiErrorResponse?.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'message', 'code']));
  });

  it('says that every route but sign-in, sign-up, health, metrics, verification and the catalogue needs a session, and which roles a role-bound route is for', () => {
    const open = operations().filter(({ op }) => !op.security?.length).map(({ label }) => label);
    expect(open.sort()).toEqual(
      [
        'GET /health',
        'GET /health/live',
        'GET /health/ready',
        // Prometheus's scrape: open, or behind METRICS_TOKEN (its own bearer token, not a session)
        'GET /metrics',
        'POST /auth/login',
        'POST /auth/register',
        // what anyone needs to check a credential: the issuer's keys and status lists, and the verifiers
        'GET /bodies/{bodyId}',
        'GET /bodies/{bodyId}/did.json',
        'GET /bodies/{bodyId}/jwks.json',
        'GET /bodies/{bodyId}/status/{purpose}/{list}',
        'GET /verify/{id}',
        'POST /credentials/verify',
        'POST /presentations/verify',
        'POST /verify',
        'POST /verify/file',
        // the public catalogue and its open data feeds
        'GET /catalogue',
        'GET /catalogue/{id}',
        'GET /catalogue/feed/elm',
        'GET /catalogue/feed/open-badges',
      ].sort(),
    );
    expect(doc.paths['/standards']!.post!.responses['403']).toBeDefined();
    for (const path of ['/auth/login', '/auth/register']) {
      // limited per account and address (429), and hashing is bounded (503)
      expect(Object.keys(doc.paths[path]!.post!.responses)).toEqual(expect.arrayContaining(['429', '503']));
    }
  });

  it("carries every validator's constraint into the request schemas (an empty password was allowed by the document)", () => {
    expect(doc.components.schemas.LoginDto!.properties!.password).toMatchObject({ minLength: 1 });
    // a body class that inherits its rules (PartialType for an edit, the upload's form) carries them too
    expect(doc.components.schemas.UpdateStandardDto!.properties!.title).toMatchObject({ maxLength: 300, minLength: 1, pattern: expect.stringContaining('\\n') });
    expect(doc.components.schemas.UploadEvidenceSchema!.properties!.title).toMatchObject({ maxLength: 300, minLength: 1 });
    // every text a client sends is bounded: a string field of a request body with no bound lost its validator's rules
    const unbounded: string[] = [];
    requestFields(['application/json', 'multipart/form-data'], (where, _property, leaf) => {
      if (leaf.type === 'string' && leaf.format !== 'binary' && leaf.maxLength === undefined && !leaf.pattern && !leaf.enum && leaf.format !== 'uuid') unbounded.push(where);
    });
    expect(unbounded).toEqual([]);
    const rules = validationMetadatasToSchemas() as Record<string, Schema>;
    const faults: string[] = [];
    for (const [name, rule] of Object.entries(rules)) {
      const schema = doc.components.schemas[name];
      if (!schema) continue;
      for (const [property, constraints] of Object.entries(rule.properties ?? {})) {
        const documented = schema.properties?.[property];
        if (!documented || documented.$ref) continue;
        for (const keyword of CONSTRAINTS) {
          if (constraints[keyword] !== undefined && JSON.stringify(documented[keyword]) !== JSON.stringify(constraints[keyword])) {
            faults.push(`${name}.${property}: ${keyword} is ${JSON.stringify(documented[keyword])}, the validator says ${JSON.stringify(constraints[keyword])}`);
          }
        }
      }
      const required = (rule.required as string[] | undefined) ?? [];
      if (JSON.stringify([...required].sort()) !== JSON.stringify([...((schema.required as string[] | undefined) ?? [])].sort())) {
        faults.push(`${name}: required ${JSON.stringify(schema.required)}, the validator says ${JSON.stringify(required)}`);
      }
    }
    expect(faults).toEqual([]);
  });

  it('gives an example for every request field and query parameter, and each example obeys its own schema', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const faults: string[] = [];
    const check = (where: string, schema: Schema, example: unknown) => {
      if (example === undefined) {
        if (!schema.enum) faults.push(`${where}: no example`);
        return;
      }
      const { example: _omit, ...rules } = schema;
      if (!ajv.validate(rules, example)) faults.push(`${where}: example ${JSON.stringify(example)} breaks its schema: ${ajv.errorsText()}`);
    };
    requestFields(['application/json'], (where, property) => {
      if (!property.$ref) check(where, property, property.example);
    });
    for (const { label, op } of operations()) {
      for (const parameter of op.parameters ?? []) {
        if ('$ref' in parameter || parameter.in === 'path') continue;
        check(`${label} ?${parameter.name}`, parameter.schema ?? {}, parameter.example ?? parameter.schema?.example);
      }
    }
    expect(faults).toEqual([]);
  });

  it('answers 405 with Allow (the methods the document lists) to a method a path does not take, and 404 to a path that does not exist', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const templates = Object.entries(doc.paths).map(([template, item]) => ({
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      methods: HTTP_METHODS.filter((m) => item[m]).map((m) => m.toUpperCase()),
    }));
    for (const [path, item] of Object.entries(doc.paths)) {
      const other = HTTP_METHODS.find((m) => !item[m]);
      if (!other) continue;
      const concrete = path.replace(/\{[^}]+\}/g, id);
      // what the router takes on this concrete path: /cases/{id}/evidence/files is also /cases/{id}/evidence/{evidenceId}
      const documented = [...new Set(templates.filter((t) => t.pattern.test(concrete)).flatMap((t) => t.methods))];
      if (documented.includes(other.toUpperCase())) continue;
      const res = await ctx.http[other](concrete);
      const allow = [...documented, ...(documented.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].sort().join(', ');
      expect({ path, method: other, status: res.status, allow: res.headers.allow, code: (res.body as { code: string }).code }).toEqual({
        path,
        method: other,
        status: 405,
        allow,
        code: 'request.method_not_allowed',
      });
    }
    // OPTIONS says what a path takes, to any caller (CORS preflights from allowed origins are answered before)
    const options = await ctx.http.options('/cases').expect(204);
    expect(options.headers.allow).toBe('GET, HEAD, OPTIONS, POST');
    const missing = await ctx.http.get('/no/such/route').expect(404);
    expect(missing.body).toMatchObject({ code: 'request.no_route' });
  });
});
