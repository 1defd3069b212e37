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
