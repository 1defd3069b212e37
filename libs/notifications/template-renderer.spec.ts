import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssessmentMethodType, AssessmentPurpose, CaseOutcome, DecisionResult, NoShowRule, NotificationTemplate, Recommendation, SESSION_METHOD_TYPES } from '../domain';
import type { Locale, MessagePhrase } from '../domain';
import { deadlineHelper, deadlineHelperFor, defaultTemplatesDir, TemplateRenderer, TemplateRenderError, valueHelpersFor } from './template-renderer';

/** Every variable any template may use, as the workflow and the notification activity supply them: codes, counts, phrases and typed text. */
const FULL_DATA = {
  recipientName: 'Ada Lovelace',
  caseId: '0b6c3d5e-0000-4000-8000-000000000001',
  caseUrl: 'http://127.0.0.1:3000/cases/0b6c3d5e-0000-4000-8000-000000000001',
  standardTitle: 'Facilitating online learning',
  status: 'awarded',
  reason: 'all criteria met' as string | MessagePhrase,
  outcome: CaseOutcome.Awarded,
  dueDate: '2030-01-31',
  lapseDate: '2030-03-01',
  reopenDeadline: '2031-03-01',
  retryDate: '2030-01-02',
  purpose: AssessmentPurpose.Assessment,
  note: { phrase: 'new_case_assigned' } as MessagePhrase,
  recommendation: Recommendation.Award,
  result: DecisionResult.Awarded,
  appealDeadline: '2030-02-28',
  credentialTitle: 'Micro-credential in online facilitation',
  awardingBodyName: 'Open Learning Institute',
  validUntil: '31 January 2031, 23:59 (Europe/Dublin)',
  credentialUrl: 'http://127.0.0.1:3000/credentials/5d0c3d5e-0000-4000-8000-000000000002',
  method: AssessmentMethodType.Interview as string,
  when: '10 January 2027, 14:00 (Europe/Paris)',
  durationMinutes: 45,
  place: 'https://meet.example.org/abc',
  attendees: 'Bo Observer (observer)',
  reschedulesLeft: 2 as number | string,
  candidateNote: 'I am travelling that week',
  then: { phrase: 'session_missed_first', rule: NoShowRule.Withdraw } as MessagePhrase,
};

/** The same data as the worker gives a French recipient: its times are formatted in French (formatDeadline 'fr'). */
const FULL_DATA_FR = {
  ...FULL_DATA,
  validUntil: '31 janvier 2031, 23:59 (Europe/Dublin)',
  when: '10 janvier 2027, 14:00 (Europe/Paris)',
};

