import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { createDocumentLoader } from './document-loader';
import type { DocumentLoader } from './document-loader';
import { errorMessages } from './json';
import { publicKey } from './keys';
import type { AwardingBodyKey } from './keys';

export interface PresentationProofResult {
  verified: boolean;
  /** Why the proof did not verify, in plain words; empty when it did. */
  errors: string[];
}


/**
 * A holder's VerifiablePresentation of their credentials, signed with their key (Data Integrity, eddsa-rdfc-2022,
 * purpose authentication) over the verifier's challenge and domain (W3C VC Data Model 2.0 §4.13). Used by wallets
 * and by the tests that present our credentials to the VC API's verifier.
 */
export async function signPresentation(
  credentials: Record<string, unknown>[],
  key: AwardingBodyKey,
  options: { challenge: string; domain?: string; documentLoader?: DocumentLoader },
): Promise<Record<string, unknown>> {
  const presentation = { ...vc.createPresentation({ verifiableCredential: credentials, holder: key.controller }) };
  const keyPair = await Ed25519Multikey.from({ ...publicKey(key), secretKeyMultibase: key.secretKeyMultibase });
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 });
  return vc.signPresentation({
    presentation,
    suite,
    challenge: options.challenge,
    domain: options.domain,
    documentLoader: options.documentLoader ?? createDocumentLoader(),
  });
}

/**
 * Verifies a VerifiablePresentation's own Data Integrity proof (eddsa-rdfc-2022, purpose authentication, with the
 * verifier's challenge and domain), as @digitalbazaar/vc does. The credentials inside are NOT judged here: the
 * caller verifies each one with verifyPresentedCredential, status and issuer key included.
 */
export async function verifyPresentationProof(
  presentation: Record<string, unknown>,
  options: { challenge: string; domain?: string; documentLoader: DocumentLoader },
): Promise<PresentationProofResult> {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const result = (await vc.verify({
    presentation: structuredClone(presentation),
    challenge: options.challenge,
    domain: options.domain,
    suite,
    documentLoader: options.documentLoader,
    // the credentials' status is checked by the caller's pipeline
    checkStatus: async () => ({ verified: true }),
  })) as { presentationResult?: { verified: boolean; error?: unknown }; error?: unknown };
  const proof = result.presentationResult;
  if (proof?.verified) return { verified: true, errors: [] };
  return { verified: false, errors: errorMessages(proof?.error ?? result.error ?? new Error('the presentation proof did not verify')) };
}
