import { InitialSchema1764400000000 } from './1764400000000-InitialSchema';
import { AppendOnlyCaseEvents1764500000000 } from './1764500000000-AppendOnlyCaseEvents';
import { CaseProcessRecovery1764600000000 } from './1764600000000-CaseProcessRecovery';
import { AwardingBodyTimeZone1764700000000 } from './1764700000000-AwardingBodyTimeZone';
import { CaseRecordConstraints1764800000000 } from './1764800000000-CaseRecordConstraints';
import { IdempotencyKeys1764900000000 } from './1764900000000-IdempotencyKeys';
import { ListIndexes1765000000000 } from './1765000000000-ListIndexes';
import { EvidenceRenditions1765100000000 } from './1765100000000-EvidenceRenditions';
import { Credentials1765200000000 } from './1765200000000-Credentials';
import { Qualifications1765300000000 } from './1765300000000-Qualifications';
import { PriorCredentials1765400000000 } from './1765400000000-PriorCredentials';
import { MicroCredentialProfile1765500000000 } from './1765500000000-MicroCredentialProfile';
import { AlignmentSearch1765510000000 } from './1765510000000-AlignmentSearch';
import { CatalogueIndexes1765520000000 } from './1765520000000-CatalogueIndexes';
import { AssessmentSessions1765600000000 } from './1765600000000-AssessmentSessions';
import { MailDelivery1765700000000 } from './1765700000000-MailDelivery';
import { PortalAccounts1765710000000 } from './1765710000000-PortalAccounts';

/** Every migration, in order. Listed by class so bundlers and test runners need no file globbing. */
export const MIGRATIONS = [
  InitialSchema1764400000000,
  AppendOnlyCaseEvents1764500000000,
  CaseProcessRecovery1764600000000,
  AwardingBodyTimeZone1764700000000,
  CaseRecordConstraints1764800000000,
  IdempotencyKeys1764900000000,
  ListIndexes1765000000000,
  EvidenceRenditions1765100000000,
  Credentials1765200000000,
  Qualifications1765300000000,
  PriorCredentials1765400000000,
  MicroCredentialProfile1765500000000,
  AlignmentSearch1765510000000,
  CatalogueIndexes1765520000000,
  AssessmentSessions1765600000000,
  MailDelivery1765700000000,
  PortalAccounts1765710000000,
];
