import { methodWords } from '../calendar/invitation';
import { AssessmentPurpose, CaseOutcome, DecisionResult, NoShowRule, outcomeWords, purposeWords, Recommendation, recommendationWords, decisionWords } from '../domain';
import type { Locale, MessagePhrase, MessagePhraseCode } from '../domain';

/**
 * The words of the values the process puts into a message (codes, counts, the reasons it makes up), in each
 * language; the templates ask for them with the helpers of TemplateRenderer (`word`, `phrase`, `reschedules`).
 * A value this version has no words for is written as it came: a message a previous version of the process
 * asked for carries English words instead of codes, and they are still what it meant.
 */

/** The value tables a template can name: `{{word "method" method}}`. */
export const WORD_TABLES = ['method', 'purpose', 'recommendation', 'decision', 'outcome'] as const;
export type WordTable = (typeof WORD_TABLES)[number];

/** A recommendation the body's admins are told when none stands (the decision was revoked before any assessment). */
export const NO_RECOMMENDATION = 'none';

const FRENCH: Record<Exclude<WordTable, 'method'>, Record<string, string>> = {
  purpose: {
    [AssessmentPurpose.Assessment]: 'évaluation',
    [AssessmentPurpose.Moderation]: 'modération',
    [AssessmentPurpose.Appeal]: 'réévaluation sur recours',
  } satisfies Record<AssessmentPurpose, string>,
  recommendation: {
    ...({
      [Recommendation.Award]: 'délivrer la certification',
      [Recommendation.PartialAward]: 'délivrer partiellement la certification',
      [Recommendation.NotAward]: 'ne pas délivrer la certification',
    } satisfies Record<Recommendation, string>),
    [NO_RECOMMENDATION]: 'aucune enregistrée',
  },
  decision: {
    [DecisionResult.Awarded]: 'certification délivrée',
    [DecisionResult.PartiallyAwarded]: 'certification partiellement délivrée',
    [DecisionResult.NotAwarded]: 'certification non délivrée',
  } satisfies Record<DecisionResult, string>,
  outcome: {
    [CaseOutcome.Awarded]: 'certification délivrée',
    [CaseOutcome.PartiallyAwarded]: 'certification partiellement délivrée',
    [CaseOutcome.NotAwarded]: 'certification non délivrée',
    [CaseOutcome.Inadmissible]: 'dossier non recevable',
    [CaseOutcome.Withdrawn]: 'dossier retiré',
    [CaseOutcome.Lapsed]: 'dossier caduc',
    [CaseOutcome.ClosedByBody]: "dossier clôturé par l'organisme certificateur",
  } satisfies Record<CaseOutcome, string>,
};

/** English words of a code, from libs/domain/wording.ts (the words of the case log and the API's refusals). */
function english(table: Exclude<WordTable, 'method'>, value: string): string | undefined {
  const known: Record<typeof table, readonly string[]> = {
    purpose: Object.values(AssessmentPurpose),
    recommendation: Object.values(Recommendation),
    decision: Object.values(DecisionResult),
    outcome: Object.values(CaseOutcome),
  };
  if (table === 'recommendation' && value === NO_RECOMMENDATION) return 'none recorded';
  if (!known[table].includes(value)) return undefined;
  const words = { purpose: purposeWords, recommendation: recommendationWords, decision: decisionWords, outcome: outcomeWords }[table];
  return words(value);
}

/** The words of a code in a table ("interview" → "entretien"); a value that is no code of it is given as it is. */
export function wordFor(table: WordTable, value: string, locale: Locale): string {
  if (table === 'method') return methodWords(value, locale);
  return (locale === 'fr' ? FRENCH[table][value] : english(table, value)) ?? value;
}

/** How many more times a candidate may ask for another time: "once more", "2 more times"; "encore une fois", "encore 2 fois". */
export function reschedulesWords(count: number, locale: Locale): string {
  if (locale === 'fr') return count === 1 ? 'encore une fois' : `encore ${count} fois`;
  return count === 1 ? 'once more' : `${count} more times`;
}

