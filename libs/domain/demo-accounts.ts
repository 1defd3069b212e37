/**
 * The demo seed's accounts (libs/persistence/seeds/demo.seed.ts). Their password is published (the README,
 * `npm start`'s banner), so production refuses to start while one of them is active with it. Their domain is
 * reserved: nobody signs up on it, so an address there is always one of these accounts.
 */
export const DEMO_EMAIL_DOMAIN = 'demo.vnfil.eu';

export const DEMO_EMAILS = {
  admin: 'admin@demo.vnfil.eu',
  assessors: ['assessor.one@demo.vnfil.eu', 'assessor.two@demo.vnfil.eu', 'assessor.three@demo.vnfil.eu'],
  candidate: 'candidate@demo.vnfil.eu',
} as const;

/** Every account the demo seed creates. */
export const DEMO_ACCOUNT_EMAILS: readonly string[] = [DEMO_EMAILS.admin, ...DEMO_EMAILS.assessors, DEMO_EMAILS.candidate];

/** The demo password unless DEMO_PASSWORD says otherwise: the one the README publishes. */
export const PUBLISHED_DEMO_PASSWORD = 'vnfil-demo';

/** An address on the demo domain or under it (case does not matter in a domain). */
export function isReservedDemoEmail(email: string): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return domain === DEMO_EMAIL_DOMAIN || domain.endsWith(`.${DEMO_EMAIL_DOMAIN}`);
}
