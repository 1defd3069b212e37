import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { compactVerify, decodeProtectedHeader, errors as joseErrors, importJWK } from 'jose';
import type { ProtectedHeaderParameters } from 'jose';
import * as jsigs from 'jsonld-signatures';
import { SHIPPED_CONTEXTS } from './document-loader';
import type { DocumentLoader } from './document-loader';
import { keyResolver, VC_JWT_TYPE, VC_V2_CONTEXT } from './sign';
import type { Credential } from './sign';
import { decodeStatusList, isStatusPurpose } from './status-list';
import { asList, errorMessages, isObject, issuerIdOf } from './json';

/** Longest input read (characters of a string, or of all keys and strings of an object): a credential, images included, fits. */
export const MAX_CREDENTIAL_CHARS = 1_048_576;
/** Deepest nesting of arrays and objects read; an Open Badge needs about 8, JSON-LD processing must never see thousands. */
export const MAX_JSON_DEPTH = 64;
const MAX_JSON_NODES = 100_000;

export const CRYPTOSUITE = 'eddsa-rdfc-2022';

export type CheckName = 'format' | 'signature' | 'issuer_key' | 'status' | 'expiry' | 'schema';
export type CheckOutcome = 'passed' | 'failed' | 'not_applicable';
export type CredentialFormat = 'data-integrity' | 'vc-jwt' | 'unknown';

export interface VerificationCheck {
  check: CheckName;
  outcome: CheckOutcome;
  /** Plain English, for the person verifying: why it passed, failed or did not apply. */
  reason: string;
  /** The same in a form a page words in its reader's language: a code (`<check>.<what>`) and its values (DIDs, key ids, ISO dates). */
  detail: CheckDetail;
}

export interface CheckDetail {
  code: string;
  values: Record<string, string>;
}

export interface PresentedCredentialVerification {
  /** True only when no check failed and the signature and the issuer's key passed. */
  verified: boolean;
  format: CredentialFormat;
  /** The credential as presented (for a VC-JWT, its claims set); absent when the input is not a credential. */
  credential?: Credential;
  /** Every check, always in the order of CheckName. */
  checks: VerificationCheck[];
}

/** What the issuing side knows about one of its keys (verification method id) at the time a credential was issued. */
export interface KeyStatus {
  /** The key is one of an awarding body's keys, current or retired. */
  known: boolean;
  /** It was in service at issuance: not yet retired, not revoked (compromised) before then. */
  validAtIssuance: boolean;
  reason?: string;
}

export interface VerificationDeps {
  documentLoader: DocumentLoader;
  keyStatus(verificationMethodId: string, issuedAt: Date): Promise<KeyStatus>;
  /** Our own status list credentials by URL; undefined when the URL is not one of our lists. Nothing is fetched. */
  fetchStatusList(url: string): Promise<Credential | undefined>;
  /**
   * Status entries the issuer keeps beside one the credential carries, checked like it: Open Badges 3.0 allows a
   * credential one credentialStatus, so an issuer's suspension list may sit beside the revocation entry.
   */
  companionStatusEntries?(entry: Record<string, unknown>): Record<string, unknown>[];
  /** Problems found by the OB 3.0 JSON Schema, none when it is valid. */
  validateSchema?(credential: Credential): string[];
  now?: Date;
}

/**
 * The input is not a credential at all (not JSON or a compact JWS, too large, too deep, or missing what every
 * VC 2.0 credential has): an HTTP layer answers 400 or 422. verifyPresentedCredential never throws it; it reports it.
 */
export class CredentialInputError extends Error {
  override name = 'CredentialInputError';
  constructor(
    message: string,
    readonly format: CredentialFormat = 'unknown',
  ) {
    super(message);
  }
}

/**
 * What a credential file holds, as a verify endpoint takes it: a JSON credential (parsed) or the text of a VC-JWT.
 * The file's name and declared type are not trusted: a leading `{` means JSON. A byte-order mark and surrounding
 * white space are dropped. Errors: CredentialInputError for text that starts like JSON and is not.
 */
export function credentialFromFile(bytes: Buffer): unknown {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '').trim();
  if (!text.startsWith('{')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CredentialInputError('the file starts like JSON but is not valid JSON, nor is it a VC-JWT');
  }
}

