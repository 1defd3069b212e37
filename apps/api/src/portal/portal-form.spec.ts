import { EmailForm, SignUpForm } from './accounts/account.forms';
import { MalformedFormError, readForm } from './portal-form';

const words = (key: string, values: Record<string, unknown>) => `${key}${Object.keys(values).length ? JSON.stringify(values) : ''}`;

describe('readForm', () => {
  it('gives the typed form when every rule holds, without the anti-forgery token', async () => {
    const result = await readForm(EmailForm, { _csrf: 't', email: 'ana@example.org' }, ['email'], words);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ email: 'ana@example.org' }) });
  });

  it('gives the mistakes in the order of the fields, with their values kept and the rule’s numbers', async () => {
    const result = await readForm(SignUpForm, { password: 'short', email: 'nope', displayName: '' }, ['displayName', 'email', 'password'], words);
    expect(result).toEqual({
      ok: false,
      values: { password: 'short', email: 'nope', displayName: '' },
      lists: {},
      errors: [
        { field: 'displayName', message: 'account.errors.nameRequired' },
        { field: 'email', message: 'form.email' },
        { field: 'password', message: 'form.passwordTooShort{"min":12}' },
      ],
    });
  });

  it('calls a form with a field it does not have, or a field sent twice, malformed', async () => {
    await expect(readForm(EmailForm, { email: 'a@b.org', role: 'body_admin' }, ['email'], words)).rejects.toThrow(MalformedFormError);
    await expect(readForm(EmailForm, { email: ['a@b.org', 'c@d.org'] }, ['email'], words)).rejects.toThrow(MalformedFormError);
  });

  it('calls a mistake without words for people (a field the page fills in) malformed', async () => {
    const failing = (key: string) => {
      if (!key) throw new Error('no such key');
      return key;
    };
    await expect(readForm(EmailForm, {}, ['email'], failing)).resolves.toMatchObject({ ok: false });
  });
});

describe('the sign-up form’s name', () => {
  const read = (displayName: string) => readForm(SignUpForm, { displayName, email: 'ana@example.org', password: 'a long enough passphrase' }, ['displayName', 'email', 'password'], words);

  it('says a control character is one, and a line break is a second line', async () => {
    for (const name of ['Ana\tBell', 'Ana\u0000', 'Ana\u202eleB']) {
      expect(await read(name)).toMatchObject({ ok: false, errors: [{ field: 'displayName', message: 'account.errors.nameControl' }] });
    }
    expect(await read('Ana\r\nBell')).toMatchObject({ ok: false, errors: [{ field: 'displayName', message: 'account.errors.nameSingleLine' }] });
    expect(await read('Zoe\u0301')).toMatchObject({ ok: true });
  });
});
