/**
 * Qualifications stacked from micro-credentials: an awarding body defines a qualification as a set of its
 * standards (each with its micro-credential specification) and a rule over the micro-credentials a learner holds.
 */
export enum QualificationRule {
  /** One micro-credential in force for every component standard. */
  AllOf = 'all_of',
  /** Credits of the micro-credentials in force, one per component standard, adding up to at least creditsRequired. */
  CreditTotal = 'credit_total',
}

export interface QualificationRequirement {
  rule: QualificationRule;
  creditsRequired: number | null;
  componentStandardIds: readonly string[];
}

/** A micro-credential the learner holds and that is in force (not revoked, not suspended, not expired). */
export interface HeldMicroCredential {
  credentialId: string;
  standardId: string;
  /** The credits its elements state, when it carries any. */
  credits: number | null;
}

export interface QualificationProgress {
  met: boolean;
  /** Component standards for which the learner holds a micro-credential in force, in the order of the definition. */
  componentsMet: string[];
  componentsMissing: string[];
  /** The credits counted: one credential per component standard (the one with most credits). */
  creditsEarned: number;
  creditsRequired: number | null;
  /** The credentials counted, one per component standard met. */
  countedCredentialIds: string[];
}

/** Credits are numeric(6,2): sums are kept in hundredths so that 0.1 + 0.2 reaches 0.3. */
function hundredths(n: number): number {
  return Math.round(n * 100);
}

/** Whether the held micro-credentials meet the qualification's rule, and how far they go. */
export function qualificationProgress(requirement: QualificationRequirement, held: readonly HeldMicroCredential[]): QualificationProgress {
  const best = new Map<string, HeldMicroCredential>();
  for (const h of held) {
    if (!requirement.componentStandardIds.includes(h.standardId)) continue;
    const current = best.get(h.standardId);
    if (!current || (h.credits ?? 0) > (current.credits ?? 0)) best.set(h.standardId, h);
  }
  const componentsMet = requirement.componentStandardIds.filter((id) => best.has(id));
  const componentsMissing = requirement.componentStandardIds.filter((id) => !best.has(id));
  const earned = componentsMet.reduce((sum, id) => sum + hundredths(best.get(id)!.credits ?? 0), 0);
  const met =
    requirement.componentStandardIds.length > 0 &&
    (requirement.rule === QualificationRule.AllOf
      ? componentsMissing.length === 0
      : requirement.creditsRequired !== null && requirement.creditsRequired > 0 && earned >= hundredths(requirement.creditsRequired));
  return {
    met,
    componentsMet,
    componentsMissing,
    creditsEarned: earned / 100,
    creditsRequired: requirement.creditsRequired,
    countedCredentialIds: componentsMet.map((id) => best.get(id)!.credentialId),
  };
}

/** Problems with a qualification's definition, as sentences; empty when it can be saved. */
export function qualificationDefinitionProblems(d: { rule: QualificationRule; creditsRequired: number | null; componentStandardIds: readonly string[] }): string[] {
  const problems: string[] = [];
  if (d.rule === QualificationRule.CreditTotal && !(d.creditsRequired !== null && d.creditsRequired > 0)) {
    problems.push('creditsRequired must be a positive number for the credit_total rule');
  }
  if (d.rule === QualificationRule.AllOf && d.creditsRequired !== null) problems.push('creditsRequired is for the credit_total rule only');
  if (d.componentStandardIds.length === 0) problems.push('a qualification needs at least one component standard');
  if (new Set(d.componentStandardIds).size !== d.componentStandardIds.length) problems.push('a component standard is listed twice');
  return problems;
}
