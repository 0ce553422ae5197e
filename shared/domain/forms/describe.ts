/**
 * A form's fields as a tree for a screen: from the same zod schema the API validates with (through its JSON Schema,
 * as the OpenAPI document is), with the Dutch label (`.describe()`) and hint (`.meta({ hint })`) the schema carries.
 * The werkplek draws its form pages from this; test/unit/form-labels.test.ts fails on a field without a label.
 */
import * as z from 'zod';

export type FieldKind = 'group' | 'choice-group' | 'text' | 'longtext' | 'date' | 'number' | 'boolean' | 'consent' | 'choice' | 'multi-choice' | 'list';

export interface FieldNode {
  /** Dotted path in the submitted body, e.g. `doelen.psychisch`. */
  path: string;
  kind: FieldKind;
  label?: string;
  hint?: string;
  required: boolean;
  /** choice, multi-choice: the allowed values. */
  options?: Array<string | number>;
  maxLength?: number;
  integer?: boolean;
  minimum?: number;
  maximum?: number;
  /** group: the fields inside. */
  children?: FieldNode[];
  /** choice-group (a discriminated union): the discriminator's field, and the fields each of its values adds. */
  discriminator?: FieldNode;
  variants?: Record<string, FieldNode[]>;
}

type Json = Record<string, any>;

/** The schema as JSON Schema (input side), as the OpenAPI document shows it. */
export function formJsonSchema(schema: z.ZodType): Json {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
}

/** The top-level fields of a form schema. */
export function describeForm(schema: z.ZodType): FieldNode[] {
  const root = formJsonSchema(schema);
  // A form that is one of several shapes (time-out: its fase) is a choice-group at the root, path ''.
  if (variantsOf(root)) return [describeNode(root, '', true, root)];
  return fieldsOf(root, '', root);
}

function resolve(node: Json, root: Json): Json {
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/$defs/')) return { ...root.$defs?.[node.$ref.slice(8)], ...withoutRef(node) };
  return node;
}

function withoutRef(node: Json): Json {
  const { $ref: _ref, ...rest } = node;
  return rest;
}

function fieldsOf(object: Json, prefix: string, root: Json): FieldNode[] {
  const required = new Set<string>(object.required ?? []);
  return Object.entries((object.properties ?? {}) as Record<string, Json>).map(([name, child]) => describeNode(resolve(child, root), prefix ? `${prefix}.${name}` : name, required.has(name), root));
}

function variantsOf(node: Json): Json[] | undefined {
  return (node.oneOf ?? node.anyOf) as Json[] | undefined;
}

function describeNode(node: Json, path: string, required: boolean, root: Json): FieldNode {
  const base = { path, required, ...(node.description ? { label: node.description as string } : {}), ...(node.hint ? { hint: node.hint as string } : {}) };
  const variants = variantsOf(node)?.map((v) => resolve(v, root));
  if (variants) {
    const objects = variants.filter((v) => v.type === 'object');
    if (objects.length === variants.length) {
      // A discriminated union: the property that is a const in every branch.
      const key = Object.keys(objects[0]!.properties ?? {}).find((k) => objects.every((o) => o.properties?.[k]?.const !== undefined));
      if (key) {
        const values = objects.map((o) => o.properties[key].const as string);
        const first = objects[0]!.properties[key] as Json;
        return {
          ...base,
          kind: 'choice-group',
          discriminator: { path: prefix(path, key), kind: 'choice', required: true, options: values, ...(first.description ? { label: first.description } : {}) },
          variants: Object.fromEntries(objects.map((o) => [o.properties[key].const, fieldsOf({ ...o, properties: Object.fromEntries(Object.entries(o.properties).filter(([k]) => k !== key)) }, path, root)])),
        };
      }
    }
    const options = variants.flatMap((v) => (v.enum as Array<string | number> | undefined) ?? (v.const !== undefined ? [v.const] : v.type === 'integer' && v.minimum !== undefined && v.maximum !== undefined ? range(v.minimum, v.maximum) : []));
    return { ...base, kind: 'choice', options };
  }
  if (node.type === 'object') return { ...base, kind: 'group', children: fieldsOf(node, path, root) };
  if (node.enum) return { ...base, kind: 'choice', options: node.enum };
  if (node.type === 'boolean') return { ...base, kind: node.const === true ? 'consent' : 'boolean' };
  if (node.type === 'number' || node.type === 'integer') {
    return { ...base, kind: 'number', integer: node.type === 'integer', ...(node.minimum !== undefined ? { minimum: node.minimum } : {}), ...(node.maximum !== undefined ? { maximum: node.maximum } : {}) };
  }
  if (node.type === 'array') {
    const items = resolve(node.items ?? {}, root);
    if (items.enum) return { ...base, kind: 'multi-choice', options: items.enum };
    return { ...base, kind: 'list', ...(items.maxLength ? { maxLength: items.maxLength } : {}) };
  }
  if (node.type === 'string' && node.format === 'date') return { ...base, kind: 'date' };
  if (node.type === 'string') return { ...base, kind: (node.maxLength ?? 0) > 200 ? 'longtext' : 'text', ...(node.maxLength ? { maxLength: node.maxLength } : {}) };
  return { ...base, kind: 'text' };
}

function prefix(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** Every field of the tree, depth first (groups included). */
export function allFields(fields: FieldNode[]): FieldNode[] {
  return fields.flatMap((f) => [f, ...allFields(f.children ?? []), ...(f.discriminator ? [f.discriminator] : []), ...Object.values(f.variants ?? {}).flatMap(allFields)]);
}
