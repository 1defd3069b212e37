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
    /** The achievement of a qualification's credential: the qualification the body defined. */
    qualification: (qualificationId: string) => `${publicUrl}/qualifications/${qualificationId}`,
    /** A reference to a piece of evidence (reachable only by the case's participants; the file is never in the credential). */
    evidence: (caseId: string, evidenceId: string) => `${publicUrl}/cases/${caseId}/evidence/${evidenceId}`,
    /** The public verification page (the certificate's QR code). */
    verification: (credentialId: string) => `${publicUrl}/verify/${credentialId}`,
  };
}

/**
 * The suspension entry kept beside a credential's revocation entry in one of our lists: same body, list and
 * index under /suspension/. Open Badges 3.0 lets a credential carry one credentialStatus, so the suspension
 * entry is not in the credential; this service's verifier checks it. Empty for any other entry.
 */
export function companionStatusEntry(publicUrl: string, entry: Record<string, unknown>): Record<string, unknown>[] {
  const url = entry.statusListCredential;
  if (entry.statusPurpose !== 'revocation' || typeof url !== 'string' || !url.startsWith(`${publicUrl}/bodies/`)) return [];
  const match = /^([0-9a-f-]{36})\/status\/revocation\/(0|[1-9][0-9]*)$/.exec(url.slice(`${publicUrl}/bodies/`.length));
  if (!match) return [];
  const listUrl = credentialUrls(publicUrl).statusList(match[1]!, 'suspension', Number(match[2]));
  return [{ ...entry, id: `${listUrl}#${String(entry.statusListIndex)}`, statusPurpose: 'suspension', statusListCredential: listUrl }];
}
