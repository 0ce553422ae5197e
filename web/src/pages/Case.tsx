/**
 * The dossier: what a reminder's "Bekijk het dossier" opens. Reference, phase on the route, open deadlines, the
 * forms this role may submit now (and only those), drafts in progress, the timeline as this role may see it
 * (the corporatie sees what the API shows it, nothing more), consent (zorgaanbieder) and the inzage export.
 */
import { Alert, Button, DescriptionList, Heading, LinkList, Paragraph, ProgressList } from '@amsterdam/design-system-react';
import { useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { akkoordAnswerSchema } from '#domain/akkoord.js';
import { consentRequestSchema } from '#domain/consent.js';
import { describeForm } from '#domain/forms/describe.js';
import { formFor } from '#domain/forms/index.js';
import { ApiError, get, request } from '../api';
import { useAuth } from '../auth';
import { errorsByField, SchemaForm, zodErrors, type FieldErrors } from '../forms/SchemaForm';
import { EVENT_LABELS, formatDate, formatInstant, PHASE_LABELS, ROLE_LABELS, type Phase } from '../labels';
import { DeadlineTable, type DeadlineRow } from '../DeadlineTable';
import { Loading, PageTitle, ProblemAlert, RouterLink, useLoad } from '../ui';

interface TimelineEntry {
  seq: number;
  type: string;
  occurredOn: string;
  recordedAt: string;
  recordedBy: { organisationId: string; role: string };
  supersedes?: number;
  data?: Record<string, unknown>;
  akkoord?: { van: string; status: AkkoordStatus };
}

type AkkoordStatus = 'ingediend' | 'in_behandeling' | 'akkoord' | 'teruggestuurd' | 'vervangen';

interface AkkoordRead {
  seq: number;
  action: string;
  wat: string;
  status: AkkoordStatus;
  submittedAt: string;
  betreft?: number;
  opnieuwIngediendNa?: number;
  vervangenDoor?: number;
  inBehandelingBij?: { userId: string; since: string };
  besluit?: { at: string; organisationId: string; reden?: string };
}

const AKKOORD_LABELS: Record<AkkoordStatus, string> = {
  ingediend: 'ingediend bij de corporatie',
  in_behandeling: 'in behandeling bij de corporatie',
  akkoord: 'akkoord van de corporatie',
  teruggestuurd: 'teruggestuurd door de corporatie',
  vervangen: 'vervangen door een nieuwe versie',
};

interface CaseRead {
  caseId: string;
  reference: string;
  phase: Phase;
  version: number;
  regio?: string;
  route?: string;
  doelgroep?: string;
  clientPseudonym?: string;
  zorgaanbiederId?: string;
  corporatieId?: string;
  updatedAt?: string;
  toestemming?: { gegeven: boolean; sinds: string; doelen: string[]; metWie: string[] };
  timeline?: TimelineEntry[];
  actions?: string[];
  akkoorden?: AkkoordRead[];
}

interface DeadlineRead {
  deadlineId: string;
  title: string;
  source: string;
  actor: string;
  dueDate: string;
  status: string;
  metOn?: string;
  werkdagenLeft?: number;
}

const rowOf = (d: DeadlineRead): DeadlineRow => ({ key: d.deadlineId, ...d });

interface DraftRead {
  action: string;
  savedAt: string;
  savedBy: string;
  form: { title: string };
  readiness: { complete: boolean; allowedNow: boolean };
}

/** The main line of the route (001, 002); side phases are named beside it. */
const ROUTE: Phase[] = ['onderzoek', 'urgentie_aangevraagd', 'wachtlijst', 'aanbod', 'herstelfase', 'voordracht', 'toets_wonen', 'omklap_akkoord', 'omgeklapt'];
const SIDE: Partial<Record<Phase, Phase>> = { tijdelijk_afgemeld: 'wachtlijst', duurzame_verhuur: 'herstelfase' };

const titleOf = (type: string) => formFor(type)?.title ?? EVENT_LABELS[type] ?? type.replace(/-/g, ' ');

export default function CasePage() {
  const { caseId = '' } = useParams();
  const { profile } = useAuth();
  const location = useLocation();
  const flash = (location.state as { message?: string } | null)?.message;
  const [loaded, reload] = useLoad(async () => {
    const [read, deadlines, drafts] = await Promise.all([
      get<CaseRead>(`/cases/${caseId}`),
      get<{ deadlines: DeadlineRead[] }>(`/cases/${caseId}/deadlines`).catch(() => ({ deadlines: [] })),
      get<{ items: DraftRead[] }>(`/cases/${caseId}/drafts`).catch(() => ({ items: [] })),
    ]);
    return { read, deadlines: deadlines.deadlines, drafts: drafts.items };
  }, [caseId]);

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <div className="werkplek-stack">
        <PageTitle>Dossier niet gevonden</PageTitle>
        {missing ? <Paragraph>Dit dossier bestaat niet, of u mag het niet inzien.</Paragraph> : <ProblemAlert error={loaded.error} />}
        <Paragraph>
          <Link to="/" className="ams-link">Naar mijn dossiers</Link>
        </Paragraph>
      </div>
    );
  }
  const { read, deadlines, drafts } = loaded.value;
  const open = deadlines.filter((d) => d.status === 'open' || d.status === 'overdue');
  const closed = deadlines.filter((d) => !(d.status === 'open' || d.status === 'overdue'));
  const zorgaanbieder = Boolean(profile && read.zorgaanbiederId === profile.organisationId);
  const current = SIDE[read.phase] ?? read.phase;
  const currentIndex = ROUTE.indexOf(current);

  return (
    <div className="werkplek-stack">
      <PageTitle>{`Dossier ${read.reference}`}</PageTitle>
      {flash ? (
        <Alert heading="Gelukt" headingLevel={2} severity="success" role="status">
          <Paragraph>{flash}</Paragraph>
        </Alert>
      ) : null}
      <DescriptionList>
        <DescriptionList.Term>Kenmerk</DescriptionList.Term>
        <DescriptionList.Description>{read.reference}</DescriptionList.Description>
        <DescriptionList.Term>Fase</DescriptionList.Term>
        <DescriptionList.Description>{PHASE_LABELS[read.phase]}</DescriptionList.Description>
        {read.clientPseudonym ? (
          <>
            <DescriptionList.Term>Cliënt (pseudoniem)</DescriptionList.Term>
            <DescriptionList.Description>{read.clientPseudonym}</DescriptionList.Description>
          </>
        ) : null}
        {read.route ? (
          <>
            <DescriptionList.Term>Instroomroute</DescriptionList.Term>
            <DescriptionList.Description>{read.route}</DescriptionList.Description>
          </>
        ) : null}
        {read.updatedAt ? (
          <>
            <DescriptionList.Term>Laatst gewijzigd</DescriptionList.Term>
            <DescriptionList.Description>{formatInstant(read.updatedAt)}</DescriptionList.Description>
          </>
        ) : null}
      </DescriptionList>

      <section aria-labelledby="route-kop" className="werkplek-stack">
        <Heading level={2} id="route-kop">De route</Heading>
        {read.phase === 'afgesloten' ? <Paragraph>Dit dossier is afgesloten.</Paragraph> : null}
        {SIDE[read.phase] ? <Paragraph>Bijzondere fase: {PHASE_LABELS[read.phase].toLowerCase()}.</Paragraph> : null}
        <ProgressList headingLevel={3} completedAccessibleText="Afgerond:" currentAccessibleText="Huidige fase:">
          {ROUTE.map((phase, i) => (
            <ProgressList.Step key={phase} heading={PHASE_LABELS[phase]} {...(i < currentIndex || (read.phase === 'omgeklapt' && i === currentIndex) ? { status: 'completed' as const } : i === currentIndex ? { status: 'current' as const } : {})} />
          ))}
        </ProgressList>
      </section>

      <section aria-labelledby="termijnen-kop" className="werkplek-stack">
        <Heading level={2} id="termijnen-kop">Open termijnen</Heading>
        {open.length === 0 ? <Paragraph>Er staan geen termijnen open.</Paragraph> : <DeadlineTable rows={open.map(rowOf)} caption="Open termijnen van dit dossier" />}
        {closed.length ? (
          <details>
            <summary>Afgeronde en vervallen termijnen ({closed.length})</summary>
            <DeadlineTable rows={closed.map(rowOf)} caption="Afgeronde en vervallen termijnen" />
          </details>
        ) : null}
      </section>

      {read.akkoorden?.length ? <Akkoorden read={read} onChanged={reload} mayAnswer={profile?.role === 'contactpersoon'} mayResubmit={zorgaanbieder} /> : null}

      <section aria-labelledby="formulieren-kop" className="werkplek-stack">
        <Heading level={2} id="formulieren-kop">Formulieren die u nu kunt indienen</Heading>
        {read.actions?.length ? (
          <LinkList>
            {read.actions.map((action) => (
              <LinkList.Link key={action} href={`/cases/${read.caseId}/formulieren/${action}`} linkComponent={RouterLink}>
                {titleOf(action)}
              </LinkList.Link>
            ))}
          </LinkList>
        ) : (
          <Paragraph>In deze fase kunt u geen formulier indienen.</Paragraph>
        )}
      </section>

      {drafts.length ? (
        <section aria-labelledby="concepten-kop" className="werkplek-stack">
          <Heading level={2} id="concepten-kop">Concepten in bewerking</Heading>
          <LinkList>
            {drafts.map((d) => (
              <LinkList.Link key={d.action} href={`/cases/${read.caseId}/formulieren/${d.action}`} linkComponent={RouterLink}>
                {`Verder met ${d.form.title} (opgeslagen ${formatInstant(d.savedAt)}${d.readiness.complete ? ', compleet' : ''})`}
              </LinkList.Link>
            ))}
          </LinkList>
        </section>
      ) : null}

      <section aria-labelledby="tijdlijn-kop" className="werkplek-stack">
        <Heading level={2} id="tijdlijn-kop">Tijdlijn</Heading>
        <ol className="werkplek-timeline">
          {[...(read.timeline ?? [])].reverse().map((entry) => (
            <li key={entry.seq}>
              <Heading level={3} size="level-5">
                {titleOf(entry.type)}
                {entry.supersedes ? (entry.akkoord ? ' (opnieuw ingediend)' : ' (correctie)') : ''}
                {entry.akkoord ? ` — ${AKKOORD_LABELS[entry.akkoord.status]}` : ''}
                {typeof entry.data?.voor === 'number' && entry.type.startsWith('akkoord-') ? ` (volgnummer ${entry.data.voor})` : ''}
              </Heading>
              <Paragraph size="small">
                {formatDate(entry.occurredOn)} · volgnummer {entry.seq} · {ROLE_LABELS[entry.recordedBy.role] ?? entry.recordedBy.role}, {entry.recordedBy.organisationId}
              </Paragraph>
              {entry.data ? <EventData data={entry.data} /> : <Paragraph size="small">De inhoud van dit formulier is voor uw rol niet zichtbaar.</Paragraph>}
            </li>
          ))}
        </ol>
      </section>

      {zorgaanbieder && profile && profile.role !== 'onafhankelijke-derde' ? <Consent read={read} onChanged={reload} /> : null}
      {zorgaanbieder && profile?.role === 'organisatiebeheerder' ? <Export caseId={read.caseId} reference={read.reference} /> : null}
    </div>
  );
}

