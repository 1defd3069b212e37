import type { HttpRequest } from '../common/http';
import { chooseLocale } from './portal-locale';

function request(cookie: string | undefined, accepted: string | false): HttpRequest {
  return { headers: cookie ? { cookie } : {}, acceptsLanguages: () => accepted } as unknown as HttpRequest;
}

describe('chooseLocale', () => {
  it('takes the language chosen in the portal first, then the account’s, then the browser’s, then English', () => {
    expect(chooseLocale(request('vnfil_lang=fr', 'en'), 'en')).toBe('fr');
    expect(chooseLocale(request(undefined, 'en'), 'fr')).toBe('fr');
    expect(chooseLocale(request(undefined, 'fr'), null)).toBe('fr');
    expect(chooseLocale(request(undefined, false), null)).toBe('en');
  });

  it('ignores a cookie or an account language it does not have', () => {
    expect(chooseLocale(request('vnfil_lang=de', 'fr'), 'xx')).toBe('fr');
  });
});
