/**
 * One form of the route as a page: generated from its schema, saved as a draft (a colleague continues it), submitted
 * once (Idempotency-Key per page, If-Match on the case version read). "Het dossier is intussen gewijzigd" offers to
 * reload the case and keep what was typed. A draft is also saved when the session is about to renew its token.
 * `?supersedes=N` is the new version of form N (a correction, or a resubmission after the corporatie sent it back):
 * the form opens with what N said and the reason it came back, and goes in marked as N's successor.
 */
import { Alert, Button, Paragraph } from '@amsterdam/design-system-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { describeForm } from '#domain/forms/describe.js';
import { formFor } from '#domain/forms/index.js';
import { ApiError, get, request } from '../api';
import { useBeforeTokenExpiry } from '../auth';
import { errorsByField, SchemaForm, zodErrors, type FieldErrors } from '../forms/SchemaForm';
import { formatInstant, PHASE_LABELS, type Phase } from '../labels';
import { Loading, PageTitle, ProblemAlert, useLoad } from '../ui';

interface CaseRead {
  caseId: string;
  reference: string;
  phase: Phase;
  version: number;
  actions?: string[];
  timeline?: Array<{ seq: number; type: string; data?: Record<string, unknown> }>;
  akkoorden?: Array<{ seq: number; besluit?: { reden?: string } }>;
}

interface DraftRead {
  input: Record<string, unknown>;
  version: number;
  savedAt: string;
  savedBy: string;
}

export default function FormPage() {
  const { caseId = '', action = '' } = useParams();
  const form = formFor(action);
  const fields = useMemo(() => (form ? describeForm(form.schema) : []), [form]);
  const [loaded, reload] = useLoad(async () => {
    const [caseRead, draft] = await Promise.all([
      request<CaseRead>(`/cases/${caseId}`),
      request<DraftRead>(`/cases/${caseId}/drafts/${action}`).catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? undefined : Promise.reject(e))),
    ]);
    return { caseRead: caseRead.body, draft: draft?.body };
  }, [caseId, action]);

  if (!form) return <ProblemAlert error={new Error(`Onbekend formulier: ${action}`)} />;
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <ProblemAlert error={loaded.error} heading="Het dossier kon niet worden geladen" />;
  return <FormEditor key={`${loaded.value.caseRead.version}`} caseRead={loaded.value.caseRead} draft={loaded.value.draft} fields={fields} form={form} reload={reload} />;
}

type Form = NonNullable<ReturnType<typeof formFor>>;

