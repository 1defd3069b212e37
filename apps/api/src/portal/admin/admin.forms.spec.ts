import { LOCALES } from '../../../../../libs/domain';
import type { Locale } from '../../../../../libs/domain';
import { Translations } from '../../../../../libs/i18n/i18n';
import { readForm } from '../portal-form';
import { AddAssessorForm } from './admin.forms';

const translations = new Translations();

describe('the add-assessor form', () => {
  const mistakes = async (displayName: string, locale: Locale = 'en') => {
    const form = await readForm(AddAssessorForm, { displayName, email: 'dominique@example.org' }, ['displayName', 'email'], (k, v) => translations.t(locale, k, v));
    return form.ok ? [] : form.errors.map((e) => [e.field, e.message]);
  };

  it('refuses control and direction-override characters in a name, as sign-up does, in the reader’s language', async () => {
    for (const name of ['Dominique\tMartin', 'Dominique\u001bMartin', 'Dominique \u202eMartin']) {
      expect([JSON.stringify(name), await mistakes(name)]).toEqual([JSON.stringify(name), [['displayName', 'The name must be plain text: remove the tab, control or direction-override characters.']]]);
    }
    expect(await mistakes('Dominique\tMartin', 'fr')).toEqual([['displayName', 'Le nom doit être du texte simple : retirez les tabulations et les caractères de contrôle ou de changement de sens d’écriture.']]);
    for (const locale of LOCALES) expect(translations.has(locale, 'admin.errors.namePlainText')).toBe(true);
  });

  it('says "one line" for a line break, and takes a name with joiners', async () => {
    expect(await mistakes('Dominique\nMartin')).toEqual([['displayName', 'The name must be on one line.']]);
    expect(await mistakes('Rāma\u200dKrishna Ōta')).toEqual([]);
  });
});
