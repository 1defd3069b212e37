import { candidateInvitation, methodWords, organizerEmail, sessionInvitation } from './invitation';
import type { StoredSession } from './invitation';

describe('sessionInvitation', () => {
  const base = {
    sessionId: '6f1c3a7e-0000-4000-8000-000000000001',
    sequence: 0,
    startsAt: new Date('2027-01-10T13:00:00Z'),
    durationMinutes: 45,
    title: 'Interview: Données',
    description: 'Line one\nLine two, with; specials',
    location: null,
    onlineUrl: 'https://meet.example.org/abc',
    organizer: { name: 'Ada Assessor', email: 'ada@example.org' },
    attendees: [{ name: 'Carla Candidate', email: 'carla@example.org' }],
  };
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

  it('is a REQUEST with a stable UID, UTC times, the duration, the link and the attendees', () => {
    const ics = unfold(sessionInvitation({ ...base, method: 'REQUEST', confirmed: true }));
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${base.sessionId}@sessions.vnfil.eu`);
    expect(ics).toContain('DTSTART:20270110T130000Z');
    expect(ics).toContain('DURATION:PT45M');
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toContain('STATUS:CONFIRMED');
    expect(ics).toContain('URL:https://meet.example.org/abc');
    expect(ics).toMatch(/ATTENDEE;[^\r\n]*CN="?Carla Candidate"?[^\r\n]*:mailto:carla@example.org/);
    // a session the candidate has not confirmed yet is tentative in their calendar (RFC 5545, 3.8.1.11)
    expect(unfold(sessionInvitation({ ...base, method: 'REQUEST' }))).toContain('STATUS:TENTATIVE');
    // text values are escaped (RFC 5545, 3.3.11)
    expect(ics).toContain('DESCRIPTION:Line one\\nLine two\\, with\\; specials');
  });

  it('lets no name end its parameter early, and folds lines at 75 octets without splitting a character', () => {
    const ics = sessionInvitation({
      ...base,
      method: 'REQUEST',
      title: 'Entretien : ' + 'é'.repeat(80),
      attendees: [{ name: 'Ann "The Hacker";ROLE=CHAIR:mailto:x@evil.org', email: 'ann@example.org' }],
    });
    const attendee = unfold(ics).split('\r\n').find((l) => l.startsWith('ATTENDEE'))!;
    // the name stays one quoted value: the only address is the attendee's own
    expect(attendee).toBe(`ATTENDEE;RSVP=TRUE;ROLE="REQ-PARTICIPANT";PARTSTAT="NEEDS-ACTION";CN="Ann 'The Hacker';ROLE=CHAIR:mailto:x@evil.org":mailto:ann@example.org`);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain(`SUMMARY:Entretien : ${'é'.repeat(80)}`);
  });

  it('is a CANCEL of the same event with a higher sequence', () => {
    const ics = unfold(sessionInvitation({ ...base, method: 'CANCEL', sequence: 1 }));
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain(`UID:${base.sessionId}@sessions.vnfil.eu`);
  });
});

describe('candidateInvitation', () => {
  const session: StoredSession = {
    id: '6f1c3a7e-0000-4000-8000-000000000002',
    methodType: 'simulation',
    startsAt: new Date('2027-01-10T13:00:00Z'),
    durationMinutes: 60,
    location: 'Salle 2, 10 rue de la Paix',
    onlineUrl: null,
    attendees: [{ name: 'Bo Observer', role: 'observateur' }],
    calendarSequence: 1,
    status: 'proposed',
  };
  const about = {
    standardTitle: 'Soudure TIG',
    bodyName: 'Institut des métiers',
    candidate: { name: 'Carla Candidate', email: 'carla@example.org' },
    caseUrl: 'https://vnfil.example.org/portal/cases/abc',
    organizerEmail: 'no-reply@vnfil.example.org',
  };
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
  const line = (ics: string, name: string) => unfold(ics).split('\r\n').find((l) => l.startsWith(`${name}:`));

  it("is in French for a French candidate: the title, the description and the method's name", () => {
    const ics = candidateInvitation(session, 'REQUEST', { ...about, locale: 'fr' });
    expect(line(ics, 'SUMMARY')).toBe('SUMMARY:Mise en situation : Soudure TIG');
    expect(line(ics, 'DESCRIPTION')).toBe(
      "DESCRIPTION:Séance d'évaluation (mise en situation) pour votre dossier sur Soudure TIG\\, avec un évaluateur de l'organisme Institut des métiers\\, Bo Observer (observateur).\\nSalle 2\\, 10 rue de la Paix\\nhttps://vnfil.example.org/portal/cases/abc",
    );
    expect(unfold(ics)).not.toMatch(/Assessment|assessor|your case|Simulation:/);
    // what calendars read stays the same in every language
    expect(unfold(ics)).toContain('STATUS:TENTATIVE');
    expect(unfold(ics)).toContain('LOCATION:Salle 2\\, 10 rue de la Paix');
  });

  it('is in English for an English candidate and for one who chose no language', () => {
    for (const locale of ['en', null, undefined] as const) {
      const ics = candidateInvitation({ ...session, methodType: 'interview', attendees: [] }, 'CANCEL', { ...about, locale });
      expect(line(ics, 'SUMMARY')).toBe('SUMMARY:Interview: Soudure TIG');
      expect(line(ics, 'DESCRIPTION')).toMatch(/^DESCRIPTION:Assessment interview for your case on Soudure TIG\\, with an assessor of Institut des métiers\.\\n/);
    }
  });

  it('names each session method in French, and a method it does not know as it is', () => {
    expect(['interview', 'observation', 'simulation', 'jury'].map((m) => methodWords(m, 'fr'))).toEqual(['entretien', 'observation', 'mise en situation', 'jury']);
    expect(methodWords('hackathon', 'fr')).toBe('hackathon');
    expect(line(candidateInvitation({ ...session, methodType: 'jury' }, 'REQUEST', { ...about, locale: 'fr' }), 'SUMMARY')).toBe('SUMMARY:Jury : Soudure TIG');
  });
  it("is organised from the configured sender's address (MAIL_FROM), never PUBLIC_URL's host", () => {
    const ics = candidateInvitation(session, 'REQUEST', { ...about, organizerEmail: organizerEmail('vnfil <no-reply@vnfil.example.org>') });
    expect(unfold(ics)).toMatch(/\r\nORGANIZER;[^\r]*:mailto:no-reply@vnfil\.example\.org\r\n/i);
  });
});

describe('organizerEmail', () => {
  it('is the address of MAIL_FROM, with or without a display name', () => {
    expect(organizerEmail('vnfil <no-reply@vnfil.example.org>')).toBe('no-reply@vnfil.example.org');
    expect(organizerEmail('"Certification" <certif@body.example.fr>')).toBe('certif@body.example.fr');
    expect(organizerEmail('no-reply@vnfil.example.org')).toBe('no-reply@vnfil.example.org');
  });
});
