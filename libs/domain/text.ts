/** Characters that text shown on one line (a subject, a greeting, a heading) must not hold. */

/**
 * An e-mail address as people can read it back: no control, format (zero-width, direction) or space characters,
 * which IsEmail lets through and which make one address look like another (x@demo.vnfil.eu + U+200B).
 */
export const VISIBLE_ADDRESS = /^[^\p{Cc}\p{Cf}\p{Z}]*$/u;

/**
 * Line breaks of every kind: CR, LF, vertical tab, form feed, next line (U+0085), line and paragraph separators
 * (U+2028, U+2029). Unicode's mandatory breaks; any of them splits a mail header or a one-line heading.
 */
export const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/;

/**
 * Characters that change how a line shows without being text: control characters other than the tab (C0, DEL,
 * C1) and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), which can make a name read
 * backwards in a subject or a list. Left-to-right and right-to-left marks and zero-width joiners stay: names in
 * Arabic, Persian or Indic scripts need them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const INVISIBLE_CONTROL = /[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]/;
