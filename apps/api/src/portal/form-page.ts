/**
 * The page a form belongs to, from the address it was posted to: where a page re-shown after a mistake sends its
 * language switch (and anything else that must be read back with GET). Most forms post to their page's own address;
 * a step of a case posts below the case page; these are the others. Every portal POST route maps to a GET page
 * (test/e2e/portal-access.test.ts checks it against the app's router).
 */
const FORM_PAGES: [RegExp, (m: RegExpMatchArray) => string][] = [
  // a case's steps, the candidate's and the assessor's: the case page
  [/^(\/portal\/(?:assessor\/)?cases\/[^/]+)\/.+$/, (m) => m[1]!],
  // the admin's assignment and attention forms: the case's management page
  [/^(\/portal\/admin\/cases\/[^/]+)\/(?:assessor|attention)$/, (m) => `${m[1]}/manage`],
  [/^(\/portal\/admin\/assessors)\/[^/]+\/deactivate$/, (m) => m[1]!],
  [/^(\/portal\/standards\/[^/]+)\/start$/, (m) => m[1]!],
  [/^\/portal\/verify\/file$/, () => '/portal/verify'],
  [/^\/portal\/(?:sign-out|language)$/, () => '/portal'],
];

/** `path`: a POST's path, without its query (an upload carries its anti-forgery token there). */
export function formPage(path: string): string {
  for (const [pattern, page] of FORM_PAGES) {
    const m = path.match(pattern);
    if (m) return page(m);
  }
  return path;
}