/** A form's content as this role may see it: nested fields flattened into label → value. */
function EventData({ data }: { data: Record<string, unknown> }) {
  const rows: Array<[string, string]> = [];
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(v, path ? `${path} › ${k}` : k);
    else rows.push([path, Array.isArray(value) ? value.join(', ') : typeof value === 'boolean' ? (value ? 'ja' : 'nee') : String(value)]);
  };
  walk(data, '');
  if (!rows.length) return null;
  return (
    <details>
      <summary>Inhoud bekijken</summary>
      <DescriptionList>
        {rows.map(([k, v]) => (
          <div key={k}>
            <DescriptionList.Term>{k}</DescriptionList.Term>
            <DescriptionList.Description>
              <span className="werkplek-data">{v}</span>
            </DescriptionList.Description>
          </div>
        ))}
      </DescriptionList>
    </details>
  );
}

/** Consent (002 WA10): recorded or withdrawn by the zorgaanbieder; the API decides who may. */
function Consent({ read, onChanged }: { read: CaseRead; onChanged: () => void }) {
  const [record, withdraw] = consentRequestSchema.options;
  const recordFields = useMemo(() => describeForm(record).filter((f) => f.path !== 'action'), [record]);
  const withdrawFields = useMemo(() => describeForm(withdraw).filter((f) => f.path !== 'action'), [withdraw]);
  const key = useRef(crypto.randomUUID());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [round, setRound] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const consent = read.toestemming;
  const active = Boolean(consent?.gegeven);
  const fields = active ? withdrawFields : recordFields;
  const send = async (values: Record<string, unknown>) => {
    const body = { action: active ? 'withdraw' : 'record', ...values };
    const checked = consentRequestSchema.safeParse(body);
    if (!checked.success) {
      setErrors(errorsByField(fields, zodErrors(checked.error)));
      setRound((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await request(`/cases/${read.caseId}/consent`, { method: 'POST', body, idempotencyKey: key.current, ifMatch: read.version });
      key.current = crypto.randomUUID();
      onChanged();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="toestemming-kop" className="werkplek-stack">
      <Heading level={2} id="toestemming-kop">Toestemming van de cliënt</Heading>
      <Paragraph>
        {active
          ? `De cliënt gaf op ${formatDate(consent!.sinds)} toestemming om te delen met ${consent!.metWie.join(' en ')}, voor: ${consent!.doelen.join(', ')}.`
          : 'Er is geen toestemming om gegevens te delen vastgelegd.'}
      </Paragraph>
      {problem ? <ProblemAlert error={problem} /> : null}
      <SchemaForm
        key={`${active}`}
        fields={fields}
        defaultValues={undefined}
        errors={errors}
        errorRound={round}
        busy={busy}
        submitLabel={active ? 'Toestemming intrekken' : 'Toestemming vastleggen'}
        onSubmit={(v) => void send(v)}
      />
    </section>
  );
}

/**
 * Forms ingediend bij the corporatie (shared/domain/akkoord.ts): where each stands, and for the corporatie's
 * contactpersoon the answer: in behandeling nemen, akkoord geven, or terugsturen with a reason.
 */
function Akkoorden({ read, onChanged, mayAnswer, mayResubmit }: { read: CaseRead; onChanged: () => void; mayAnswer: boolean; mayResubmit: boolean }) {
  const items = read.akkoorden ?? [];
  const open = items.filter((i) => i.status === 'ingediend' || i.status === 'in_behandeling');
  return (
    <section aria-labelledby="akkoord-kop" className="werkplek-stack">
      <Heading level={2} id="akkoord-kop">{mayAnswer ? 'Te beoordelen' : 'Akkoord van de corporatie'}</Heading>
      <ul className="werkplek-stack">
        {items.map((item) => (
          <li key={item.seq}>
            <Paragraph>
              <strong>{item.wat}</strong> (volgnummer {item.seq}{item.opnieuwIngediendNa ? `, opnieuw ingediend na ${item.opnieuwIngediendNa}` : ''}): {AKKOORD_LABELS[item.status]}
              {item.besluit ? ` op ${formatInstant(item.besluit.at)}` : ` sinds ${formatInstant(item.submittedAt)}`}
              {item.inBehandelingBij ? ` (bij ${item.inBehandelingBij.userId})` : ''}.
              {item.betreft ? ` Het gaat om de voordracht voor omklap (volgnummer ${item.betreft}) in de tijdlijn.` : ''}
            </Paragraph>
            {item.besluit?.reden ? <Paragraph>Reden: {item.besluit.reden}</Paragraph> : null}
            {mayResubmit && item.status === 'teruggestuurd' && !item.vervangenDoor ? (
              <Paragraph>
                <Link to={`/cases/${read.caseId}/formulieren/${item.action}?supersedes=${item.seq}`} className="ams-link">
                  {`${item.wat} aanpassen en opnieuw indienen`}
                </Link>
              </Paragraph>
            ) : null}
          </li>
        ))}
      </ul>
      {mayAnswer ? open.map((item) => <AkkoordAnswerForm key={item.seq} read={read} item={item} onChanged={onChanged} />) : null}
    </section>
  );
}

function AkkoordAnswerForm({ read, item, onChanged }: { read: CaseRead; item: AkkoordRead; onChanged: () => void }) {
  const terugsturen = akkoordAnswerSchema.options[2];
  const fields = useMemo(() => describeForm(terugsturen).filter((f) => f.path !== 'besluit'), [terugsturen]);
  const key = useRef(crypto.randomUUID());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [round, setRound] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const send = async (body: Record<string, unknown>) => {
    const checked = akkoordAnswerSchema.safeParse(body);
    if (!checked.success) {
      setErrors(errorsByField(fields, zodErrors(checked.error)));
      setRound((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await request(`/cases/${read.caseId}/akkoorden/${item.seq}`, { method: 'POST', body: checked.data, idempotencyKey: key.current, ifMatch: read.version });
      key.current = crypto.randomUUID();
      onChanged();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby={`akkoord-${item.seq}`} className="werkplek-stack">
      <Heading level={3} id={`akkoord-${item.seq}`}>{`Uw besluit: ${item.wat} (volgnummer ${item.seq})`}</Heading>
      {problem ? <ProblemAlert error={problem} /> : null}
      <div className="werkplek-actions">
        {item.status === 'ingediend' ? (
          <Button variant="secondary" disabled={busy} onClick={() => void send({ besluit: 'in-behandeling' })}>In behandeling nemen</Button>
        ) : null}
        <Button disabled={busy} onClick={() => void send({ besluit: 'akkoord' })}>Akkoord geven</Button>
      </div>
      <SchemaForm
        fields={fields}
        defaultValues={undefined}
        errors={errors}
        errorRound={round}
        busy={busy}
        submitLabel="Terugsturen met deze reden"
        onSubmit={(v) => void send({ besluit: 'terugsturen', ...v })}
      />
    </section>
  );
}

/** AVG inzage: the case's data as the organisatiebeheerder exports it (GET /cases/{id}/export). */
function Export({ caseId, reference }: { caseId: string; reference: string }) {
  const [problem, setProblem] = useState<unknown>();
  const download = async () => {
    try {
      const answer = await request<unknown>(`/cases/${caseId}/export`);
      const url = URL.createObjectURL(new Blob([JSON.stringify(answer.body, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `inzage-${reference}.json`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <section aria-labelledby="inzage-kop" className="werkplek-stack">
      <Heading level={2} id="inzage-kop">Inzage (AVG)</Heading>
      {problem ? <ProblemAlert error={problem} /> : null}
      <Button variant="secondary" onClick={() => void download()}>Gegevens exporteren</Button>
    </section>
  );
}
