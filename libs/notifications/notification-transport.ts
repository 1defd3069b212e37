/** A rendered message to one user, ready for delivery. */
export interface OutgoingMessage {
  /** Unique together with the recipient: sending the same key twice delivers once. */
  key: string;
  caseId: string | null;
  recipientUserId: string;
  recipientEmail: string;
  template: string;
  subject: string;
  text: string;
  html: string;
}

/** Where rendered messages go: the outbox table now; an e-mail sender reads the outbox later. */
export interface NotificationTransport {
  send(message: OutgoingMessage): Promise<void>;
}

/** Injection token of the NotificationTransport in use. */
export const NOTIFICATION_TRANSPORT = Symbol('NOTIFICATION_TRANSPORT');
