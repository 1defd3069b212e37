/** Small readers of JSON(-LD) values and library errors, shared by the credential code. */
import { DocumentLoaderError } from './document-loader';

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON-LD value as a list: a single value is a list of one, an absent one an empty list. */
export function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The issuer's id: the `issuer` string, or its object's `id`. */
export function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (isObject(issuer) && typeof issuer.id === 'string') return issuer.id;
  return undefined;
}

/**
 * What a library's error says, as sentences: the nested errors of an aggregate (jsonld-signatures, @digitalbazaar/vc),
 * the document loader's own message rather than jsonld's generic wrapper, and safe mode's "validation error" in words.
 */
export function errorMessages(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  const { errors: nested, details } = error as Error & { errors?: unknown[]; details?: { cause?: unknown } };
  if (Array.isArray(nested) && nested.length > 0) return nested.flatMap(errorMessages);
  if (details?.cause instanceof DocumentLoaderError) return [details.cause.message];
  if (error.message === 'Safe mode validation error.') return ['the content holds a term or type that its @context does not define'];
  return [error.message];
}
