import { randomUUID } from 'node:crypto';
import { Role } from '../../libs/domain';
import { ApiTestContext } from './support/api-app';
import type { SignedIn } from './support/api-app';

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

/** Garbage a careless or hostile client sends; none of it may ever produce a 5xx. */
const BODIES: { name: string; body: string; type: string }[] = [
  { name: 'unknown fields', body: JSON.stringify({ unexpected: true, isAdmin: true }), type: 'application/json' },
  { name: 'prototype pollution', body: '{"__proto__": {"role": "body_admin"}, "constructor": {"prototype": {"x": 1}}}', type: 'application/json' },
  { name: 'wrong types', body: JSON.stringify({ standardId: 42, items: 'all', judgements: {}, result: ['awarded'], reason: null }), type: 'application/json' },
  { name: 'a JSON array', body: '[1,2,3]', type: 'application/json' },
  { name: 'broken JSON', body: '{"title": ', type: 'application/json' },
  { name: 'a text body', body: 'DROP TABLE case_event;', type: 'text/plain' },
  { name: 'a form body', body: 'standardId=../../etc/passwd', type: 'application/x-www-form-urlencoded' },
];

const PATH_IDS = ['not-a-uuid', '../../etc/passwd', randomUUID(), "1' OR '1'='1"];

/**
 * Every route the OpenAPI document lists, for every role and without a session, with malformed ids and bodies:
 * the answer is always a 4xx (or a 2xx for a harmless read), never a server error.
 */
describe('API: hostile input on every endpoint never causes a 5xx', () => {
  let ctx: ApiTestContext;
  let routes: Route[];
  let actors: (SignedIn | null)[];

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    const doc = (await ctx.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m): m is Route['method'] => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((method) => ({ method, path })),
    );
    const world = await ctx.body();
    actors = [null, await ctx.user(Role.Candidate), world.assessor, world.admin];
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('finds the routes in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
    expect(routes).toEqual(expect.arrayContaining([{ method: 'post', path: '/cases/{id}/decision' }]));
  });

  it('answers every malformed request with a 4xx and a message', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const actor of actors) {
        for (const id of PATH_IDS) {
          const path = route.path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
          for (const { name, body, type } of route.method === 'get' || route.method === 'delete' ? BODIES.slice(0, 1) : BODIES) {
            let req = ctx.http[route.method](path).set('content-type', type);
            if (actor) req = req.set('Authorization', actor.auth.Authorization);
            const res = await req.send(body);
            const who = actor ? actor.user.role : 'anonymous';
            if (res.status >= 500) failures.push(`${route.method.toUpperCase()} ${path} as ${who} with ${name}: ${res.status} ${JSON.stringify(res.body)}`);
            else if (res.status >= 400 && !res.body?.message) failures.push(`${route.method.toUpperCase()} ${path} as ${who} with ${name}: ${res.status} without a message`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
