import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { LearningSetting, microCredentialProblems, ParticipationForm, qualificationProgress } from '../../../../libs/domain';
import type { MicroCredentialElements } from '../../../../libs/domain';
import { credentialUrls, heldMicroCredentials } from '../../../../libs/issuance';
import type { HeldComponentCredential } from '../../../../libs/issuance';
import { AwardingBodyEntity, CredentialEntity, QualificationComponentEntity, QualificationEntity, UserEntity } from '../../../../libs/persistence/entities';
import { issueSignedCredential } from './credential-issuer';
import type { Issuance, IssuanceSettings } from './credential-issuer';

/** What happened to each qualification a new micro-credential counts toward. */
export type QualificationOutcome = { qualificationId: string; code: string; credentialId: string } | { qualificationId: string; code: string; notIssued: string };

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The one value all components share, else the fallback. */
function shared<T>(values: T[], fallback: T): T {
  const unique = distinct(values);
  return unique.length === 1 ? unique[0]! : fallback;
}

/**
 * The qualification's credential, built from the micro-credentials that complete it: its learning outcomes are
 * theirs, its workload and credits their sums (credits only when they share one system), its level the
 * qualification's. It does not expire: a qualification once completed stands (a body revokes it by hand).
 */
function qualificationIssuance(
  q: QualificationEntity,
  counted: HeldComponentCredential[],
  context: { body: AwardingBodyEntity; candidate: UserEntity; at: Date; stepKey: string; publicUrl: string },
): Issuance {
  const urls = credentialUrls(context.publicUrl);
  const elements = counted.map((c) => c.elements);
  const outcomes = new Map<string, Issuance['learningOutcomes'][number]>();
  for (const c of counted) {
    const fromSource = c.awardSource?.learningOutcomes.filter((o) => o.recognised);
    const recognised =
      fromSource ?? c.elements.learningOutcomes.map((o) => ({ ...o, url: urls.learningOutcome(c.standardId, o.id), criteria: [], recognised: true }));
    for (const o of recognised) if (!outcomes.has(o.id)) outcomes.set(o.id, { ...o, criteria: o.criteria.map((x) => ({ ...x })), recognised: true });
  }
  const creditSystems = distinct(elements.map((e) => e.credits?.system ?? null));
  const credits =
    creditSystems.length === 1 && creditSystems[0] !== null
      ? { system: creditSystems[0], value: Math.round(elements.reduce((sum, e) => sum + (e.credits?.value ?? 0) * 100, 0)) / 100 }
      : null;
  const titles = elements.map((e) => e.title);
  const issued: MicroCredentialElements = {
    learnerIdentification: { id: context.candidate.id, name: context.candidate.displayName },
    title: q.title,
    countryOfIssuer: context.body.country,
    awardingBody: { id: context.body.id, name: context.body.name },
    dateOfIssue: context.at.toISOString(),
    learningOutcomes: [...outcomes.values()].map((o) => ({ id: o.id, code: o.code, description: o.description })),
    notionalWorkloadHours: elements.reduce((sum, e) => sum + e.notionalWorkloadHours, 0),
    credits,
    eqfLevel: q.eqfLevel,
    nqfLevel: null,
    typeOfAssessment: `Completed by holding the micro-credentials it requires, each assessed on its own: ${titles.join('; ')}`,
    formOfParticipation: shared(elements.map((e) => e.formOfParticipation), ParticipationForm.Blended),
    learningSetting: shared(elements.map((e) => e.learningSetting), LearningSetting.NonFormal),
    typeOfQualityAssurance: distinct(elements.map((e) => e.typeOfQualityAssurance)).join('; '),
    prerequisites: null,
    supervisionAndIdentityVerification: null,
    gradeAchieved: null,
    integrationStackability: `Stacked from the micro-credentials: ${titles.join('; ')}`,
    furtherInformation: q.description || null,
    validUntil: null,
  };
  return {
    issuedFor: { qualificationId: q.id },
    candidateId: context.candidate.id,
    awardingBodyId: q.awardingBodyId,
    elements: issued,
    validUntil: null,
    achievement: { id: urls.qualification(q.id), type: 'Certificate', code: q.code, description: q.description || q.title, language: 'en' },
    learningOutcomes: [...outcomes.values()],
    // the component credentials, by their public verification pages: anyone can check each of them
    evidence: counted.map((c) => ({ id: urls.verification(c.credentialId), name: c.elements.title, description: `micro-credential issued on ${c.issuedAt.toISOString().slice(0, 10)}` })),
    at: context.at,
    stepKey: context.stepKey,
  };
}

/**
 * Issues, in the caller's transaction, the credential of every published qualification that a new micro-credential
 * on `standardId` completes for the candidate. Each qualification's row is locked first (FOR UPDATE, in id order so
 * two steps never wait on each other crosswise): under READ COMMITTED a second award that waited for the lock reads
 * the first one's committed credentials afresh, so the last requirement met issues the qualification exactly once.
 * uq_credential_qualification_holder stands behind the lock.
 */
export async function issueQualificationsCompletedBy(
  em: EntityManager,
  trigger: { candidateId: string; standardId: string; at: Date; stepKey: string },
  settings: IssuanceSettings,
): Promise<QualificationOutcome[]> {
  const candidates = (await em.query(
    `SELECT q.id FROM qualification q
      WHERE q.published AND EXISTS (SELECT 1 FROM qualification_component c WHERE c.qualification_id = q.id AND c.standard_id = $1)
      ORDER BY q.id`,
    [trigger.standardId],
  )) as { id: string }[];
  const outcomes: QualificationOutcome[] = [];
  for (const { id } of candidates) {
    const [q] = await em.find(QualificationEntity, { where: { id, published: true }, lock: { mode: 'pessimistic_write' } });
    if (!q) continue;
    if (await em.existsBy(CredentialEntity, { qualificationId: q.id, candidateId: trigger.candidateId, revokedAt: IsNull() })) continue;
    const components = await em.find(QualificationComponentEntity, { where: { qualificationId: q.id }, order: { id: 'ASC' } });
    const componentStandardIds = components.map((c) => c.standardId);
    const held = await heldMicroCredentials(em, trigger.candidateId, componentStandardIds, trigger.at);
    const progress = qualificationProgress({ rule: q.rule, creditsRequired: q.creditsRequired, componentStandardIds }, held);
    if (!progress.met) continue;
    const counted = progress.countedCredentialIds.map((cid) => held.find((h) => h.credentialId === cid)!);
    const body = await em.findOneByOrFail(AwardingBodyEntity, { id: q.awardingBodyId });
    const candidate = await em.findOneByOrFail(UserEntity, { id: trigger.candidateId });
    const issuance = qualificationIssuance(q, counted, { body, candidate, at: trigger.at, stepKey: trigger.stepKey, publicUrl: settings.publicUrl });
    const problems = microCredentialProblems(issuance.elements);
    if (problems.length) {
      outcomes.push({ qualificationId: q.id, code: q.code, notIssued: `the qualification ${q.code} cannot be issued: ${problems.join('; ')}` });
      continue;
    }
    outcomes.push({ qualificationId: q.id, code: q.code, credentialId: await issueSignedCredential(em, issuance, settings) });
  }
  return outcomes;
}
