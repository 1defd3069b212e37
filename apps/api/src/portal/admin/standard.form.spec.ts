import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AssessmentMethodType, CaseFailure, LOCALES } from '../../../../../libs/domain';
import { Translations } from '../../../../../libs/i18n/i18n';
import { MalformedFormError } from '../portal-form';
import { REFUSAL_CODES, refusalKey, refusalText } from './refusal';
import { blankStandardForm, readStandardForm, SETTING_KEYS, settingsFromTexts, settingsMistakes, standardDtoOf, standardFormMistakes, withRowChange } from './standard.form';

const translations = new Translations();
const en = (key: string, values?: Record<string, unknown>) => translations.t('en', key, values);

/** A form as the browser posts it: the blank form's fields, with these changed. */
function posted(fields: Record<string, string>): Record<string, string> {
  return {
    outcomes: '1',
    'criteria-0': '1',
    methods: '2',
    alignments: '1',
    stackables: '1',
    code: 'DATA-2',
    title: 'Data analysis',
    eqfLevel: '4',
    workloadHours: '60',
    'outcome-0-code': 'LO1',
    'outcome-0-description': 'Prepare a data set.',
    'outcome-0-criterion-0-code': 'LO1.1',
    'outcome-0-criterion-0-description': 'Removes duplicates.',
    mcTitle: 'Data analysis',
    typeOfAssessment: 'Portfolio',
    formOfParticipation: 'blended',
    typeOfQualityAssurance: 'Internal moderation',
    ...fields,
  };
}

