import { createCredential, createList, decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { VC_V2_CONTEXT } from './sign';
import type { Credential } from './sign';

/**
 * Entries per status list: the W3C Bitstring Status List v1.0 minimum (16 KB uncompressed), so that a list
 * reveals little about any one credential (herd privacy).
 */
export const STATUS_LIST_LENGTH = 131_072;

export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

/** What a credential carries in `credentialStatus` to point at its bit in a status list. */
export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

export class StatusListError extends Error {
  override name = 'StatusListError';
}

export function isStatusPurpose(value: unknown): value is StatusPurpose {
  return (STATUS_PURPOSES as readonly unknown[]).includes(value);
}

function assertIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= STATUS_LIST_LENGTH) {
    throw new StatusListError(`a status list index is an integer from 0 to ${STATUS_LIST_LENGTH - 1}, not ${index}`);
  }
}

function assertPurpose(purpose: string): asserts purpose is StatusPurpose {
  if (!isStatusPurpose(purpose)) throw new StatusListError(`a status purpose is revocation or suspension, not ${purpose}`);
}

/**
 * The unsigned BitstringStatusListCredential with the given bits set (revoked or suspended credentials):
 * GZIP-compressed, base64url, multibase prefix 'u', the first index the left-most bit (by @digitalbazaar/vc-bitstring-status-list).
 * The caller signs it with signDataIntegrity, with a key of the same issuer as the credentials it covers.
 */
export async function statusListCredential(options: {
  id: string;
  issuer: string;
  purpose: StatusPurpose;
  setIndexes: readonly number[];
  validFrom: Date | string;
  validUntil?: Date | string;
}): Promise<Credential> {
  assertPurpose(options.purpose);
  const list = await createList({ length: STATUS_LIST_LENGTH });
  for (const index of options.setIndexes) {
    assertIndex(index);
    list.setStatus(index, true);
  }
  const { credentialSubject } = await createCredential({ id: options.id, list, statusPurpose: options.purpose, context: [VC_V2_CONTEXT] });
  return {
    '@context': [VC_V2_CONTEXT],
    id: options.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer,
    validFrom: isoSeconds(options.validFrom),
    ...(options.validUntil !== undefined ? { validUntil: isoSeconds(options.validUntil) } : {}),
    credentialSubject,
  };
}

function isoSeconds(time: Date | string): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) throw new StatusListError(`not a date-time: ${String(time)}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The entry a credential carries: its bit `index` in the list published at `listUrl`. */
export function statusEntry(options: { listUrl: string; index: number; purpose: StatusPurpose }): BitstringStatusListEntry {
  assertIndex(options.index);
  assertPurpose(options.purpose);
  return {
    id: `${options.listUrl}#${options.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: options.purpose,
    statusListIndex: String(options.index),
    statusListCredential: options.listUrl,
  };
}

/**
 * Where the issuer's n-th credential (n counted from 0) has its bit: list `list`, bit `index`.
 * Sequential positions reveal issuance order to whoever sees two credentials; the list size still hides which one changed.
 */
export function listPosition(sequence: number): { list: number; index: number } {
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new StatusListError(`a status list sequence number is a non-negative integer, not ${sequence}`);
  return { list: Math.floor(sequence / STATUS_LIST_LENGTH), index: sequence % STATUS_LIST_LENGTH };
}

/** Decodes a list's `encodedList`; throws a StatusListError when it is not a multibase base64url GZIP bitstring of at least the minimum length. */
export async function decodeStatusList(encodedList: string): Promise<{ length: number; isSet(index: number): boolean }> {
  let list: Awaited<ReturnType<typeof decodeList>>;
  try {
    list = await decodeList({ encodedList });
  } catch (err) {
    throw new StatusListError(`the encoded status list cannot be decoded: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (list.length < STATUS_LIST_LENGTH) throw new StatusListError(`the status list has ${list.length} entries, fewer than the minimum ${STATUS_LIST_LENGTH}`);
  return {
    length: list.length,
    isSet: (index: number) => {
      if (!Number.isSafeInteger(index) || index < 0 || index >= list.length) throw new StatusListError(`index ${index} is outside the status list of ${list.length} entries`);
      return list.getStatus(index);
    },
  };
}
