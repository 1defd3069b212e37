/**
 * Links from a standard or a learning outcome to frameworks people already use: ESCO skills and occupations
 * (https://esco.ec.europa.eu) and a level of a national qualification framework, each by URI. They become
 * Open Badges 3.0 `alignment` entries and European Learning Model relations, and the catalogue searches them.
 */
export enum AlignmentKind {
  EscoSkill = 'esco_skill',
  EscoOccupation = 'esco_occupation',
  /** A level of a national qualification framework (referenced to the EQF), by the framework's own URI. */
  NqfLevel = 'nqf_level',
}

export interface Alignment {
  kind: AlignmentKind;
  /** The concept's URI, e.g. http://data.europa.eu/esco/skill/<uuid>. */
  uri: string;
  /** The concept's preferred label, as the framework names it. */
  title: string;
}

/** Open Badges 3.0 AlignmentTargetType extensions (`ext:` prefix, the spec's pattern) for each kind. */
export const ALIGNMENT_TARGET_TYPES: Readonly<Record<AlignmentKind, string>> = Object.freeze({
  [AlignmentKind.EscoSkill]: 'ext:ESCOSkill',
  [AlignmentKind.EscoOccupation]: 'ext:ESCOOccupation',
  [AlignmentKind.NqfLevel]: 'ext:NQFLevel',
});

// ESCO concept URIs (https://esco.ec.europa.eu/en/about-esco/escopedia/escopedia/esco-uri): skills and occupations
// are identified by a UUID; ISCO-08 groups, which ESCO publishes as occupation classes, by "C" and the ISCO code
const ESCO_SKILL = /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ESCO_OCCUPATION = /^http:\/\/data\.europa\.eu\/esco\/(occupation\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|isco\/C\d{1,4})$/;

/**
 * An absolute http(s) URI of RFC 3986's characters only (no quotes, braces, spaces; % escapes allowed), with a host
 * and no user name or password: it identifies a concept, and goes as written into credentials and feeds.
 */
function isAbsoluteHttpUri(value: string): boolean {
  if (!/^https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/.test(value) || /%(?![0-9A-Fa-f]{2})/.test(value)) return false;
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && !!url.hostname && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Why `uri` cannot stand for a concept of `kind`, or null when its form is right (the URI is not looked up). */
export function alignmentUriProblem(kind: AlignmentKind, uri: string): string | null {
  switch (kind) {
    case AlignmentKind.EscoSkill:
      return ESCO_SKILL.test(uri) ? null : 'an ESCO skill is written http://data.europa.eu/esco/skill/<uuid>, as ESCO publishes it';
    case AlignmentKind.EscoOccupation:
      return ESCO_OCCUPATION.test(uri)
        ? null
        : 'an ESCO occupation is written http://data.europa.eu/esco/occupation/<uuid> (or an ISCO-08 group, http://data.europa.eu/esco/isco/C<code>)';
    case AlignmentKind.NqfLevel:
      return isAbsoluteHttpUri(uri) ? null : 'a national qualification framework level is an absolute http(s) URI of the framework';
    default:
      return `kind must be one of ${Object.values(AlignmentKind).join(', ')}`;
  }
}

/**
 * The problems of a list of alignments, each naming its place (`field`.n.uri): a URI of the wrong form for its kind,
 * or the same kind and URI twice. Empty when the list is right.
 */
export function alignmentProblems(alignments: readonly Alignment[], field: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  alignments.forEach((a, i) => {
    const problem = alignmentUriProblem(a.kind, a.uri);
    if (problem) problems.push(`${field}.${i}.uri ${a.uri} is not valid: ${problem}`);
    const key = `${a.kind} ${a.uri}`;
    if (seen.has(key)) problems.push(`${field}.${i} repeats the ${a.kind} ${a.uri}: list each once`);
    seen.add(key);
  });
  return problems;
}