export type PresentedCredential =
  | { format: 'data-integrity'; credential: Credential }
  | { format: 'vc-jwt'; credential: Credential; jwt: string; header: ProtectedHeaderParameters };

const CHECK_ORDER: readonly CheckName[] = ['format', 'signature', 'issuer_key', 'status', 'expiry', 'schema'];
const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Walks the value without recursion: plain JSON only, bounded in depth, nodes and characters. */
function assertBoundedJson(value: unknown, format: CredentialFormat): asserts value is Json {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  let chars = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (++nodes > MAX_JSON_NODES) throw new CredentialInputError(`the input has more than ${MAX_JSON_NODES} values; no credential is that large`, format);
    if (typeof node === 'string') chars += node.length;
    else if (typeof node === 'number') {
      if (!Number.isFinite(node)) throw new CredentialInputError('the input holds a number JSON cannot represent', format);
    } else if (node !== null && typeof node !== 'boolean') {
      if (typeof node !== 'object') throw new CredentialInputError(`the input holds a ${typeof node}, which JSON cannot represent`, format);
      // a plain object's prototype is Object.prototype of some realm (structuredClone makes one of another realm), or null
      const prototype = Object.getPrototypeOf(node) as object | null;
      if (!Array.isArray(node) && prototype !== null && Object.getPrototypeOf(prototype) !== null) throw new CredentialInputError('the input holds an object that is not plain JSON', format);
      if (depth >= MAX_JSON_DEPTH) throw new CredentialInputError(`the input is nested more than ${MAX_JSON_DEPTH} levels deep; no credential is`, format);
      for (const [key, child] of Object.entries(node)) {
        chars += key.length;
        stack.push([child, depth + 1]);
      }
    }
    if (chars > MAX_CREDENTIAL_CHARS) throw new CredentialInputError(`the input is longer than ${MAX_CREDENTIAL_CHARS} characters; no credential is that large`, format);
  }
}

function parseJson(text: string, what: string, format: CredentialFormat): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CredentialInputError(`${what} is not valid JSON`, format);
  }
}

function decodeJwt(jwt: string): PresentedCredential {
  if (!JWS_COMPACT.test(jwt)) {
    throw new CredentialInputError('the text is neither a JSON credential nor a VC-JWT (a compact JWS of three base64url parts)');
  }
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    throw new CredentialInputError("the JWT's header is not base64url-encoded JSON");
  }
  const payload = parseJson(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'), "the JWT's payload", 'vc-jwt');
  assertBoundedJson(payload, 'vc-jwt');
  if (!isObject(payload)) throw new CredentialInputError("the JWT's payload is not a JSON object, so not a credential", 'vc-jwt');
  return { format: 'vc-jwt', credential: payload, jwt, header };
}

/** Bounds and parses the input, without judging the credential itself. */
function decodeInput(input: unknown): PresentedCredential {
  if (typeof input === 'string') {
    if (input.length > MAX_CREDENTIAL_CHARS) throw new CredentialInputError(`the input is ${input.length} characters long; a credential is at most ${MAX_CREDENTIAL_CHARS}`);
    const text = input.trim();
    if (!text.startsWith('{')) return decodeJwt(text);
    input = parseJson(text, 'the text', 'unknown');
  }
  if (Array.isArray(input)) throw new CredentialInputError('the input is a JSON array, not a credential');
  if (!isObject(input)) throw new CredentialInputError('the input is neither a JSON credential nor a VC-JWT');
  assertBoundedJson(input, 'data-integrity');
  return { format: 'data-integrity', credential: structuredClone(input) };
}


/** What a VC 2.0 credential must have before anything else can be said about it. */
function structuralProblems(presented: PresentedCredential): string[] {
  const { credential } = presented;
  const problems: string[] = [];
  const contexts = credential['@context'];
  if (!Array.isArray(contexts) || contexts[0] !== VC_V2_CONTEXT) problems.push(`its first @context is not ${VC_V2_CONTEXT} (a VC 2.0 credential)`);
  const types = asList(credential.type);
  if (!types.includes('VerifiableCredential')) problems.push('its type does not include VerifiableCredential');
  const issuer = issuerIdOf(credential);
  if (issuer === undefined) problems.push('it names no issuer (a URL, or an object with an id)');
  else if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(issuer)) problems.push(`its issuer ${issuer} is not a URL`);
  const subjects = credential.credentialSubject;
  if (subjects === undefined) problems.push('it has no credentialSubject');
  else if (!asList(subjects).every(isObject) || (Array.isArray(subjects) && subjects.length === 0)) problems.push('its credentialSubject is not an object');
  if (presented.format === 'vc-jwt' && 'proof' in credential) problems.push('a VC-JWT must not also embed a proof');
  return problems;
}

