import { AccountMessages } from './account-messages';

describe('AccountMessages', () => {
  const messages = new AccountMessages();
  const link = 'https://vnfil.example.org/portal/verify-email?token=abc';

  it('writes the confirmation in the recipient’s language, the link in both parts', () => {
    const en = messages.render('verify-email', 'en', { recipientName: 'Ana', link, hours: 48 });
    const fr = messages.render('verify-email', 'fr', { recipientName: 'Zoé', link, hours: 48 });
    expect(en.subject).toBe('Confirm your e-mail address for vnfil');
    expect(fr.subject).toBe('Confirmez votre adresse e-mail pour vnfil');
    expect(en.text).toContain(`Hello Ana,\n\nConfirm that this is your address by opening the link below within 48 hours.\n\n${link}`);
    expect(fr.html).toContain(`<a href="${link.replace(/=/g, '&#x3D;')}">Confirmer mon adresse</a>`);
    expect(fr.html).toContain('<html lang="fr">');
  });

  it('escapes the person’s name in HTML and keeps the subject on one line', () => {
    const reset = messages.render('reset-password', 'en', { recipientName: '<img src=x onerror=alert(1)>', link, minutes: 60 });
    expect(reset.html).not.toContain('<img');
    expect(reset.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(reset.text).toContain('Hello <img src=x onerror=alert(1)>,');
    expect(reset.subject).toBe('Choose a new vnfil password');
  });

  it('tells an account’s owner of a sign-up with their address, in their language, with the ways in and no one-time link', () => {
    const ways = { signInLink: 'https://vnfil.example.org/portal/sign-in', resetLink: 'https://vnfil.example.org/portal/forgot-password' };
    const en = messages.render('sign-up-attempt', 'en', { recipientName: 'Ana', ...ways });
    const fr = messages.render('sign-up-attempt', 'fr', { recipientName: 'Zoé', ...ways });
    expect(en.subject).toBe('Someone tried to create a vnfil account with your address');
    expect(fr.subject).toBe('Quelqu’un a essayé de créer un compte vnfil avec votre adresse');
    expect(en.text).toContain(`Hello Ana,\n\nSomeone, perhaps you, tried to create a vnfil account with this e-mail address.`);
    expect(en.text).toContain(`To sign in to your account:\n${ways.signInLink}\n\nIf you have forgotten your password, choose a new one here:\n${ways.resetLink}`);
    expect(fr.text).toContain('Bonjour Zoé,');
    expect(fr.html).toContain(`<a href="${ways.signInLink}">Se connecter</a>`);
    expect(fr.html).toContain(`<a href="${ways.resetLink}">Choisir un nouveau mot de passe</a>`);
    expect(en.text).not.toContain('token=');
  });

  it('invites an assessor in their language, naming the body, with the password link, its days and the way to a new one', () => {
    const data = { bodyName: 'Institut <Sud>', link, days: 7, forgotLink: 'https://vnfil.example.org/portal/forgot-password' };
    const en = messages.render('assessor-invitation', 'en', { recipientName: 'Ana', ...data });
    const fr = messages.render('assessor-invitation', 'fr', { recipientName: 'Zoé', ...data });
    expect(en.subject).toBe('Institut <Sud> invites you to assess on vnfil');
    expect(fr.subject).toBe('Institut <Sud> vous invite à évaluer sur vnfil');
    expect(en.text).toContain(`Hello Ana,\n\nInstitut <Sud> has added you to vnfil as an assessor`);
    expect(en.text).toContain(`within 7 days. It works once`);
    expect(en.text).toContain(`\n\n${link}\n\n`);
    expect(en.text).toContain(`If the link has expired, ask for a new one here with this address:\n${data.forgotLink}`);
    expect(en.text).not.toMatch(/60 minutes|reset/i);
    expect(fr.text).toContain('dans les 7 jours');
    expect(fr.html).toContain('Institut &lt;Sud&gt; vous a ajouté');
    expect(fr.html).toContain(`<a href="${link.replace(/=/g, '&#x3D;')}">Choisir mon mot de passe</a>`);
  });
});
