import { EvidenceKind } from '../../../../../libs/domain';
import { evidenceView, slaState } from './assessor-view';

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
