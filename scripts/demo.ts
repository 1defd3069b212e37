/**
 * Drives one complete case through the public API of a running system (`npm start`): a new candidate signs up, starts
 * a case, assesses themselves, uploads evidence and submits; the assigned assessor accepts and scores; the
 * awarding body decides. Prints every step of the case's timeline as it happens, then downloads the signed
 * credential in every form (Open Badges 3.0 JSON, VC-JWT, Europass, the certificate PDF) into demo-output/ (or
 * VNFIL_DEMO_OUT) and verifies it as anyone would, printing each check.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatDeadline } from '../libs/calendar';
import { DEMO_EMAILS as EMAILS, PUBLISHED_DEMO_PASSWORD } from '../libs/domain';

const BASE = (process.env.VNFIL_URL ?? `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '3000'}`).replace(/\/$/, '');
const PASSWORD = process.env.DEMO_PASSWORD ?? PUBLISHED_DEMO_PASSWORD;
/** The web inbox of npm start's SMTP server (maildev), where the candidate's confirmation link arrives. */
const INBOX = (process.env.VNFIL_INBOX_URL ?? `http://127.0.0.1:${process.env.MAILDEV_WEB_PORT ?? '1080'}`).replace(/\/$/, '');

interface Session {
  email: string;
  token: string;
  userId: string;
}
interface Outcome {
  id: string;
  code: string;
  description: string;
  criteria: { id: string; code: string }[];
  /** Codes of the standard's methods that assess it; empty: all of them. */
  assessmentMethods?: string[];
}

interface AssessmentMethod {
  code: string;
  type: string;
  description: string;
}

/** Methods the candidate and the assessor meet for (libs/domain SESSION_METHOD_TYPES). */
const SESSION_METHODS = ['interview', 'observation', 'simulation', 'jury'];
interface TimelineEvent {
  type: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string;
  occurredAt: string;
}

class DemoError extends Error {}

async function call<T>(session: Session | null, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (session) headers.authorization = `Bearer ${session.token}`;
  let payload: RequestInit['body'];
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, { method, headers, body: payload });
  } catch {
    throw new DemoError(`cannot reach the API at ${BASE}: start the system with npm start (or set VNFIL_URL)`);
  }
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) throw new DemoError(`${method} ${path} answered ${res.status}: ${JSON.stringify(parsed)}`);
  return parsed as T;
}

