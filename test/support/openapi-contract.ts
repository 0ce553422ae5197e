/**
 * Validating answers against an OpenAPI 3.1 document with a JSON Schema validator (Ajv, draft 2020-12, strict), as a
 * client generated from the document would read them (issue 14 point 13). `compileAll` compiles every schema of the
 * document, so a schema that is not valid JSON Schema fails; `check` finds the operation of a request by method and
 * path template, the response of its status, and validates content-type and body against it.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

// ajv-formats is CommonJS: its plugin is the module's default export, or the module itself.
const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as (ajv: Ajv2020) => Ajv2020;

type Json = Record<string, any>;

export interface ContractAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export class OpenApiContract {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Every operation `check` validated an answer of, with its status: the test says which it covered. */
  readonly covered = new Set<string>();

  constructor(readonly doc: Json) {
    // strict: unknown keywords, unknown formats and bad schemas throw (not the lints strictTypes/strictRequired, which
    // flag the legal if/then of the conditionally required fields). The document's own `components` are reachable
    // from every schema by `#/components/…`, as in the document (each schema is compiled with them beside it).
    this.ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addKeyword({ keyword: 'components' });
    // The forms' field hints (zod .meta({ hint })): an annotation for the werkplek, ignored when validating.
    this.ajv.addKeyword({ keyword: 'hint' });
    this.ajv.addSchema({ $id: 'doc', components: doc.components ?? {} });
  }

  /** A validator for a schema of the document (its `#/components/…` references resolved in the document). */
  validator(schema: Json): ValidateFunction {
    const key = JSON.stringify(schema);
    const known = this.compiled.get(key);
    if (known) return known;
    const validate = this.ajv.compile(rebase(schema));
    this.compiled.set(key, validate);
    return validate;
  }

  /** Compiles every schema the document holds: components, request bodies, parameters and responses. */
  compileAll(): number {
    let count = 0;
    for (const schema of Object.values<Json>(this.doc.components?.schemas ?? {})) {
      this.validator(schema);
      count++;
    }
    for (const [, , op] of this.operations()) {
      for (const p of op.parameters ?? []) (this.validator(p.schema), count++);
      for (const media of Object.values<Json>(op.requestBody?.content ?? {})) (this.validator(media.schema), count++);
      for (const response of Object.values<Json>(op.responses ?? {})) {
        for (const media of Object.values<Json>(response.content ?? {})) (this.validator(media.schema), count++);
      }
    }
    return count;
  }

  operations(): Array<[string, string, Json]> {
    return Object.entries<Json>(this.doc.paths).flatMap(([path, methods]) => Object.entries<Json>(methods).map(([method, op]) => [method, path, op] as [string, string, Json]));
  }

  /** The operation that serves `method path` (a concrete path, e.g. `/cases/abc/forms/afmelding`). */
  operationFor(method: string, path: string): { template: string; op: Json } | undefined {
    const bare = path.split('?')[0]!;
    for (const [m, template, op] of this.operations()) {
      if (m !== method.toLowerCase()) continue;
      const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
      if (pattern.test(bare)) return { template, op };
    }
    return undefined;
  }

  /** The problems of an answer against the document; empty when it is what the document says. */
  problems(method: string, path: string, answer: ContractAnswer): string[] {
    const found = this.operationFor(method, path);
    if (!found) return [`${method} ${path}: no operation in the document`];
    const response = found.op.responses?.[String(answer.status)];
    if (!response) return [`${method} ${found.template}: status ${answer.status} is not documented (${Object.keys(found.op.responses ?? {}).join(', ')})`];
    this.covered.add(`${found.op.operationId} ${answer.status}`);
    const content = (response.content ?? {}) as Json;
    if (!Object.keys(content).length) return answer.body === undefined || answer.body === '' ? [] : [`${method} ${found.template} ${answer.status}: documented without a body, but answered one`];
    const type = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const media = content[type];
    if (!media) return [`${method} ${found.template} ${answer.status}: content-type '${type}' is not documented (${Object.keys(content).join(', ')})`];
    const validate = this.validator(media.schema);
    if (validate(answer.body)) return [];
    return (validate.errors ?? []).map((e) => `${method} ${found.template} ${answer.status}: ${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  }
}

/** `#/components/…` → `doc#/components/…`, so a schema compiled on its own resolves them in the document. */
function rebase(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/components/', '"$ref":"doc#/components/'));
}
