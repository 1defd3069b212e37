import { holderCheck } from './holder';
import { hashIdentity } from './open-badge';

const withIdentity = (identifier: unknown) => ({ credentialSubject: { type: ['AchievementSubject'], identifier } });

describe('whether a credential was issued to the candidate presenting it', () => {
  const salt = 'a1b2c3';
  it('matches the salted hash of the address, whatever its case', () => {
    const c = withIdentity([{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt, identityHash: hashIdentity('lena@example.org', salt) }]);
    expect(holderCheck(c, 'Lena@Example.org').outcome).toBe('passed');
    expect(holderCheck(c, 'frank@example.org')).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('issued to someone else') });
  });

  it('matches an address in clear, and cannot tell without an e-mail identity', () => {
    expect(holderCheck(withIdentity({ identityType: 'emailAddress', hashed: false, identityHash: 'lena@example.org' }), 'lena@example.org').outcome).toBe('passed');
    expect(holderCheck(withIdentity([{ identityType: 'studentId', identityHash: '123' }]), 'lena@example.org').outcome).toBe('not_applicable');
    expect(holderCheck(undefined, 'lena@example.org').outcome).toBe('not_applicable');
  });

  it('does not take a hash without its salt for a match', () => {
    const c = withIdentity({ identityType: 'emailAddress', hashed: true, identityHash: hashIdentity('lena@example.org', salt) });
    expect(holderCheck(c, 'lena@example.org').outcome).toBe('failed');
  });
});