function FormEditor({ caseRead, draft, fields, form, reload }: { caseRead: CaseRead; draft?: DraftRead; fields: ReturnType<typeof describeForm>; form: Form; reload: () => void }) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const idempotencyKey = useRef(crypto.randomUUID());
  const readValues = useRef<() => Record<string, unknown>>(() => ({}));
  const kept = useRef<Record<string, unknown> | undefined>(undefined);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [round, setRound] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const [changedMeanwhile, setChangedMeanwhile] = useState(false);
  const [draftState, setDraftState] = useState<{ version?: number; savedAt?: string }>(draft ? { version: draft.version, savedAt: draft.savedAt } : {});
  const supersedes = Number(searchParams.get('supersedes')) || undefined;
  const previous = supersedes ? caseRead.timeline?.find((e) => e.seq === supersedes && e.type === form.action) : undefined;
  const sentBackBecause = supersedes ? caseRead.akkoorden?.find((a) => a.seq === supersedes)?.besluit?.reden : undefined;
  // A new version of an earlier form is allowed whenever that form may be corrected; the API decides.
  const allowed = Boolean(previous) || (caseRead.actions?.includes(form.action) ?? true);

  const showErrors = (list: Array<{ path: string; message: string }>) => {
    setErrors(errorsByField(fields, list));
    setRound((n) => n + 1);
  };

  const saveDraft = useCallback(
    async (values: Record<string, unknown>) => {
      try {
        const saved = await request<DraftRead>(`/cases/${caseRead.caseId}/drafts/${form.action}`, { method: 'PUT', body: values, ...(draftState.version ? { ifMatch: draftState.version } : {}) });
        setDraftState({ version: saved.body.version, savedAt: saved.body.savedAt });
        setProblem(undefined);
      } catch (error) {
        setProblem(error);
      }
    },
    [caseRead.caseId, form.action, draftState.version],
  );
  useBeforeTokenExpiry(useCallback(() => void saveDraft(readValues.current()), [saveDraft]));

  const submit = async (values: Record<string, unknown>) => {
    setProblem(undefined);
    const checked = form.schema.safeParse(values);
    if (!checked.success) return showErrors(zodErrors(checked.error));
    setErrors({});
    setBusy(true);
    try {
      const answer = await request<{ phase: Phase; reference: string }>(`/cases/${caseRead.caseId}/forms/${form.action}${previous ? `?supersedes=${previous.seq}` : ''}`, {
        method: 'POST',
        body: values,
        idempotencyKey: idempotencyKey.current,
        ifMatch: caseRead.version,
      });
      sessionStorage.removeItem(keptKey(caseRead.caseId, form.action));
      const message = `${form.title} is ${previous ? 'opnieuw ' : ''}ingediend. Het dossier is nu in de fase ${PHASE_LABELS[answer.body.phase].toLowerCase()}.`;
      // ?terug=/wonen/wachtrij: back to where the form was opened from (a werkvoorraad), only paths of this app.
      const back = searchParams.get('terug');
      navigate(back && back.startsWith('/') && !back.startsWith('//') ? back : `/cases/${caseRead.caseId}`, { state: { message: `${caseRead.reference}: ${message}` } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        kept.current = values;
        setChangedMeanwhile(true);
      } else if (error instanceof ApiError && error.problem.errors?.length) {
        showErrors(error.problem.errors);
        setProblem(error);
      } else setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="werkplek-stack">
      <PageTitle>{form.title}</PageTitle>
      <Paragraph>
        Dossier <Link to={`/cases/${caseRead.caseId}`} className="ams-link">{caseRead.reference}</Link>, fase {PHASE_LABELS[caseRead.phase].toLowerCase()}. {form.summary} (bron: {form.source})
      </Paragraph>
      {previous ? (
        <Alert heading={`Nieuwe versie van volgnummer ${previous.seq}`} headingLevel={2}>
          <Paragraph>
            Het formulier staat ingevuld zoals u het eerder indiende. Pas aan wat nodig is en dien het opnieuw in; beide versies blijven in de tijdlijn.
          </Paragraph>
          {sentBackBecause ? <Paragraph>Reden van terugsturen: {sentBackBecause}</Paragraph> : null}
        </Alert>
      ) : null}
      {!allowed ? (
        <Alert heading="Dit formulier kan nu nog niet worden ingediend" headingLevel={2} severity="warning">
          <Paragraph>U kunt het wel voorbereiden en als concept opslaan.</Paragraph>
        </Alert>
      ) : null}
      {draftState.savedAt ? <Paragraph role="status">Concept opgeslagen op {formatInstant(draftState.savedAt)}.</Paragraph> : null}
      {changedMeanwhile ? (
        <Alert heading="Het dossier is intussen gewijzigd" headingLevel={2} severity="warning" role="alert">
          <Paragraph>Iemand anders heeft het dossier gewijzigd nadat u dit formulier opende. Laad het dossier opnieuw; wat u hebt ingevuld blijft staan.</Paragraph>
          <Button
            variant="secondary"
            onClick={() => {
              setChangedMeanwhile(false);
              idempotencyKey.current = crypto.randomUUID();
              sessionStorage.setItem(keptKey(caseRead.caseId, form.action), JSON.stringify(kept.current ?? readValues.current()));
              reload();
            }}
          >
            Dossier opnieuw laden
          </Button>
        </Alert>
      ) : null}
      {problem && !Object.keys(errors).length ? <ProblemAlert error={problem} /> : null}
      <SchemaForm
        fields={fields}
        defaultValues={takeKept(caseRead.caseId, form.action) ?? draft?.input ?? previous?.data}
        errors={errors}
        errorRound={round}
        busy={busy}
        submitLabel="Indienen"
        onSubmit={(v) => void submit(v)}
        onSaveDraft={(v) => void saveDraft(v)}
        onReady={(read) => (readValues.current = read)}
      />
    </div>
  );
}

const keptKey = (caseId: string, action: string) => `werkplek:kept:${caseId}:${action}`;

/** What was typed before "Dossier opnieuw laden" (kept in the tab until the form is submitted). */
function takeKept(caseId: string, action: string): Record<string, unknown> | undefined {
  const raw = sessionStorage.getItem(keptKey(caseId, action));
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
}
