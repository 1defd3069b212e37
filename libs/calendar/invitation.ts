import { createEvent } from 'ics';
import type { EventAttributes } from 'ics';
import { AssessmentMethodType, DEFAULT_LOCALE, isLocale } from '../domain';
import type { Locale } from '../domain';

/** A session's method as its readers name it, in their language (an invitation's title, a message). */
const METHOD_WORDS: Record<Locale, Record<AssessmentMethodType, string>> = {
  en: {
    [AssessmentMethodType.Portfolio]: 'portfolio',
    [AssessmentMethodType.Interview]: 'interview',
    [AssessmentMethodType.Observation]: 'observation',
    [AssessmentMethodType.Simulation]: 'simulation',
    [AssessmentMethodType.Test]: 'test',
    [AssessmentMethodType.Jury]: 'jury',
  },
  fr: {
    [AssessmentMethodType.Portfolio]: 'portfolio',
    [AssessmentMethodType.Interview]: 'entretien',
    [AssessmentMethodType.Observation]: 'observation',
    [AssessmentMethodType.Simulation]: 'mise en situation',
    [AssessmentMethodType.Test]: 'test',
    [AssessmentMethodType.Jury]: 'jury',
  },
};

/** "interview", "entretien"; a type this version does not know is given as it is. */
export function methodWords(type: string, locale: Locale): string {
  return (METHOD_WORDS[locale] as Record<string, string>)[type] ?? type;
}

/** The invitation's own words, per language. */
const INVITATION_WORDS: Record<Locale, { title: (method: string, standard: string) => string; description: (method: string, standard: string, withWhom: string) => string; assessorOf: (body: string) => string }> = {
  en: {
    title: (method, standard) => `${capitalised(method)}: ${standard}`,
    description: (method, standard, withWhom) => `Assessment ${method} for your case on ${standard}, with ${withWhom}.`,
    assessorOf: (body) => `an assessor of ${body}`,
  },
  fr: {
    title: (method, standard) => `${capitalised(method)} : ${standard}`,
    description: (method, standard, withWhom) => `Séance d'évaluation (${method}) pour votre dossier sur ${standard}, avec ${withWhom}.`,
    assessorOf: (body) => `un évaluateur de l'organisme ${body}`,
  },
};

function capitalised(words: string): string {
  return words ? `${words[0].toUpperCase()}${words.slice(1)}` : words;
}

/** An assessment session as a calendar event (iCalendar, RFC 5545; scheduling methods, RFC 5546). */
export interface SessionInvitation {
  /** The session's id: the event's UID stays the same across updates and the cancellation. */
  sessionId: string;
  /** REQUEST adds or updates the event in the attendee's calendar; CANCEL removes it. */
  method: 'REQUEST' | 'CANCEL';
  /** RFC 5545 SEQUENCE: raised with every change, so calendars apply the newest. */
  sequence: number;
  startsAt: Date;
  durationMinutes: number;
  title: string;
  description: string;
  location: string | null;
  onlineUrl: string | null;
  organizer: { name: string; email: string };
  /** Whether the candidate confirmed the time: CONFIRMED, else TENTATIVE (a REQUEST only; a CANCEL is CANCELLED). */
  confirmed?: boolean;
  /** Attendees with an address; RFC 5545 has no attendee without one (the others belong in the description). */
  attendees: { name: string; email: string }[];
}

/**
 * A person's name as a parameter value (CN): RFC 5545 (3.1) allows no double quote and no control character in
 * one, quoted or not, and has no escape for them; the `ics` library writes \" there, which ends the value early
 * for a conforming parser. A double quote becomes an apostrophe, a control character a space.
 */
export function paramText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/"/g, "'").replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/**
 * Content lines folded at 75 octets, never inside a UTF-8 sequence (RFC 5545, 3.1); the library folds at 75
 * characters, which is up to 300 octets of non-ASCII text.
 */
