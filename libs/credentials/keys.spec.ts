import { randomBytes } from 'node:crypto';
import { decryptSecretKey, encryptSecretKey, generateAwardingBodyKey, publicKeyJwk } from './keys';
import type { AwardingBodyKey, SecretKeyring } from './keys';

const keyring = (keys: Record<string, Buffer>, encryptWith: string): SecretKeyring => ({ keys, encryptWith });

describe('awarding body keys', () => {
  let key: AwardingBodyKey;
  beforeAll(async () => {
    key = await generateAwardingBodyKey();
  });

  it('draws an Ed25519 multikey whose issuer is its did:key', () => {
    expect(key.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(key.controller).toBe(`did:key:${key.publicKeyMultibase}`);
    expect(key.id).toBe(`${key.controller}#${key.publicKeyMultibase}`);
    expect(key.secretKeyMultibase).toMatch(/^z/);
  });

  it('publishes the public half as a JWK without the secret', async () => {
    const jwk = await publicKeyJwk(key);
    expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), kid: key.id });
    expect(jwk).not.toHaveProperty('d');
  });

  it('encrypts the secret key at rest and decrypts it back, also after rotation', async () => {
    const k1 = randomBytes(32);
    const stored = encryptSecretKey(key, keyring({ k1 }, 'k1'));
    expect(stored).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain(key.secretKeyMultibase);
    const { secretKeyMultibase, ...rest } = key;
    expect(secretKeyMultibase).toBeTruthy();
    expect(await decryptSecretKey({ ...rest, encryptedSecretKey: stored }, keyring({ k1 }, 'k1'))).toEqual(key);
    expect(await decryptSecretKey({ ...rest, encryptedSecretKey: stored }, keyring({ k1, k2: randomBytes(32) }, 'k2'))).toEqual(key);
  });

  it('fails to decrypt under a wrong environment key, a missing key, another verification method or an altered ciphertext', async () => {
    const { secretKeyMultibase: _secret, ...rest } = key;
    const stored = encryptSecretKey(key, keyring({ k1: randomBytes(32) }, 'k1'));
    await expect(decryptSecretKey({ ...rest, encryptedSecretKey: stored }, keyring({ k1: randomBytes(32) }, 'k1'))).rejects.toThrow('did not authenticate with the key "k1"');
    await expect(decryptSecretKey({ ...rest, encryptedSecretKey: stored }, keyring({ k2: randomBytes(32) }, 'k2'))).rejects.toThrow('which is not in the keyring');

    const env = keyring({ k1: randomBytes(32) }, 'k1');
    const sealed = encryptSecretKey(key, env);
    const other = await generateAwardingBodyKey();
    await expect(
      decryptSecretKey({ id: other.id, controller: other.controller, publicKeyMultibase: other.publicKeyMultibase, encryptedSecretKey: sealed }, env),
    ).rejects.toThrow('did not authenticate');
    const body = Buffer.from(sealed.split('.')[2], 'base64url');
    body[20] ^= 1;
    await expect(decryptSecretKey({ ...rest, encryptedSecretKey: `v1.k1.${body.toString('base64url')}` }, env)).rejects.toThrow('did not authenticate');
    await expect(decryptSecretKey({ ...rest, encryptedSecretKey: 'v2.k1.AAAA' }, env)).rejects.toThrow('not in the v1 format');
  });

  it('refuses a secret key that does not match the public key it is stored with', async () => {
    const other = await generateAwardingBodyKey();
    const env = keyring({ k1: randomBytes(32) }, 'k1');
    const sealed = encryptSecretKey({ id: key.id, secretKeyMultibase: other.secretKeyMultibase }, env);
    const { secretKeyMultibase: _secret, ...rest } = key;
    await expect(decryptSecretKey({ ...rest, encryptedSecretKey: sealed }, env)).rejects.toThrow('does not match its public key');
  });

  it('refuses to encrypt with a key that is not 32 bytes', () => {
    expect(() => encryptSecretKey(key, keyring({ k1: randomBytes(16) }, 'k1'))).toThrow('is not 32 bytes long');
  });
});