// every context is checked against the shipped ones up front, so an unknown URL is named here and never fetched
function contextProblems(credential: Credential): string[] {
  return asList(credential['@context']).flatMap((context) => {
    if (typeof context !== 'string') return ['an inline @context object is not accepted; contexts are named by URL'];
    return SHIPPED_CONTEXTS.has(context) ? [] : [`the @context ${context} is not one this verifier knows (it was not fetched)`];
  });
}

/** JSON-LD keywords that move or hide statements: a credential in compact form never needs them. */
const HIDING_KEYWORDS = new Set(['@graph', '@reverse', '@included', '@nest', '@context']);

/**
 * Properties written other than by their terms. The signature covers the document's JSON-LD meaning, but every
 * check here reads its terms: `credentialStatus` written as `https://www.w3.org/2018/credentials#credentialStatus`
 * (or a prefixed `cred:…`) signs the same and would escape the status check. So a credential must use the terms of
 * its contexts: no key with a colon, no keyword that moves statements, outside the top-level `@context`.
 */
export function compactFormProblems(credential: Record<string, unknown>): string[] {
  const problems = new Set<string>();
  const pending: unknown[] = Object.entries(credential).filter(([key]) => key !== '@context').map(([, value]) => value);
  for (const key of Object.keys(credential)) {
    if (key !== '@context' && (key.includes(':') || HIDING_KEYWORDS.has(key))) problems.add(key);
  }
  while (pending.length) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (key.includes(':') || HIDING_KEYWORDS.has(key)) problems.add(key);
        pending.push(child);
      }
    }
  }
  return [...problems].map((key) => `the property ${key} is not written by its term: a credential uses the terms its contexts define`);
}

/**
 * Parses the input as a credential (a JSON object or text with an embedded proof, or a VC-JWT) without verifying it.
 * Throws CredentialInputError when it is not a credential at all; an HTTP layer can call this first to answer 400/422.
 */
export function readPresentedCredential(input: unknown): PresentedCredential {
  const presented = decodeInput(input);
  const problems = structuralProblems(presented);
  if (problems.length > 0) throw new CredentialInputError(`not a credential: ${problems.join('; ')}`, presented.format);
  return presented;
}

type Worded = [code: string, values?: Record<string, string>];
const detailOf = (check: CheckName, [code, values]: Worded): CheckDetail => ({ code: code.includes('.') ? code : `${check}.${code}`, values: values ?? {} });
const passed = (check: CheckName, reason: string, worded: Worded): VerificationCheck => ({ check, outcome: 'passed', reason, detail: detailOf(check, worded) });
const failed = (check: CheckName, reason: string, worded: Worded): VerificationCheck => ({ check, outcome: 'failed', reason, detail: detailOf(check, worded) });
const notApplicable = (check: CheckName, reason: string, worded: Worded): VerificationCheck => ({ check, outcome: 'not_applicable', reason, detail: detailOf(check, worded) });


function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The one proof of a Data Integrity credential, or why there is none this verifier can check. */
function dataIntegrityProof(credential: Credential): { proof: Record<string, unknown> } | { problem: string; code: string } {
  const proofs = credential.proof;
  if (proofs === undefined) return { problem: 'the credential carries no proof: it is not signed', code: 'unsigned' };
  const list = asList(proofs);
  if (list.length !== 1) return { problem: `the credential carries ${list.length} proofs; exactly one is expected`, code: 'unsupported' };
  const proof = list[0];
  if (!isObject(proof)) return { problem: 'the proof is not an object', code: 'unsupported' };
  if (proof.type !== 'DataIntegrityProof') return { problem: `the proof is of type ${String(proof.type)}; only a DataIntegrityProof is accepted`, code: 'unsupported' };
  if (proof.cryptosuite !== CRYPTOSUITE) return { problem: `the proof uses the cryptosuite ${String(proof.cryptosuite)}; only ${CRYPTOSUITE} is accepted`, code: 'unsupported' };
  if (proof.proofPurpose !== 'assertionMethod') return { problem: `the proof's purpose is ${String(proof.proofPurpose)}, not assertionMethod`, code: 'unsupported' };
  if (typeof proof.verificationMethod !== 'string') return { problem: 'the proof names no verification method (key)', code: 'unsupported' };
  if (typeof proof.proofValue !== 'string') return { problem: 'the proof has no proof value', code: 'unsupported' };
  return { proof };
}

