import { MalformedFormError } from '../portal-form';
import { readEvidenceRequest, readQueueFilters, readRubric } from './assessor.forms';

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

describe('readQueueFilters', () => {
  const standardId = '6f1c2b1e-8d4a-4c6b-9a53-0b6f3c2d1e10';

  it('applies the standard, the status, overdue only and the search, and keeps them for the paging links', async () => {
    const filters = await readQueueFilters({ standardId, status: 'under_assessment', overdue: 'true', q: ' Amira ', notice: 'x' }, words);
    expect(filters.errors).toEqual([]);
    expect(filters.query).toEqual({ q: ' Amira ', standardId, status: ['under_assessment'], overdue: true });
    expect(filters.kept).toEqual({ standardId, status: 'under_assessment', q: ' Amira ', overdue: 'true' });
    expect(filters.values).toEqual({ q: ' Amira ', standardId, status: 'under_assessment', overdue: 'true' });
  });

  it('treats empty fields (the form sends them) as no filter', async () => {
    await expect(readQueueFilters({ standardId: '', status: '', q: '' }, words)).resolves.toEqual({
      values: { q: '', standardId: '', status: '', overdue: '' },
      query: {},
      kept: {},
      errors: [],
    });
  });

  it('names each filter that does not hold and leaves it out, applying the others', async () => {
    const filters = await readQueueFilters({ standardId: 'not-a-standard', status: 'sleeping', overdue: 'false', q: 'x'.repeat(101), cursor: 'abc' }, words);
    expect(filters.errors.map((e) => e.field)).toEqual(['standardId', 'status', 'q', 'overdue']);
    expect(filters.errors[2]!.message).toBe('assessor.filters.errors.q{"max":100}');
    expect(filters.query).toEqual({ cursor: 'abc' });
    expect(filters.kept).toEqual({});
    expect(filters.values.standardId).toBe('not-a-standard');
  });

  it('refuses a filter sent twice, and a cursor that is not one, without throwing', async () => {
    const filters = await readQueueFilters({ standardId: [standardId, standardId], q: ['a', 'b'], cursor: 'not base64!' }, words);
    expect(filters.errors.map((e) => e.field)).toEqual(['standardId', 'q', 'cursor']);
    expect(filters.errors[2]).toMatchObject({ anchor: 'queue-filters', message: 'assessor.filters.errors.cursor' });
    expect(filters.query).toEqual({});
    expect(filters.values).toEqual({ q: '', standardId: '', status: '', overdue: '' });
  });

  it('takes several statuses, as the API does', async () => {
    const filters = await readQueueFilters({ status: ['assessor_assigned', 'under_assessment'] }, words);
    expect(filters.query.status).toEqual(['assessor_assigned', 'under_assessment']);
    expect(filters.kept).toEqual({ status: 'assessor_assigned,under_assessment' });
  });
});
