import type { OpenAPIObject } from '@nestjs/swagger';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { INVISIBLE_CONTROL, LINE_BREAK } from '../../../../libs/domain';
import { operationsOf } from './route-facts';
import type { RouteFacts } from './route-facts';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  [keyword: string]: unknown;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

/** The keywords a class-validator constraint becomes; the rest of a property's schema is @ApiProperty's. */
const CONSTRAINT_KEYWORDS = [
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'enum',
  'format',
  'not',
] as const;

/** Our own validators, as JSON Schema: they carry the same rule into the document. */
const OWN_VALIDATORS = {
  // text that must say something: not only white space (as `not`, so that a `pattern` of another rule can stand beside it)
  isNotBlank: { minLength: 1, not: { pattern: '^\\s*$' } },
  // text that ends up in a message's subject: no line break of any kind (validation.ts LINE_BREAK)
  isSingleLine: { pattern: `^[^${LINE_BREAK.source.slice(1, -1)}${INVISIBLE_CONTROL.source.slice(1, -1)}]*$` },
  // an IANA zone name (the validator asks the time-zone database; every name it knows fits this)
  isTimeZone: { maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_+\\-/]*$' },
  // a person's zone: a canonical name of the runtime's list (auth/account-text.ts), which all fit this
  isAccountTimeZone: { maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_+\\-/]*$' },
  // credits: a number with at most two decimals (JSON Schema's multipleOf 0.01 misjudges binary fractions: left to the validator)
  isDecimal: { type: 'number' as const },
};

/**
 * class-validator's constraints of every DTO class, as JSON Schema by class name: the classes that declare
 * constraints, and each route's body class with those it inherits (a PartialType, the upload's documented form).
 */
function validatorSchemas(facts: Map<string, RouteFacts>): Record<string, Schema> {
  const options = { additionalConverters: OWN_VALIDATORS };
  const schemas = validationMetadatasToSchemas(options) as Record<string, Schema>;
  for (const { bodyType } of facts.values()) {
    if (bodyType && !schemas[bodyType.name]) schemas[bodyType.name] = targetConstructorToSchema(bodyType, options) as Schema;
  }
  return schemas;
}

function mergeConstraints(target: Schema, from: Schema): void {
  for (const keyword of CONSTRAINT_KEYWORDS) {
    if (from[keyword] !== undefined) target[keyword] = from[keyword];
  }
  if (from.items && !from.items.$ref && target.items && !target.items.$ref) mergeConstraints(target.items, from.items);
}

function mergeClass(target: Schema, from: Schema): void {
  for (const [name, property] of Object.entries(target.properties ?? {})) {
    const rule = from.properties?.[name];
    // a property that is a nested DTO (a $ref) gets its constraints through its own class
    if (rule && !property.$ref) mergeConstraints(property, rule);
  }
  const required = (from.required ?? []).filter((name) => target.properties?.[name]);
  if (required.length) target.required = required;
  else delete target.required;
}

/**
 * Makes the document say what the validators enforce: each request body's schema and each query parameter gets
 * the lengths, patterns, bounds, enums and formats of its DTO's class-validator decorators, and `required`
 * as the validators have it. The validators are the rule; @ApiProperty adds descriptions and examples.
 */
export function applyValidatorConstraints(document: OpenAPIObject, facts: Map<string, RouteFacts>): OpenAPIObject {
  const rules = validatorSchemas(facts);
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(schemas)) {
    if (rules[name]) mergeClass(schema, rules[name]);
  }
  for (const { op, route } of operationsOf<{ operationId?: string; responses?: object; parameters?: Parameter[] }>(document, facts)) {
    const rule = route.queryType ? rules[route.queryType.name] : undefined;
    if (!rule) continue;
    for (const parameter of op.parameters ?? []) {
      const property = rule.properties?.[parameter.name];
      if (parameter.in !== 'query' || !property) continue;
      parameter.schema ??= {};
      mergeConstraints(parameter.schema, property);
      parameter.required = (rule.required ?? []).includes(parameter.name);
    }
  }
  return document;
}
