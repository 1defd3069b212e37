import { MalformedFormError } from '../portal-form';
import { readProposal, readSessionRecord } from './session.forms';

const words = (key: string, values: Record<string, unknown>) => `${key}${Object.keys(values).length ? JSON.stringify(values) : ''}`;
const NOW = new Date('2027-03-10T09:00:00Z');
const rules = { methodCodes: ['INT'], timeZone: 'Europe/Paris', noticeMinutes: 60, now: NOW };

describe('readProposal', () => {
  it('takes a local time in the candidate’s zone, a place or a link, and the people attending', async () => {
    const body = { _csrf: 't', methodCode: 'INT', startsAt: '2027-03-12T10:30', durationMinutes: ' 45 ', location: ' Salle 2 ', onlineUrl: '', attendeeName1: 'Bo', attendeeRole1: 'observer', attendeeName2: '', attendeeRole2: '' };
    await expect(readProposal(body, rules, words)).resolves.toEqual({
      ok: true,
      value: { methodCode: 'INT', startsAt: '2027-03-12T10:30', durationMinutes: 45, location: 'Salle 2', attendees: [{ name: 'Bo', role: 'observer' }] },
    });
  });

  it('names each mistake in the order of the form, keeping what was sent', async () => {
    const body = { methodCode: 'PF', startsAt: '2027-03-10T09:30', durationMinutes: '45', location: '', attendeeRole1: 'observer' };
    await expect(readProposal(body, rules, words)).resolves.toEqual({
      ok: false,
      values: body,
      errors: [
        { field: 'methodCode', message: 'session.errors.methodRequired' },
        // 10:30 in Paris is 30 minutes from NOW: less than the body's hour of notice
        { field: 'startsAt', message: 'session.errors.startsAtNotice{"minutes":60}' },
        { field: 'location', message: 'session.errors.placeRequired' },
        { field: 'attendeeName1', message: 'session.errors.attendeeBoth' },
      ],
    });
  });

  it('refuses a time the clocks skip, one too far ahead, a duration out of bounds and a plain http link', async () => {
    const skipped = await readProposal({ methodCode: 'INT', startsAt: '2027-03-28T02:30', durationMinutes: '45', location: 'Lyon' }, rules, words);
    expect(skipped).toMatchObject({ ok: false, errors: [{ field: 'startsAt', message: 'session.errors.startsAtMissing{"zone":"Europe/Paris"}' }] });
    const noSuchDay = await readProposal({ methodCode: 'INT', startsAt: '2027-02-30T10:00', durationMinutes: '45', location: 'Lyon' }, rules, words);
    expect(noSuchDay).toMatchObject({ ok: false, errors: [{ field: 'startsAt', message: 'session.errors.startsAtNoSuchDate' }] });
    const far = await readProposal({ methodCode: 'INT', startsAt: '2028-03-12T10:30', durationMinutes: '45', location: 'Lyon' }, rules, words);
    expect(far).toMatchObject({ ok: false, errors: [{ field: 'startsAt', message: 'session.errors.startsAtHorizon{"days":180}' }] });
    const odd = await readProposal({ methodCode: 'INT', startsAt: '2027-03-12T10:30', durationMinutes: '4.5', onlineUrl: 'http://meet.example.org/x' }, rules, words);
    expect(odd).toMatchObject({ ok: false, errors: [{ field: 'durationMinutes' }, { field: 'onlineUrl', message: 'session.errors.onlineUrl' }] });
  });

  it('calls a field the form does not have malformed', async () => {
    await expect(readProposal({ methodCode: 'INT', room: 'B' }, rules, words)).rejects.toBeInstanceOf(MalformedFormError);
  });
});

describe('readSessionRecord', () => {
  const criteria = [
    { id: 'c1', code: 'LO2.1' },
    { id: 'c2', code: 'LO2.2' },
  ];
  const begun = { startsAt: '2027-03-10T08:00:00Z' };
  const ahead = { startsAt: '2027-03-11T08:00:00Z' };

  it('takes a session held with the judgements given, leaving out the criteria left unanswered', async () => {
    const body = { _csrf: 't', outcome: 'held', note: ' fine ', 'result-c1': 'met', 'comment-c1': ' clear ', 'comment-c2': '' };
    await expect(readSessionRecord(body, begun, criteria, NOW, words)).resolves.toEqual({
      ok: true,
      value: { outcome: 'held', note: 'fine', judgements: [{ criterionId: 'c1', result: 'met', comment: 'clear' }] },
    });
  });

  it('allows only postponing before the session begins', async () => {
    await expect(readSessionRecord({ outcome: 'held' }, ahead, criteria, NOW, words)).resolves.toMatchObject({ ok: false, errors: [{ field: 'outcome', message: 'session.errors.notBegun' }] });
    await expect(readSessionRecord({ outcome: 'postponed' }, ahead, criteria, NOW, words)).resolves.toEqual({ ok: true, value: { outcome: 'postponed', judgements: [] } });
  });

  it('asks for a note when the candidate was absent, a result for a comment, and no judgement unless held', async () => {
    const result = await readSessionRecord({ outcome: 'candidate_absent', 'result-c1': 'met', 'comment-c2': 'good' }, begun, criteria, NOW, words);
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { field: 'result-c2', message: 'session.errors.resultForComment{"code":"LO2.2"}' },
        { field: 'note', message: 'session.errors.absentNoteRequired' },
        { field: 'outcome', message: 'session.errors.judgementsOnlyHeld' },
      ],
    });
  });

  it('calls a judgement of a criterion the session did not assess malformed', async () => {
    await expect(readSessionRecord({ outcome: 'held', 'result-c9': 'met' }, begun, criteria, NOW, words)).rejects.toBeInstanceOf(MalformedFormError);
  });
});
