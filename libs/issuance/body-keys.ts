import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { decryptSecretKey, encryptSecretKey, generateAwardingBodyKey } from '../credentials';
import type { AwardingBodyKey, SecretKeyring } from '../credentials';
import { AwardingBodyKeyEntity } from '../persistence/entities';
import { bodyDid } from './did-web';

export interface KeyContext {
  /** PUBLIC_URL: the host of the bodies' did:web. */
  publicUrl: string;
  /** CREDENTIAL_KEYS: seals and opens the secret halves. */
  keyring: SecretKeyring;
  now: Date;
}

async function newKeyRow(em: EntityManager, awardingBodyId: string, context: KeyContext): Promise<void> {
  const key = await generateAwardingBodyKey({ controller: bodyDid(context.publicUrl, awardingBodyId) });
  // ON CONFLICT DO NOTHING: a concurrent first issuance may have drawn the body's key first; that one stands
  await em
    .createQueryBuilder()
    .insert()
    .into(AwardingBodyKeyEntity)
    .values({
      awardingBodyId,
      controller: key.controller,
      verificationMethod: key.id,
      publicKeyMultibase: key.publicKeyMultibase,
      sealedSecretKey: encryptSecretKey(key, context.keyring),
      createdAt: context.now,
    })
    .orIgnore()
    .execute();
}

/**
 * Keys opened in this process, by row and sealed secret: a status list is signed on every request for it, and
 * opening a key (AES-GCM, then a sign-and-verify probe) each time is work done again for the same answer.
 */
const unlocked = new Map<string, Promise<AwardingBodyKey>>();

function unlock(row: AwardingBodyKeyEntity, keyring: SecretKeyring): Promise<AwardingBodyKey> {
  const cacheKey = `${row.id}/${row.sealedSecretKey}`;
  let key = unlocked.get(cacheKey);
  if (!key) {
    key = decryptSecretKey(
      { id: row.verificationMethod, controller: row.controller, publicKeyMultibase: row.publicKeyMultibase, encryptedSecretKey: row.sealedSecretKey },
      keyring,
    );
    // a key that does not open is not remembered: the next call says why again
    key.catch(() => unlocked.delete(cacheKey));
    unlocked.set(cacheKey, key);
  }
  return key;
}

/**
 * The body's current signing key, unlocked; drawn (and sealed) the first time the body signs. A key whose DID is
 * not the body's DID under the current PUBLIC_URL (the service moved) is retired and a new one drawn, so what is
 * signed now resolves at the address it names.
 * Errors: CredentialKeyError when the sealed key cannot be opened with CREDENTIAL_KEYS.
 */
export async function currentSigningKey(em: EntityManager, awardingBodyId: string, context: KeyContext): Promise<{ row: AwardingBodyKeyEntity; key: AwardingBodyKey }> {
  const repo = em.getRepository(AwardingBodyKeyEntity);
  let row = await repo.findOneBy({ awardingBodyId, retiredAt: IsNull() });
  if (row && row.controller !== bodyDid(context.publicUrl, awardingBodyId)) {
    await repo.update({ id: row.id, retiredAt: IsNull() }, { retiredAt: context.now });
    row = null;
  }
  if (!row) {
    await newKeyRow(em, awardingBodyId, context);
    row = await repo.findOneByOrFail({ awardingBodyId, retiredAt: IsNull() });
  }
  return { row, key: await unlock(row, context.keyring) };
}

/**
 * Rotates the body's signing key: the current one is retired (it stays published, so what it signed still
 * verifies) and a new one signs from now on. Returns the new key's row.
 */
export async function rotateSigningKey(em: EntityManager, awardingBodyId: string, context: KeyContext): Promise<AwardingBodyKeyEntity> {
  await em.getRepository(AwardingBodyKeyEntity).update({ awardingBodyId, retiredAt: IsNull() }, { retiredAt: context.now });
  await newKeyRow(em, awardingBodyId, context);
  return em.getRepository(AwardingBodyKeyEntity).findOneByOrFail({ awardingBodyId, retiredAt: IsNull() });
}

/** Every key of the body that is not revoked, oldest first: what its DID document and JWKS publish. */
export function publishedKeys(em: EntityManager, awardingBodyId: string): Promise<AwardingBodyKeyEntity[]> {
  return em.getRepository(AwardingBodyKeyEntity).find({ where: { awardingBodyId, revokedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** Whether a verification method is one of our keys, and whether it could sign at `issuedAt`. */
export async function keyStatusAt(
  em: EntityManager,
  verificationMethod: string,
  issuedAt: Date,
): Promise<{ known: boolean; validAtIssuance: boolean; reason?: string }> {
  const row = await em.getRepository(AwardingBodyKeyEntity).findOneBy({ verificationMethod });
  if (!row) return { known: false, validAtIssuance: false, reason: `the key ${verificationMethod} is not a key of any awarding body here` };
  if (row.revokedAt && issuedAt >= row.revokedAt) {
    return { known: true, validAtIssuance: false, reason: `the key was revoked on ${row.revokedAt.toISOString()}, before the credential's date` };
  }
  // a minute's grace: the credential's date and the key's creation come from different clocks
  if (issuedAt.getTime() < row.createdAt.getTime() - 60_000) {
    return { known: true, validAtIssuance: false, reason: `the credential is dated before the key existed (${row.createdAt.toISOString()})` };
  }
  if (row.retiredAt && issuedAt.getTime() > row.retiredAt.getTime() + 60_000) {
    return { known: true, validAtIssuance: false, reason: `the key was retired on ${row.retiredAt.toISOString()}, before the credential's date` };
  }
  return { known: true, validAtIssuance: true };
}
