/**
 * A form page drawn from the form's zod schema — the same schema the API validates with — through the field tree of
 * shared/domain/forms/describe.ts: sections as fieldsets, a Dutch label on every field, hints, errors next to the
 * field in words and in a summary at the top that links to each wrong field (focus goes to the summary).
 * The browser refuses what the API would refuse, with the same message; what only the server knows (phase, changed
 * meanwhile, route rules) comes back as problem+json and is shown the same way.
 */
import {
  Button,
  Checkbox,
  DateInput,
  ErrorMessage,
  Field,
  FieldSet,
  InvalidFormAlert,
  Label,
  Paragraph,
  Radio,
  Select,
  TextArea,
  TextInput,
} from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import { useForm, type UseFormRegister, type UseFormWatch } from 'react-hook-form';
import type { z } from 'zod';
import { allFields, type FieldNode } from '#domain/forms/describe.js';
import type { FieldError } from '../api';

export type FieldErrors = Record<string, string>;

export function fieldId(path: string): string {
  return `veld-${path.replace(/\./g, '-') || 'formulier'}`;
}

/** Stored values (draft, earlier input) → the strings the inputs hold. */
export function toFormValues(fields: FieldNode[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const key = lastSegment(field.path);
    const value = values?.[key];
    if (field.kind === 'group') out[key] = toFormValues(field.children ?? [], value as Record<string, unknown>);
    else if (field.kind === 'choice-group') {
      // At the root (path '') the union's fields are the form's own.
      const v = ((key === '' ? values : value) ?? {}) as Record<string, unknown>;
      const disc = lastSegment(field.discriminator!.path);
      const inner = { [disc]: v[disc] ?? '', ...toFormValues(Object.values(field.variants ?? {}).flat(), v) };
      if (key === '') Object.assign(out, inner);
      else out[key] = inner;
    } else if (field.kind === 'boolean' || field.kind === 'number' || field.kind === 'choice') out[key] = value === undefined || value === null ? '' : String(value);
    else if (field.kind === 'list') out[key] = Array.isArray(value) ? value.join('\n') : '';
    else if (field.kind === 'multi-choice') out[key] = Array.isArray(value) ? value : [];
    else if (field.kind === 'consent') out[key] = value === true;
    else out[key] = value ?? '';
  }
  return out;
}