async function checkDataIntegritySignature(credential: Credential, documentLoader: DocumentLoader): Promise<VerificationCheck> {
  const found = dataIntegrityProof(credential);
  if ('problem' in found) return failed('signature', found.problem, [found.code]);
  const key = String(found.proof.verificationMethod);
  let result: jsigs.ProofVerification;
  try {
    // the purpose checks only proofPurpose: whether the key is the issuer's is the issuer_key check
    const purpose = new jsigs.purposes.ProofPurpose({ term: 'assertionMethod' });
    result = await jsigs.verify(credential, { suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), purpose, documentLoader });
  } catch (err) {
    return failed('signature', `the proof could not be checked: ${errorMessages(err).join('; ')}`, ['unreadable']);
  }
  if (result.verified) return passed('signature', `the ${CRYPTOSUITE} signature by ${key} matches the content`, ['matches', { suite: CRYPTOSUITE, key }]);
  const errors = [...(result.error ? errorMessages(result.error) : []), ...(result.results ?? []).flatMap((r) => (r.error ? errorMessages(r.error) : []))];
  if (errors.length === 0 || errors.every((e) => e === 'Invalid signature.')) return failed('signature', 'the signature does not match the content', ['mismatch']);
  return failed('signature', `the proof could not be checked: ${[...new Set(errors)].join('; ')}`, ['unreadable']);
}

async function checkJwtSignature(presented: Extract<PresentedCredential, { format: 'vc-jwt' }>, documentLoader: DocumentLoader): Promise<VerificationCheck> {
  const { header, jwt } = presented;
  if (header.alg === 'none') return failed('signature', 'the JWT has alg none: it is not signed', ['unsigned']);
  if (header.alg !== 'EdDSA') return failed('signature', `the JWT is signed with ${String(header.alg)}; only EdDSA is accepted`, ['unsupported']);
  if (header.typ !== VC_JWT_TYPE) return failed('signature', `the JWT's typ is ${String(header.typ)}, not ${VC_JWT_TYPE}`, ['unsupported']);
  if (typeof header.kid !== 'string' || !header.kid.includes('#')) return failed('signature', 'the JWT has no kid naming the key it was signed with', ['unsupported']);
  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    key = await importJWK(await keyResolver(documentLoader)(header.kid), 'EdDSA');
  } catch (err) {
    return failed('signature', `the key ${header.kid} cannot be found: ${errorMessages(err).join('; ')}`, ['key_not_found', { key: header.kid }]);
  }
  try {
    await compactVerify(jwt, key, { algorithms: ['EdDSA'] });
    return passed('signature', `the EdDSA signature by ${header.kid} matches the content`, ['matches', { suite: 'EdDSA', key: header.kid }]);
  } catch (err) {
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) return failed('signature', 'the signature does not match the content', ['mismatch']);
    return failed('signature', `the JWT could not be checked: ${errorMessages(err).join('; ')}`, ['unreadable']);
  }
}

function listsMethod(document: Record<string, unknown>, relationship: string, methodId: string, did: string): boolean {
  return asList(document[relationship]).some((entry) => {
    const id = isObject(entry) ? entry.id : entry;
    return id === methodId || (typeof id === 'string' && id.startsWith('#') && `${did}${id}` === methodId);
  });
}

