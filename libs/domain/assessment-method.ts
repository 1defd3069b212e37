/**
 * How a standard's learning outcomes are assessed. Validation of non-formal and informal learning reviews a
 * portfolio and often adds an interview, an observation at work, a practical simulation or a test (Cedefop,
 * European guidelines for validating non-formal and informal learning, 2023, section 5.3); the European
 * Learning Model records each as a LearningAssessmentSpecification typed from its assessment vocabulary.
 */
export enum AssessmentMethodType {
  Portfolio = 'portfolio',
  Interview = 'interview',
  Observation = 'observation',
  Simulation = 'simulation',
  Test = 'test',
  Jury = 'jury',
}

/** Methods the candidate and the assessor meet for, at a time and place (or online): the case holds a session. */
export const SESSION_METHOD_TYPES: readonly AssessmentMethodType[] = [
  AssessmentMethodType.Interview,
  AssessmentMethodType.Observation,
  AssessmentMethodType.Simulation,
  AssessmentMethodType.Jury,
];

export function needsSession(type: AssessmentMethodType): boolean {
  return SESSION_METHOD_TYPES.includes(type);
}

/** One way a standard is assessed; learning outcomes name the methods that assess them by `code`. */
export interface AssessmentMethod {
  /** Unique within the standard, e.g. "INT". */
  code: string;
  type: AssessmentMethodType;
  /** What the candidate does, in words a candidate understands. */
  description: string;
}
