import type { Alignment, AssessmentMethod, MicroCredentialElements } from '../domain';

/**
 * The Open Badges 3.0 achievement types vnfil issues: a micro-credential for an award on a case, and a
 * certificate for a qualification stacked from micro-credentials (OB 3.0 AchievementType "Certificate": a
 * credential that designates requisite knowledge and skills of an occupation, industry or profession).
 */
export type IssuedAchievementType = 'MicroCredential' | 'Certificate';

/**
 * Everything one issuance of a micro-credential says, gathered once from the case records. The Open Badges 3.0
 * credential, the Europass (ELM) credential and the printable certificate are all generated from this one value,
 * so that they cannot disagree.
 */
export interface AwardSource {
  /** The credential's own id, `urn:uuid:<credential record id>`; a new one for every issuance. */
  credentialId: string;
  /** When the credential was issued (ISO 8601, UTC); also `elements.dateOfIssue`. */
  issuedAt: string;
  /** End of the validity period (ISO 8601, UTC), when the specification sets one. */
  validUntil: string | null;
  /** The awarding body as issuer: its DID (did:web or did:key) and its public profile. */
  issuer: {
    id: string;
    name: string;
    /** ISO 3166-1 alpha-2. */
    country: string;
    /** The body's public page on this service. */
    url: string;
  };
  /** The EU micro-credential elements (Council Recommendation 2022/C 243/02, Annex I) as issued. */
  elements: MicroCredentialElements;
  /** The standard assessed against (or the qualification stacked from micro-credentials): the achievement the credential recognises. */
  achievement: {
    /** Its OB 3.0 achievement type; absent (issued before qualifications) means MicroCredential. */
    type?: IssuedAchievementType;
    /** Stable public URL of the standard (its micro-credential specification) in the catalogue. */
    id: string;
    /** The body's code for the standard, e.g. "DATA-SPREADSHEETS". */
    code: string;
    /** What the standard recognises, in plain words. */
    description: string;
    /** The language the titles and descriptions are written in (BCP 47), e.g. "en". */
    language: string;
  };
  /** Every learning outcome of the standard, with its assessment criteria, and whether this award recognises it. */
  learningOutcomes: {
    id: string;
    /** Stable public URL of the learning outcome. */
    url: string;
    code: string;
    description: string;
    criteria: { id: string; code: string; description: string }[];
    recognised: boolean;
    /** ESCO skills (and other concepts) the outcome is aligned to; absent in sources written before alignments. */
    alignments?: Alignment[];
    /** Codes of the standard's assessment methods that assess it (empty: all). */
    assessmentMethods?: string[];
  }[];
  /** ESCO occupations and skills and NQF levels the standard is aligned to; absent in sources written before alignments. */
  alignments?: Alignment[];
  /** How the standard is assessed; absent in sources written before assessment methods. */
  assessmentMethods?: AssessmentMethod[];
  /**
   * The learner, identified without the e-mail address in clear: the Open Badges 3.0 IdentityObject
   * (`identityHash` = "sha256$" + hex SHA-256 of the lower-cased address followed by the salt).
   */
  learner: { name: string; identityHash: string; salt: string };
  /** References to the evidence assessed (never the files themselves). */
  evidence: { id: string; name: string; description: string | null }[];
  /** Where anyone can check the credential: the public verification page (the certificate's QR code). */
  verificationUrl: string;
}