/** The key is the issuer's (its DID document lists it as an assertion method) and was in service when the credential was issued. */
async function checkIssuerKey(credential: Credential, methodId: string | undefined, issuedAt: Date, deps: VerificationDeps): Promise<VerificationCheck> {
  const issuer = issuerIdOf(credential);
  if (issuer === undefined) return failed('issuer_key', 'the credential names no issuer', ['no_issuer']);
  if (methodId === undefined) return failed('issuer_key', 'the credential names no key it was signed with', ['no_key']);
  if (methodId.split('#')[0] !== issuer) return failed('issuer_key', `key ${methodId} does not belong to the issuer ${issuer}`, ['not_issuers', { key: methodId, did: issuer }]);
  let issuerDocument: Record<string, unknown>;
  try {
    const method = (await deps.documentLoader(methodId)).document;
    if (method.controller !== issuer) return failed('issuer_key', `key ${methodId} does not belong to the issuer ${issuer}`, ['not_issuers', { key: methodId, did: issuer }]);
    issuerDocument = (await deps.documentLoader(issuer)).document;
  } catch (err) {
    return failed('issuer_key', `key ${methodId} cannot be found: ${errorMessages(err).join('; ')}`, ['not_found', { key: methodId }]);
  }
  if (!listsMethod(issuerDocument, 'assertionMethod', methodId, issuer)) {
    return failed('issuer_key', `key ${methodId} is not listed by the issuer ${issuer} as a key for issuing credentials`, ['not_listed', { key: methodId, did: issuer }]);
  }
  const status = await deps.keyStatus(methodId, issuedAt);
  const because = status.reason ? `: ${status.reason}` : '';
  if (!status.known) return failed('issuer_key', `key ${methodId} is not a key of any awarding body this service knows${because}`, ['unknown', { key: methodId }]);
  const when = issuedAt.toISOString();
  if (!status.validAtIssuance) return failed('issuer_key', `key ${methodId} was not in service when the credential was issued (${when})${because}`, ['not_in_service', { key: methodId, issued: when }]);
  // a did:key names its own key: there is no organisation whose key it could be
  const worded: Worded = methodId.startsWith('did:key:') ? ['self_issued', { key: methodId }] : ['in_service', { key: methodId, did: issuer, issued: when }];
  return passed('issuer_key', `key ${methodId} is the issuer's and was in service when the credential was issued (${when})${because}`, worded);
}

/** The verification method the credential says it was signed with: the proof's, or the JWT's kid. */
function signingKeyOf(presented: PresentedCredential): string | undefined {
  if (presented.format === 'vc-jwt') return typeof presented.header.kid === 'string' ? presented.header.kid : undefined;
  const found = dataIntegrityProof(presented.credential);
  return 'proof' in found ? String(found.proof.verificationMethod) : undefined;
}

function issuedAtOf(presented: PresentedCredential, now: Date): Date {
  const { credential } = presented;
  if (presented.format === 'vc-jwt') {
    const iat = credential.iat;
    if (typeof iat === 'number' && Number.isFinite(iat)) return new Date(iat * 1000);
  } else {
    const proof = asList(credential.proof)[0];
    const created = isObject(proof) ? dateOf(proof.created) : undefined;
    if (created) return created;
  }
  return dateOf(credential.validFrom) ?? now;
}

function checkExpiry(presented: PresentedCredential, now: Date): VerificationCheck {
  const { credential } = presented;
  const problems: string[] = [];
  const read = (name: 'validFrom' | 'validUntil'): Date | undefined => {
    const value = credential[name];
    if (value === undefined) return undefined;
    const date = dateOf(value);
    if (!date) problems.push(`its ${name} is not a date-time: ${JSON.stringify(value)}`);
    return date;
  };
  const from = read('validFrom');
  const until = read('validUntil');
  if (from && from > now) problems.push(`it is not valid before ${String(credential.validFrom)}`);
  if (until && until < now) problems.push(`expired on ${String(credential.validUntil)}`);
  if (presented.format === 'vc-jwt') {
    const { exp, nbf } = credential;
    if (exp !== undefined && (typeof exp !== 'number' || exp * 1000 < now.getTime())) problems.push(`the JWT expired (exp ${String(exp)})`);
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf * 1000 > now.getTime())) problems.push(`the JWT is not valid yet (nbf ${String(nbf)})`);
  }
  if (problems.length > 0) {
    const worded: Worded = until && until < now ? ['expired', { until: until.toISOString() }] : from && from > now ? ['not_yet', { from: from.toISOString() }] : ['unreadable'];
    return failed('expiry', problems.join('; '), worded);
  }
  const since = from ? `valid since ${String(credential.validFrom)}` : 'no start of validity';
  const dates = { ...(from ? { from: from.toISOString() } : {}), ...(until ? { until: until.toISOString() } : {}) };
  return passed('expiry', until ? `${since}, until ${String(credential.validUntil)}` : `${since}, with no expiry date`, [`${from ? 'from' : 'always'}_${until ? 'until' : 'open'}`, dates]);
}

