import Ajv2019 from 'ajv/dist/2019';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import formalSchema from './schemas/achievementcredential.json';
import publishedSchema from './schemas/ob_v3p0_achievementcredential_schema.json';

// one compiled validator per schema and process: both are draft 2019-09, hence ajv's 2019 build
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
/**
 * Both of 1EdTech's schemas (schemas/README.md): the one it publishes at its purl URL (the JSON-LD adaptation,
 * which verifiers such as verifier-core fetch) and the formal one generated from the information model, stricter
 * about single values and arrays. A credential this service issues passes both.
 */
const validators = [ajv.compile(publishedSchema), ajv.compile(formalSchema)];

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
 * Checks a credential against the 1EdTech OB 3.0 AchievementCredential JSON Schemas, published and formal (schemas/README.md).
 * Returns the problems as readable sentences, de-duplicated; empty when the credential conforms.
 */
export function validateOpenBadgeSchema(credential: unknown): string[] {
  const problems = validators.flatMap((validate) => (validate(credential) ? [] : (validate.errors ?? []).map(sentence)));
  return [...new Set(problems)];
}
