import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { decodeProtectedHeader, importJWK, jwtVerify, SignJWT } from 'jose';
import type { JWK, JWTPayload } from 'jose';
import { createDocumentLoader } from './document-loader';
import type { DocumentLoader } from './document-loader';
import { errorMessages, issuerIdOf } from './json';
import { publicKey, secretKeyJwk } from './keys';
import type { AwardingBodyKey } from './keys';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const VC_JWT_TYPE = 'vc+jwt';

/** A credential as JSON-LD (an OpenBadgeCredential for us); the libraries check its shape. */
export type Credential = Record<string, unknown>;

export type VerificationResult =
  | { verified: true; credential: Credential; verificationMethod: string }
  | { verified: false; errors: string[] };

export interface VerifyOptions {
  /** The time validFrom and validUntil are checked against; now by default. */
  now?: Date;
}

export class CredentialSigningError extends Error {
  override name = 'CredentialSigningError';
}


function assertIssuedBy(credential: Credential, key: AwardingBodyKey): void {
  if ('proof' in credential) throw new CredentialSigningError('the credential already carries a proof: sign the unsecured credential');
  if (issuerIdOf(credential) !== key.controller) {
    throw new CredentialSigningError(`the credential's issuer is ${String(issuerIdOf(credential))}, but the key belongs to ${key.controller}`);
  }
}


/**
 * Secures the credential with an embedded Data Integrity proof (cryptosuite eddsa-rdfc-2022, purpose assertionMethod):
 * RDF canonicalisation and signing by @digitalbazaar/vc; contexts come from the local loader only.
 */
export async function signDataIntegrity(
  credential: Credential,
  key: AwardingBodyKey,
  options: { documentLoader?: DocumentLoader; now?: Date } = {},
): Promise<Credential> {
  assertIssuedBy(credential, key);
  const keyPair = await Ed25519Multikey.from({ ...publicKey(key), secretKeyMultibase: key.secretKeyMultibase });
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date: options.now });
  const documentLoader = options.documentLoader ?? createDocumentLoader();
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader, now: options.now });
}

/**
 * The credential with its proof written as a proof set (`proof: [ … ]`), as Open Badges 3.0 writes it and its
 * 1EdTech JSON Schema requires; VC 2.0 allows both forms and the signature covers neither (proofs are not signed).
 */
export function asProofSet(credential: Credential): Credential {
  const proof = credential.proof;
  return proof === undefined || Array.isArray(proof) ? credential : { ...credential, proof: [proof] };
}

/** Checks the embedded proof, that its key is an assertion method of the issuer, and validFrom/validUntil. */
export async function verifyDataIntegrity(credential: Credential, documentLoader: DocumentLoader, options: VerifyOptions = {}): Promise<VerificationResult> {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  let result: vc.VerifyCredentialResult;
  try {
    result = await vc.verifyCredential({ credential, suite, documentLoader, now: options.now });
  } catch (err) {
    return { verified: false, errors: errorMessages(err) };
  }
  if (!result.verified) {
    const errors = [...(result.error ? errorMessages(result.error) : []), ...(result.results ?? []).flatMap((r) => (r.error ? errorMessages(r.error) : []))];
    return { verified: false, errors: errors.length > 0 ? errors : ['the proof did not verify'] };
  }
  const proof = credential.proof as { verificationMethod?: string } | undefined;
  return { verified: true, credential, verificationMethod: String(proof?.verificationMethod) };
}

/**
 * Secures the credential as a VC-JWT (VC-JOSE-COSE: the JWT claims set is the credential itself), signed with EdDSA.
 * Header: alg EdDSA, typ vc+jwt, cty vc, kid the verification method id.
 */
export async function signJwt(credential: Credential, key: AwardingBodyKey): Promise<string> {
  assertIssuedBy(credential, key);
  const signingKey = await importJWK(await secretKeyJwk(key), 'EdDSA');
  return new SignJWT(credential as JWTPayload).setProtectedHeader({ alg: 'EdDSA', typ: VC_JWT_TYPE, cty: 'vc', kid: key.id }).sign(signingKey);
}

/** Finds the public key of a verification method id (the JWT's kid), or throws. */
export type KeyResolver = (kid: string) => Promise<JWK>;

/** A KeyResolver reading verification methods through the document loader (did:key, did:web). */
export function keyResolver(documentLoader: DocumentLoader): KeyResolver {
  return async (kid) => {
    const { document } = await documentLoader(kid);
    const keyPair = await Ed25519Multikey.from(document);
    return { ...(await Ed25519Multikey.toJwk({ keyPair })) };
  };
}

function checkValidity(credential: Credential, now: Date): string[] {
  const errors: string[] = [];
  const at = (name: 'validFrom' | 'validUntil') => {
    const value = credential[name];
    if (value === undefined) return undefined;
    const time = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(time)) errors.push(`${name} is not a date-time: ${String(value)}`);
    return time;
  };
  const from = at('validFrom');
  const until = at('validUntil');
  if (from !== undefined && from > now.getTime()) errors.push(`the credential is not valid before ${String(credential.validFrom)}`);
  if (until !== undefined && until < now.getTime()) errors.push(`the credential expired at ${String(credential.validUntil)}`);
  return errors;
}

/**
 * Verifies a VC-JWT: only EdDSA with typ vc+jwt is accepted (never alg none), the key comes from resolveKey(kid),
 * the kid must be a verification method of the credential's issuer, and validFrom/validUntil must hold.
 */
export async function verifyJwt(jwt: string, resolveKey: KeyResolver, options: VerifyOptions = {}): Promise<VerificationResult> {
  try {
    const header = decodeProtectedHeader(jwt);
    if (header.alg !== 'EdDSA') return { verified: false, errors: [`the JWT's alg is ${String(header.alg)}, not EdDSA`] };
    if (header.typ !== VC_JWT_TYPE) return { verified: false, errors: [`the JWT's typ is ${String(header.typ)}, not ${VC_JWT_TYPE}`] };
    const kid = header.kid;
    if (typeof kid !== 'string' || !kid.includes('#')) return { verified: false, errors: ['the JWT has no kid naming a verification method'] };
    const key = await importJWK(await resolveKey(kid), 'EdDSA');
    const { payload } = await jwtVerify(jwt, key, { algorithms: ['EdDSA'], typ: VC_JWT_TYPE, currentDate: options.now });
    const credential = payload as Credential;
    const errors: string[] = [];
    const contexts = credential['@context'];
    if (!Array.isArray(contexts) || contexts[0] !== VC_V2_CONTEXT) errors.push(`the credential's first @context is not ${VC_V2_CONTEXT}`);
    const types = credential.type;
    if (!Array.isArray(types) || !types.includes('VerifiableCredential')) errors.push('the credential is not of type VerifiableCredential');
    if ('proof' in credential) errors.push('a VC-JWT must not also embed a proof');
    const issuer = issuerIdOf(credential);
    if (issuer !== kid.slice(0, kid.indexOf('#'))) errors.push(`the key ${kid} does not belong to the issuer ${String(issuer)}`);
    errors.push(...checkValidity(credential, options.now ?? new Date()));
    return errors.length > 0 ? { verified: false, errors } : { verified: true, credential, verificationMethod: kid };
  } catch (err) {
    return { verified: false, errors: errorMessages(err) };
  }
}
