import { StandaloneValueKind } from './micro-credential';
import type { Accreditation, StandaloneValue, WorkloadCeiling , CreditSystem} from './micro-credential';

/**
 * Why a specification is not a micro-credential. One code per reason the ETF survey on micro-credentials gives for
 * "this is not a micro-credential", each matched to the definition in the Council Recommendation on a European
 * approach to micro-credentials (2022/C 243/02, point 5(a) and Annex I-II):
 * - it does not assess learning outcomes ("the record of the learning outcomes ... assessed against transparent
 *   and clearly defined criteria");
 * - it is a full formal qualification (micro-credentials are distinct from, and may contribute to, qualifications);
 * - it has no standalone value (Annex II: "have a standalone value and may also contribute to ... qualifications");
 * - it is not quality assured by a recognised body (Annex II principle 1: "subject to internal and external quality
 *   assurance by the system producing them");
 * - it does not represent a small volume of learning ("a small volume of learning"): over the body's ceiling.
 */
export enum ConformanceFailureCode {
  NoAssessmentCriteria = 'no_assessment_criteria',
  FullQualification = 'full_qualification',
  NoStandaloneValue = 'no_standalone_value',
  NotQualityAssured = 'not_quality_assured',
  WorkloadTooLarge = 'workload_too_large',
}

export interface ConformanceFailure {
  code: ConformanceFailureCode;
  /** The input field to change, as the standards API names it (e.g. `microCredential.accreditation`). */
  field: string;
  /** What is wrong and what to do, in words the awarding body can act on. */
  message: string;
}

export interface ConformanceResult {
  conforms: boolean;
  /** At most one per code, in the order of ConformanceFailureCode. */
  failures: ConformanceFailure[];
}

/** What the check reads of a standard and its micro-credential specification. */
export interface MicroCredentialSpecFacts {
  learningOutcomes: { code: string; criteriaCount: number }[];
  workloadHours: number;
  credits: number | null;
  creditSystem: CreditSystem | null;
  /** Null when the standard has no micro-credential specification at all. */
  spec: {
    fullQualification: boolean;
    standaloneValue: StandaloneValue | null;
    typeOfQualityAssurance: string | null;
    accreditation: Accreditation | null;
  } | null;
}

const blank = (text: string | null | undefined) => !text || !text.trim();
const QUALIFICATION_KINDS: readonly StandaloneValueKind[] = [StandaloneValueKind.UnitOfQualification, StandaloneValueKind.ComplementToQualification];

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}

function criteriaFailure(outcomes: MicroCredentialSpecFacts['learningOutcomes']): ConformanceFailure | null {
  const field = 'learningOutcomes';
  const code = ConformanceFailureCode.NoAssessmentCriteria;
  if (!outcomes.length) return { code, field, message: 'the specification states no learning outcome: add the learning outcomes it assesses, each with at least one assessment criterion' };
  const without = outcomes.filter((o) => o.criteriaCount < 1).map((o) => o.code);
  if (!without.length) return null;
  const which = without.length === 1 ? `learning outcome ${without[0]} has` : `learning outcomes ${without.join(', ')} have`;
  return { code, field, message: `${which} no assessment criterion: add at least one criterion to each, so that the outcome can be assessed` };
}

function standaloneFailure(value: StandaloneValue | null): ConformanceFailure | null {
  const code = ConformanceFailureCode.NoStandaloneValue;
  const field = 'microCredential.standaloneValue';
  if (!value) {
    return {
      code,
      field,
      message:
        'the specification does not state its standalone value: say whether it is a unit of a named qualification, a complement to one, or answers a stated labour-market need, and why',
    };
  }
  if (QUALIFICATION_KINDS.includes(value.kind) && blank(value.qualification?.title)) {
    return { code, field: `${field}.qualification`, message: `a standalone value of kind ${value.kind} names the qualification: add its title (and a reference if it has one)` };
  }
  if (blank(value.statement)) return { code, field: `${field}.statement`, message: 'the standalone value has no statement: say in a sentence what value the micro-credential has on its own' };
  return null;
}

function qualityFailure(spec: NonNullable<MicroCredentialSpecFacts['spec']>): ConformanceFailure | null {
  const code = ConformanceFailureCode.NotQualityAssured;
  if (blank(spec.typeOfQualityAssurance)) {
    return { code, field: 'microCredential.typeOfQualityAssurance', message: 'the specification does not say how it is quality assured: describe its internal and external quality assurance' };
  }
  const a = spec.accreditation;
  if (!a || blank(a.body) || blank(a.reference)) {
    return {
      code,
      field: 'microCredential.accreditation',
      message:
        "the specification does not name the recognised body that accredits or recognises your awarding body: add that body and its reference for the accreditation (a number, a decree, a register entry)",
    };
  }
  return null;
}

function workloadFailure(facts: MicroCredentialSpecFacts, ceiling: WorkloadCeiling): ConformanceFailure | null {
  const code = ConformanceFailureCode.WorkloadTooLarge;
  const advice = 'split it into smaller micro-credentials (they can stack into a qualification) or raise the ceiling in your awarding body settings';
  // credits of either system against the credit ceiling (ECVET, like ECTS, counts 60 a year of full-time learning),
  // and the hours always, so that few credits cannot stand for a large volume of learning; both named when both fail
  const credits =
    facts.credits != null && facts.creditSystem && facts.credits > ceiling.ects
      ? `the specification is worth ${formatNumber(facts.credits)} ${facts.creditSystem} credits; your body's ceiling for a micro-credential is ${formatNumber(ceiling.ects)} credits`
      : null;
  const hours =
    facts.workloadHours > ceiling.hours
      ? `the notional workload is ${facts.workloadHours} hours; your body's ceiling for a micro-credential is ${ceiling.hours} hours (${formatNumber(ceiling.ects)} ECTS)`
      : null;
  if (!credits && !hours) return null;
  return { code, field: credits ? 'credits' : 'workloadHours', message: `${[credits, hours].filter(Boolean).join('; and ')}: ${advice}` };
}

/** How large the workload is, to tell an edit that makes a failing workload larger: credits, then hours. */
export function workloadSize(facts: Pick<MicroCredentialSpecFacts, 'credits' | 'workloadHours'>): [number, number] {
  return [facts.credits ?? 0, facts.workloadHours];
}

/**
 * Checks a micro-credential specification against each reason the ETF survey gives for something not being a
 * micro-credential (see ConformanceFailureCode), with the awarding body's workload ceiling: credits (ECTS or ECVET)
 * are compared with `ceiling.ects`, and the notional workload hours always with `ceiling.hours`. At the ceiling
 * conforms.
 */
export function microCredentialConformance(facts: MicroCredentialSpecFacts, ceiling: WorkloadCeiling): ConformanceResult {
  const spec = facts.spec;
  const failures = [
    criteriaFailure(facts.learningOutcomes),
    spec?.fullQualification
      ? {
          code: ConformanceFailureCode.FullQualification,
          field: 'microCredential.fullQualification',
          message: 'the specification is marked as a full formal qualification, which is not a micro-credential: publish it as a qualification, or, if it is not one, set fullQualification to false',
        }
      : null,
    spec ? standaloneFailure(spec.standaloneValue) : standaloneFailure(null),
    spec
      ? qualityFailure(spec)
      : { code: ConformanceFailureCode.NotQualityAssured, field: 'microCredential', message: 'the standard has no micro-credential specification: add one, with its quality assurance and accreditation' },
    workloadFailure(facts, ceiling),
  ].filter((f): f is ConformanceFailure => f !== null);
  return { conforms: failures.length === 0, failures };
}