export function foldOctets(ics: string): string {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map((line) => {
      const parts: string[] = [];
      let current = '';
      let octets = 0;
      let limit = 75;
      for (const ch of line) {
        const size = Buffer.byteLength(ch, 'utf8');
        if (octets + size > limit) {
          parts.push(current);
          current = '';
          octets = 0;
          limit = 74; // a continuation line starts with one space
        }
        current += ch;
        octets += size;
      }
      parts.push(current);
      return parts.join('\r\n ');
    })
    .join('\r\n');
}

/** Domain of the UIDs, which must be globally unique (RFC 5545, 3.8.4.7). */
const UID_DOMAIN = 'sessions.vnfil.eu';

/**
 * The .ics text of a session's invitation or cancellation, times in UTC. Built with the `ics` library.
 *
 * @throws Error when the library refuses the event (a field out of its bounds)
 */
export function sessionInvitation(s: SessionInvitation): string {
  const event: EventAttributes = {
    uid: `${s.sessionId}@${UID_DOMAIN}`,
    productId: 'vnfil/assessment-sessions',
    method: s.method,
    sequence: s.sequence,
    // RFC 5545 3.8.1.11: tentative until the candidate confirms the time
    status: s.method === 'CANCEL' ? 'CANCELLED' : s.confirmed ? 'CONFIRMED' : 'TENTATIVE',
    start: s.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: s.durationMinutes },
    title: s.title,
    description: s.description,
    ...(s.location ? { location: s.location } : s.onlineUrl ? { location: s.onlineUrl } : {}),
    ...(s.onlineUrl ? { url: s.onlineUrl } : {}),
    organizer: { name: paramText(s.organizer.name), email: s.organizer.email },
    attendees: s.attendees.map((a) => ({ name: paramText(a.name), email: a.email, rsvp: true, role: 'REQ-PARTICIPANT', partstat: 'NEEDS-ACTION' })),
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error('the calendar invitation could not be built');
  return foldOctets(value);
}

/** A session as stored (structurally: the assessment_session row), for its invitation. */
export interface StoredSession {
  id: string;
  methodType: string;
  startsAt: Date;
  durationMinutes: number;
  location: string | null;
  onlineUrl: string | null;
  attendees: { name: string; role: string }[];
  calendarSequence: number;
  /** proposed, confirmed, … (a proposed session's invitation is tentative) */
  status: string;
}

/**
 * The invitation the candidate gets for a stored session, in the candidate's language (`about.locale`; English
 * when they chose none). The awarding body organises it and the assessor is named only by role: the candidate
 * is not told who assesses them (docs/visibility.md). Names, roles and places are given as people typed them.
 */
export function candidateInvitation(
  session: StoredSession,
  method: SessionInvitation['method'],
  about: { standardTitle: string; bodyName: string; candidate: { name: string; email: string }; caseUrl: string; organizerEmail: string; locale?: Locale | null },
): string {
  const locale = isLocale(about.locale) ? about.locale : DEFAULT_LOCALE;
  const words = INVITATION_WORDS[locale];
  const kind = methodWords(session.methodType, locale);
  const place = [session.location, session.onlineUrl].filter(Boolean).join(' — ');
  const others = session.attendees.map((a) => `${a.name} (${a.role})`);
  const withWhom = [words.assessorOf(about.bodyName), ...others].join(', ');
  return sessionInvitation({
    sessionId: session.id,
    method,
    sequence: session.calendarSequence,
    startsAt: session.startsAt,
    durationMinutes: session.durationMinutes,
    title: words.title(kind, about.standardTitle),
    description: `${words.description(kind, about.standardTitle, withWhom)}\n${place}\n${about.caseUrl}`,
    location: session.location,
    onlineUrl: session.onlineUrl,
    organizer: { name: about.bodyName, email: about.organizerEmail },
    attendees: [{ name: about.candidate.name, email: about.candidate.email }],
    confirmed: session.status !== 'proposed',
  });
}

/**
 * The address invitations are organised from (RFC 5546 wants an organizer): the address of the configured sender
 * (MAIL_FROM, "vnfil <no-reply@vnfil.example.org>" or a bare address), so a reply or a calendar's answer reaches a real domain.
 */
export function organizerEmail(mailFrom: string): string {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailFrom);
  return bracketed ? bracketed[1] : mailFrom.trim();
}
