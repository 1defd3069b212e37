import { InitialSchema1764400000000 } from './1764400000000-InitialSchema';
import { AppendOnlyCaseEvents1764500000000 } from './1764500000000-AppendOnlyCaseEvents';
import { IdempotencyKeys1764900000000 } from './1764900000000-IdempotencyKeys';

/** Every migration, in order. Listed by class so bundlers and test runners need no file globbing. */
export const MIGRATIONS = [InitialSchema1764400000000, AppendOnlyCaseEvents1764500000000, IdempotencyKeys1764900000000];
