import { readSelfAssessment } from './candidate.forms';

const t = (key: string) => key;
const [a, b] = ['7a1c6f4e-0000-4000-8000-000000000001', '7a1c6f4e-0000-4000-8000-000000000002'];

describe('readSelfAssessment', () => {
  it('gives the items said, leaves out the outcomes not said yet, trims the statements', () => {
    const read = readSelfAssessment({ _csrf: 'x', [`level-${a}`]: 'confident', [`statement-${a}`]: '  at work  ', [`level-${b}`]: '', [`statement-${b}`]: '' }, [a, b], t);
    expect(read).toEqual({ items: [{ learningOutcomeId: a, level: 'confident', statement: 'at work' }], errors: [], values: expect.any(Object) });
  });

  it('asks for a statement with a level, and a level with a statement', () => {
    const read = readSelfAssessment({ [`level-${a}`]: 'expert', [`statement-${a}`]: ' ', [`level-${b}`]: '', [`statement-${b}`]: 'I did it' }, [a, b], t);
    expect(read?.errors).toEqual([
      { field: `statement-${a}`, message: 'candidate.errors.selfStatementRequired' },
      { field: `level-${b}`, message: 'candidate.errors.levelRequired' },
    ]);
    expect(read?.items).toEqual([]);
  });

  it('calls a field of another outcome, a made-up level or a repeated field malformed (null)', () => {
    expect(readSelfAssessment({ 'level-other': 'expert' }, [a], t)).toBeNull();
    expect(readSelfAssessment({ [`level-${a}`]: 'guru', [`statement-${a}`]: 'x' }, [a], t)).toBeNull();
    expect(readSelfAssessment({ [`statement-${a}`]: ['x', 'y'] }, [a], t)).toBeNull();
  });

  it('refuses a statement longer than the API takes', () => {
    const read = readSelfAssessment({ [`level-${a}`]: 'partly', [`statement-${a}`]: 'x'.repeat(10_001) }, [a], t);
    expect(read?.errors).toEqual([{ field: `statement-${a}`, message: 'candidate.errors.statementTooLong' }]);
  });
});
