/**
 * The public URLs a credential names, under PUBLIC_URL. They are part of what is signed: keep them stable, so a
 * credential printed today still resolves in years. The API serves each of them.
 */
export function credentialUrls(publicUrl: string) {
  return {
    /** The issuer's public profile. */
    body: (bodyId: string) => `${publicUrl}/bodies/${bodyId}`,
    /** A body's status list credential (W3C Bitstring Status List) for one purpose; `list` counts from 0. */
    statusList: (bodyId: string, purpose: 'revocation' | 'suspension', list: number) => `${publicUrl}/bodies/${bodyId}/status/${purpose}/${list}`,
    /** The achievement: the standard in the public catalogue. */
    standard: (standardId: string) => `${publicUrl}/standards/${standardId}`,
    learningOutcome: (standardId: string, outcomeId: string) => `${publicUrl}/standards/${standardId}#${outcomeId}`,
    /** A reference to a piece of evidence (reachable only by the case's participants; the file is never in the credential). */
    evidence: (caseId: string, evidenceId: string) => `${publicUrl}/cases/${caseId}/evidence/${evidenceId}`,
    /** The public verification page (the certificate's QR code). */
    verification: (credentialId: string) => `${publicUrl}/verify/${credentialId}`,
  };
}
