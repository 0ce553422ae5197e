/**
 * Ongekoppelde mail (issue 13): mail to woonzaken that matched no case, or was refused, and its safe reading view —
 * the body as plain text (the API sends the text part, or the HTML converted to text; React escapes it; the raw
 * HTML is never shown and nothing is set as HTML), the attachments by name, type and size, never opened inline. A
 * medewerker links the mail to a case by its reference. The refused-mail notice links to /wonen/unmatched/<mailId>.
 */
import { Button, DescriptionList, ErrorMessage, Field, Label, Paragraph, Table, TextInput } from '@amsterdam/design-system-react';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { get, request } from '../api';
import { formatInstant } from '../labels';
import { Loading, PageTitle, ProblemAlert, useLoad } from '../ui';

interface UnmatchedEntry {
  mailId: string;
  status: 'niet-gekoppeld' | 'geweigerd';
  reason: string;
  detail?: string;
  from: string;
  subject: string;
  receivedAt: string;
  reference?: string;
  attachments: Array<{ name: string; contentType: string; size: number }>;
  refusedAttachments?: Array<{ extension: string; contentType: string; size: number; reason: string }>;
  text?: string;
}

const STATUS_LABELS: Record<UnmatchedEntry['status'], string> = { 'niet-gekoppeld': 'Niet gekoppeld', geweigerd: 'Geweigerd' };

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export default function UnmatchedMailPage() {
  const { mailId } = useParams();
  return mailId ? <ReadMail mailId={mailId} /> : <MailList />;
}

