/**
 * Mijn dossiers: the organisation's cases (a team-scoped begeleider: the team's) with a tab per phase and its count,
 * search by reference, and "Nieuw dossier" for those who may open one.
 */
import { Button, Field, Label, Paragraph, Table, Tabs, TextInput, ErrorMessage } from '@amsterdam/design-system-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { get } from '../api';
import { useAuth } from '../auth';
import { formatInstant, PHASE_LABELS, PHASES, type Phase } from '../labels';
import { Loading, PageTitle, ProblemAlert, useLoad } from '../ui';

interface CaseSummary {
  caseId: string;
  reference: string;
  phase: Phase;
  updatedAt: string;
}

interface PageOf<T> {
  items: T[];
  cursor?: string;
}

const REFERENCE = /^OMS-\d{4}-\d{6}$/;

export function CasesPage() {
  const { profile } = useAuth();
  const navigate = useNavigate();
  const [searchError, setSearchError] = useState<string>();
  const [loaded] = useLoad(async () => {
    // One request: the first 100 cases and the number per phase (the tab counts; "+" when a tab shows fewer).
    const page = await get<PageOf<CaseSummary> & { counts: Record<Phase, number> }>('/cases?counts=true&limit=100');
    return PHASES.map((phase) => {
      const items = page.items.filter((c) => c.phase === phase);
      return { phase, items, count: page.counts[phase] ?? items.length, more: (page.counts[phase] ?? 0) > items.length };
    });
  }, []);
  const [tab, setTab] = useState<string>();

  const search = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reference = String(new FormData(event.currentTarget).get('kenmerk') ?? '').trim().toUpperCase();
    if (!REFERENCE.test(reference)) return setSearchError('Vul een kenmerk in als OMS-2026-000123');
    const found = await get<PageOf<CaseSummary>>(`/cases?reference=${reference}`);
    if (found.items[0]) navigate(`/cases/${found.items[0].caseId}`);
    else setSearchError(`Geen dossier met kenmerk ${reference} dat u mag inzien`);
  };

  const mayOpen = profile?.role === 'begeleider';
  return (
    <div className="werkplek-stack">
      <PageTitle>Mijn dossiers</PageTitle>
      <div className="werkplek-row">
        <form onSubmit={(e) => void search(e)} noValidate className="werkplek-row" role="search" aria-label="Zoek een dossier">
          <Field invalid={Boolean(searchError)}>
            <Label htmlFor="kenmerk">Zoek op kenmerk</Label>
            {searchError ? <ErrorMessage id="kenmerk-fout">{searchError}</ErrorMessage> : null}
            <TextInput id="kenmerk" name="kenmerk" placeholder="OMS-2026-000123" invalid={Boolean(searchError)} aria-describedby={searchError ? 'kenmerk-fout' : undefined} />
          </Field>
          <Button type="submit" variant="secondary">Zoeken</Button>
        </form>
        {mayOpen ? <Button onClick={() => navigate('/cases/nieuw')}>Nieuw dossier</Button> : null}
      </div>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ProblemAlert error={loaded.error} heading="De dossiers konden niet worden geladen" /> : null}
      {loaded.state === 'ok' ? (
        <PhaseTabs groups={loaded.value.filter((g) => g.count > 0)} tab={tab} onTab={setTab} />
      ) : null}
    </div>
  );
}

function PhaseTabs({ groups, tab, onTab }: { groups: Array<{ phase: Phase; items: CaseSummary[]; count: number; more: boolean }>; tab?: string; onTab: (t: string) => void }) {
  if (groups.length === 0) return <Paragraph>Er zijn nog geen dossiers.</Paragraph>;
  const active = tab && groups.some((g) => `fase-${g.phase}` === tab) ? tab : `fase-${groups[0]!.phase}`;
  return (
    <Tabs activeTab={active} onTabChange={onTab}>
      <Tabs.List>
        {groups.map((g) => (
          <Tabs.Button key={g.phase} aria-controls={`fase-${g.phase}`}>
            {PHASE_LABELS[g.phase]} ({g.count})
          </Tabs.Button>
        ))}
      </Tabs.List>
      {groups.map((g) => (
        <Tabs.Panel key={g.phase} id={`fase-${g.phase}`}>
          {g.more ? <Paragraph size="small">De eerste {g.items.length} van {g.count}; zoek een dossier op kenmerk.</Paragraph> : null}
          <Table>
            <Table.Caption>Dossiers in de fase {PHASE_LABELS[g.phase].toLowerCase()}</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Kenmerk</Table.HeaderCell>
                <Table.HeaderCell scope="col">Laatst gewijzigd</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {g.items.map((c) => (
                <Table.Row key={c.caseId}>
                  <Table.Cell>
                    <Link to={`/cases/${c.caseId}`} className="ams-link">{c.reference}</Link>
                  </Table.Cell>
                  <Table.Cell>{formatInstant(c.updatedAt)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