describe('the standard editor form', () => {
  it('reads assessment methods, alignments, languages and process settings into the API input, leaving blank rows and settings out', async () => {
    const { state, action } = readStandardForm(
      posted({
        'method-0-code': 'INT',
        'method-0-type': 'interview',
        'method-0-description': 'A professional discussion.',
        'outcome-0-methods': 'INT',
        languages: 'EN, fr',
        nqfLevel: '5',
        validityMonths: '36',
        'setting-assessorSlaDays': '21',
        'setting-moderationSampleRate': '0,25',
        'setting-requireAdmissibility': 'yes',
        'stackable-0-title': 'Certificate in Business Data Analysis',
      }),
    );
    expect(action).toEqual({ kind: 'save' });
    const dto = standardDtoOf(state, false);
    expect(dto.assessmentMethods).toEqual([{ code: 'INT', type: AssessmentMethodType.Interview, description: 'A professional discussion.' }]);
    expect(dto.alignments).toEqual([]);
    expect(dto.languages).toEqual(['en', 'fr']);
    expect(dto.nqfLevel).toBe(5);
    expect(dto.settings).toEqual({ assessorSlaDays: 21, moderationSampleRate: 0.25, requireAdmissibility: true });
    expect(dto.learningOutcomes[0]!.assessmentMethods).toEqual(['INT']);
    expect(dto.microCredential.validityMonths).toBe(36);
    expect(dto.microCredential.stackableInto).toEqual([{ title: 'Certificate in Business Data Analysis' }]);
    await expect(standardFormMistakes(dto, state, en)).resolves.toEqual([]);
  });

  it('puts each mistake next to its field, in the catalogue’s words, at the row where it was typed', async () => {
    const { state } = readStandardForm(
      posted({
        // the first method row is left blank: the second one's mistake is still shown on the second row
        'method-1-code': 'bad code!',
        'method-1-type': 'interview',
        'method-1-description': 'A discussion.',
        'outcome-0-methods': 'OBS',
        'alignment-0-kind': 'esco_skill',
        'alignment-0-uri': 'http://example.org/not-esco',
        'alignment-0-title': 'Teamwork',
        'setting-assessorSlaDays': 'ten',
        'setting-sessionReminderHours': '400',
        languages: 'english',
      }),
    );
    const mistakes = await standardFormMistakes(standardDtoOf(state, false), state, en);
    expect(Object.fromEntries(mistakes.map((m) => [m.field, m.message]))).toEqual({
      'method-1-code': en('admin.standards.errors.methodCode'),
      'alignment-0-uri': en('admin.standards.errors.alignmentUri'),
      languages: en('admin.standards.errors.languages'),
      'outcome-0-methods': 'OBS: not a code of the methods above.',
      'setting-assessorSlaDays': 'Enter a number, or leave it empty.',
    });
    // once every setting is a number, the domain's bounds and orders are checked
    const next = readStandardForm(posted({ 'setting-sessionReminderHours': '400', 'setting-assessorReminderDays': '20' })).state;
    const more = await standardFormMistakes(standardDtoOf(next, false), next, en);
    expect(more).toEqual([
      { field: 'setting-assessorReminderDays', message: en('admin.standards.errors.setting.before.assessorReminderDays') },
      { field: 'setting-sessionReminderHours', message: 'Enter whole hours, from 1 to 336.' },
    ]);
  });

  it('words a mistake in every setting, in both languages, whatever the field was sent with', async () => {
    const wrong = ['-1', 'ten', '99999999', 'maybe', 'bogus'];
    for (const key of SETTING_KEYS) {
      for (const text of wrong) {
        const mistakes = settingsMistakes({ [key]: text }, 'admin.standards.errors.setting.before');
        // no setting accepts any of these: a mistake next to a setting's field (the borderline pair's is shown
        // at its low end), in words both catalogues hold
        expect(mistakes.length).toBeGreaterThan(0);
        for (const { field } of mistakes) expect(field).toMatch(/^setting-/);
        for (const { key: words, values } of mistakes) for (const locale of LOCALES) expect(() => translations.t(locale, words, values)).not.toThrow();
      }
    }
    // a yes/no is yes or no, nothing else
    expect(settingsFromTexts({ requireAdmissibility: 'no' })).toEqual({ requireAdmissibility: false });
    expect(settingsMistakes({ requireAdmissibility: 'maybe' }, 'admin.standards.errors.setting.before')).toEqual([{ field: 'setting-requireAdmissibility', key: 'admin.standards.errors.choose' }]);
  });

  it('refuses codes used twice before the service does', async () => {
    const { state } = readStandardForm(
      posted({
        'method-0-code': 'INT',
        'method-0-type': 'interview',
        'method-0-description': 'One.',
        'method-1-code': 'INT',
        'method-1-type': 'test',
        'method-1-description': 'Two.',
        languages: 'en, en',
      }),
    );
    const fields = (await standardFormMistakes(standardDtoOf(state, false), state, en)).map((m) => m.field);
    expect(fields).toEqual(['method-1-code', 'languages']);
  });

  it('adds and removes rows of methods, alignments and qualifications by the button pressed, keeping the other rows', () => {
    const form = posted({ 'method-0-code': 'INT', 'method-1-code': 'OBS', action: 'remove-method-0' });
    const { state, action } = readStandardForm(form);
    const removed = withRowChange(state, action);
    expect(removed.methods.map((m) => m.code)).toEqual(['OBS']);
    const added = withRowChange(removed, readStandardForm({ ...form, action: 'add-alignment' }).action);
    expect(added.alignments).toHaveLength(2);
    expect(() => readStandardForm({ ...form, action: 'remove-method-7' })).toThrow(MalformedFormError);
    expect(() => readStandardForm({ ...form, 'method-5-code': 'X' })).toThrow(MalformedFormError);
  });

  it('saves the credit system the admin chose (ECTS or ECVET), none without credits, and asks for one when credits have none', async () => {
    const dtoOf = (fields: Record<string, string>) => standardDtoOf(readStandardForm(posted(fields)).state, false);
    expect(dtoOf({ credits: '3', creditSystem: 'ECVET' })).toMatchObject({ credits: 3, creditSystem: 'ECVET' });
    expect(dtoOf({ credits: '2,5', creditSystem: 'ECTS' })).toMatchObject({ credits: 2.5, creditSystem: 'ECTS' });
    expect(dtoOf({ credits: '', creditSystem: 'ECVET' })).toMatchObject({ credits: null, creditSystem: null });
    const { state } = readStandardForm(posted({ credits: '3', creditSystem: '' }));
    await expect(standardFormMistakes(standardDtoOf(state, false), state, en)).resolves.toEqual([{ field: 'creditSystem', message: 'Choose the system the credits count in.' }]);
    const forged = readStandardForm(posted({ credits: '3', creditSystem: 'CATS' })).state;
    await expect(standardFormMistakes(standardDtoOf(forged, false), forged, en)).resolves.toEqual([{ field: 'creditSystem', message: 'Choose one.' }]);
    expect(blankStandardForm().values.creditSystem).toBe('ECTS');
  });

  it('starts a new standard with one blank row of each list', () => {
    const blank = blankStandardForm();
    expect([blank.methods.length, blank.alignments.length, blank.stackables.length, blank.outcomes.length]).toEqual([1, 1, 1, 1]);
  });
});

describe('refusals on the admin pages', () => {
  const rejected = (type: CaseFailure) => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message: 'in English', nonRetryable: true }));

  it('has words for every refusal code and process failure, in every language', () => {
    const keys = [...REFUSAL_CODES.map((c) => refusalKey(c)), ...Object.values(CaseFailure).map((f) => refusalKey('process.rejected', rejected(f))), refusalKey('something.new')];
    expect(keys).toContain('admin.refusals.other');
    for (const locale of LOCALES) for (const key of keys) expect([locale, key, translations.has(locale, key)]).toEqual([locale, key, true]);
  });

  it("words the process's refusals as the candidate's and the assessor's pages do, and a service's by its code", () => {
    expect(refusalKey('process.rejected', rejected(CaseFailure.InvalidInput))).toBe('step.refused.invalid');
    expect(refusalKey('process.rejected', rejected(CaseFailure.NotAllowedInStatus))).toBe('step.refused.movedOn');
    expect(refusalKey('process.rejected', rejected(CaseFailure.DeadlinePassed))).toBe('step.refused.deadline');
    expect(refusalKey('credential.revoked')).toBe('admin.refusals.credential.revoked');
    expect(refusalText('step.refused.invalid', en)).toBe('The case could not take these values. Nothing was changed: check them and try again.');
    expect(refusalText('admin.refusals.credential.revoked', en)).toBe('This could not be done: the credential is revoked: nothing more can be done with it.');
  });
});