/** One BitstringStatusListEntry: the list is ours, authentic, the issuer's, of the entry's purpose, and the bit is clear. */
async function checkStatusEntry(entry: unknown, credential: Credential, deps: VerificationDeps, now: Date): Promise<{ ok: boolean; reason: string; code?: string }> {
  if (!isObject(entry)) return { ok: false, reason: 'a credentialStatus entry is not an object' };
  if (entry.type !== 'BitstringStatusListEntry') return { ok: false, reason: `a status entry of type ${String(entry.type)} cannot be checked; only BitstringStatusListEntry is supported` };
  const { statusPurpose: purpose, statusListIndex, statusListCredential: url } = entry;
  if (!isStatusPurpose(purpose)) return { ok: false, reason: `the status purpose ${String(purpose)} is not revocation or suspension` };
  if (typeof statusListIndex !== 'string' || !/^(0|[1-9]\d{0,9})$/.test(statusListIndex)) return { ok: false, reason: `the status list index ${JSON.stringify(statusListIndex)} is not a whole number` };
  if (typeof url !== 'string') return { ok: false, reason: 'the status entry names no status list' };
  const list = await deps.fetchStatusList(url);
  if (!list) return { ok: false, reason: `the status list ${url} is not one this service publishes` };
  const listed = { format: 'data-integrity' as const, credential: list };
  const signature = await checkDataIntegritySignature(list, deps.documentLoader);
  if (signature.outcome !== 'passed') return { ok: false, reason: `the status list ${url} is not authentic: ${signature.reason}` };
  const listIssuer = issuerIdOf(list);
  const issuer = issuerIdOf(credential);
  if (listIssuer !== issuer) return { ok: false, reason: `the status list ${url} was issued by ${String(listIssuer)}, not by the credential's issuer ${String(issuer)}` };
  const key = await checkIssuerKey(list, signingKeyOf(listed), issuedAtOf(listed, now), deps);
  if (key.outcome !== 'passed') return { ok: false, reason: `the status list ${url} is not authentic: ${key.reason}` };
  const expiry = checkExpiry(listed, now);
  if (expiry.outcome !== 'passed') return { ok: false, reason: `the status list ${url} is not current: ${expiry.reason}` };
  const subject = list.credentialSubject;
  if (!asList(list.type).includes('BitstringStatusListCredential') || !isObject(subject) || subject.type !== 'BitstringStatusList') {
    return { ok: false, reason: `${url} is not a BitstringStatusListCredential` };
  }
  if (subject.statusPurpose !== purpose) return { ok: false, reason: `the status list ${url} records ${String(subject.statusPurpose)}, not ${purpose}` };
  if (typeof subject.encodedList !== 'string') return { ok: false, reason: `the status list ${url} has no encoded list` };
  let bits: Awaited<ReturnType<typeof decodeStatusList>>;
  try {
    bits = await decodeStatusList(subject.encodedList);
  } catch (err) {
    return { ok: false, reason: `the status list ${url} cannot be read: ${errorMessages(err).join('; ')}` };
  }
  const index = Number(statusListIndex);
  if (index >= bits.length) return { ok: false, reason: `the status list index ${index} is outside the list ${url} of ${bits.length} entries` };
  if (bits.isSet(index)) return { ok: false, reason: purpose === 'revocation' ? 'revoked by its issuer' : 'suspended by its issuer', code: purpose === 'revocation' ? 'revoked' : 'suspended' };
  return { ok: true, reason: purpose === 'revocation' ? 'not revoked' : 'not suspended', code: purpose };
}

