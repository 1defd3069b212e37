import type { EntityManager } from 'typeorm';
import type { HeldMicroCredential, MicroCredentialElements } from '../domain';

/** A micro-credential in force, with what a qualification's credential takes from it. */
export interface HeldComponentCredential extends HeldMicroCredential {
  elements: MicroCredentialElements;
  awardSource: { learningOutcomes: { id: string; url: string; code: string; description: string; criteria: { id: string; code: string; description: string }[]; recognised: boolean }[] } | null;
  issuedAt: Date;
}

/**
 * The candidate's micro-credentials in force at `now` (not revoked, not suspended, not expired) on any of the
 * standards given, oldest first: what counts toward a qualification. A qualification's own credential never counts.
 */
export async function heldMicroCredentials(em: EntityManager, candidateId: string, standardIds: readonly string[], now: Date): Promise<HeldComponentCredential[]> {
  if (standardIds.length === 0) return [];
  const rows = (await em.query(
    `SELECT c.id, k.standard_id, c.elements, c.award_source, c.issued_at
       FROM credential c JOIN validation_case k ON k.id = c.case_id
      WHERE c.candidate_id = $1 AND c.qualification_id IS NULL AND k.standard_id = ANY($2::uuid[])
        AND c.revoked_at IS NULL AND c.suspended_at IS NULL AND (c.valid_until IS NULL OR c.valid_until > $3)
      ORDER BY c.issued_at, c.id`,
    [candidateId, standardIds, now],
  )) as { id: string; standard_id: string; elements: MicroCredentialElements; award_source: HeldComponentCredential['awardSource']; issued_at: Date }[];
  return rows.map((r) => ({
    credentialId: r.id,
    standardId: r.standard_id,
    credits: r.elements.credits?.value ?? null,
    elements: r.elements,
    awardSource: r.award_source,
    issuedAt: new Date(r.issued_at),
  }));
}
