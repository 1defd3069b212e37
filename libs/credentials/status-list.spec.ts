import { gunzipSync } from 'node:zlib';
import { createDocumentLoader, SHIPPED_CONTEXTS } from './document-loader';
import { generateAwardingBodyKey } from './keys';
import { signDataIntegrity, signJwt, verifyDataIntegrity } from './sign';
import type { Credential } from './sign';
import { decodeStatusList, listPosition, STATUS_LIST_LENGTH, statusEntry, statusListCredential, StatusListError } from './status-list';

const LIST_URL = 'https://vnfil.example/status/did-key-body/revocation/0';
const NOW = new Date('2026-06-01T12:00:00Z');

function encodedListOf(credential: Credential): string {
  return (credential.credentialSubject as { encodedList: string }).encodedList;
}

describe('Bitstring Status List', () => {
  it('builds an unsigned BitstringStatusListCredential of the minimum length, GZIP and base64url with the multibase u prefix', async () => {
    const list = await statusListCredential({ id: LIST_URL, issuer: 'did:key:z6Mkexample', purpose: 'revocation', setIndexes: [], validFrom: NOW });
    expect(list).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: LIST_URL,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:key:z6Mkexample',
      validFrom: '2026-06-01T12:00:00Z',
      credentialSubject: { id: `${LIST_URL}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: expect.stringMatching(/^u[A-Za-z0-9_-]+$/) },
    });
    const bytes = gunzipSync(Buffer.from(encodedListOf(list).slice(1), 'base64url'));
    expect(bytes.length * 8).toBe(STATUS_LIST_LENGTH);
    expect(bytes.every((b) => b === 0)).toBe(true);
  });

  it('sets the bits of the given indexes, index 0 being the left-most bit of the first byte', async () => {
    const list = await statusListCredential({ id: LIST_URL, issuer: 'did:key:z6Mkexample', purpose: 'suspension', setIndexes: [0, 9, STATUS_LIST_LENGTH - 1], validFrom: NOW });
    const bytes = gunzipSync(Buffer.from(encodedListOf(list).slice(1), 'base64url'));
    expect(bytes[0]).toBe(0b1000_0000);
    expect(bytes[1]).toBe(0b0100_0000);
    expect(bytes[bytes.length - 1]).toBe(0b0000_0001);
    const decoded = await decodeStatusList(encodedListOf(list));
    expect([0, 1, 8, 9, 10, STATUS_LIST_LENGTH - 1].map((i) => decoded.isSet(i))).toEqual([true, false, false, true, false, true]);
  });

  it('changes the bit when a credential is revoked', async () => {
    const before = await statusListCredential({ id: LIST_URL, issuer: 'did:key:z6Mkexample', purpose: 'revocation', setIndexes: [3], validFrom: NOW });
    const after = await statusListCredential({ id: LIST_URL, issuer: 'did:key:z6Mkexample', purpose: 'revocation', setIndexes: [3, 41], validFrom: NOW });
    expect((await decodeStatusList(encodedListOf(before))).isSet(41)).toBe(false);
    expect((await decodeStatusList(encodedListOf(after))).isSet(41)).toBe(true);
    expect((await decodeStatusList(encodedListOf(after))).isSet(3)).toBe(true);
  });

  it('refuses indexes outside the list, unknown purposes, and lists shorter than the minimum', async () => {
    const make = (setIndexes: number[], purpose = 'revocation') =>
      statusListCredential({ id: LIST_URL, issuer: 'did:key:z6Mkexample', purpose: purpose as 'revocation', setIndexes, validFrom: NOW });
    await expect(make([STATUS_LIST_LENGTH])).rejects.toThrow(StatusListError);
    await expect(make([-1])).rejects.toThrow(StatusListError);
    await expect(make([1.5])).rejects.toThrow(StatusListError);
    await expect(make([], 'message')).rejects.toThrow('revocation or suspension');
    const short = `u${Buffer.from(new Uint8Array(16)).toString('base64url')}`;
    await expect(decodeStatusList(short)).rejects.toThrow(StatusListError);
    await expect(decodeStatusList('not multibase')).rejects.toThrow(StatusListError);
  });

  it('makes the entry a credential carries', () => {
    expect(statusEntry({ listUrl: LIST_URL, index: 94567, purpose: 'revocation' })).toEqual({
      id: `${LIST_URL}#94567`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: LIST_URL,
    });
    expect(() => statusEntry({ listUrl: LIST_URL, index: STATUS_LIST_LENGTH, purpose: 'revocation' })).toThrow(StatusListError);
  });

  it('maps an issuer sequence number to a list and an index', () => {
    expect(listPosition(0)).toEqual({ list: 0, index: 0 });
    expect(listPosition(STATUS_LIST_LENGTH - 1)).toEqual({ list: 0, index: STATUS_LIST_LENGTH - 1 });
    expect(listPosition(STATUS_LIST_LENGTH)).toEqual({ list: 1, index: 0 });
    expect(listPosition(3 * STATUS_LIST_LENGTH + 7)).toEqual({ list: 3, index: 7 });
    expect(() => listPosition(-1)).toThrow(StatusListError);
    expect(() => listPosition(0.5)).toThrow(StatusListError);
  });

  it('serves the status list context from the local loader, and a credential carrying entries signs and verifies', async () => {
    expect(SHIPPED_CONTEXTS.has('https://www.w3.org/ns/credentials/status/v1')).toBe(true);
    const loader = createDocumentLoader();
    await expect(loader('https://www.w3.org/ns/credentials/status/v1')).resolves.toMatchObject({ document: { '@context': expect.anything() } });

    const key = await generateAwardingBodyKey();
    const credential: Credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:uuid:0b8c3c52-3f0e-4a49-b1c4-a25bd53f6d10',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: key.controller, type: ['Profile'], name: 'Test awarding body' },
      validFrom: '2026-01-15T09:00:00Z',
      credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'urn:uuid:6c1d7e4a-3b2f-4c8d-9e0a-1b2c3d4e5f60', type: ['Achievement'], name: 'Forklift operation', criteria: { narrative: 'Assessed on site.' } } },
      credentialStatus: [
        statusEntry({ listUrl: LIST_URL, index: 5, purpose: 'revocation' }),
        statusEntry({ listUrl: LIST_URL.replace('revocation', 'suspension'), index: 5, purpose: 'suspension' }),
      ],
    };
    const signed = await signDataIntegrity(credential, key, { now: NOW });
    // @digitalbazaar/vc insists on a status checker when credentialStatus is present: the status is verify.ts's job
    const result = await verifyDataIntegrity(signed, loader, { now: NOW });
    expect(result.verified === false && result.errors.join()).toContain('checkStatus');
    const list = await statusListCredential({ id: LIST_URL, issuer: key.controller, purpose: 'revocation', setIndexes: [5], validFrom: NOW });
    expect(await verifyDataIntegrity(await signDataIntegrity(list, key, { now: NOW }), loader, { now: NOW })).toMatchObject({ verified: true });
    expect(await signJwt(credential, key)).toMatch(/^ey/);
  });
});
