import { randomUUID } from 'node:crypto';
import { Role } from '../../libs/domain';
import { ApiTestContext } from './support/api-app';
import { formPage } from '../../apps/api/src/portal/form-page';
import type { SignedIn } from './support/api-app';

jest.setTimeout(120_000);

/**
 * Every route of the portal, found in the running app's router (so a page added later is covered without a row
 * here): each form refuses a request without its anti-forgery token, whoever sends it, and changes nothing; each
 * role's pages are closed to the other roles (403 page) and to visitors (the sign-in page). What each role may do
 * on its own pages is in the portal-* browser tests; the JSON API's routes are in api-access-matrix.test.ts.
 */
interface PortalRoute {
  method: 'GET' | 'POST';
  path: string;
}

const FORGERY_WORDS = 'For your safety the form can only be sent from this site';

/** The role whose pages a path is, by its prefix; null: any visitor's or any signed-in person's. */
function ownerOf(path: string): Role | null {
  if (path.startsWith('/portal/admin')) return Role.BodyAdmin;
  if (path.startsWith('/portal/assessor')) return Role.Assessor;
  if (path.startsWith('/portal/cases') || path.startsWith('/portal/qualifications') || /^\/portal\/standards\/[^/]+\/start$/.test(path)) return Role.Candidate;
  return null;
}

describe('access to the portal’s routes', () => {
  let ctx: ApiTestContext;
  let routes: PortalRoute[];
  const people: Partial<Record<Role, SignedIn>> = {};

  /** A path with its parameters filled in: ids that exist nowhere (the checks come before any lookup). */
  const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, () => randomUUID());

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    const body = await ctx.make.body();
    people[Role.Candidate] = await ctx.user(Role.Candidate);
    people[Role.Assessor] = await ctx.user(Role.Assessor, body.id);
    people[Role.BodyAdmin] = await ctx.user(Role.BodyAdmin, body.id);
    const router = (ctx.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
    routes = router.stack
      .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => ({ method: m.toUpperCase(), path: layer.route!.path })) : []))
      .filter((r): r is PortalRoute => (r.method === 'GET' || r.method === 'POST') && (r.path === '/portal' || r.path.startsWith('/portal/')));
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('finds the portal’s routes: the pages of every role and their forms', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    for (const expected of ['GET /portal/assessor/cases/:id', 'POST /portal/assessor/cases/:id/sessions', 'POST /portal/cases/:id/sessions/:sessionId/confirm', 'GET /portal/admin', 'POST /portal/sign-in']) {
      expect(paths).toContain(expected);
    }
    expect(routes.filter((r) => r.method === 'POST').length).toBeGreaterThanOrEqual(30);
  });

  it('knows, for every form, the page it belongs to: a page re-shown after a mistake is read back there', () => {
    const gets = routes.filter((r) => r.method === 'GET').map((r) => new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`));
    const lost = routes.filter((r) => r.method === 'POST').map((r) => concrete(r.path)).filter((path) => !gets.some((get) => get.test(formPage(path))));
    expect(lost).toEqual([]);
  });

  it('refuses every form sent without its anti-forgery token, by its own role, and by anyone else', async () => {
    const answers: Record<string, number> = {};
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const owner = ownerOf(route.path);
      const sender = owner ? people[owner]! : people[Role.Candidate]!;
      const res = await ctx.http.post(concrete(route.path)).set(sender.auth).type('form').send({ note: 'x' });
      answers[`${route.path} (${sender.user.role})`] = res.status;
      if (res.status === 403) expect({ path: route.path, says: res.text.includes(FORGERY_WORDS) }).toEqual({ path: route.path, says: true });
      // a visitor: the form refused, or the sign-in page first; never taken
      const visitor = await ctx.http.post(concrete(route.path)).type('form').send({ note: 'x' });
      expect({ path: route.path, visitor: [303, 403].includes(visitor.status) }).toEqual({ path: route.path, visitor: true });
    }
    expect(Object.entries(answers).filter(([, status]) => status !== 403)).toEqual([]);
  });

  it('answers a form too long to send with a page that names the limit, in the reader’s language', async () => {
    const candidate = people[Role.Candidate]!;
    const long = await ctx.http.post(`/portal/cases/${randomUUID()}/self-assessment`).set(candidate.auth).type('form').send({ statement: 'x'.repeat(200_000) });
    expect(long.status).toBe(413);
    expect(long.text).toContain('A form can hold at most 64 kB of text.');
    const french = await ctx.http.post('/portal/sign-in').set('Accept-Language', 'fr').type('form').send({ email: 'x'.repeat(200_000) });
    expect(french.status).toBe(413);
    expect(french.text).toContain('Un formulaire contient au plus 64 Ko de texte.');
  });

  it('closes each role’s pages to the other roles, and sends visitors to sign in', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const owner = ownerOf(route.path);
      if (!owner) continue;
      const path = concrete(route.path);
      for (const role of [Role.Candidate, Role.Assessor, Role.BodyAdmin].filter((r) => r !== owner)) {
        const res = await ctx.http.get(path).set(people[role]!.auth);
        if (res.status !== 403 || !res.headers['content-type']?.startsWith('text/html')) wrong.push(`${role} ${path}: ${res.status}`);
      }
      const visitor = await ctx.http.get(path);
      if (visitor.status !== 303 || !String(visitor.headers.location).startsWith('/portal/sign-in')) wrong.push(`visitor ${path}: ${visitor.status} ${visitor.headers.location}`);
    }
    expect(wrong).toEqual([]);
  });
});