/** "a, b and c", "a, b et c". */
function list(items: readonly string[], locale: Locale): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${locale === 'fr' ? 'et' : 'and'} ${items[items.length - 1]}`;
}

type PhraseWords = { [K in MessagePhraseCode]: (p: Extract<MessagePhrase, { phrase: K }>) => string };

const PHRASES: Record<Locale, PhraseWords> = {
  en: {
    withdrawn_by_candidate: () => 'withdrawn by the candidate',
    second_session_missed_withdrawn: () => "the candidate missed a second assessment session without notice; under the awarding body's rule the case is withdrawn",
    evidence_request_expired: () => 'evidence request expired',
    decided_after_appeal: () => 'decided after appeal; no further appeal',
    no_appeal_in_window: (p) => `no appeal within ${p.days} days of the decision`,
    lapsed_again: () => 'lapsed again after being reopened; a case can be reopened only once',
    not_reopened_in_window: (p) => `not reopened within ${p.days} days of lapsing`,
    reschedule_requested: () => 'you asked for another time; the assessor will propose one',
    session_postponed: () => 'the assessor postponed it and will propose another time',
    case_passed_on: () => 'the case passed to another assessor, who will propose a new time',
    evidence_missing: (p) => `evidence is missing for ${p.outcomes.length === 1 ? 'learning outcome' : 'learning outcomes'} ${list(p.outcomes, 'en')}`,
    assessment_overdue: (p) => `no assessment within ${p.days} days`,
    conflict_declared: () => 'the assessor declared a conflict of interest with the candidate',
    process_fault: (p) => `the case's process stopped on a fault: ${p.detail}`,
    new_case_assigned: () => 'A new case is assigned to you.',
    appeal_reassessment: () => 'The candidate appealed the decision: you reassess the case afresh.',
    session_missed_first: (p) =>
      `The assessor will propose one new session. If you miss that one too without asking for another time, ${p.rule === NoShowRule.Withdraw ? 'the awarding body withdraws the case' : 'your case is assessed on your portfolio alone'}.`,
    session_missed_second_portfolio: () => "This was the second session you missed without notice: under the awarding body's rule your case is now assessed on your portfolio alone.",
  },
  fr: {
    withdrawn_by_candidate: () => 'retiré par le candidat',
    second_session_missed_withdrawn: () => "le candidat a manqué une deuxième séance d'évaluation sans prévenir ; selon la règle de l'organisme certificateur, le dossier est retiré",
    evidence_request_expired: () => 'la demande de preuves complémentaires a expiré',
    decided_after_appeal: () => 'décision rendue après recours ; aucun nouveau recours possible',
    no_appeal_in_window: (p) => `aucun recours dans les ${p.days} jours suivant la décision`,
    lapsed_again: () => "devenu caduc une deuxième fois après sa réouverture ; un dossier ne peut être rouvert qu'une fois",
    not_reopened_in_window: (p) => `non rouvert dans les ${p.days} jours suivant sa caducité`,
    reschedule_requested: () => "vous avez demandé un autre horaire ; l'évaluateur en proposera un",
    session_postponed: () => "l'évaluateur l'a reportée et proposera un autre horaire",
    case_passed_on: () => 'le dossier a été confié à un autre évaluateur, qui proposera un nouvel horaire',
    evidence_missing: (p) => `des preuves manquent pour ${p.outcomes.length === 1 ? "l'acquis d'apprentissage" : "les acquis d'apprentissage"} ${list(p.outcomes, 'fr')}`,
    assessment_overdue: (p) => `aucune évaluation enregistrée dans les ${p.days} jours`,
    conflict_declared: () => "l'évaluateur a déclaré un conflit d'intérêts avec le candidat",
    process_fault: (p) => `le traitement du dossier s'est arrêté sur une erreur : ${p.detail}`,
    new_case_assigned: () => 'Un nouveau dossier vous est attribué.',
    appeal_reassessment: () => 'Le candidat a formé un recours contre la décision : vous réévaluez entièrement le dossier.',
    session_missed_first: (p) =>
      `L'évaluateur vous proposera une nouvelle séance. Si vous manquez aussi celle-ci sans avoir demandé un autre horaire, ${p.rule === NoShowRule.Withdraw ? "l'organisme certificateur retirera le dossier" : 'votre dossier sera évalué sur votre seul portfolio'}.`,
    session_missed_second_portfolio: () =>
      "C'est la deuxième séance que vous manquez sans prévenir : selon la règle de l'organisme certificateur, votre dossier est désormais évalué sur votre seul portfolio.",
  },
};

/** Whether a value is a phrase this version can word. */
export function isPhrase(value: unknown): value is MessagePhrase {
  return typeof value === 'object' && value !== null && typeof (value as { phrase?: unknown }).phrase === 'string' && Object.hasOwn(PHRASES.en, (value as { phrase: string }).phrase);
}

/** A phrase in words. */
export function phraseWords(phrase: MessagePhrase, locale: Locale): string {
  const words = PHRASES[locale][phrase.phrase] as (p: MessagePhrase) => string;
  return words(phrase);
}
