/**
 * The one deadline table of the werkplek (Termijnen and the dossier page): the term, its due date, who acts, and its
 * urgency in words (ui.tsx DeadlineBadge: "nog 2 werkdagen", "vandaag", "1 werkdag te laat") or how it ended; with a
 * Dossier column when the rows span cases.
 */
import { Table } from '@amsterdam/design-system-react';
import { Link } from 'react-router';
import { ACTOR_LABELS, DEADLINE_STATUS_LABELS, formatDate } from './labels';
import { DeadlineBadge } from './ui';

export interface DeadlineRow {
  key: string;
  title: string;
  source?: string;
  actor: string;
  dueDate: string;
  /** open, overdue, met, missed, cancelled; open rows show the badge. */
  status: string;
  metOn?: string;
  werkdagenLeft?: number;
  /** Set on rows of several cases: a Dossier column links to the case. */
  caseId?: string;
  reference?: string;
}

export function DeadlineTable({ rows, caption, captionHidden = true }: { rows: DeadlineRow[]; caption: string; captionHidden?: boolean }) {
  const withCase = rows.some((r) => r.caseId);
  return (
    <Table>
      <Table.Caption className={captionHidden ? 'werkplek-visually-hidden' : undefined}>{caption}</Table.Caption>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell scope="col">Termijn</Table.HeaderCell>
          <Table.HeaderCell scope="col">Uiterlijk</Table.HeaderCell>
          <Table.HeaderCell scope="col">Wie</Table.HeaderCell>
          <Table.HeaderCell scope="col">Status</Table.HeaderCell>
          {withCase ? <Table.HeaderCell scope="col">Dossier</Table.HeaderCell> : null}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map((d) => (
          <Table.Row key={d.key}>
            <Table.Cell>
              {d.title}
              {d.source ? <span className="ams-hint"> ({d.source})</span> : null}
            </Table.Cell>
            <Table.Cell>{formatDate(d.dueDate)}</Table.Cell>
            <Table.Cell>{ACTOR_LABELS[d.actor] ?? d.actor}</Table.Cell>
            <Table.Cell>
              {d.status === 'open' || d.status === 'overdue' ? (
                <DeadlineBadge werkdagenLeft={d.werkdagenLeft} overdue={d.status === 'overdue'} />
              ) : (
                `${DEADLINE_STATUS_LABELS[d.status] ?? d.status}${d.metOn ? ` op ${formatDate(d.metOn)}` : ''}`
              )}
            </Table.Cell>
            {withCase ? (
              <Table.Cell>
                {d.caseId ? <Link to={`/cases/${d.caseId}`} className="ams-link">{d.reference ?? d.caseId}</Link> : null}
              </Table.Cell>
            ) : null}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