function MailList() {
  const [loaded] = useLoad(() => get<{ items: UnmatchedEntry[] }>('/wonen/unmatched?limit=100'), []);
  return (
    <div className="werkplek-stack">
      <PageTitle>Ongekoppelde mail</PageTitle>
      <Paragraph>E-mail aan woonzaken die bij geen dossier hoort, of die geweigerd is. Open een bericht om het te lezen en te koppelen.</Paragraph>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ProblemAlert error={loaded.error} heading="De e-mail kon niet worden geladen" /> : null}
      {loaded.state === 'ok' && loaded.value.items.length === 0 ? <Paragraph>Er is geen ongekoppelde e-mail.</Paragraph> : null}
      {loaded.state === 'ok' && loaded.value.items.length > 0 ? (
        <Table>
          <Table.Caption>Ongekoppelde en geweigerde e-mail, de oudste eerst</Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Ontvangen</Table.HeaderCell>
              <Table.HeaderCell scope="col">Onderwerp</Table.HeaderCell>
              <Table.HeaderCell scope="col">Van</Table.HeaderCell>
              <Table.HeaderCell scope="col">Status</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {loaded.value.items.map((m) => (
              <Table.Row key={m.mailId}>
                <Table.Cell>{formatInstant(m.receivedAt)}</Table.Cell>
                <Table.Cell>
                  <Link to={`/wonen/unmatched/${m.mailId}`} className="ams-link">{m.subject || '(geen onderwerp)'}</Link>
                </Table.Cell>
                <Table.Cell>{m.from}</Table.Cell>
                <Table.Cell>
                  {STATUS_LABELS[m.status]}: {m.reason}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : null}
    </div>
  );
}

function ReadMail({ mailId }: { mailId: string }) {
  const [loaded] = useLoad(() => get<UnmatchedEntry>(`/wonen/unmatched/${mailId}`), [mailId]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error')
    return (
      <div className="werkplek-stack">
        <PageTitle>E-mail</PageTitle>
        <ProblemAlert error={loaded.error} heading="De e-mail kon niet worden geladen" />
        <Paragraph>
          <Link to="/wonen/unmatched" className="ams-link">Naar de ongekoppelde mail</Link>
        </Paragraph>
      </div>
    );
  const m = loaded.value;
  return (
    <div className="werkplek-stack">
      <PageTitle>{`E-mail: ${m.subject || '(geen onderwerp)'}`}</PageTitle>
      <DescriptionList>
        <DescriptionList.Term>Van</DescriptionList.Term>
        <DescriptionList.Description>{m.from}</DescriptionList.Description>
        <DescriptionList.Term>Ontvangen</DescriptionList.Term>
        <DescriptionList.Description>{formatInstant(m.receivedAt)}</DescriptionList.Description>
        <DescriptionList.Term>Status</DescriptionList.Term>
        <DescriptionList.Description>
          {STATUS_LABELS[m.status]}: {m.reason}
          {m.detail ? ` (${m.detail})` : ''}
        </DescriptionList.Description>
        {m.reference ? (
          <>
            <DescriptionList.Term>Kenmerk in de e-mail</DescriptionList.Term>
            <DescriptionList.Description>{m.reference}</DescriptionList.Description>
          </>
        ) : null}
      </DescriptionList>
      <section aria-labelledby="tekst" className="werkplek-stack">
        <h2 id="tekst" className="ams-heading ams-heading--2">Tekst</h2>
        {m.text !== undefined ? <pre className="werkplek-data werkplek-mail-text">{m.text}</pre> : <Paragraph>De tekst van een geweigerde e-mail is niet bewaard.</Paragraph>}
      </section>
      <section aria-labelledby="bijlagen" className="werkplek-stack">
        <h2 id="bijlagen" className="ams-heading ams-heading--2">Bijlagen</h2>
        {m.attachments.length === 0 && !m.refusedAttachments?.length ? <Paragraph>Geen bijlagen.</Paragraph> : null}
        {m.attachments.length > 0 ? (
          <Table>
            <Table.Caption className="werkplek-visually-hidden">Bijlagen (worden niet in de werkplek geopend)</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Naam</Table.HeaderCell>
                <Table.HeaderCell scope="col">Soort</Table.HeaderCell>
                <Table.HeaderCell scope="col">Grootte</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {m.attachments.map((a, index) => (
                <Table.Row key={`${index}-${a.name}`}>
                  <Table.Cell>{a.name}</Table.Cell>
                  <Table.Cell>{a.contentType}</Table.Cell>
                  <Table.Cell>{size(a.size)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        ) : null}
        {m.refusedAttachments?.length ? (
          <Paragraph>
            Geweigerde bijlagen: {m.refusedAttachments.map((a) => `.${a.extension} (${a.contentType}, ${size(a.size)}): ${a.reason}`).join('; ')}
          </Paragraph>
        ) : null}
      </section>
      {m.status === 'niet-gekoppeld' ? <LinkMail mailId={m.mailId} suggested={m.reference} /> : null}
      <Paragraph>
        <Link to="/wonen/unmatched" className="ams-link">Naar de ongekoppelde mail</Link>
      </Paragraph>
    </div>
  );
}

function LinkMail({ mailId, suggested }: { mailId: string; suggested?: string }) {
  const navigate = useNavigate();
  const [reference, setReference] = useState(suggested ?? '');
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const key = useRef(crypto.randomUUID());
  const fieldError = problem && typeof problem === 'object' && 'problem' in problem ? (problem as { problem: { errors?: Array<{ message: string }> } }).problem.errors?.[0]?.message : undefined;
  return (
    <form
      className="werkplek-stack"
      aria-labelledby="koppelen"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setProblem(undefined);
        try {
          const answer = await request<{ caseId: string; reference: string }>(`/wonen/unmatched/${mailId}/link`, { method: 'POST', body: { reference }, idempotencyKey: key.current });
          navigate(`/cases/${answer.body.caseId}`, { state: { message: `De e-mail is gekoppeld aan ${answer.body.reference}.` } });
        } catch (error) {
          key.current = crypto.randomUUID();
          setProblem(error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="koppelen" className="ams-heading ams-heading--2">Koppelen aan een dossier</h2>
      {problem && !fieldError ? <ProblemAlert error={problem} /> : null}
      <Field invalid={Boolean(fieldError)}>
        <Label htmlFor="kenmerk">Kenmerk van het dossier</Label>
        <Paragraph id="kenmerk-hint" size="small">Bijvoorbeeld OMS-2026-000123</Paragraph>
        {fieldError ? <ErrorMessage id="kenmerk-fout">{fieldError}</ErrorMessage> : null}
        <TextInput id="kenmerk" name="kenmerk" value={reference} onChange={(e) => setReference(e.target.value)} aria-describedby={fieldError ? 'kenmerk-hint kenmerk-fout' : 'kenmerk-hint'} invalid={Boolean(fieldError)} />
      </Field>
      <Button type="submit" disabled={busy}>
        Koppelen
      </Button>
    </form>
  );
}
