/** Termijnen: the organisation's open deadlines by due date, urgency in words as well as colour, who acts. */
import { Paragraph, Table } from '@amsterdam/design-system-react';
import { Link } from 'react-router';
import { get } from '../api';
import { ACTOR_LABELS, formatDate } from '../labels';
import { DeadlineBadge, Loading, PageTitle, ProblemAlert, useLoad } from '../ui';

interface OpenDeadline {
  caseId: string;
  reference: string;
  deadlineId: string;
  title: string;
  actor: string;
  dueDate: string;
  overdue: boolean;
  werkdagenLeft: number;
}

export function DeadlinesPage() {
  const [loaded] = useLoad(() => get<{ items: OpenDeadline[] }>('/deadlines?limit=100'), []);
  return (
    <div className="werkplek-stack">
      <PageTitle>Termijnen</PageTitle>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ProblemAlert error={loaded.error} heading="De termijnen konden niet worden geladen" /> : null}
      {loaded.state === 'ok' && loaded.value.items.length === 0 ? <Paragraph>Er staan geen termijnen open.</Paragraph> : null}
      {loaded.state === 'ok' && loaded.value.items.length > 0 ? (
        <Table>
          <Table.Caption>Open termijnen, de eerste het eerst</Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Uiterlijk</Table.HeaderCell>
              <Table.HeaderCell scope="col">Termijn</Table.HeaderCell>
              <Table.HeaderCell scope="col">Wie</Table.HeaderCell>
              <Table.HeaderCell scope="col">Dossier</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {loaded.value.items.map((d) => (
              <Table.Row key={`${d.caseId}-${d.deadlineId}`}>
                <Table.Cell>
                  {formatDate(d.dueDate)} <DeadlineBadge werkdagenLeft={d.werkdagenLeft} overdue={d.overdue} />
                </Table.Cell>
                <Table.Cell>{d.title}</Table.Cell>
                <Table.Cell>{ACTOR_LABELS[d.actor] ?? d.actor}</Table.Cell>
                <Table.Cell>
                  <Link to={`/cases/${d.caseId}`} className="ams-link">{d.reference}</Link>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : null}
    </div>
  );
}
