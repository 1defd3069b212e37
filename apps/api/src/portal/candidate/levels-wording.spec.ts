import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SelfAssessmentLevel } from '../../../../../libs/domain';

const catalogue = (locale: string, area: string) => JSON.parse(readFileSync(join(__dirname, '../../../../../templates/locales', locale, `${area}.json`), 'utf8')) as Record<string, Record<string, string>>;

/** The candidate says their level in the same words the assessor then reads it in (a trial found them apart). */
describe('self-assessment levels', () => {
  it.each(['en', 'fr'])('are worded alike on the candidate’s and the assessor’s pages (%s)', (locale) => {
    const candidate = catalogue(locale, 'candidate').levels!;
    const assessor = catalogue(locale, 'assessor').level!;
    for (const level of Object.values(SelfAssessmentLevel)) {
      expect(candidate[level]).toBeTruthy();
      expect(candidate[level]).toBe(assessor[level]);
    }
  });
});
