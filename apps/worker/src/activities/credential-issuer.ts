import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { IsNull } from 'typeorm';
import {
  asProofSet,
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
  /** MAIL_FROM: its address organises the calendar invitations attached to messages. */
  mailFrom: string;
}

/** What a credential recognises: an awarding decision of a case (a micro-credential), or a qualification. */
export type IssuedFor = { caseId: string; decisionId: string } | { qualificationId: string };

/** One issuance, whichever its kind: what it recognises, for whom, and the AwardSource parts that depend on the kind. */
export interface Issuance {
  issuedFor: IssuedFor;
  candidateId: string;
  awardingBodyId: string;
  elements: MicroCredentialElements;
  validUntil: Date | null;
  achievement: AwardSource['achievement'];
  learningOutcomes: AwardSource['learningOutcomes'];
  evidence: AwardSource['evidence'];
  /** The standard's alignments and assessment methods (a micro-credential's; none for a qualification). */
  alignments?: AwardSource['alignments'];
  assessmentMethods?: AwardSource['assessmentMethods'];
  at: Date;
  stepKey: string;
}

/** The issuance of a micro-credential for one awarding decision: the standard is the achievement, the case's evidence referenced. */
export async function microCredentialIssuance(
  em: EntityManager,
  award: {
    caseId: string;
    decisionId: string;
    candidateId: string;
    elements: MicroCredentialElements;
    validUntil: Date | null;
    standard: StandardEntity;
    recognisedOutcomeIds: ReadonlySet<string>;
    at: Date;
    stepKey: string;
  },
  publicUrl: string,
): Promise<Issuance> {
  const urls = credentialUrls(publicUrl);
  const { standard } = award;
  const evidence = await em.find(EvidenceEntity, { where: { caseId: award.caseId, removedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
  return {
    issuedFor: { caseId: award.caseId, decisionId: award.decisionId },
    candidateId: award.candidateId,
    awardingBodyId: standard.awardingBodyId,
    elements: award.elements,
    validUntil: award.validUntil,
    achievement: { id: urls.standard(standard.id), type: 'MicroCredential', code: standard.code, description: standard.description, language: 'en' },
    learningOutcomes: (standard.learningOutcomes ?? []).map((o) => ({
      id: o.id,
      url: urls.learningOutcome(standard.id, o.id),
      code: o.code,
      description: o.description,
      criteria: (o.criteria ?? []).map((c) => ({ id: c.id, code: c.code, description: c.description })),
      recognised: award.recognisedOutcomeIds.has(o.id),
      alignments: o.alignments ?? [],
      assessmentMethods: o.assessmentMethods ?? [],
    })),
    alignments: standard.alignments ?? [],
    assessmentMethods: standard.assessmentMethods ?? [],
    evidence: evidence.map((e) => ({ id: urls.evidence(award.caseId, e.id), name: e.title, description: e.description || null })),
    at: award.at,
    stepKey: award.stepKey,
  };
}

/**
 * Signs and writes one credential, a micro-credential or a qualification's, inside the caller's transaction
 * (the case step's, which holds the case row's lock): the Open Badges 3.0 credential with its Data Integrity
 * proof, the same credential as a VC-JWT, and the Europass document, all generated from one AwardSource. The
 * body's row lock hands out its status position. A retried step rolls back whole, so a decision yields one
 * credential (uq_credential_decision) and a qualification one per holder (uq_credential_qualification_holder).
 */
export async function issueSignedCredential(em: EntityManager, issuance: Issuance, settings: IssuanceSettings): Promise<string> {
  const urls = credentialUrls(settings.publicUrl);
  const bodyId = issuance.awardingBodyId;
  // the body's row lock hands out positions in order; a rolled-back step gives its position back
  const [positions] = (await em.query(
    `UPDATE awarding_body SET next_status_position = next_status_position + 1 WHERE id = $1 RETURNING next_status_position - 1 AS position`,
    [bodyId],
  )) as [{ position: number }[], number];
  const statusPosition = positions[0]!.position;
  const body = await em.findOneByOrFail(AwardingBodyEntity, { id: bodyId });
  const candidate = await em.findOneByOrFail(UserEntity, { id: issuance.candidateId });
  const { row: keyRow, key } = await currentSigningKey(em, bodyId, { publicUrl: settings.publicUrl, keyring: settings.credentialKeys, now: issuance.at });

  const id = randomUUID();
  const salt = generateIdentitySalt();
  const source: AwardSource = {
    credentialId: `urn:uuid:${id}`,
    issuedAt: issuance.at.toISOString(),
    validUntil: issuance.validUntil?.toISOString() ?? null,
    issuer: { id: bodyDid(settings.publicUrl, bodyId), name: body.name, country: body.country, url: urls.body(bodyId) },
    elements: issuance.elements,
    achievement: issuance.achievement,
    learningOutcomes: issuance.learningOutcomes,
    ...(issuance.alignments ? { alignments: issuance.alignments } : {}),
    ...(issuance.assessmentMethods ? { assessmentMethods: issuance.assessmentMethods } : {}),
    learner: { name: candidate.displayName, identityHash: hashIdentity(candidate.email, salt), salt },
    evidence: issuance.evidence,
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
  const openBadge = asProofSet(await signDataIntegrity(unsigned, key, { documentLoader, now: issuance.at }));
  const jwt = await signJwt(unsigned, key);
  const issuedFor = 'qualificationId' in issuance.issuedFor
    ? { caseId: null, decisionId: null, qualificationId: issuance.issuedFor.qualificationId }
    : { caseId: issuance.issuedFor.caseId, decisionId: issuance.issuedFor.decisionId, qualificationId: null };
  const row = em.create(CredentialEntity, {
    id,
    ...issuedFor,
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
  // insert, never save: a second row for the decision (or the qualification and holder) must fail on its unique
  // index, not update the first
  await em.insert(CredentialEntity, row as QueryDeepPartialEntity<CredentialEntity>);
  return id;
}