/** The inputs' strings → the body the API takes: empty means absent, booleans and numbers typed, lists split. */
export function fromFormValues(fields: FieldNode[], values: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const key = lastSegment(field.path);
    const raw = values?.[key];
    let value: unknown;
    switch (field.kind) {
      case 'group':
        value = fromFormValues(field.children ?? [], raw as Record<string, unknown>);
        break;
      case 'choice-group': {
        const v = ((key === '' ? values : raw) ?? {}) as Record<string, unknown>;
        const disc = lastSegment(field.discriminator!.path);
        const chosen = v[disc] ? String(v[disc]) : undefined;
        value = chosen ? { [disc]: chosen, ...fromFormValues(field.variants?.[chosen] ?? [], v) } : undefined;
        break;
      }
      case 'boolean':
        value = raw === 'true' ? true : raw === 'false' ? false : undefined;
        break;
      case 'number':
        value = raw === '' || raw === undefined ? undefined : Number(raw);
        break;
      case 'choice': {
        const option = field.options?.find((o) => String(o) === raw);
        value = raw === '' || raw === undefined ? undefined : (option ?? raw);
        break;
      }
      case 'consent':
        value = raw === true ? true : undefined;
        break;
      case 'multi-choice':
        value = Array.isArray(raw) && raw.length ? raw : typeof raw === 'string' && raw ? [raw] : undefined;
        break;
      case 'list': {
        const lines = String(raw ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
        value = lines.length ? lines : undefined;
        break;
      }
      default:
        value = typeof raw === 'string' && raw.trim() === '' ? undefined : raw;
    }
    if (value !== undefined && key === '') Object.assign(out, value);
    else if (value !== undefined) out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** zod's issues (browser) or the API's field errors → one message per field path, on a path the form knows. */
export function errorsByField(fields: FieldNode[], errors: Array<{ path: string; message: string }>): FieldErrors {
  const known = new Set(allFields(fields).map((f) => f.path));
  const out: FieldErrors = {};
  for (const error of errors) {
    let path = error.path.replace(/^body\.?/, '');
    while (path && !known.has(path)) path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    out[path] ??= error.message;
  }
  return out;
}

export function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function labelOf(fields: FieldNode[], path: string): string {
  return allFields(fields).find((f) => f.path === path)?.label ?? 'Formulier';
}

export interface SchemaFormProps {
  fields: FieldNode[];
  defaultValues: Record<string, unknown> | undefined;
  errors: FieldErrors;
  /** Changes each time errors are shown, so the summary takes focus again. */
  errorRound: number;
  busy: boolean;
  submitLabel: string;
  onSubmit(values: Record<string, unknown>): void;
  /** Also receives the values (incomplete is fine). */
  onSaveDraft?(values: Record<string, unknown>): void;
  /** Hands the caller a way to read the current values (e.g. to save a draft before the token expires). */
  onReady?(read: () => Record<string, unknown>): void;
  children?: ReactNode;
}

export function SchemaForm(props: SchemaFormProps) {
  const { fields, errors } = props;
  const { register, handleSubmit, watch, getValues } = useForm({ defaultValues: toFormValues(fields, props.defaultValues), shouldFocusError: false });
  const read = () => fromFormValues(fields, getValues()) ?? {};
  props.onReady?.(read);
  const summary = Object.entries(errors).map(([path, message]) => ({ id: `#${fieldId(path)}`, label: `${labelOf(fields, path)}: ${message}` }));
  return (
    <form noValidate onSubmit={handleSubmit(() => props.onSubmit(read()))} className="werkplek-stack" id={fieldId('')}>
      {summary.length ? <InvalidFormAlert key={props.errorRound} errors={summary} headingLevel={2} heading="Verbeter de fouten voor u verder gaat" /> : null}
      {props.children}
      {fields.map((field) => (
        <FieldView key={field.path} field={field} register={register} watch={watch} errors={errors} />
      ))}
      <div className="werkplek-row">
        <Button type="submit" disabled={props.busy}>
          {props.submitLabel}
        </Button>
        {props.onSaveDraft ? (
          <Button type="button" variant="secondary" disabled={props.busy} onClick={() => props.onSaveDraft!(read())}>
            Opslaan als concept
          </Button>
        ) : null}
      </div>
    </form>
  );
}

interface FieldViewProps {
  field: FieldNode;
  register: UseFormRegister<Record<string, unknown>>;
  watch: UseFormWatch<Record<string, unknown>>;
  errors: FieldErrors;
  inFieldSet?: boolean;
}

function optionLabel(option: string | number): string {
  const text = String(option).replace(/[-_]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function FieldView({ field, register, watch, errors }: FieldViewProps) {
  const id = fieldId(field.path);
  const error = errors[field.path];
  const errorId = `${id}-fout`;
  const hintId = `${id}-hint`;
  const describedBy = [field.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const label = field.label ?? field.path;
  const optional = !field.required;
  const errorMessage = error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null;
  const hint = field.hint ? (
    <Paragraph id={hintId} size="small">
      {field.hint}
    </Paragraph>
  ) : null;

  switch (field.kind) {
    case 'group':
      return (
        <FieldSet id={id} legend={label} optional={optional} invalid={Boolean(error)} aria-describedby={describedBy}>
          {hint}
          {errorMessage}
          <div className="werkplek-stack">
            {(field.children ?? []).map((child) => (
              <FieldView key={child.path} field={child} register={register} watch={watch} errors={errors} />
            ))}
          </div>
        </FieldSet>
      );
    case 'choice-group': {
      const chosen = watch(field.discriminator!.path) as string | undefined;
      return (
        <FieldSet id={id} legend={label} optional={optional} invalid={Boolean(error)} aria-describedby={describedBy}>
          {hint}
          {errorMessage}
          <div className="werkplek-stack">
            <FieldView field={{ ...field.discriminator!, label: field.discriminator!.label ?? 'Soort' }} register={register} watch={watch} errors={errors} />
            {(chosen ? (field.variants?.[chosen] ?? []) : []).map((child) => (
              <FieldView key={child.path} field={child} register={register} watch={watch} errors={errors} />
            ))}
          </div>
        </FieldSet>
      );
    }
    case 'boolean':
    case 'choice':
    case 'multi-choice': {
      const options: Array<[string, string]> =
        field.kind === 'boolean' ? [['true', 'Ja'], ['false', 'Nee']] : (field.options ?? []).map((o) => [String(o), optionLabel(o)]);
      if (field.kind === 'choice' && options.length > 6) {
        return (
          <Field invalid={Boolean(error)}>
            <Label htmlFor={id} optional={optional}>{label}</Label>
            {hint}
            {errorMessage}
            <Select id={id} invalid={Boolean(error)} aria-describedby={describedBy} {...register(field.path)}>
              <Select.Option value="">Kies een antwoord</Select.Option>
              {options.map(([value, text]) => (
                <Select.Option key={value} value={value}>{text}</Select.Option>
              ))}
            </Select>
          </Field>
        );
      }
      const Input = field.kind === 'multi-choice' ? Checkbox : Radio;
      return (
        <FieldSet id={id} legend={label} optional={optional} invalid={Boolean(error)} aria-describedby={describedBy} role={field.kind === 'multi-choice' ? 'group' : 'radiogroup'}>
          {hint}
          {errorMessage}
          {options.map(([value, text], i) => (
            <Input key={value} id={i === 0 ? `${id}-eerste` : undefined} value={value} invalid={Boolean(error)} {...register(field.path)}>
              {text}
            </Input>
          ))}
        </FieldSet>
      );
    }
    case 'consent':
      return (
        <Field invalid={Boolean(error)}>
          {hint}
          {errorMessage}
          <Checkbox id={id} invalid={Boolean(error)} aria-describedby={describedBy} {...register(field.path)}>
            {label}
          </Checkbox>
        </Field>
      );
    default: {
      const common = { id, invalid: Boolean(error), 'aria-describedby': describedBy, ...register(field.path) };
      return (
        <Field invalid={Boolean(error)}>
          <Label htmlFor={id} optional={optional}>{label}</Label>
          {hint}
          {errorMessage}
          {field.kind === 'date' ? (
            <DateInput {...common} />
          ) : field.kind === 'longtext' || field.kind === 'list' ? (
            <TextArea {...common} rows={field.kind === 'list' ? 3 : 4} {...(field.maxLength ? { maxLength: field.maxLength } : {})} />
          ) : field.kind === 'number' ? (
            <TextInput {...common} type="text" inputMode={field.integer ? 'numeric' : 'decimal'} />
          ) : (
            <TextInput {...common} {...(field.maxLength ? { maxLength: field.maxLength } : {})} />
          )}
        </Field>
      );
    }
  }
}
