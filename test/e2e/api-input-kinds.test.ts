import type { Response } from 'supertest';
import { Role } from '../../libs/domain';
import { ApiTestContext } from './support/api-app';
import type { SignedIn } from './support/api-app';
import { bodyWith, fieldsOf, routesOf } from './support/openapi';
import type { OpenApiDocument, Route } from './support/openapi';

/** Required texts that may be empty by design: a level alone is a self-assessment; the overall comment is optional in substance. */
const BLANK_ALLOWED = new Set(['PUT /cases/{id}/self-assessment items.0.statement', 'POST /cases/{id}/assessments comment']);
/** Required strings that are not free text (checked by their own rules: a code's pattern, a password's length, a time zone). */
const NOT_TEXT = new Set(['code', 'password', 'email', 'url', 'timeZone', 'attestorEmail', 'credentialId']);

const label = (route: Route) => `${route.method.toUpperCase()} ${route.path}`;
const pathOf = (route: Route) => route.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

describe('API: input that cannot be stored or means nothing is refused on every route of the OpenAPI document', () => {
  let ctx: ApiTestContext;
  let doc: OpenApiDocument;
  let routes: Route[];
  let actors: (SignedIn | null)[];
  /** Per route, the first actor who passes its guards (the one the input gate then answers). */
  const gateActor = new Map<string, SignedIn | null>();

  const send = (route: Route, actor: SignedIn | null, body: string, type = 'application/json', query = '') => {
    let req = ctx.http[route.method](`${pathOf(route)}${query}`).set('content-type', type);
    if (actor) req = req.set('Authorization', actor.auth.Authorization);
    return req.send(body);
  };
  const describeAnswer = (route: Route, what: string, res: Response) => `${label(route)} with ${what}: ${res.status} ${JSON.stringify(res.body)}`;

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    doc = (await ctx.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    routes = routesOf(doc);
    const world = await ctx.body();
    actors = [null, await ctx.user(Role.Candidate), world.assessor, world.admin];
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('finds the routes and the text fields of their bodies', () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
    const withdraw = routes.find((r) => r.method === 'post' && r.path === '/cases/{id}/withdraw')!;
    expect(fieldsOf(withdraw.body!, doc)).toEqual([{ path: 'reason', kind: 'string', required: true, text: true }]);
    const standard = routes.find((r) => r.method === 'post' && r.path === '/standards')!;
    expect(fieldsOf(standard.body!, doc)).toEqual(
      expect.arrayContaining([
        { path: 'settings', kind: 'object', required: false, text: false },
        { path: 'learningOutcomes.0.criteria.0.description', kind: 'string', required: true, text: true },
        { path: 'microCredential.stackableInto.0.title', kind: 'string', required: false, text: true },
      ]),
    );
  });

  it('answers a JSON array body on every route with 400 "the request body must be a JSON object"; the guards still answer first', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const actor of actors) {
        const res = await send(route, actor, '[{"reason": "x"}]');
        if (res.body?.code === 'request.not_json_object') {
          if (res.status !== 400 || res.body.message !== 'the request body must be a JSON object') failures.push(describeAnswer(route, 'an array', res));
          if (!gateActor.has(label(route))) gateActor.set(label(route), actor);
        } else if (!(res.status === 401 || res.status === 403) || !res.body?.code) failures.push(describeAnswer(route, `an array as ${actor?.user.role ?? 'anonymous'}`, res));
      }
      if (!gateActor.has(label(route))) failures.push(`${label(route)}: no actor reached the input gate`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers a text/plain or form body on every JSON route with 415 "send the body as application/json"', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.multipart)) {
      for (const [body, type] of [
        ['reason=because', 'application/x-www-form-urlencoded'],
        ['{"reason": "because"}', 'text/plain'],
      ]) {
        const res = await send(route, gateActor.get(label(route))!, body!, type);
        if (res.status !== 415 || res.body.code !== 'request.unsupported_media_type' || res.body.message !== 'send the body as application/json') {
          failures.push(describeAnswer(route, type!, res));
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("refuses a NUL or an unpaired surrogate in each string field of every route's body, in a key and in a query parameter, naming it", async () => {
    const failures: string[] = [];
    const expectRefusal = async (route: Route, what: string, body: string, sentence: string, query = '') => {
      const res = await send(route, gateActor.get(label(route))!, body, 'application/json', query);
      const messages: string[] = Array.isArray(res.body?.message) ? res.body.message : [res.body?.message];
      if (res.status !== 400 || res.body.code !== 'request.invalid' || !messages.includes(sentence)) failures.push(describeAnswer(route, what, res));
    };
    let tried = 0;
    for (const route of routes) {
      // a body of free JSON (a credential to verify) has no named string field: the gate's rules hold there too
      const named = route.body ? fieldsOf(route.body, doc) : [];
      const fields = named.length ? named : [{ path: 'note', kind: 'string' as const }];
      for (const field of fields) {
        const path = field.kind === 'object' ? `${field.path}.note` : field.path;
        await expectRefusal(route, `a NUL in ${path}`, JSON.stringify(bodyWith(path, 'before\u0000after')), `${path} must not contain the NUL character`);
        tried++;
      }
      await expectRefusal(
        route,
        'an unpaired surrogate',
        `{"${fields[0]!.path.split('.')[0]}": ${fields[0]!.path.includes('.') ? '{"x": "\\ud800"}' : '"\\ud800"'}}`,
        `${fields[0]!.path.split('.')[0]}${fields[0]!.path.includes('.') ? '.x' : ''} must not contain an unpaired UTF-16 surrogate (such as \\ud800 alone): send valid Unicode text`,
      );
      await expectRefusal(route, 'a NUL in a key', '{"re\\u0000ason": "x"}', 'the name of re\\u0000ason must not contain the NUL character');
      await expectRefusal(route, 'a NUL in the query', '{}', 'query parameter q must not contain the NUL character', '?q=a%00b');
    }
    expect(tried).toBeGreaterThanOrEqual(60);
    expect(failures).toEqual([]);
  }, 240_000);

  it('refuses __proto__, constructor and prototype keys in the body and in every object-valued field', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const objects = route.body ? fieldsOf(route.body, doc).filter((f) => f.kind === 'object').map((f) => f.path) : [];
      for (const parent of ['', ...objects]) {
        for (const key of ['__proto__', 'constructor', 'prototype']) {
          const inner = `{"${key}": {"role": "body_admin", "evidenceRequestDays": 1}}`;
          const body = parent ? JSON.stringify(bodyWith(parent, '§')).replace('"§"', inner) : inner;
          const res = await send(route, gateActor.get(label(route))!, body);
          const path = parent ? `${parent}.${key}` : key;
          const sentence = `${path} is not accepted: __proto__, constructor and prototype are never field names`;
          const messages: string[] = Array.isArray(res.body?.message) ? res.body.message : [];
          if (res.status !== 400 || res.body.code !== 'request.invalid' || !messages.includes(sentence)) failures.push(describeAnswer(route, `a ${path} key`, res));
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses a blank required text on every route: white space is not a reason, a title or a name', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const route of routes.filter((r) => r.body)) {
      // a list of strings (learningOutcomeIds.0) holds ids, not text
      const texts = fieldsOf(route.body!, doc).filter((f) => f.required && f.text && !NOT_TEXT.has(f.path.split('.').pop()!) && !/\.\d+$/.test(f.path));
      for (const field of texts) {
        if (BLANK_ALLOWED.has(`${label(route)} ${field.path}`)) continue;
        tried++;
        const res = await send(route, gateActor.get(label(route))!, JSON.stringify(bodyWith(field.path, ' \t\n ')));
        const messages: string[] = Array.isArray(res.body?.message) ? res.body.message : [res.body?.message];
        const sentence = messages.find((m) => m.startsWith(`${field.path} must not be empty`));
        if (res.status !== 400 || !res.body.code || !sentence) failures.push(describeAnswer(route, `a blank ${field.path}`, res));
      }
    }
    expect(tried).toBeGreaterThanOrEqual(15);
    expect(failures).toEqual([]);
  }, 120_000);
});
