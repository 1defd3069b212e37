import { QueryFailedError } from 'typeorm';

/** PostgreSQL's SQLSTATE for a duplicate key. */
const UNIQUE_VIOLATION = '23505';

/**
 * The unique constraint a write broke (two requests creating the same record at once), or undefined when the
 * error is something else. `''` when PostgreSQL named no constraint.
 */
export function violatedUniqueKey(err: unknown): string | undefined {
  const driver = (err as { driverError?: { code?: string; constraint?: string } } | undefined)?.driverError;
  return err instanceof QueryFailedError && driver?.code === UNIQUE_VIOLATION ? (driver.constraint ?? '') : undefined;
}