/** A download's bytes, as the holder gets them. */
async function download(session: Session, path: string): Promise<Buffer> {
  const res = await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${session.token}` } });
  if (!res.ok) throw new DemoError(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Every item of a paged list (GET routes answer { items, nextCursor }), following the cursors to the end. */
async function listAll<T>(session: Session, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: { items: T[]; nextCursor: string | null } = await call(session, 'GET', `${path}${path.includes('?') ? '&' : '?'}${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function login(email: string): Promise<Session> {
  const res = await call<{ token: string; user: { id: string } }>(null, 'POST', '/auth/login', { email, password: PASSWORD });
  return { email, token: res.token, userId: res.user.id };
}

async function register(email: string, displayName: string): Promise<Session> {
  const res = await call<{ token: string; user: { id: string } }>(null, 'POST', '/auth/register', { email, displayName, password: `demo-${crypto.randomUUID()}` });
  return { email, token: res.token, userId: res.user.id };
}

/**
 * The candidate opens the confirmation link of the sign-up e-mail, as read from the local inbox, and confirms on
 * its page: a case can be started only from a confirmed address.
 */
async function confirmAddress(email: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    let messages: { to?: { address: string }[]; text?: string }[];
    try {
      const res = await fetch(`${INBOX}/api/email`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      messages = (await res.json()) as typeof messages;
    } catch (err) {
      throw new DemoError(`the local inbox at ${INBOX} does not answer (${(err as Error).message}): the demo reads the confirmation e-mail there (npm start runs it; set VNFIL_INBOX_URL if it is elsewhere)`);
    }
    const message = messages.find((m) => m.to?.some((t) => t.address.toLowerCase() === email.toLowerCase()));
    const link = message?.text?.match(/https?:\/\/\S+\/portal\/verify-email\?token=[A-Za-z0-9_-]+/)?.[0];
    if (link) {
      // the link is written with the API's public address; the demo follows it where it reaches the API, and
      // presses the page's button (a form with its anti-forgery token, bound to the page's visitor cookie)
      const page = await fetch(`${BASE}${new URL(link).pathname}${new URL(link).search}`, { redirect: 'manual' });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
      if (page.status !== 200 || !csrf) throw new DemoError(`the confirmation link answered ${page.status}`);
      const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const form = new URLSearchParams({ _csrf: csrf, token: new URL(link).searchParams.get('token') ?? '' });
      const res = await fetch(`${BASE}/portal/verify-email`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
      if (res.status !== 303) throw new DemoError(`confirming the address answered ${res.status}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new DemoError(`no confirmation e-mail for ${email} reached ${INBOX} within 30 s: is the worker's mail relay on (MAIL_RELAY)?`);
}

let printed = 0;
async function printTimeline(session: Session, caseId: string): Promise<string> {
  const events = await listAll<TimelineEvent>(session, `/cases/${caseId}/timeline`);
  for (const e of events.slice(printed)) {
    const move = e.fromStatus && e.fromStatus !== e.toStatus ? `${e.fromStatus} -> ${e.toStatus}` : e.toStatus;
    console.log(`   ${e.occurredAt.slice(11, 19)}  ${e.type.padEnd(22)} ${move.padEnd(40)} ${e.reason}`);
  }
  printed = Math.max(printed, events.length);
  const c = await call<{ status: string }>(session, 'GET', `/cases/${caseId}`);
  return c.status;
}

async function waitFor(session: Session, caseId: string, statuses: string[]): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const status = await printTimeline(session, caseId);
    if (statuses.includes(status)) return status;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new DemoError(`the case did not reach ${statuses.join(' or ')} within a minute: is the worker running?`);
}

function step(text: string): void {
  console.log(`\n== ${text}`);
}

/** A small, valid PDF: the evidence the candidate uploads. */
function samplePdf(): Blob {
  const pdf = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;
  return new Blob([pdf], { type: 'application/pdf' });
}

async function main(): Promise<void> {
  console.log(`vnfil demo against ${BASE}`);
  // A new candidate each run, so the demo can run again while an earlier case waits out its appeal window.
  const candidate = await register(`lena.schmidt.${Date.now()}@example.org`, 'Lena Schmidt');
  console.log(`   signed up ${candidate.email}`);
  await confirmAddress(candidate.email);
  console.log(`   confirmed the address with the link e-mailed to it (${INBOX})`);
  const admin = await login(EMAILS.admin);
  const assessors = await Promise.all(EMAILS.assessors.map(login));

  step('The candidate chooses a standard');
  const standards = await listAll<{ id: string; code: string; title: string }>(candidate, '/standards');
  const summary = standards.find((s) => s.code === 'DATA-SHEETS-1') ?? standards[0];
  if (!summary) throw new DemoError('no published standard: was the demo seed skipped (SEED_DEMO=false)?');
  const standard = await call<{ id: string; title: string; learningOutcomes: Outcome[]; assessmentMethods?: AssessmentMethod[] }>(candidate, 'GET', `/standards/${summary.id}`);
  console.log(`   ${standard.title} (${standard.learningOutcomes.length} learning outcomes)`);

  step('The candidate starts a case (identification)');
  const created = await call<{ id: string }>(candidate, 'POST', '/cases', { standardId: standard.id });
  const caseId = created.id;
  console.log(`   case ${caseId}`);
  await waitFor(candidate, caseId, ['draft']);

  step('The candidate assesses themselves against each learning outcome');
  await call(candidate, 'PUT', `/cases/${caseId}/self-assessment`, {
    items: standard.learningOutcomes.map((o) => ({
      learningOutcomeId: o.id,
      level: 'confident',
      statement: `I do this every week in my job: ${o.description.toLowerCase()}`,
    })),
  });
  console.log(`   ${standard.learningOutcomes.length} learning outcomes self-assessed as confident`);

  step('The candidate documents their learning: a file and an attestation');
  const [first, ...rest] = standard.learningOutcomes;
  const form = new FormData();
  form.append('title', 'Monthly sales analysis workbook (exported as PDF)');
  form.append('learningOutcomeIds', standard.learningOutcomes.slice(0, 2).map((o) => o.id).join(','));
  form.append('file', samplePdf(), 'sales-analysis.pdf');
  const file = await call<{ id: string; sha256: string; sizeBytes: number }>(candidate, 'POST', `/cases/${caseId}/evidence/files`, form);
  console.log(`   uploaded sales-analysis.pdf (${file.sizeBytes} bytes, sha256 ${file.sha256.slice(0, 12)}...)`);
  await call(candidate, 'POST', `/cases/${caseId}/evidence`, {
    kind: 'attestation',
    title: 'Line manager attestation',
    attestorName: 'Niamh Walsh',
    attestorOrganisation: 'Harbour Logistics Ltd',
    statement: 'Lena presents the monthly figures to the management team with clear charts.',
    learningOutcomeIds: (rest.length ? rest : [first!]).map((o) => o.id),
  });
  console.log('   added an attestation from the line manager');

  step('The candidate submits (documentation)');
  await call(candidate, 'POST', `/cases/${caseId}/submit`);
  await waitFor(candidate, caseId, ['assessor_assigned', 'awaiting_admissibility']);

  step('The assigned assessor accepts and scores every criterion (assessment)');
  let assessor: Session | undefined;
  for (const a of assessors) {
    const queue = await listAll<{ caseId: string }>(a, '/assessor/queue');
    if (queue.some((q) => q.caseId === caseId)) assessor = a;
  }
  if (!assessor) throw new DemoError('no demo assessor has the case in their queue');
  console.log(`   ${assessor.email} holds the case`);
  await call(assessor, 'POST', `/cases/${caseId}/assessment/accept`);
  await waitFor(candidate, caseId, ['under_assessment']);
  const interview = (standard.assessmentMethods ?? []).find((m) => SESSION_METHODS.includes(m.type));
  if (interview) await holdSession(assessor, candidate, caseId, interview, standard.learningOutcomes, caseFolder(caseId));
  await call(assessor, 'POST', `/cases/${caseId}/assessments`, {
    judgements: standard.learningOutcomes.flatMap((o) =>
      o.criteria.map((c) => ({ criterionId: c.id, result: 'met', score: 85, comment: `Shown in the evidence for ${o.code}` })),
    ),
    recommendation: 'award',
    comment: 'Every criterion is met by authentic, current workplace evidence.',
  });
  await waitFor(candidate, caseId, ['awaiting_decision']);

  step('The awarding body decides (certification)');
  await call(admin, 'POST', `/cases/${caseId}/decision`, {
    result: 'awarded',
    recognisedOutcomeIds: standard.learningOutcomes.map((o) => o.id),
    reason: 'The assessor found every learning outcome evidenced; no moderation was required.',
  });
  const final = await waitFor(candidate, caseId, ['awarded']);

  // The credential is issued right after the status changes: give the worker a moment to write it.
  type Detail = { appealDeadline: string | null; credential: { id: string; title: string } | null };
  let detail = await call<Detail>(candidate, 'GET', `/cases/${caseId}`);
  for (let i = 0; i < 20 && !detail.credential; i++) {
    await new Promise((r) => setTimeout(r, 250));
    detail = await call<Detail>(candidate, 'GET', `/cases/${caseId}`);
  }
  await printTimeline(candidate, caseId);
  step(`Awarded: ${detail.credential?.title ?? standard.title}`);
  // Deadlines are read in the awarding body's time zone, as the candidate's message states them.
  const { timeZone } = await call<{ timeZone: string }>(admin, 'GET', '/awarding-body');
  const until = detail.appealDeadline ? formatDeadline(detail.appealDeadline, timeZone) : 'the window closes';
  console.log(`   case ${caseId} is ${final}; the candidate may appeal until ${until}.`);
  if (!detail.credential) throw new DemoError('the award has no credential: see the case timeline above');
  const credentialId = detail.credential.id;

  step('The candidate downloads the signed credential');
  const folder = resolve(process.env.VNFIL_DEMO_OUT ?? 'demo-output', credentialId);
  await mkdir(folder, { recursive: true });
  const files: [string, string][] = [
    ['open-badge.json', 'Open Badges 3.0 credential, Data Integrity proof (eddsa-rdfc-2022)'],
    ['credential.jwt', 'the same credential as a VC-JWT (EdDSA)'],
    ['europass.json', 'European Learning Model (Europass) document'],
    ['certificate.pdf', 'printable certificate with a QR code to the verification page'],
  ];
  for (const [name, what] of files) {
    const path = resolve(folder, name);
    await writeFile(path, await download(candidate, `/credentials/${credentialId}/${name}`));
    console.log(`   ${path}  (${what})`);
  }

  step('Anyone verifies it (POST /verify, no account needed)');
  type Verification = { verified: boolean; format: string; checks: { check: string; outcome: string; reason: string }[] };
  const openBadge = JSON.parse((await download(candidate, `/credentials/${credentialId}/open-badge.json`)).toString('utf8')) as unknown;
  const jwt = (await download(candidate, `/credentials/${credentialId}/credential.jwt`)).toString('utf8');
  for (const [label, credential] of [['as JSON', openBadge], ['as a VC-JWT', jwt]] as const) {
    const result = await call<Verification>(null, 'POST', '/verify', { credential });
    console.log(`   ${label}: ${result.verified ? 'VERIFIED' : 'NOT VERIFIED'} (${result.format})`);
    for (const c of result.checks) console.log(`     ${c.outcome === 'passed' ? 'ok  ' : c.outcome === 'failed' ? 'FAIL' : ' -  '} ${c.check.padEnd(11)} ${c.reason}`);
    if (!result.verified) throw new DemoError(`the credential did not verify ${label}`);
  }
  console.log(`   verify it yourself: curl -s -X POST ${BASE}/verify -H 'content-type: application/vc+jwt' --data-binary @${resolve(folder, 'credential.jwt')}`);
  console.log(`   verification page for the QR code: ${BASE}/verify/${credentialId}`);
}

/**
 * The standard is assessed by interview too: the assessor proposes one (the demo body needs no notice, so it starts
 * in a few seconds), the candidate confirms it and saves the invitation, and after it the assessor records it as held.
 */
async function holdSession(assessor: Session, candidate: Session, caseId: string, method: AssessmentMethod, outcomes: Outcome[], out: string): Promise<void> {
  step(`The assessor proposes an online ${method.type}; the candidate confirms it`);
  const startsAt = new Date(Date.now() + 6_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  type Proposed = { id: string; when: string; invitation: string };
  const session = await call<Proposed>(assessor, 'POST', `/cases/${caseId}/sessions`, {
    methodCode: method.code,
    startsAt,
    durationMinutes: 30,
    onlineUrl: 'https://meet.example.org/vnfil-demo-interview',
  });
  console.log(`   ${method.type} on ${session.when}, online`);
  await call(candidate, 'POST', `/cases/${caseId}/sessions/${session.id}/answer`, { answer: 'confirm' });
  await mkdir(out, { recursive: true });
  const ics = resolve(out, 'session.ics');
  await writeFile(ics, await download(candidate, session.invitation));
  console.log(`   the candidate confirmed and saved the invitation: ${ics}`);
  await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(startsAt) - Date.now() + 500)));
  const assessed = outcomes.filter((o) => o.assessmentMethods?.includes(method.code));
  await call(assessor, 'POST', `/cases/${caseId}/sessions/${session.id}/record`, {
    outcome: 'held',
    note: 'The candidate presented the monthly sales charts and answered questions on each.',
    judgements: assessed.flatMap((o) => o.criteria.map((c) => ({ criterionId: c.id, result: 'met', comment: `Explained clearly in the ${method.type}` }))),
  });
  console.log(`   the ${method.type} was held; the assessor recorded ${assessed.map((o) => o.code).join(', ') || 'it'}`);
}

function caseFolder(caseId: string): string {
  return resolve(process.env.VNFIL_DEMO_OUT ?? 'demo-output', `case-${caseId}`);
}

main().catch((err: unknown) => {
  console.error(`\ndemo stopped: ${err instanceof DemoError ? err.message : err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
