/**
 * Werkvoorraad Wonen (issue 13): the queue of the medewerker's regio in tabs per status with counts — Ingediend,
 * In behandeling, Goedgekeurd, Afgekeurd — the oldest due first, each item with its kind, reference (a link to the
 * dossier), received and due date and its urgency in words. An item is taken in behandeling here (colleagues see who
 * has it) and decided with the decision form of its kind, which returns here. The Besloten tabs are the archive, "op
 * tijd" or "te laat". The 5 werkdagen: 001 §4; 002 WA8 stap 4.
 */
import { Alert, Button, Checkbox, Field, Label, Paragraph, Select, Table, Tabs } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { KIND_LABELS, WONEN_KINDS, type WonenKind } from '#domain/wonen-queue.js';
import { get, request } from '../api';
import { useAuth } from '../auth';
import { formatDate } from '../labels';
import { DeadlineBadge, Loading, PageTitle, ProblemAlert, useLoad } from '../ui';

export interface QueueEntry {
  caseId: string;
  seq: number;
  reference: string;
  kind: WonenKind;
  status: 'nieuw' | 'in-behandeling' | 'besloten';
  receivedOn: string;
  dueDate: string;
  werkdagenLeft?: number;
  overdue?: boolean;
  werkdagenOverdue?: number;
  decision?: string;
  decidedOn?: string;
  onTime?: boolean;
  takenBy?: string;
  takenAt?: string;
}

/** The decision form of each kind; an einde intermediaire verhuur is registered, not decided. */
const DECISION_FORM: Readonly<Record<WonenKind, string | undefined>> = {
  urgentie: 'besluit-urgentie',
  omklap: 'besluit-omklap',
  woningruil: 'besluit-woningruil',
  verhuizing: 'besluit-woningruil',
  intrekking: 'intrekking-urgentie',
  'einde-verhuur': undefined,
};

/** Decisions that grant what was asked; 'afgewezen' and 'terug' (teruggestuurd) are the other tab. */
const GRANTED = new Set(['akkoord', 'ingetrokken', 'geregistreerd']);
const DECISION_LABELS: Record<string, string> = {
  akkoord: 'Akkoord',
  afgewezen: 'Afgewezen',
  terug: 'Teruggestuurd',
  ingetrokken: 'Ingetrokken',
  geregistreerd: 'Geregistreerd',
};

export const WONEN_QUEUE_PATH = '/wonen/wachtrij';

type TabId = 'ingediend' | 'in-behandeling' | 'goedgekeurd' | 'afgekeurd';
const TABS: ReadonlyArray<{ id: TabId; label: string }> = [
  { id: 'ingediend', label: 'Ingediend' },
  { id: 'in-behandeling', label: 'In behandeling' },
  { id: 'goedgekeurd', label: 'Goedgekeurd' },
  { id: 'afgekeurd', label: 'Afgekeurd' },
];

const byDue = (a: QueueEntry, b: QueueEntry) => a.dueDate.localeCompare(b.dueDate) || a.reference.localeCompare(b.reference);

