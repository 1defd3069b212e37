import type { DidDocument, VerificationMethod } from '../credentials';

/**
 * The awarding body's did:web under this service's public address (W3C did:web method, §3.2): the host (a port
 * percent-encoded as %3A) and path segments joined by colons, so that `did:web:vnfil.example.org:bodies:<id>`
 * resolves to `https://vnfil.example.org/bodies/<id>/did.json`, which the API serves.
 */
export function bodyDid(publicUrl: string, awardingBodyId: string): string {
  const url = new URL(publicUrl);
  const segments = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', encodeURIComponent(url.host), ...segments, 'bodies', awardingBodyId].join(':');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The awarding body id of one of our bodies' DIDs under this public address; undefined for any other DID. */
export function bodyIdOfDid(publicUrl: string, did: string): string | undefined {
  const prefix = bodyDid(publicUrl, '');
  if (!did.startsWith(prefix)) return undefined;
  const id = did.slice(prefix.length);
  return UUID.test(id) ? id : undefined;
}

/** A published key: the public half and when it could sign. */
export interface PublishedKey {
  verificationMethod: string;
  controller: string;
  publicKeyMultibase: string;
}

/**
 * The DID document of a body (DID Core 1.0 with Multikey): every key it ever signed with that is not revoked,
 * current and retired, as verification and assertion methods, so credentials signed before a rotation verify.
 */
export function didDocument(did: string, keys: PublishedKey[]): DidDocument {
  const methods: VerificationMethod[] = keys.map((k) => ({
    id: k.verificationMethod,
    type: 'Multikey',
    controller: k.controller,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}
