import { EvidenceError } from './evidence.errors';
import { PriorCredentialsService } from './prior-credentials.service';

describe('a credential file as uploaded', () => {
  it('reads JSON as the object, a byte-order mark and blank space ignored', () => {
    expect(PriorCredentialsService.fromFile(Buffer.from('\uFEFF  {"type": ["VerifiableCredential"]}\n'))).toEqual({ type: ['VerifiableCredential'] });
  });

  it('reads anything else as the text of a VC-JWT, trimmed', () => {
    expect(PriorCredentialsService.fromFile(Buffer.from('eyJhbGciOiJFZERTQSJ9.e30.c2ln\r\n'))).toBe('eyJhbGciOiJFZERTQSJ9.e30.c2ln');
  });

  it('refuses JSON that does not parse as not a credential (422)', () => {
    let thrown: unknown;
    try {
      PriorCredentialsService.fromFile(Buffer.from('{"@context": ['));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(EvidenceError);
    expect(thrown).toMatchObject({ code: 'evidence.not_a_credential', status: 422 });
  });
});