export default function WonenQueuePage() {
  const { user } = useAuth();
  const me = user?.profile.sub;
  const location = useLocation();
  const [kind, setKind] = useState<WonenKind | ''>('');
  const [onlyLate, setOnlyLate] = useState(false);
  const [tab, setTab] = useState<string>('ingediend');
  const [problem, setProblem] = useState<unknown>();
  const [loaded, reload] = useLoad(async () => {
    const filter = kind ? `&kind=${kind}` : '';
    const [nieuw, bezig, besloten] = await Promise.all(
      (['nieuw', 'in-behandeling', 'besloten'] as const).map((status) => get<{ items: QueueEntry[]; cursor?: string }>(`/wonen/queue?status=${status}&limit=100${filter}`)),
    );
    return { nieuw: nieuw!, bezig: bezig!, besloten: besloten! };
  }, [kind]);

  const take = async (item: QueueEntry, status: 'in-behandeling' | 'nieuw' | 'besloten') => {
    setProblem(undefined);
    try {
      await request(`/wonen/items/${item.caseId}/${item.seq}/status`, { method: 'POST', body: { status }, idempotencyKey: crypto.randomUUID() });
      if (status === 'in-behandeling') setTab('in-behandeling');
      reload();
    } catch (error) {
      setProblem(error);
      reload();
    }
  };

  const message = (location.state as { message?: string } | null)?.message;
  return (
    <div className="werkplek-stack">
      <PageTitle>Werkvoorraad Wonen</PageTitle>
      {message ? (
        <Alert heading="Gelukt" headingLevel={2} severity="success" role="status">
          <Paragraph>{message}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>Elke aanvraag wordt binnen 5 werkdagen na ontvangst getoetst. De eerste termijn staat bovenaan.</Paragraph>
      <div className="werkplek-row" role="group" aria-label="Filters">
        <Field>
          <Label htmlFor="filter-soort">Soort</Label>
          <Select id="filter-soort" value={kind} onChange={(e) => setKind(e.target.value as WonenKind | '')}>
            <Select.Option value="">Alle soorten</Select.Option>
            {WONEN_KINDS.map((k) => (
              <Select.Option key={k} value={k}>
                {KIND_LABELS[k]}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Checkbox checked={onlyLate} onChange={(e) => setOnlyLate(e.target.checked)}>
          Alleen te laat
        </Checkbox>
      </div>
      {problem ? <ProblemAlert error={problem} /> : null}
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ProblemAlert error={loaded.error} heading="De werkvoorraad kon niet worden geladen" /> : null}
      {loaded.state === 'ok'
        ? (() => {
            const late = (i: QueueEntry) => (i.status === 'besloten' ? i.onTime === false : Boolean(i.overdue));
            const keep = (items: QueueEntry[]) => (onlyLate ? items.filter(late) : items).slice().sort(byDue);
            const groups: Record<TabId, QueueEntry[]> = {
              ingediend: keep(loaded.value.nieuw.items),
              'in-behandeling': keep(loaded.value.bezig.items),
              goedgekeurd: keep(loaded.value.besloten.items.filter((i) => GRANTED.has(i.decision ?? ''))),
              afgekeurd: keep(loaded.value.besloten.items.filter((i) => !GRANTED.has(i.decision ?? ''))),
            };
            return (
              <Tabs activeTab={tab} onTabChange={setTab}>
                <Tabs.List>
                  {TABS.map((t) => (
                    <Tabs.Button key={t.id} aria-controls={t.id}>
                      {t.label} ({groups[t.id].length})
                    </Tabs.Button>
                  ))}
                </Tabs.List>
                {TABS.map((t) => (
                  <Tabs.Panel key={t.id} id={t.id}>
                    <QueueTable items={groups[t.id]} caption={t.label} me={me} onTake={take} />
                  </Tabs.Panel>
                ))}
              </Tabs>
            );
          })()
        : null}
    </div>
  );
}

function QueueTable({
  items,
  caption,
  me,
  onTake,
}: {
  items: QueueEntry[];
  caption: string;
  me?: string;
  onTake: (item: QueueEntry, status: 'in-behandeling' | 'nieuw' | 'besloten') => void;
}) {
  if (items.length === 0) return <Paragraph>Geen items.</Paragraph>;
  const decided = items[0]!.status === 'besloten';
  return (
    <Table>
      <Table.Caption className="werkplek-visually-hidden">{caption}</Table.Caption>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell scope="col">Soort</Table.HeaderCell>
          <Table.HeaderCell scope="col">Dossier</Table.HeaderCell>
          <Table.HeaderCell scope="col">Ontvangen</Table.HeaderCell>
          <Table.HeaderCell scope="col">Uiterlijk</Table.HeaderCell>
          <Table.HeaderCell scope="col">{decided ? 'Besluit' : 'Wie'}</Table.HeaderCell>
          <Table.HeaderCell scope="col">Actie</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {items.map((i) => (
          <Table.Row key={`${i.caseId}-${i.seq}`}>
            <Table.Cell>{KIND_LABELS[i.kind]}</Table.Cell>
            <Table.Cell>
              <Link to={`/cases/${i.caseId}`} className="ams-link">{i.reference}</Link>
            </Table.Cell>
            <Table.Cell>{formatDate(i.receivedOn)}</Table.Cell>
            <Table.Cell>
              {formatDate(i.dueDate)} {decided ? null : <DeadlineBadge werkdagenLeft={i.werkdagenOverdue ? -i.werkdagenOverdue : i.werkdagenLeft} overdue={i.overdue} />}
            </Table.Cell>
            <Table.Cell>
              {decided ? (
                <>
                  {DECISION_LABELS[i.decision ?? ''] ?? i.decision} op {formatDate(i.decidedOn)} ({i.onTime ? 'op tijd' : 'te laat'})
                </>
              ) : i.takenBy ? (
                <>In behandeling bij {i.takenBy === me ? 'u' : i.takenBy}</>
              ) : (
                'Nog niemand'
              )}
            </Table.Cell>
            <Table.Cell>
              <ItemActions item={i} onTake={onTake} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function ItemActions({ item, onTake }: { item: QueueEntry; onTake: (item: QueueEntry, status: 'in-behandeling' | 'nieuw' | 'besloten') => void }) {
  if (item.status === 'besloten') return null;
  const form = DECISION_FORM[item.kind];
  const label = `${item.reference}, ${KIND_LABELS[item.kind].toLowerCase()}`;
  return (
    <div className="werkplek-row">
      {item.status === 'nieuw' ? (
        <Button variant="secondary" onClick={() => onTake(item, 'in-behandeling')} aria-label={`In behandeling nemen: ${label}`}>
          In behandeling nemen
        </Button>
      ) : (
        <Button variant="tertiary" onClick={() => onTake(item, 'nieuw')} aria-label={`Teruggeven: ${label}`}>
          Teruggeven
        </Button>
      )}
      {form ? (
        <Link to={`/cases/${item.caseId}/formulieren/${form}?terug=${encodeURIComponent(WONEN_QUEUE_PATH)}`} className="ams-link" aria-label={`Besluiten: ${label}`}>
          Besluiten
        </Link>
      ) : (
        <Button variant="secondary" onClick={() => onTake(item, 'besloten')} aria-label={`Registreren: ${label}`}>
          Registreren
        </Button>
      )}
    </div>
  );
}
