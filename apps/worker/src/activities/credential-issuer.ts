import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { IsNull } from 'typeorm';
import {
  buildEuropassCredential,
  buildOpenBadgeCredential,
  createDocumentLoader,
  hashIdentity,
  generateIdentitySalt,
  signDataIntegrity,
  signJwt,
  listPosition,
  statusEntry,
} from '../../../../libs/credentials';
import type { AwardSource, SecretKeyring } from '../../../../libs/credentials';
import type { MicroCredentialElements } from '../../../../libs/domain';
import { bodyDid, credentialUrls, currentSigningKey } from '../../../../libs/issuance';
import { AwardingBodyEntity, CredentialEntity, EvidenceEntity, StandardEntity, UserEntity } from '../../../../libs/persistence/entities';

/** What the worker needs to issue: the public address (issuer DIDs, status lists, links) and the key sealing keyring. */
export interface IssuanceSettings {
  publicUrl: string;
  credentialKeys: SecretKeyring;
  /** Days before a credential's validUntil its holder is reminded (CREDENTIAL_EXPIRY_REMINDER_DAYS). */
  expiryReminderDays: number;
}

export interface Issuance {
  caseId: string;
  candidateId: string;
  decisionId: string;
  elements: MicroCredentialElements;
  validUntil: Date | null;
  standard: StandardEntity;
  recognisedOutcomeIds: ReadonlySet<string>;
  at: Date;
  stepKey: string;
}

/**
 * Signs and writes one credential for one decision, inside the step's transaction (which holds the case row's
 * lock): the Open Badges 3.0 credential with its Data Integrity proof, the same credential as a VC-JWT, and the
 * Europass document, all generated from one AwardSource. The body's row lock hands out its status position.
 * A retried step rolls back whole, so a decision yields one credential (and uq_credential_decision guards it).
 */
export async function issueSignedCredential(em: EntityManager, issuance: Issuance, settings: IssuanceSettings): Promise<string> {
  const urls = credentialUrls(settings.publicUrl);
  const bodyId = issuance.standard.awardingBodyId;
  // the body's row lock hands out positions in order; a rolled-back step gives its position back
  const [positions] = (await em.query(
    `UPDATE awarding_body SET next_status_position = next_status_position + 1 WHERE id = $1 RETURNING next_status_position - 1 AS position`,
    [bodyId],
  )) as [{ position: number }[], number];
  const statusPosition = positions[0]!.position;
  const body = await em.findOneByOrFail(AwardingBodyEntity, { id: bodyId });
  const candidate = await em.findOneByOrFail(UserEntity, { id: issuance.candidateId });
  const evidence = await em.find(EvidenceEntity, { where: { caseId: issuance.caseId, removedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
  const { row: keyRow, key } = await currentSigningKey(em, bodyId, { publicUrl: settings.publicUrl, keyring: settings.credentialKeys, now: issuance.at });

  const id = randomUUID();
  const salt = generateIdentitySalt();
  const source: AwardSource = {
    credentialId: `urn:uuid:${id}`,
    issuedAt: issuance.at.toISOString(),
    validUntil: issuance.validUntil?.toISOString() ?? null,
    issuer: { id: bodyDid(settings.publicUrl, bodyId), name: body.name, country: body.country, url: urls.body(bodyId) },
    elements: issuance.elements,
    achievement: { id: urls.standard(issuance.standard.id), code: issuance.standard.code, description: issuance.standard.description, language: 'en' },
    learningOutcomes: (issuance.standard.learningOutcomes ?? []).map((o) => ({
      id: o.id,
      url: urls.learningOutcome(issuance.standard.id, o.id),
      code: o.code,
      description: o.description,
      criteria: (o.criteria ?? []).map((c) => ({ id: c.id, code: c.code, description: c.description })),
      recognised: issuance.recognisedOutcomeIds.has(o.id),
    })),
    learner: { name: candidate.displayName, identityHash: hashIdentity(candidate.email, salt), salt },
    evidence: evidence.map((e) => ({ id: urls.evidence(issuance.caseId, e.id), name: e.title, description: e.description || null })),
    verificationUrl: urls.verification(id),
  };
  const { list, index } = listPosition(statusPosition);
  const unsigned = {
    ...buildOpenBadgeCredential(source),
    // Open Badges 3.0 allows one credentialStatus: the revocation entry. The suspension list keeps the same
    // position (companionStatusEntry), which this service's verifier checks too.
    credentialStatus: statusEntry({ listUrl: urls.statusList(bodyId, 'revocation', list), index, purpose: 'revocation' }),
  };
  const documentLoader = createDocumentLoader();
  const signed = await signDataIntegrity(unsigned, key, { documentLoader, now: issuance.at });
  // a proof set of one, as Open Badges 3.0 writes it and its JSON Schema requires (VC 2.0 allows both forms)
  const openBadge = { ...signed, proof: Array.isArray(signed.proof) ? signed.proof : [signed.proof] };
  const jwt = await signJwt(unsigned, key);
  const row = em.create(CredentialEntity, {
    id,
    caseId: issuance.caseId,
    decisionId: issuance.decisionId,
    candidateId: issuance.candidateId,
    awardingBodyId: bodyId,
    elements: issuance.elements,
    issuedAt: issuance.at,
    validUntil: issuance.validUntil,
    keyId: keyRow.id,
    openBadge,
    jwt,
    europass: buildEuropassCredential(source),
    awardSource: source,
    statusPosition,
    stepKey: issuance.stepKey,
  });
  // insert, never save: a second row for the decision must fail on uq_credential_decision, not update the first
  await em.insert(CredentialEntity, row as QueryDeepPartialEntity<CredentialEntity>);
  return id;
}