/** The words a template writes itself, without its {{…}} variables and blocks. */
function ownWords(source: string): string[] {
  return source
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .split(/[^\p{L}'-]+/u)
    .filter((w) => w.length > 1);
}

describe('TemplateRenderer', () => {
  const renderer = new TemplateRenderer();

  it('has a subject, text and HTML template for every notification', () => {
    for (const id of Object.values(NotificationTemplate)) {
      for (const part of ['subject', 'txt', 'html']) {
        expect(existsSync(join(renderer.templatesDir, 'emails', `${id}.${part}.hbs`))).toBe(true);
      }
    }
  });

  it('renders every template with the data the workflow gives, HTML inside the shared layout', () => {
    for (const id of Object.values(NotificationTemplate)) {
      const message = renderer.render(id, FULL_DATA);
      expect(message.subject).not.toMatch(/\n|\{\{/);
      expect(message.subject.length).toBeGreaterThan(0);
      expect(message.text).toContain('Hello Ada Lovelace,');
      expect(message.html).toContain('<!doctype html>');
      expect(message.html).toContain('href="http://127.0.0.1:3000/cases/0b6c3d5e-0000-4000-8000-000000000001"');
    }
  });

  it('tells a holder when their credential expires and where to renew it', () => {
    const message = renderer.render(NotificationTemplate.CredentialExpiring, FULL_DATA);
    expect(message.subject).toBe('Your credential Micro-credential in online facilitation expires on 31 January 2031, 23:59 (Europe/Dublin)');
    expect(message.text).toContain('awarded by Open Learning Institute, expires on 31 January 2031');
    expect(message.text).toContain(FULL_DATA.credentialUrl);
  });

  it("tells a holder their credential is suspended, valid again or revoked, with the admin's reason as typed, in their language", () => {
    const suspended = renderer.render(NotificationTemplate.CredentialSuspended, { ...FULL_DATA_FR, reason: 'enquête en cours' }, 'fr');
    expect(suspended.subject).toBe('Votre micro-certification Micro-credential in online facilitation est suspendue');
    expect(suspended.text).toContain('Open Learning Institute a suspendu votre micro-certification « Micro-credential in online facilitation ».');
    expect(suspended.text).toContain('Le motif indiqué : enquête en cours');
    expect(suspended.html).toContain(`<a href="${FULL_DATA.credentialUrl}">`);
    expect(renderer.render(NotificationTemplate.CredentialRevoked, FULL_DATA).subject).toBe('Your credential Micro-credential in online facilitation is revoked');
    expect(renderer.render(NotificationTemplate.CredentialReinstated, FULL_DATA).text).toContain('The reason given: all criteria met');
    // a change through the VC API gives no reason: the message says none
    const noReason = renderer.render(NotificationTemplate.CredentialReinstated, { ...FULL_DATA, reason: '' });
    expect(noReason.text).not.toContain('reason');
    expect(noReason.html).not.toContain('reason');
  });

  it('tells the candidate when and where a session is, and whether they can still ask for another time', () => {
    const message = renderer.render(NotificationTemplate.SessionProposed, FULL_DATA);
    expect(message.subject).toBe('Your interview for Facilitating online learning: 10 January 2027, 14:00 (Europe/Paris)');
    expect(message.text).toContain('When: 10 January 2027, 14:00 (Europe/Paris) (45 minutes)');
    expect(message.text).toContain('Also attending: Bo Observer (observer)');
    expect(message.text).toContain('(you may do so 2 more times)');
    expect(message.text).toContain('Your assessor proposes an assessment session for your case on Facilitating online learning: interview.');
    const last = renderer.render(NotificationTemplate.SessionProposed, { ...FULL_DATA, reschedulesLeft: 0, attendees: null });
    expect(last.text).not.toContain('another time if you cannot come');
    expect(last.text).not.toContain('Also attending');
  });

  it('escapes user data in HTML and keeps the subject on one line', () => {
    const message = renderer.render(NotificationTemplate.CaseInadmissible, {
      ...FULL_DATA,
      recipientName: '<script>alert(1)</script>',
      reason: 'see "<img src=x onerror=alert(1)>"',
      standardTitle: 'Welding\nBcc: victim@example.com',
    });
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message.html).not.toContain('<img');
    expect(message.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(message.subject).toBe('Your case on Welding Bcc: victim@example.com is not admissible');
    expect(message.text).toContain('Hello <script>alert(1)</script>,');
  });

  it('keeps the subject on one line whatever break or control character a title stored by another path holds', () => {
    const breaks = ['\r\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029', '\u0000', '\u001b'];
    for (const brk of breaks) {
      const { subject } = renderer.render(NotificationTemplate.CaseClosed, { ...FULL_DATA, standardTitle: `Welding${brk}Bcc: victim@example.com` });
      expect({ brk, subject }).toEqual({ brk, subject: 'Your case on Welding Bcc: victim@example.com is closed' });
    }
  });

  it('has the three parts of every notification in French too, and a French layout', () => {
    for (const id of Object.values(NotificationTemplate)) {
      for (const part of ['subject', 'txt', 'html']) {
        expect(existsSync(join(renderer.templatesDir, 'emails', 'fr', `${id}.${part}.hbs`))).toBe(true);
      }
    }
    expect(existsSync(join(renderer.templatesDir, 'layouts', 'fr', 'email.html.hbs'))).toBe(true);
  });

  it('renders every template in French with the same data, inside the French layout', () => {
    for (const id of Object.values(NotificationTemplate)) {
      const english = renderer.render(id, FULL_DATA, 'en');
      const french = renderer.render(id, FULL_DATA_FR, 'fr');
      expect(english).toEqual(renderer.render(id, FULL_DATA));
      expect(french.subject).not.toMatch(/\n|\{\{/);
      expect({ id, differs: french.subject !== english.subject }).toEqual({ id, differs: true });
      expect(french.text).toContain('Bonjour Ada Lovelace,');
      expect(french.text).toContain('vnfil, validation des apprentissages non formels et informels');
      expect(french.text).not.toContain('Hello');
      expect(french.html).toContain('<!doctype html>');
      expect(french.html).toContain('<html lang="fr">');
      expect(french.html).toContain('<p>Bonjour Ada Lovelace,</p>');
      expect(french.html).toContain('href="http://127.0.0.1:3000/cases/0b6c3d5e-0000-4000-8000-000000000001"');
      expect(french.html).not.toContain('Open the case');
      expect(english.html).toContain('<html lang="en">');
    }
  });

  it('writes no word of the English subject in the French one, beyond the data', () => {
    // spelled the same in both languages
    const shared = new Set(['validation']);
    for (const id of Object.values(NotificationTemplate)) {
      const englishWords = ownWords(readFileSync(join(renderer.templatesDir, 'emails', `${id}.subject.hbs`), 'utf8'));
      const frenchWords = new Set(renderer.render(id, FULL_DATA_FR, 'fr').subject.toLowerCase().split(/[^\p{L}'-]+/u));
      const dataWords = new Set(Object.values(FULL_DATA_FR).flatMap((v) => String(v).toLowerCase().split(/[^\p{L}'-]+/u)));
      const left = englishWords.map((w) => w.toLowerCase()).filter((w) => frenchWords.has(w) && !dataWords.has(w) && !shared.has(w));
      expect({ id, left }).toEqual({ id, left: [] });
    }
  });

  it('words the French subjects as a French reader expects', () => {
    const subject = (id: NotificationTemplate) => renderer.render(id, FULL_DATA_FR, 'fr').subject;
    expect(subject(NotificationTemplate.CaseSubmitted)).toBe('Votre dossier sur Facilitating online learning a été déposé');
    expect(subject(NotificationTemplate.EvidenceRequested)).toBe('Des preuves complémentaires sont demandées pour votre dossier sur Facilitating online learning');
    expect(subject(NotificationTemplate.AssessorReminder)).toBe('Rappel : votre évaluation sur Facilitating online learning est attendue au plus tard le 2030-01-31');
    expect(subject(NotificationTemplate.CredentialExpiring)).toBe(
      'Votre micro-certification Micro-credential in online facilitation expire le 31 janvier 2031, 23:59 (Europe/Dublin)',
    );
    expect(subject(NotificationTemplate.SessionProposed)).toBe("Votre séance d'évaluation (entretien) pour Facilitating online learning : 10 janvier 2027, 14:00 (Europe/Paris)");
    expect(subject(NotificationTemplate.AppealReceived)).toBe('Recours sur un dossier sur Facilitating online learning');
  });

  it('keeps the conditional parts of a French message', () => {
    const proposed = renderer.render(NotificationTemplate.SessionProposed, FULL_DATA_FR, 'fr');
    expect(proposed.text).toContain('Date : 10 janvier 2027, 14:00 (Europe/Paris) (45 minutes)');
    expect(proposed.text).toContain('Autres participants : Bo Observer (observer)');
    expect(proposed.text).toContain('demander un autre horaire si vous ne pouvez pas venir');
    const last = renderer.render(NotificationTemplate.SessionProposed, { ...FULL_DATA_FR, reschedulesLeft: 0, attendees: null }, 'fr');
    expect(last.text).not.toContain('demander un autre horaire si vous ne pouvez pas venir');
    expect(last.text).not.toContain('Autres participants');
    expect(renderer.render(NotificationTemplate.DecisionMade, FULL_DATA_FR, 'fr').text).toContain("Vous pouvez former un recours une fois, jusqu'au 2030-02-28.");
    expect(renderer.render(NotificationTemplate.DecisionMade, { ...FULL_DATA_FR, appealDeadline: null }, 'fr').text).toContain('Cette décision est définitive.');
  });

  it('escapes user data in French HTML and keeps the French subject on one line', () => {
    const message = renderer.render(
      NotificationTemplate.CaseInadmissible,
      { ...FULL_DATA_FR, recipientName: '<script>alert(1)</script>', reason: 'voir "<img src=x onerror=alert(1)>"', standardTitle: 'Soudure\r\nBcc: victim@example.com' },
      'fr',
    );
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message.html).not.toContain('<img');
    expect(message.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(message.subject).toBe("Votre dossier sur Soudure Bcc: victim@example.com n'est pas recevable");
  });

  it('fails clearly for a language it has no messages in, and names the French file that lacks data', () => {
    expect(() => renderer.render(NotificationTemplate.CaseClosed, FULL_DATA, 'de' as Locale)).toThrow(/there are no messages in "de": the languages are en, fr/);
    const { reason: _reason, ...withoutReason } = FULL_DATA_FR;
    expect(() => renderer.render(NotificationTemplate.CaseWithdrawn, withoutReason, 'fr')).toThrow(/cannot render fr\/case-withdrawn\.(txt|html)\.hbs: phrase needs a text or a known phrase, got undefined/);
  });

  it('fails clearly when the data lacks a variable', () => {
    const { reason: _reason, ...withoutReason } = FULL_DATA;
    expect(() => renderer.render(NotificationTemplate.CaseWithdrawn, withoutReason)).toThrow(TemplateRenderError);
    expect(() => renderer.render(NotificationTemplate.CaseWithdrawn, withoutReason)).toThrow(/case-withdrawn\.(txt|html)\.hbs: phrase needs a text or a known phrase, got undefined/);
    const { standardTitle: _title, ...withoutTitle } = FULL_DATA;
    expect(() => renderer.render(NotificationTemplate.CaseWithdrawn, withoutTitle)).toThrow(/case-withdrawn\.(subject|txt|html)\.hbs: "standardTitle" not defined/);
  });

  it('shows the appeal deadline only when there is one', () => {
    expect(renderer.render(NotificationTemplate.DecisionMade, FULL_DATA).text).toContain('You may appeal once, until 2030-02-28.');
    expect(renderer.render(NotificationTemplate.DecisionMade, { ...FULL_DATA, appealDeadline: null }).text).toContain('This decision is final.');
  });
});

describe('the words the process sends as codes', () => {
  const renderer = new TemplateRenderer();
  /** English words a French message must not hold once the data (names, title, link) is left out. */
  const ENGLISH = /\b(the|you|your|and|will|more|times|once|interview|simulation|assessor|assessment|candidate|session|reason|withdrawn|awarded|recorded|evidence|missing|learning|outcomes?|appeal|within|days|asked|another|time|case|alone|fault|process)\b/i;
  const withoutData = (text: string) => text.replaceAll(FULL_DATA.standardTitle, '').replace(/http:\/\/\S+/g, '');
  const SESSION_MESSAGES = [
    NotificationTemplate.SessionProposed,
    NotificationTemplate.SessionConfirmed,
    NotificationTemplate.SessionRescheduleRequested,
    NotificationTemplate.SessionReminder,
    NotificationTemplate.SessionCancelled,
    NotificationTemplate.SessionMissed,
  ];
  const PHRASES: MessagePhrase[] = [
    { phrase: 'withdrawn_by_candidate' },
    { phrase: 'second_session_missed_withdrawn' },
    { phrase: 'evidence_request_expired' },
    { phrase: 'decided_after_appeal' },
    { phrase: 'no_appeal_in_window', days: 30 },
    { phrase: 'lapsed_again' },
    { phrase: 'not_reopened_in_window', days: 20 },
    { phrase: 'reschedule_requested' },
    { phrase: 'session_postponed' },
    { phrase: 'case_passed_on' },
    { phrase: 'evidence_missing', outcomes: ['LO1 (Planifie une séance)', 'LO2 (Anime une séance)'] },
    { phrase: 'assessment_overdue', days: 14 },
    { phrase: 'conflict_declared' },
    { phrase: 'process_fault', detail: 'ECONNREFUSED 127.0.0.1:5432' },
    { phrase: 'new_case_assigned' },
    { phrase: 'appeal_reassessment' },
    { phrase: 'session_missed_first', rule: NoShowRule.Withdraw },
    { phrase: 'session_missed_first', rule: NoShowRule.Portfolio },
    { phrase: 'session_missed_second_portfolio' },
  ];

  it('writes a French session message with no English fragment, whatever the method and the reason', () => {
    const reasons: MessagePhrase[] = [{ phrase: 'reschedule_requested' }, { phrase: 'session_postponed' }, { phrase: 'case_passed_on' }];
    const thens: MessagePhrase[] = [{ phrase: 'session_missed_first', rule: NoShowRule.Withdraw }, { phrase: 'session_missed_first', rule: NoShowRule.Portfolio }, { phrase: 'session_missed_second_portfolio' }];
    for (const method of SESSION_METHOD_TYPES) {
      for (const [i, reason] of reasons.entries()) {
        for (const id of SESSION_MESSAGES) {
          const message = renderer.render(id, { ...FULL_DATA_FR, attendees: null, method, reason, then: thens[i], reschedulesLeft: i }, 'fr');
          for (const part of [message.subject, message.text, message.html]) {
            expect({ id, method, reason, english: withoutData(part).match(ENGLISH)?.[0] ?? null }).toEqual({ id, method, reason, english: null });
          }
        }
      }
    }
    const proposed = renderer.render(NotificationTemplate.SessionProposed, { ...FULL_DATA_FR, method: AssessmentMethodType.Simulation }, 'fr');
    expect(proposed.text).toContain('pour votre dossier sur Facilitating online learning : mise en situation.');
    const cancelled = renderer.render(NotificationTemplate.SessionCancelled, { ...FULL_DATA_FR, reason: { phrase: 'reschedule_requested' } }, 'fr');
    expect(cancelled.text).toContain("n'aura pas lieu : vous avez demandé un autre horaire ; l'évaluateur en proposera un.");
    expect(cancelled.subject).toBe("La séance d'évaluation (entretien) du 10 janvier 2027, 14:00 (Europe/Paris) n'aura pas lieu");
  });

  it('words every phrase the process makes up in French, and in the English it wrote before', () => {
    for (const reason of PHRASES) {
      const french = renderer.render(NotificationTemplate.CaseWithdrawn, { ...FULL_DATA_FR, reason }, 'fr');
      expect({ reason, english: withoutData(french.text).match(ENGLISH)?.[0] ?? null }).toEqual({ reason, english: null });
    }
    const english = (reason: MessagePhrase) => renderer.render(NotificationTemplate.CaseWithdrawn, { ...FULL_DATA, reason }).text;
    expect(english({ phrase: 'withdrawn_by_candidate' })).toContain('Reason: withdrawn by the candidate');
    expect(english({ phrase: 'evidence_missing', outcomes: ['LO1 (Plans)'] })).toContain('Reason: evidence is missing for learning outcome LO1 (Plans)');
    expect(english({ phrase: 'evidence_missing', outcomes: ['LO1 (Plans)', 'LO2 (Runs)', 'LO3 (Ends)'] })).toContain('learning outcomes LO1 (Plans), LO2 (Runs) and LO3 (Ends)');
    expect(renderer.render(NotificationTemplate.CaseWithdrawn, { ...FULL_DATA_FR, reason: { phrase: 'evidence_missing', outcomes: ['LO1', 'LO2'] } }, 'fr').text).toContain(
      "Motif : des preuves manquent pour les acquis d'apprentissage LO1 et LO2",
    );
    expect(english({ phrase: 'no_appeal_in_window', days: 30 })).toContain('Reason: no appeal within 30 days of the decision');
    expect(renderer.render(NotificationTemplate.SessionMissed, { ...FULL_DATA, then: { phrase: 'session_missed_first', rule: NoShowRule.Portfolio } }).text).toContain(
      'If you miss that one too without asking for another time, your case is assessed on your portfolio alone.',
    );
  });

  it('words the codes of a method, purpose, recommendation, decision and outcome in the reader\'s language', () => {
    const fr = (id: NotificationTemplate, data: Record<string, unknown>) => renderer.render(id, { ...FULL_DATA_FR, ...data }, 'fr').text;
    const en = (id: NotificationTemplate, data: Record<string, unknown>) => renderer.render(id, { ...FULL_DATA, ...data }).text;
    expect(fr(NotificationTemplate.AssessorAssigned, { purpose: AssessmentPurpose.Appeal, note: { phrase: 'appeal_reassessment' } })).toContain('Objet : réévaluation sur recours.');
    expect(fr(NotificationTemplate.AssessorAssigned, {})).toContain('Un nouveau dossier vous est attribué.');
    expect(en(NotificationTemplate.AssessorAssigned, { purpose: AssessmentPurpose.Appeal })).toContain('Purpose: reassessment on appeal.');
    expect(fr(NotificationTemplate.DecisionNeeded, { recommendation: Recommendation.PartialAward })).toContain('La recommandation est : délivrer partiellement la certification.');
    expect(en(NotificationTemplate.DecisionNeeded, { recommendation: Recommendation.NotAward })).toContain('The recommendation is: do not award.');
    expect(en(NotificationTemplate.DecisionNeeded, { recommendation: 'none' })).toContain('The recommendation is: none recorded.');
    expect(fr(NotificationTemplate.DecisionNeeded, { recommendation: 'none' })).toContain('La recommandation est : aucune enregistrée.');
    expect(fr(NotificationTemplate.DecisionMade, { result: DecisionResult.PartiallyAwarded })).toContain('statué sur votre dossier sur Facilitating online learning : certification partiellement délivrée.');
    expect(renderer.render(NotificationTemplate.DecisionMade, { ...FULL_DATA, result: DecisionResult.NotAwarded }).subject).toBe('Decision on your case on Facilitating online learning: not awarded');
    expect(fr(NotificationTemplate.CaseClosed, { outcome: CaseOutcome.ClosedByBody })).toContain("le résultat suivant : dossier clôturé par l'organisme certificateur.");
    expect(en(NotificationTemplate.CaseClosed, { outcome: CaseOutcome.PartiallyAwarded })).toContain('with the outcome partially awarded.');
  });

  it('says how many more times the candidate may ask for another time, in their language', () => {
    const proposed = (locale: Locale, reschedulesLeft: number | string) =>
      renderer.render(NotificationTemplate.SessionProposed, { ...(locale === 'fr' ? FULL_DATA_FR : FULL_DATA), reschedulesLeft }, locale).text;
    expect(proposed('en', 1)).toContain('(you may do so once more)');
    expect(proposed('en', 3)).toContain('(you may do so 3 more times)');
    expect(proposed('fr', 1)).toContain('(vous pouvez le faire encore une fois)');
    expect(proposed('fr', 2)).toContain('(vous pouvez le faire encore 2 fois)');
    expect(proposed('en', 0)).not.toContain('ask for another time if you cannot come');
    expect(proposed('fr', 0)).not.toContain('demander un autre horaire si vous ne pouvez pas venir');
  });

  it('prints as they are the English words an earlier version of the process put into a message still to be written', () => {
    const old = {
      ...FULL_DATA,
      reschedulesLeft: 'once more',
      reason: 'you asked for another time; the assessor will propose one',
      then: 'The assessor will propose one new session.',
      note: 'A new case is assigned to you.',
      purpose: 'reassessment on appeal',
      recommendation: 'partial award',
      result: 'partially awarded',
      outcome: 'closed by the awarding body',
    };
    expect(renderer.render(NotificationTemplate.SessionProposed, old).text).toContain('(you may do so once more)');
    expect(renderer.render(NotificationTemplate.SessionProposed, { ...old, reschedulesLeft: '' }).text).not.toContain('ask for another time if you cannot come');
    expect(renderer.render(NotificationTemplate.SessionCancelled, old).text).toContain('will not take place: you asked for another time; the assessor will propose one.');
    expect(renderer.render(NotificationTemplate.SessionMissed, old).text).toContain('The assessor will propose one new session.');
    expect(renderer.render(NotificationTemplate.AssessorAssigned, old).text).toContain('A new case is assigned to you.');
    expect(renderer.render(NotificationTemplate.AssessorAssigned, old).text).toContain('Purpose: reassessment on appeal.');
    expect(renderer.render(NotificationTemplate.DecisionNeeded, old).text).toContain('The recommendation is: partial award.');
    expect(renderer.render(NotificationTemplate.DecisionMade, old).subject).toBe('Decision on your case on Facilitating online learning: partially awarded');
    expect(renderer.render(NotificationTemplate.CaseClosed, old).text).toContain('with the outcome closed by the awarding body.');
    // in French too: the old words are what the message meant, never an error that parks the case
    expect(renderer.render(NotificationTemplate.SessionProposed, { ...old, ...FULL_DATA_FR, reschedulesLeft: '2 more times' }, 'fr').text).toContain('(vous pouvez le faire 2 more times)');
  });

  it('keeps a reason a person typed as typed, in either language', () => {
    const typed = 'Je déménage à Lyon; merci de fermer le dossier.';
    expect(renderer.render(NotificationTemplate.CaseWithdrawn, { ...FULL_DATA_FR, reason: typed }, 'fr').text).toContain(`Motif : ${typed}`);
    expect(renderer.render(NotificationTemplate.CaseWithdrawn, { ...FULL_DATA, reason: typed }).text).toContain(`Reason: ${typed}`);
  });

  it('refuses a value that is missing, a phrase it does not know and a table that does not exist', () => {
    const wrong: [Record<string, unknown>, NotificationTemplate, RegExp][] = [
      [{ reason: { phrase: 'from_a_later_version' } }, NotificationTemplate.CaseWithdrawn, /phrase needs a text or a known phrase, got \{"phrase":"from_a_later_version"\}/],
      [{ reason: { phrase: 'constructor' } }, NotificationTemplate.CaseWithdrawn, /phrase needs a text or a known phrase/],
      [{ reason: null }, NotificationTemplate.CaseWithdrawn, /phrase needs a text or a known phrase, got null/],
      [{ method: undefined }, NotificationTemplate.SessionReminder, /word "method" needs a code, got undefined/],
      [{ reschedulesLeft: 1.5 }, NotificationTemplate.SessionProposed, /reschedules needs a whole number, got number 1.5/],
    ];
    for (const [data, id, message] of wrong) {
      expect(() => renderer.render(id, { ...FULL_DATA, ...data })).toThrow(TemplateRenderError);
      expect(() => renderer.render(id, { ...FULL_DATA, ...data })).toThrow(message);
    }
    const options = { hash: {} };
    expect(() => valueHelpersFor('en').word('colour', 'blue', options)).toThrow(/word knows the tables method, purpose, recommendation, decision, outcome/);
    expect(() => valueHelpersFor('en').word('method', options)).toThrow(/word takes two arguments/);
    expect(valueHelpersFor('fr').word('method', 'observation', options)).toBe('observation');
    expect(valueHelpersFor('fr').word('method', 'jury', options)).toBe('jury');
  });
});

describe('the deadline helper', () => {
  // No message uses the helper yet: a copy of the templates where one message does, through the real renderer.
  const dir = mkdtempSync(join(tmpdir(), 'vnfil-templates-'));
  let renderer: TemplateRenderer;
  const data = { ...FULL_DATA, dueAt: '2027-04-11T21:59:59.999Z', timeZone: 'Europe/Paris' };

  beforeAll(() => {
    cpSync(defaultTemplatesDir(), dir, { recursive: true });
    const id = NotificationTemplate.EvidenceRequested;
    writeFileSync(join(dir, 'emails', `${id}.txt.hbs`), 'Hello {{recipientName}},\nPlease answer by {{deadline dueAt timeZone}}.\n');
    writeFileSync(join(dir, 'emails', `${id}.html.hbs`), '{{#> layouts/email heading="More evidence is needed"}}<p>Please answer by {{deadline dueAt timeZone}}.</p>{{/layouts/email}}');
    writeFileSync(join(dir, 'emails', 'fr', `${id}.txt.hbs`), 'Bonjour {{recipientName}},\nMerci de répondre au plus tard le {{deadline dueAt timeZone}}.\n');
    writeFileSync(
      join(dir, 'emails', 'fr', `${id}.html.hbs`),
      '{{#> layouts/email heading="Des preuves complémentaires sont demandées"}}<p>Merci de répondre au plus tard le {{deadline dueAt timeZone}}.</p>{{/layouts/email}}',
    );
    renderer = new TemplateRenderer(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the deadline in the body's time zone, with the zone named", () => {
    const message = renderer.render(NotificationTemplate.EvidenceRequested, data);
    expect(message.text).toContain('Please answer by 11 April 2027, 23:59 (Europe/Paris).');
    expect(message.html).toContain('<p>Please answer by 11 April 2027, 23:59 (Europe/Paris).</p>');
    expect(renderer.render(NotificationTemplate.EvidenceRequested, { ...data, timeZone: 'America/New_York' }).text).toContain(
      'Please answer by 11 April 2027, 17:59 (America/New_York).',
    );
  });

  it('writes the deadline in French in a French message', () => {
    const message = renderer.render(NotificationTemplate.EvidenceRequested, data, 'fr');
    expect(message.text).toContain('Merci de répondre au plus tard le 11 avril 2027, 23:59 (Europe/Paris).');
    expect(message.html).toContain('<p>Merci de répondre au plus tard le 11 avril 2027, 23:59 (Europe/Paris).</p>');
    expect(renderer.render(NotificationTemplate.EvidenceRequested, { ...data, dueAt: '2028-02-29T22:59:59.999Z' }, 'fr').text).toContain(
      'au plus tard le 29 février 2028, 23:59 (Europe/Paris).',
    );
    // the English message of the same renderer keeps English words
    expect(renderer.render(NotificationTemplate.EvidenceRequested, data, 'en').text).toContain('Please answer by 11 April 2027, 23:59 (Europe/Paris).');
  });

  it('fails the rendering, never writes "Invalid DateTime", when the deadline or the zone is missing or wrong', () => {
    const { dueAt: _dueAt, ...withoutDueAt } = data;
    const { timeZone: _timeZone, ...withoutZone } = data;
    const wrong: [Record<string, unknown>, RegExp][] = [
      // strict mode does not check a helper's arguments: the helper does
      [withoutDueAt, /deadline needs an ISO 8601 instant, got undefined/],
      [withoutZone, /deadline needs an IANA time zone name, got undefined/],
      [{ ...data, dueAt: null }, /deadline needs an ISO 8601 instant, got null/],
      [{ ...data, dueAt: 1_807_826_399_999 }, /deadline needs an ISO 8601 instant, got number/],
      [{ ...data, dueAt: 'soon' }, /"soon" is not an ISO 8601 instant/],
      [{ ...data, dueAt: '2027-04-11' }, /"2027-04-11" is not an ISO 8601 instant with an offset/],
      [{ ...data, dueAt: '2027-13-45T25:00:00Z' }, /is not a valid date and time/],
      [{ ...data, timeZone: 'UTC+3' }, /"UTC\+3" is not an IANA time zone name/],
      [{ ...data, timeZone: null }, /deadline needs an IANA time zone name, got null/],
    ];
    for (const [given, reason] of wrong) {
      let error: unknown;
      try {
        renderer.render(NotificationTemplate.EvidenceRequested, given);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(TemplateRenderError);
      expect((error as Error).message).toMatch(/^cannot render evidence-requested\.(txt|html)\.hbs: /);
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message).not.toMatch(/Invalid DateTime/);
    }
  });

  it('takes exactly an instant and a zone', () => {
    const options = { hash: {} };
    expect(deadlineHelper('2027-04-11T21:59:59.999Z', 'Europe/Helsinki', options)).toBe('12 April 2027, 00:59 (Europe/Helsinki)');
    expect(() => deadlineHelper('2027-04-11T21:59:59.999Z', options)).toThrow(/deadline takes two arguments/);
    expect(() => deadlineHelper('2027-04-11T21:59:59.999Z', 'Europe/Paris', 'fr', options)).toThrow(/deadline takes two arguments/);
    expect(deadlineHelperFor('fr')('2027-04-11T21:59:59.999Z', 'Europe/Helsinki', options)).toBe('12 avril 2027, 00:59 (Europe/Helsinki)');
    expect(() => deadlineHelperFor('fr')('2027-04-11T21:59:59.999Z', options)).toThrow(/deadline takes two arguments/);
  });
});

describe('a language with a missing part', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vnfil-templates-'));
  beforeEach(() => cpSync(defaultTemplatesDir(), dir, { recursive: true }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops the renderer at construction, as a missing English part does', () => {
    rmSync(join(dir, 'emails', 'fr', 'case-closed.txt.hbs'));
    expect(() => new TemplateRenderer(dir)).toThrow(TemplateRenderError);
    expect(() => new TemplateRenderer(dir)).toThrow(/template case-closed has no fr txt part: .*emails\/fr\/case-closed\.txt\.hbs is missing/);
  });

  it('stops it when the French layout is missing', () => {
    rmSync(join(dir, 'layouts', 'fr', 'email.html.hbs'));
    expect(() => new TemplateRenderer(dir)).toThrow(/the fr e-mail layout is missing/);
  });

  it('stops it when an English part is missing', () => {
    rmSync(join(dir, 'emails', 'case-closed.subject.hbs'));
    expect(() => new TemplateRenderer(dir)).toThrow(/template case-closed has no en subject part/);
  });
});
