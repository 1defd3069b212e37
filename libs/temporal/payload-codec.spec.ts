import { defaultPayloadConverter, METADATA_ENCODING_KEY } from '@temporalio/common';
import type { Payload } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from './payload-codec';

const NAME = 'Ottilie Vandersloot-Quigg';
const clear = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
/** Every byte of a payload, metadata and data, as text. */
const json = (payload: Payload): string => Buffer.concat([...Object.values(payload.metadata ?? {}), payload.data ?? new Uint8Array()]).toString('latin1');
const tag = (payload: Payload, key: string): string | undefined => {
  const value = payload.metadata?.[key];
  return value ? Buffer.from(value).toString() : undefined;
};

describe('the AES-256-GCM payload codec', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('encrypts a payload so that nothing of it is readable, and decrypts it back to the same payload', async () => {
    const codec = new AesGcmPayloadCodec({ encryptWith: 'k1', keys: { k1 } });
    const original = clear({ displayName: NAME, reason: 'moving abroad' });
    const [sealed] = await codec.encode([original]);
    expect(tag(sealed, METADATA_ENCODING_KEY)).toBe(ENCRYPTED_ENCODING);
    expect(tag(sealed, KEY_ID_METADATA)).toBe('k1');
    expect(json(sealed)).not.toContain(NAME);
    expect(json(sealed)).not.toContain('json/plain');
    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual({ displayName: NAME, reason: 'moving abroad' });
    expect(tag(opened, METADATA_ENCODING_KEY)).toBe('json/plain');
  });

  it('gives two encryptions of the same value different bytes (a fresh IV each time)', async () => {
    const codec = new AesGcmPayloadCodec({ encryptWith: 'k1', keys: { k1 } });
    const [a, b] = await codec.encode([clear(NAME), clear(NAME)]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('passes through payloads it did not encrypt (histories recorded before the codec)', async () => {
    const codec = new AesGcmPayloadCodec({ encryptWith: 'k1', keys: { k1 } });
    const plain = [clear({ caseId: 'c-1' }), clear(null), clear(new Uint8Array([1, 2, 3]))];
    expect(await codec.decode(plain)).toEqual(plain);
  });

  it('rotates keys: the newest encrypts, the old one still decrypts what it encrypted', async () => {
    const before = new AesGcmPayloadCodec({ encryptWith: 'k1', keys: { k1 } });
    const after = new AesGcmPayloadCodec({ encryptWith: 'k2', keys: { k1, k2 } });
    const [old] = await before.encode([clear(NAME)]);
    const [fresh] = await after.encode([clear(NAME)]);
    expect(tag(fresh, KEY_ID_METADATA)).toBe('k2');
    expect((await after.decode([old, fresh])).map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([NAME, NAME]);
    await expect(before.decode([fresh])).rejects.toThrow('a payload is encrypted with the key "k2", which is not in PAYLOAD_KEYS: add it back to decrypt');
  });

  it('refuses a payload altered in its ciphertext, its key id or its tag', async () => {
    const codec = new AesGcmPayloadCodec({ encryptWith: 'k1', keys: { k1, k2 } });
    const [sealed] = await codec.encode([clear(NAME)]);
    const flipped = Buffer.from(sealed.data!);
    flipped[20] ^= 1;
    await expect(codec.decode([{ ...sealed, data: new Uint8Array(flipped) }])).rejects.toThrow(/did not authenticate with the key "k1"/);
    const otherKey = { ...sealed, metadata: { ...sealed.metadata, [KEY_ID_METADATA]: Buffer.from('k2') } };
    await expect(codec.decode([otherKey])).rejects.toThrow(/did not authenticate with the key "k2"/);
    const truncated = { ...sealed, data: sealed.data!.subarray(0, sealed.data!.length - 1) };
    await expect(codec.decode([truncated])).rejects.toThrow(/did not authenticate/);
  });
});
