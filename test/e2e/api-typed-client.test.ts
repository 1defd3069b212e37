import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { CaseErrorCode } from '../../apps/api/src/cases/cases.errors';
import { Role } from '../../libs/domain';
import { TEST_PASSWORD } from '../factories';
import { ApiTestContext } from './support/api-app';
import type { BodyWorld } from './support/api-app';

/**
 * Under the repository's node_modules, so the generated client resolves openapi-fetch as a project of ours
 * would, and nothing is left in the work tree.
 */
const CACHE = resolve(__dirname, '../../node_modules/.cache');

/** What a client of the API writes with the generated types; the test type-checks it, then runs it. */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

export async function useTheApi(baseUrl: string, email: string, password: string, standardId: string) {
  const api = createClient<paths>({ baseUrl });
  const login = await api.POST('/auth/login', { body: { email, password } });
  if (!login.data) throw new Error(\`sign-in answered \${login.response.status}\`);
  const token: string = login.data.token;
  const headers = { Authorization: \`Bearer \${token}\` };

  const me = await api.GET('/auth/me', { headers });
  const myEmail: string | undefined = me.data?.email;

  const first = await api.GET('/standards', { headers, params: { query: { limit: 1 } } });
  const cursor: string | undefined = first.data?.nextCursor ?? undefined;
  const second = await api.GET('/standards', { headers, params: { query: { limit: 1, cursor } } });
  const standardIds: string[] = [...(first.data?.items ?? []), ...(second.data?.items ?? [])].map((s) => s.id);

  const opened = await api.POST('/cases', { headers, body: { standardId } });
  const caseStatus: string | undefined = opened.data?.status;

  const again = await api.POST('/cases', { headers, body: { standardId } });
  const refusedCode: string | undefined = again.error?.code;
  return { token, myEmail, standardIds, caseStatus, refusedStatus: again.response.status, refusedCode };
}
`;

/** The same client with mistakes the generated types must catch, one a line, each marked. */
const MISTAKES = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

export async function misuseTheApi(baseUrl: string) {
  const api = createClient<paths>({ baseUrl });
  const login = await api.POST('/auth/login', { body: { email: 'a@example.org', passwort: 'x' } }); // mistake: a body field the operation does not take
  const me = await api.GET('/auth/me');
  const standards = await api.GET('/standards', { params: { query: { pageSize: 5 } } }); // mistake: a query parameter the operation does not take
  const cases = await api.GET('/case'); // mistake: a path the API does not have
  return [login.data?.token, standards.data?.items, cases,
    me.data?.emailAddress, // mistake: a response field the schema does not have
  ];
}
`;

/** Type-checks the files as a strict project would; the diagnostics of each file, by line (1-based). */
function typeCheck(dir: string, files: string[]): Map<string, Array<{ line: number; text: string }>> {
  const program = ts.createProgram(
    files.map((f) => join(dir, f)),
    {
      strict: true,
      noEmit: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      // the libraries' own declarations; the generated api.ts is checked
      skipLibCheck: true,
    },
  );
  const byFile = new Map<string, Array<{ line: number; text: string }>>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file ? d.file.fileName.slice(dir.length + 1) : '(options)';
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    byFile.set(name, [...(byFile.get(name) ?? []), { line, text: ts.flattenDiagnosticMessageText(d.messageText, '\n') }]);
  }
  return byFile;
}

describe('API: a typed client generated from the served OpenAPI document', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  let dir: string;
  let baseUrl: string;

  beforeAll(async () => {
    // a worker runs: opening a case is its workflow's first step
    ctx = await ApiTestContext.start({ worker: true });
    world = await ctx.body();
    await ctx.make.standard(world.bodyId);
    await ctx.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    mkdirSync(CACHE, { recursive: true });
    dir = mkdtempSync(join(CACHE, 'vnfil-typed-client-'));
    const doc = (await ctx.http.get('/docs-json').expect(200)).body as OpenAPI3;
    writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(doc, { silent: true })));
    writeFileSync(join(dir, 'client.ts'), CLIENT);
    writeFileSync(join(dir, 'mistakes.ts'), MISTAKES);
  }, 120_000);
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await ctx?.close();
  });

  it('generates types for every path of the document', async () => {
    const doc = (await ctx.http.get('/docs-json').expect(200)).body as OpenAPI3;
    const generated = astToString(await openapiTS(doc, { silent: true }));
    for (const path of Object.keys(doc.paths ?? {})) expect(generated).toContain(`"${path}": {`);
  });

  it('type-checks a client that calls the API as documented, with no diagnostic', () => {
    const diagnostics = typeCheck(dir, ['client.ts']);
    expect(Object.fromEntries(diagnostics)).toEqual({});
  }, 60_000);

  it('reports each mistake of a client against the types, and nothing else', () => {
    const diagnostics = typeCheck(dir, ['mistakes.ts']);
    const marked = MISTAKES.split('\n').flatMap((text, i) => (text.includes('// mistake:') ? [i + 1] : []));
    expect(marked).toHaveLength(4);
    expect([...diagnostics.keys()]).toEqual(['mistakes.ts']);
    expect([...new Set(diagnostics.get('mistakes.ts')!.map((d) => d.line))].sort((a, b) => a - b)).toEqual(marked);
  }, 60_000);

  it('runs: signs in, reads the user, pages the standards, opens a case and reads the refusal of a second one', async () => {
    const out = ts.transpileModule(CLIENT, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
    writeFileSync(join(dir, 'client.js'), out.outputText);
    const { useTheApi } = (await import(join(dir, 'client.js'))) as { useTheApi: (...args: string[]) => Promise<Record<string, unknown>> };
    const candidate = await ctx.make.user(Role.Candidate);

    const result = await useTheApi(baseUrl, candidate.email, TEST_PASSWORD, world.standard.id);

    expect(result).toEqual({
      token: expect.stringMatching(/.{20,}/),
      myEmail: candidate.email,
      standardIds: [expect.any(String), expect.any(String)],
      caseStatus: 'draft',
      refusedStatus: 409,
      refusedCode: CaseErrorCode.OpenCaseExists,
    });
    // the second page is another standard: the cursor moved on
    expect(new Set(result.standardIds as string[]).size).toBe(2);
  }, 60_000);
});
