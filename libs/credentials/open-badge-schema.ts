import Ajv2019 from 'ajv/dist/2019';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import achievementCredentialSchema from './schemas/ob_v3p0_achievementcredential_schema.json';

// one compiled validator per process: the schema is draft 2019-09, hence ajv's 2019 build
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(achievementCredentialSchema);

function sentence(error: ErrorObject): string {
  const at = error.instancePath === '' ? 'the credential' : `${error.instancePath.slice(1).replaceAll('/', '.')}`;
  switch (error.keyword) {
    case 'required':
      return `${at} is missing ${String((error.params as { missingProperty: string }).missingProperty)}`;
    case 'enum':
    case 'const':
      return `${at} must be one of ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues ?? (error.params as { allowedValue?: unknown }).allowedValue)}`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}

/**
 * Checks a credential against the 1EdTech OB 3.0 AchievementCredential JSON Schema (schemas/README.md says which copy).
 * Returns the problems as readable sentences, de-duplicated; empty when the credential conforms.
 */
export function validateOpenBadgeSchema(credential: unknown): string[] {
  if (validate(credential)) return [];
  return [...new Set((validate.errors ?? []).map(sentence))];
}
