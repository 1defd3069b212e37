import { METADATA_ENCODING_KEY } from '@temporalio/common';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PayloadKeyring } from '../config/config';

/** The encoding of a payload this codec encrypted; any other payload passes through untouched. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = new TextEncoder();
const fromText = new TextDecoder();

export class PayloadCodecError extends Error {
  override name = 'PayloadCodecError';
}

/**
 * Encrypts every Temporal payload (workflow and activity arguments and results, update and signal arguments,
 * query answers, memos) with AES-256-GCM, so that the Temporal server and whoever reads its histories see no
 * personal data. The whole payload (metadata and data) is encrypted; the key id travels in clear, so several
 * keys can decrypt (rotation) while the newest encrypts. Payloads without this encoding (histories recorded
 * before the codec, or by a client without it) are decoded as they are.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {
    if (!keyring.keys[keyring.encryptWith]) throw new PayloadCodecError(`no payload key ${keyring.encryptWith} to encrypt with`);
    for (const [id, key] of Object.entries(keyring.keys)) {
      if (key.length !== 32) throw new PayloadCodecError(`payload key ${id} is not 32 bytes long`);
    }
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const keyId = this.keyring.encryptWith;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyring.keys[keyId], iv);
    cipher.setAAD(text.encode(keyId));
    const clear = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(clear), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: text.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text.encode(keyId) },
      data: new Uint8Array(sealed),
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (!encoding || fromText.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    const keyId = idBytes ? fromText.decode(idBytes) : '';
    const key = this.keyring.keys[keyId];
    if (!key) throw new PayloadCodecError(`a payload is encrypted with the key "${keyId}", which is not in PAYLOAD_KEYS: add it back to decrypt`);
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new PayloadCodecError('an encrypted payload is too short to be genuine');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(text.encode(keyId));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let clear: Buffer;
    try {
      clear = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch (err) {
      throw new PayloadCodecError(`an encrypted payload did not authenticate with the key "${keyId}": it was altered or encrypted with another key`, { cause: err });
    }
    return temporal.api.common.v1.Payload.decode(clear) as Payload;
  }
}
