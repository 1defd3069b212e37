/** The awarding body's decision on a case, separate from the assessor's recommendation. */
export enum DecisionResult {
  Awarded = 'awarded',
  PartiallyAwarded = 'partially_awarded',
  NotAwarded = 'not_awarded',
}

/** The recognised learning outcomes a decision must name: all for an award, some for partial, none otherwise. */
export function decisionProblems(result: DecisionResult, recognised: string[], allOutcomeIds: string[]): string[] {
  const all = new Set(allOutcomeIds);
  const unknown = recognised.filter((id) => !all.has(id));
  const problems: string[] = [];
  if (unknown.length) problems.push(`recognisedOutcomeIds has learning outcomes that are not in this standard: ${unknown.join(', ')}`);
  if (new Set(recognised).size !== recognised.length) problems.push('recognisedOutcomeIds lists a learning outcome twice');
  const count = new Set(recognised.filter((id) => all.has(id))).size;
  if (result === DecisionResult.Awarded && count !== all.size) {
    problems.push('an award recognises every learning outcome of the standard; for some of them, decide a partial award (result partially_awarded)');
  }
  if (result === DecisionResult.PartiallyAwarded && (count === 0 || count === all.size)) {
    problems.push('a partial award recognises some, but not all, learning outcomes');
  }
  if (result === DecisionResult.NotAwarded && count !== 0) {
    problems.push('a decision not to award recognises no learning outcome');
  }
  return problems;
}
