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

/** The corporatie's term to answer a form ingediend bij haar (shared/domain/deadlines/engine.ts AKKOORD_RULE_ID). */
const TE_BEOORDELEN = 'akkoord-corporatie:';

/**
 * `teBeoordelen`: the corporatie's "Te beoordelen" list — the forms ingediend bij haar that wait for its akkoord, oldest
 * due first, each opening the dossier where it answers.
 */
export function DeadlinesPage({ teBeoordelen = false }: { teBeoordelen?: boolean }) {
  const [all] = useLoad(() => get<{ items: OpenDeadline[] }>('/deadlines?limit=100'), []);
  const loaded = all.state === 'ok' && teBeoordelen ? { ...all, value: { items: all.value.items.filter((d) => d.deadlineId.startsWith(TE_BEOORDELEN)) } } : all;
  return (
    <div className="werkplek-stack">
      <PageTitle>{teBeoordelen ? 'Te beoordelen' : 'Termijnen'}</PageTitle>
      {teBeoordelen ? <Paragraph>Formulieren die de zorgaanbieder bij u indiende en die op uw akkoord wachten. Open het dossier om te beoordelen.</Paragraph> : null}
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ProblemAlert error={loaded.error} heading="De termijnen konden niet worden geladen" /> : null}
      {loaded.state === 'ok' && loaded.value.items.length === 0 ? <Paragraph>{teBeoordelen ? 'Er wacht niets op uw akkoord.' : 'Er staan geen termijnen open.'}</Paragraph> : null}
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
