import { InitialSchema1764400000000 } from './1764400000000-InitialSchema';

/** Every migration, in order. Listed by class so bundlers and test runners need no file globbing. */
export const MIGRATIONS = [InitialSchema1764400000000];
