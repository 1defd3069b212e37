/** The parts of the API's OpenAPI document the hostile-input tests walk: its routes and their request bodies. */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Route {
  method: Method;
  path: string;
  /** The JSON body's schema, resolved; null when the route takes no JSON body. */
  body: Schema | null;
  multipart: boolean;
}

/** A field of a body, by its path as the API's messages name it (items.0.statement). */
export interface BodyField {
  path: string;
  kind: 'string' | 'object';
  /** Required here and in every object above it. */
  required: boolean;
  /** Free text: a string without a format or an enum. */
  text: boolean;
}

const METHODS: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete'];

function resolve(schema: Schema, doc: OpenApiDocument): Schema {
  if (schema.$ref) return resolve(doc.components!.schemas![schema.$ref.split('/').pop()!]!, doc);
  if (schema.allOf?.length === 1) return resolve(schema.allOf[0]!, doc);
  return schema;
}

export function routesOf(doc: OpenApiDocument): Route[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => (METHODS as string[]).includes(m))
      .map(([method, op]) => {
        const json = op.requestBody?.content['application/json']?.schema;
        return { method: method as Method, path, body: json ? resolve(json, doc) : null, multipart: !!op.requestBody?.content['multipart/form-data'] };
      }),
  );
}

/** Every string and object field of a body schema, nested objects and array items (as index 0) included. */
export function fieldsOf(schema: Schema, doc: OpenApiDocument, parent = '', parentRequired = true): BodyField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, raw]) => {
    const path = parent ? `${parent}.${name}` : name;
    const isRequired = parentRequired && required.has(name);
    let field = resolve(raw, doc);
    let at = path;
    if (field.type === 'array' && field.items) {
      field = resolve(field.items, doc);
      at = `${path}.0`;
    }
    if (field.type === 'string') return [{ path: at, kind: 'string' as const, required: isRequired, text: !field.format && !field.enum }];
    if (field.properties) return fieldsOf(field, doc, at, isRequired);
    if (field.type === 'object') return [{ path: at, kind: 'object' as const, required: isRequired, text: false }];
    return [];
  });
}

/** An object with `value` at `path` (items.0.statement), arrays for the numeric segments. */
export function bodyWith(path: string, value: unknown): Record<string, unknown> {
  const segments = path.split('.');
  const root: Record<string, unknown> = {};
  let node: Record<string, unknown> | unknown[] = root;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const next: Record<string, unknown> | unknown[] = /^\d+$/.test(segments[i + 1] ?? '') ? [] : {};
    const child = last ? value : next;
    if (Array.isArray(node)) node[Number(segment)] = child;
    else node[segment] = child;
    if (!last) node = next;
  });
  return root;
}
