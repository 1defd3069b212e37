import { CaseStatus, EvidenceKind } from '../../../../../libs/domain';
import { Translations } from '../../../../../libs/i18n/i18n';
import { attestedByKey, evidenceView, queueFilterForm, queuePath, slaState, timelineRows } from './assessor-view';

describe('slaState', () => {
  const now = new Date('2027-03-10T12:00:00Z');
  it('says overdue once the due date has passed, due soon within two days, on time before', () => {
    expect(slaState('2027-03-10T11:59:59Z', now)).toBe('overdue');
    expect(slaState('2027-03-10T12:00:00Z', now)).toBe('dueSoon');
    expect(slaState('2027-03-12T12:00:00Z', now)).toBe('dueSoon');
    expect(slaState('2027-03-12T12:00:01Z', now)).toBe('onTime');
    expect(slaState(null, now)).toBe('none');
  });
});

describe('evidenceView', () => {
  const file = (mediaType: string | null, renditionPath: string | null = null) => ({ kind: EvidenceKind.File, mediaType, renditionPath });
  it('shows photos, PDFs and recordings inline, other files as downloads', () => {
    expect(evidenceView(file('image/jpeg'))).toBe('image');
    expect(evidenceView(file('image/png'))).toBe('image');
    expect(evidenceView(file('application/pdf'))).toBe('pdf');
    expect(evidenceView(file('video/mp4'))).toBe('video');
    expect(evidenceView(file('audio/mpeg'))).toBe('audio');
    expect(evidenceView(file('application/vnd.openxmlformats-officedocument.wordprocessingml.document'))).toBe('download');
  });
  it('shows a HEIC photo from its JPEG rendition, and without one offers it to download', () => {
    expect(evidenceView(file('image/heic', '/cases/c/evidence/e/rendition'))).toBe('image');
    expect(evidenceView(file('image/heic'))).toBe('download');
  });
  it('names links, attestations and credentials for what they are', () => {
    expect(evidenceView({ kind: EvidenceKind.Url, mediaType: null, renditionPath: null })).toBe('link');
    expect(evidenceView({ kind: EvidenceKind.Attestation, mediaType: null, renditionPath: null })).toBe('attestation');
    expect(evidenceView({ kind: EvidenceKind.Credential, mediaType: null, renditionPath: null })).toBe('credential');
  });
});

describe('who attested', () => {
  const i18n = new Translations();
  const said = (locale: 'en' | 'fr', organisation: string | null) => i18n.t(locale, attestedByKey(organisation), { name: 'Bob Boss', organisation: organisation ?? '' });

  it('names the attestor and their organisation', () => {
    expect(said('en', 'Acme Ltd')).toBe('Attested by Bob Boss, Acme Ltd:');
    expect(said('fr', 'Acme Ltd')).toBe('Attestation de Bob Boss, Acme Ltd :');
  });

  it('leaves no stray comma when the attestor gave no organisation (a trial found "Bob Boss, :")', () => {
    for (const organisation of [null, '', '  ']) {
      expect(said('en', organisation)).toBe('Attested by Bob Boss:');
      expect(said('fr', organisation)).toBe('Attestation de Bob Boss :');
    }
  });
});

describe('the queue’s filter form and links', () => {
  it('marks the chosen standard and status, and offers the statuses in words', () => {
    const form = queueFilterForm({ standardId: 's2', status: CaseStatus.UnderAssessment }, [{ id: 's1', code: 'A', title: 'Alpha' }, { id: 's2', code: 'B', title: 'Beta' }], [CaseStatus.AssessorAssigned, CaseStatus.UnderAssessment]);
    expect(form.standards.map((s) => s.selected)).toEqual([false, true]);
    expect(form.statuses).toEqual([
      { value: 'assessor_assigned', labelKey: 'status.assessor_assigned', selected: false },
      { value: 'under_assessment', labelKey: 'status.under_assessment', selected: true },
    ]);
  });
  it('keeps the filters in the paging links', () => {
    expect(queuePath({})).toBe('/portal/assessor');
    expect(queuePath({ q: 'Amira H', overdue: 'true', cursor: 'abc' })).toBe('/portal/assessor?q=Amira+H&overdue=true&cursor=abc');
  });
});

describe('timelineRows', () => {
  const event = (type: string, actorId: string | null, toStatus = CaseStatus.UnderAssessment) => ({
    seq: 1,
    type,
    fromStatus: null,
    toStatus,
    actorId,
    reason: 'internal words never shown',
    data: {},
    occurredAt: '2027-03-10T12:00:00.000Z',
  });
  const reader = { assessorId: 'me', candidateId: 'cand' };
  it('says what happened, where the case went and who acted: you, the candidate, or neither', () => {
    expect(timelineRows([event('transition', 'me'), event('case_created', 'cand', CaseStatus.Draft), event('assessor_reminder', null)], reader)).toEqual([
      { occurredAt: '2027-03-10T12:00:00.000Z', eventKey: 'assessor.timeline.event.transition', statusKey: 'status.under_assessment', whoKey: 'assessor.timeline.by.you' },
      { occurredAt: '2027-03-10T12:00:00.000Z', eventKey: 'assessor.timeline.event.case_created', statusKey: 'status.draft', whoKey: 'assessor.timeline.by.candidate' },
      { occurredAt: '2027-03-10T12:00:00.000Z', eventKey: 'assessor.timeline.event.assessor_reminder', statusKey: 'status.under_assessment', whoKey: 'assessor.timeline.by.other' },
    ]);
  });
  it('says an event of a kind it has no words for by the status it led to', () => {
    expect(timelineRows([event('something_new', 'someone')], reader)[0]).toMatchObject({ eventKey: 'assessor.timeline.event.transition', whoKey: 'assessor.timeline.by.other' });
  });
});
