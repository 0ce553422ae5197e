/**
 * "Wat vandaag te doen is" (issue 13): today's digest of the medewerker's regio as a page — the same figures as the
 * 08:00 mail to woonzaken (GET /wonen/digest reads them with the digest's own function, digestOfToday): the open
 * items due today and those overdue. 001 §4; 002 WA8 stap 4.
 */
import { Paragraph, Table } from '@amsterdam/design-system-react';
import { Link } from 'react-router';
import { KIND_LABELS, type WonenKind } from '#domain/wonen-queue.js';
import { get } from '../api';
import { formatDate } from '../labels';
import { DeadlineBadge, Loading, PageTitle, ProblemAlert, useLoad } from '../ui';

interface DigestLine {
  reference: string;
  kind: WonenKind;
  dueDate: string;
  status: 'nieuw' | 'in-behandeling' | 'besloten';
  werkdagenOverdue: number;
}

interface Digest {
  regio: string;
  date: string;
  dueToday: DigestLine[];
  overdue: DigestLine[];
}

export default function WonenDigestPage() {
  const [loaded] = useLoad(() => get<Digest>('/wonen/digest'), []);
  return (
    <div className="werkplek-stack">
      <PageTitle>Wat vandaag te doen is</PageTitle>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ProblemAlert error={loaded.error} heading="Het overzicht kon niet worden geladen" /> : null}
      {loaded.state === 'ok' ? (
        <>
          <Paragraph>
            Op {formatDate(loaded.value.date)}: <strong data-testid="vandaag-aantal">{loaded.value.dueToday.length}</strong> vandaag uiterlijk,{' '}
            <strong data-testid="te-laat-aantal">{loaded.value.overdue.length}</strong> te laat. Dezelfde lijst gaat om 08.00 uur per e-mail naar woonzaken.
          </Paragraph>
          <DigestTable title="Vandaag uiterlijk" id="vandaag" lines={loaded.value.dueToday} />
          <DigestTable title="Te laat" id="te-laat" lines={loaded.value.overdue} />
          <Paragraph>
            <Link to="/wonen/wachtrij" className="ams-link">Naar de werkvoorraad</Link>
          </Paragraph>
        </>
      ) : null}
    </div>
  );
}

function DigestTable({ title, id, lines }: { title: string; id: string; lines: DigestLine[] }) {
  return (
    <section aria-labelledby={id} className="werkplek-stack">
      <h2 id={id} className="ams-heading ams-heading--2">
        {title} ({lines.length})
      </h2>
      {lines.length === 0 ? (
        <Paragraph>Geen.</Paragraph>
      ) : (
        <Table>
          <Table.Caption className="werkplek-visually-hidden">{title}</Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Dossier</Table.HeaderCell>
              <Table.HeaderCell scope="col">Soort</Table.HeaderCell>
              <Table.HeaderCell scope="col">Uiterlijk</Table.HeaderCell>
              <Table.HeaderCell scope="col">Status</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {lines.map((l) => (
              <Table.Row key={l.reference + l.kind}>
                <Table.Cell>{l.reference}</Table.Cell>
                <Table.Cell>{KIND_LABELS[l.kind]}</Table.Cell>
                <Table.Cell>
                  {formatDate(l.dueDate)} <DeadlineBadge werkdagenLeft={-l.werkdagenOverdue} overdue={l.werkdagenOverdue > 0} />
                </Table.Cell>
                <Table.Cell>{l.status === 'in-behandeling' ? 'In behandeling' : 'Ingediend'}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}
