/** Nieuw dossier: the same schema the API validates POST /cases with, drawn as a form. */
import { Paragraph } from '@amsterdam/design-system-react';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { createCaseSchema } from '#domain/open-case.js';
import { describeForm } from '#domain/forms/describe.js';
import { ApiError, request } from '../api';
import { errorsByField, SchemaForm, zodErrors, type FieldErrors } from '../forms/SchemaForm';
import { PageTitle, ProblemAlert } from '../ui';

export default function NewCasePage() {
  const navigate = useNavigate();
  const fields = useMemo(() => describeForm(createCaseSchema), []);
  const key = useRef(crypto.randomUUID());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [round, setRound] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const show = (list: Array<{ path: string; message: string }>) => {
    setErrors(errorsByField(fields, list));
    setRound((n) => n + 1);
  };
  const submit = async (values: Record<string, unknown>) => {
    const checked = createCaseSchema.safeParse(values);
    if (!checked.success) return show(zodErrors(checked.error));
    setErrors({});
    setBusy(true);
    try {
      const created = await request<{ caseId: string; reference: string }>('/cases', { method: 'POST', body: values, idempotencyKey: key.current });
      navigate(`/cases/${created.body.caseId}`, { state: { message: `Dossier ${created.body.reference} is aangemaakt.` } });
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length) show(error.problem.errors);
      else setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="werkplek-stack">
      <PageTitle>Nieuw dossier</PageTitle>
      <Paragraph>De cliënt wordt alleen met initialen of een pseudoniem vastgelegd, nooit met een volledige naam (AVG).</Paragraph>
      {problem ? <ProblemAlert error={problem} /> : null}
      <SchemaForm fields={fields} defaultValues={{ regio: 'amsterdam' }} errors={errors} errorRound={round} busy={busy} submitLabel="Dossier aanmaken" onSubmit={(v) => void submit(v)} />
    </div>
  );
}
