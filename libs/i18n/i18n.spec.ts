import { LOCALES } from '../domain';
import { MissingTranslationError, Translations } from './i18n';

describe('message catalogues', () => {
  const translations = new Translations();

  it('give every language the same keys', () => {
    const english = translations.keys('en').sort();
    expect(english.length).toBeGreaterThan(100);
    for (const locale of LOCALES) expect(translations.keys(locale).sort()).toEqual(english);
  });

  it('give each text the same placeholders in every language', () => {
    const placeholders = (text: string) => (text.match(/\{\{\w+\}\}/g) ?? []).sort();
    const different = translations
      .keys('en')
      .filter((key) => JSON.stringify(placeholders(translations.t('en', key, {}))) !== JSON.stringify(placeholders(translations.t('fr', key, {}))));
    // t fills placeholders it has values for; without values they stay, so compare them raw
    expect(different).toEqual([]);
  });

  it('fill in values without escaping them (the templates escape) and refuse a key a language lacks', () => {
    expect(translations.t('fr', 'email.greeting', { name: '<b>Zoé</b>' })).toBe('Bonjour <b>Zoé</b>,');
    expect(() => translations.t('fr', 'site.noSuchKey')).toThrow(MissingTranslationError);
    expect(() => translations.t('en', 'site')).toThrow(MissingTranslationError);
  });
});
