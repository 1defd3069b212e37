import { asList, isObject } from './json';
import { hashIdentity } from './open-badge';
import type { Credential } from './sign';

export interface HolderCheck {
  check: 'holder';
  outcome: 'passed' | 'failed' | 'not_applicable';
  reason: string;
}


/**
 * Whether a credential was issued to the person presenting it, by the e-mail address its subject is identified
 * with (Open Badges 3.0 `IdentityObject` of type `emailAddress`, hashed as `sha256$<hex>` of the lower-cased address
 * and the salt, or in clear). A credential that names its holder otherwise (a DID, a student number) cannot be
 * matched here: not applicable, and the assessor checks who it was issued to.
 */
export function holderCheck(credential: Credential | undefined, email: string): HolderCheck {
  const identities = asList(credential?.credentialSubject)
    .filter(isObject)
    .flatMap((subject) => asList(subject.identifier))
    .filter((i): i is Record<string, unknown> => isObject(i) && i.identityType === 'emailAddress' && typeof i.identityHash === 'string');
  if (identities.length === 0) {
    return { check: 'holder', outcome: 'not_applicable', reason: 'the credential does not identify its holder by e-mail address: check who it was issued to' };
  }
  const matches = identities.some((i) => {
    const stated = String(i.identityHash);
    if (i.hashed === true || stated.startsWith('sha256$')) return typeof i.salt === 'string' && hashIdentity(email, i.salt) === stated.toLowerCase();
    return stated.trim().toLowerCase() === email.trim().toLowerCase();
  });
  return matches
    ? { check: 'holder', outcome: 'passed', reason: "issued to the candidate's e-mail address" }
    : { check: 'holder', outcome: 'failed', reason: "issued to someone else: the e-mail address it names is not the candidate's" };
}
