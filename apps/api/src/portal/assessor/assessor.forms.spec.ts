import { MalformedFormError } from '../portal-form';
import { readEvidenceRequest, readRubric } from './assessor.forms';

const words = (key: string, values: Record<string, unknown>) => `${key}${Object.keys(values).length ? JSON.stringify(values) : ''}`;
const criteria = [
  { id: 'c1', code: 'LO1.1' },
  { id: 'c2', code: 'LO1.2' },
];

describe('readRubric', () => {
  it('gives every judgement in the standard’s order, the recommendation and the comment', async () => {
    const body = { _csrf: 't', 'result-c2': 'not_met', 'result-c1': 'met', 'comment-c1': ' clear log ', 'comment-c2': '', recommendation: 'not_award', comment: ' done ' };
    await expect(readRubric(body, criteria, words)).resolves.toEqual({
      ok: true,
      value: {
        judgements: [
          { criterionId: 'c1', result: 'met', comment: 'clear log' },
          { criterionId: 'c2', result: 'not_met', comment: null },
        ],
        recommendation: 'not_award',
        comment: 'done',
      },
    });
  });

  it('names each criterion left unjudged, and the recommendation, keeping what was sent', async () => {
    const result = await readRubric({ 'result-c2': 'met', 'comment-c1': 'half done' }, criteria, words);
    expect(result).toEqual({
      ok: false,
      values: { 'comment-c1': 'half done', 'result-c2': 'met', 'comment-c2': '' },
      errors: [
        { field: 'result-c1', message: 'assessor.errors.resultRequired{"code":"LO1.1"}' },
        { field: 'recommendation', message: 'assessor.errors.recommendationRequired' },
      ],
    });
  });

  it('calls a result the page does not offer a mistake, and a field for another criterion malformed', async () => {
    const result = await readRubric({ 'result-c1': 'brilliant', 'result-c2': 'met', recommendation: 'award' }, criteria, words);
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'result-c1' }] });
    await expect(readRubric({ 'result-c9': 'met' }, criteria, words)).rejects.toThrow(MalformedFormError);
  });
});

describe('readEvidenceRequest', () => {
  it('gives the message and the outcomes ticked', async () => {
    await expect(readEvidenceRequest({ message: ' a chart ', 'outcome-o2': 'yes' }, ['o1', 'o2'], words)).resolves.toEqual({
      ok: true,
      value: { message: 'a chart', learningOutcomeIds: ['o2'] },
    });
  });

  it('asks for a message and at least one outcome, keeping the boxes ticked', async () => {
    await expect(readEvidenceRequest({ message: '  ' }, ['o1'], words)).resolves.toEqual({
      ok: false,
      values: { message: '  ' },
      errors: [
        { field: 'message', message: 'assessor.errors.messageRequired' },
        { field: 'outcomes', message: 'assessor.errors.outcomesRequired' },
      ],
    });
    await expect(readEvidenceRequest({ message: '', 'outcome-o1': 'yes' }, ['o1'], words)).resolves.toMatchObject({ ok: false, values: { 'outcome-o1': 'yes' } });
  });

  it('calls a box that sent something else malformed', async () => {
    await expect(readEvidenceRequest({ message: 'x', 'outcome-o1': 'no' }, ['o1'], words)).rejects.toThrow(MalformedFormError);
  });
});
