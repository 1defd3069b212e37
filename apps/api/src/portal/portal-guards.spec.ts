import { portalPath } from './portal-guards';

describe('portalPath: where a form may send a person back to', () => {
  it.each(['/portal', '/portal/candidate', '/portal/sign-in?next=%2Fportal'])('keeps the portal path %s', (path) => {
    expect(portalPath(path)).toBe(path);
  });

  it.each(['https://evil.example/portal', '//evil.example/portal', '/\\evil.example', '/portal/\\evil', '/portal /x', '/cases', '/portal/../..//evil.example/x', '/portal/%2e%2e/cases', '/portalx', '', undefined, 42])(
    'refuses %p for the fallback',
    (path) => {
      expect(portalPath(path, '/portal/admin')).toBe('/portal/admin');
    },
  );
});
