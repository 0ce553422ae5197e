/** Termijnen: the organisation's open deadlines by due date, urgency in words as well as colour, who acts. */
import { Paragraph } from '@amsterdam/design-system-react';
import { DeadlineTable } from '../DeadlineTable';
import { get } from '../api';
import { Loading, PageTitle, ProblemAlert, useLoad } from '../ui';

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
        <DeadlineTable
          caption="Open termijnen, de eerste het eerst"
          captionHidden={false}
          rows={loaded.value.items.map((d) => ({ key: `${d.caseId}-${d.deadlineId}`, title: d.title, actor: d.actor, dueDate: d.dueDate, status: d.overdue ? 'overdue' : 'open', werkdagenLeft: d.werkdagenLeft, caseId: d.caseId, reference: d.reference }))}
        />
      ) : null}
    </div>
  );
}
