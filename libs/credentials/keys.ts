import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Ed25519Jwk } from '@digitalbazaar/ed25519-multikey';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** An awarding body's Ed25519 signing key, unlocked (the secret key in clear): only ever held in memory. */
export interface AwardingBodyKey {
  /** The verification method id: `<controller>#<publicKeyMultibase>`, the `kid` of a VC-JWT. */
  id: string;
  /** The issuer DID: did:key:<publicKeyMultibase>, or the awarding body's did:web. */
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** The public half, as published in a DID document. */
export interface PublicKey {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

/** The keys that encrypt secret keys at rest, by id (32 bytes each); the same shape as the payload keyring. */
export interface SecretKeyring {
  encryptWith: string;
  keys: Record<string, Buffer>;
}

export class CredentialKeyError extends Error {
  override name = 'CredentialKeyError';
}

/**
 * Draws a new Ed25519 key pair. Without a controller the issuer is the did:key of the public key itself;
 * with one (an awarding body's did:web) the verification method lives in that DID document.
 */
export async function generateAwardingBodyKey(options: { controller?: string } = {}): Promise<AwardingBodyKey> {
  const drawn = await Ed25519Multikey.generate();
  const controller = options.controller ?? `did:key:${drawn.publicKeyMultibase}`;
  if (!drawn.secretKeyMultibase) throw new CredentialKeyError('the Ed25519 key pair came without its secret key');
  return {
    id: `${controller}#${drawn.publicKeyMultibase}`,
    controller,
    publicKeyMultibase: drawn.publicKeyMultibase,
    secretKeyMultibase: drawn.secretKeyMultibase,
  };
}

export function publicKey(key: Pick<AwardingBodyKey, 'id' | 'controller' | 'publicKeyMultibase'>): PublicKey {
  return { id: key.id, type: 'Multikey', controller: key.controller, publicKeyMultibase: key.publicKeyMultibase };
}

/** The public key as a JWK (OKP, Ed25519), with its verification method id as `kid`. */
export async function publicKeyJwk(key: Pick<AwardingBodyKey, 'id' | 'controller' | 'publicKeyMultibase'>): Promise<Ed25519Jwk & { kid: string }> {
  const keyPair = await Ed25519Multikey.from({ ...publicKey(key) });
  return { ...(await Ed25519Multikey.toJwk({ keyPair })), kid: key.id };
}

/** The secret key as a JWK, for jose to sign with; never stored or logged. */
export async function secretKeyJwk(key: AwardingBodyKey): Promise<Ed25519Jwk> {
  const keyPair = await Ed25519Multikey.from({ ...publicKey(key), secretKeyMultibase: key.secretKeyMultibase });
  // the multikey holds the 64-byte (seed | public key) form; a JWK's d is the 32-byte seed (RFC 8037)
  const { secretKey } = await keyPair.export({ publicKey: false, secretKey: true, raw: true, canonicalize: true });
  if (!secretKey || secretKey.length !== 32) throw new CredentialKeyError(`the secret key of ${key.id} is not a 32-byte Ed25519 seed`);
  return { ...(await Ed25519Multikey.toJwk({ keyPair })), d: Buffer.from(secretKey).toString('base64url') };
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

// the ciphertext is bound to its key id and to the verification method, so it cannot be moved to another awarding body's key
function additionalData(keyId: string, verificationMethod: string): Buffer {
  return Buffer.from(`vnfil credential secret key ${VERSION}\n${keyId}\n${verificationMethod}`);
}

/**
 * Encrypts the secret key for storage with AES-256-GCM under the keyring's current key:
 * `v1.<key id>.<base64url of iv | ciphertext | tag>`. The key id travels in clear so older keys still decrypt after rotation.
 */
export function encryptSecretKey(key: Pick<AwardingBodyKey, 'id' | 'secretKeyMultibase'>, keyring: SecretKeyring): string {
  const keyId = keyring.encryptWith;
  const aesKey = keyring.keys[keyId];
  if (!aesKey) throw new CredentialKeyError(`no key ${keyId} in the keyring to encrypt with`);
  if (aesKey.length !== 32) throw new CredentialKeyError(`the key ${keyId} is not 32 bytes long`);
  if (keyId.includes('.')) throw new CredentialKeyError(`a key id cannot contain a dot: ${keyId}`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
  cipher.setAAD(additionalData(keyId, key.id));
  const sealed = Buffer.concat([iv, cipher.update(key.secretKeyMultibase, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${keyId}.${sealed.toString('base64url')}`;
}

/** Decrypts what encryptSecretKey stored for the verification method `key.id`, and checks it is that key's secret half. */
export async function decryptSecretKey(
  stored: Omit<AwardingBodyKey, 'secretKeyMultibase'> & { encryptedSecretKey: string },
  keyring: SecretKeyring,
): Promise<AwardingBodyKey> {
  const [version, keyId, body, ...rest] = stored.encryptedSecretKey.split('.');
  if (version !== VERSION || !keyId || !body || rest.length > 0) throw new CredentialKeyError(`the encrypted secret key of ${stored.id} is not in the ${VERSION} format`);
  const aesKey = keyring.keys[keyId];
  if (!aesKey) throw new CredentialKeyError(`the secret key of ${stored.id} is encrypted with the key "${keyId}", which is not in the keyring`);
  const sealed = Buffer.from(body, 'base64url');
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new CredentialKeyError(`the encrypted secret key of ${stored.id} is too short to be genuine`);
  const decipher = createDecipheriv('aes-256-gcm', aesKey, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(additionalData(keyId, stored.id));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  let secretKeyMultibase: string;
  try {
    secretKeyMultibase = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch (err) {
    throw new CredentialKeyError(`the secret key of ${stored.id} did not authenticate with the key "${keyId}": it was altered, moved or encrypted with another key`, { cause: err });
  }
  const key: AwardingBodyKey = { id: stored.id, controller: stored.controller, publicKeyMultibase: stored.publicKeyMultibase, secretKeyMultibase };
  await assertKeyPair(key);
  return key;
}

// signs and verifies a fixed message, so a secret key that does not match its public key is caught before it signs a credential
async function assertKeyPair(key: AwardingBodyKey): Promise<void> {
  const keyPair = await Ed25519Multikey.from({ ...publicKey(key), secretKeyMultibase: key.secretKeyMultibase }).catch((err: unknown) => {
    throw new CredentialKeyError(`the secret key of ${key.id} is not an Ed25519 multikey`, { cause: err });
  });
  const probe = new TextEncoder().encode('vnfil key check');
  const signature = await keyPair.signer().sign({ data: probe });
  if (!(await keyPair.verifier().verify({ data: probe, signature }))) throw new CredentialKeyError(`the secret key of ${key.id} does not match its public key`);
}
