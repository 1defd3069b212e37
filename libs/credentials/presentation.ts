import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from './document-loader';

export interface PresentationProofResult {
  verified: boolean;
  /** Why the proof did not verify, in plain words; empty when it did. */
  errors: string[];
}

function messages(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  const nested = (error as Error & { errors?: unknown[] }).errors;
  return Array.isArray(nested) && nested.length > 0 ? nested.flatMap(messages) : [error.message];
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
  return { verified: false, errors: messages(proof?.error ?? result.error ?? new Error('the presentation proof did not verify')) };
}