async function checkStatus(credential: Credential, deps: VerificationDeps, now: Date): Promise<VerificationCheck> {
  if (credential.credentialStatus === undefined) return notApplicable('status', 'the credential carries no status entry, so it cannot be revoked or suspended', ['none']);
  const carried = asList(credential.credentialStatus);
  if (carried.length === 0) return failed('status', 'the credential has an empty credentialStatus', ['unreadable']);
  const entries = carried.flatMap((entry) => [entry, ...(isObject(entry) ? (deps.companionStatusEntries?.(entry) ?? []) : [])]);
  const results = [];
  for (const entry of entries) results.push(await checkStatusEntry(entry, credential, deps, now));
  const problems = results.filter((r) => !r.ok);
  const codes = new Set(results.map((r) => r.code));
  if (problems.length > 0) {
    const worded: Worded = codes.has('revoked') && codes.has('suspended') ? ['revoked_suspended'] : codes.has('revoked') ? ['revoked'] : codes.has('suspended') ? ['suspended'] : ['unreadable'];
    return failed('status', problems.map((r) => r.reason).join('; '), worded);
  }
  const worded: Worded = codes.has('revocation') && codes.has('suspension') ? ['clear'] : codes.has('revocation') ? ['not_revoked'] : ['not_suspended'];
  return passed('status', `${results.map((r) => r.reason).join(' and ')} (checked against the issuer's signed status list)`, worded);
}

function checkSchema(credential: Credential, deps: VerificationDeps): VerificationCheck {
  if (!deps.validateSchema) return notApplicable('schema', 'no schema validator is configured', ['not_configured']);
  const problems = deps.validateSchema(credential);
  return problems.length > 0 ? failed('schema', problems.join('; '), ['invalid']) : passed('schema', 'the credential matches the Open Badges 3.0 schema', ['valid']);
}

function inputErrorResult(error: CredentialInputError): PresentedCredentialVerification {
  const skipped = 'not checked: the input is not a credential';
  return {
    verified: false,
    format: error.format,
    checks: CHECK_ORDER.map((check) => (check === 'format' ? failed('format', error.message, ['not_a_credential']) : notApplicable(check, skipped, ['common.not_a_credential']))),
  };
}

/**
 * The one verification pipeline of every verify endpoint. The input is a credential with an embedded Data Integrity
 * proof (an object, or its JSON text) or a VC-JWT (a compact JWS). Never throws on what was presented: every check is
 * reported with its reason. Errors of the deps (a database down) are thrown, since they say nothing about the credential.
 */
export async function verifyPresentedCredential(input: unknown, deps: VerificationDeps): Promise<PresentedCredentialVerification> {
  const now = deps.now ?? new Date();
  let presented: PresentedCredential;
  try {
    presented = decodeInput(input);
  } catch (err) {
    if (err instanceof CredentialInputError) return inputErrorResult(err);
    throw err;
  }
  const { credential } = presented;
  const structural = structuralProblems(presented);
  const problems = [...structural, ...contextProblems(credential), ...compactFormProblems(credential)];
  const format =
    problems.length > 0
      ? failed('format', `the ${presented.format === 'vc-jwt' ? 'VC-JWT' : 'credential'} is not acceptable: ${problems.join('; ')}`, ['not_acceptable'])
      : presented.format === 'vc-jwt'
        ? passed('format', 'a VC 2.0 credential secured as a VC-JWT', ['vc_jwt'])
        : passed('format', 'a VC 2.0 credential with an embedded Data Integrity proof', ['data_integrity']);

  const signature = presented.format === 'vc-jwt' ? await checkJwtSignature(presented, deps.documentLoader) : await checkDataIntegritySignature(credential, deps.documentLoader);
  const methodId = signingKeyOf(presented);
  const structurallyOk = structural.length === 0;
  const issuerKey = structurallyOk
    ? await checkIssuerKey(credential, methodId, issuedAtOf(presented, now), deps)
    : notApplicable('issuer_key', 'not checked: the credential has no issuer to check the key against', ['not_checked']);
  // a list is looked up only for content the issuer is shown to have signed
  const status =
    signature.outcome === 'passed' && issuerKey.outcome === 'passed'
      ? await checkStatus(credential, deps, now)
      : notApplicable('status', 'not checked: the signature or the key did not verify', ['not_checked']);
  const checks = [format, signature, issuerKey, status, checkExpiry(presented, now), structurallyOk ? checkSchema(credential, deps) : notApplicable('schema', 'not checked: the input is not a credential', ['common.not_a_credential'])];
  const verified = checks.every((c) => c.outcome !== 'failed') && signature.outcome === 'passed' && issuerKey.outcome === 'passed';
  return { verified, format: presented.format, credential, checks };
}
