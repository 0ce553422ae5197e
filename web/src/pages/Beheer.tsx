/**
 * Beheer (issue 13): for the beheerder of an organisation — organisatiebeheerder (zorgaanbieder), corporatiebeheerder,
 * wonenbeheerder — its users as the identity provider knows them (role, team), its undeliverable addresses (cleared
 * here once fixed) and the monitor figures per month: a bar chart (SVG, with a text alternative) and the table, which is
 * the accessible view, and the CSV the API gives. A wonenbeheerder reads the figures of a zorgaanbieder or corporatie,
 * limited to its regio, as Wonen does. No case content anywhere on this page.
 */
import { Button, Field, Label, Paragraph, Table, TextInput } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { BEHEERDER_ROLES } from '#domain/roles.js';
import { get, request } from '../api';
import { useAuth } from '../auth';
import { formatInstant, ROLE_LABELS } from '../labels';
import { Loading, PageTitle, ProblemAlert, useLoad } from '../ui';

interface OrganisationUser {
  userId: string;
  name?: string;
  email?: string;
  role: string;
  teamId?: string;
  regio?: string;
  enabled: boolean;
}

interface Bounce {
  address: string;
  as: string;
  suppressed: boolean;
  lastKind: 'bounce' | 'complaint';
  count: number;
  lastAt: string;
  clearedAt?: string;
  onSesSuppressionList?: true;
}

interface MonthFigures {
  maand: string;
  urgentiesAangevraagd: number;
  urgentiesVerleend: number;
  omklappen: number;
  mediaanDagenSleuteloverdrachtTotOmklap: number | null;
  termijnen: { gehaald: number; teLaatGehaald: number; vervallen?: number; [key: string]: number | undefined };
}

interface MonitorReport {
  organisationId: string;
  regio?: string;
  from: string;
  to: string;
  months: MonthFigures[];
}

const BEHEERDERS = new Set<string>(BEHEERDER_ROLES);

export default function BeheerPage() {
  const { profile } = useAuth();
  if (!profile || !BEHEERDERS.has(profile.role)) {
    return (
      <div className="werkplek-stack">
        <PageTitle>Beheer</PageTitle>
        <Paragraph>Deze pagina is voor de beheerder van een organisatie.</Paragraph>
      </div>
    );
  }
  const org = profile.organisationId;
  return (
    <div className="werkplek-stack">
      <PageTitle>Beheer</PageTitle>
      <Paragraph>
        Organisatie {org} ({ROLE_LABELS[profile.role]}). Hier staan geen dossiergegevens.
      </Paragraph>
      <Users org={org} />
      <Bounces org={org} />
      <Monitor org={profile.role === 'wonenbeheerder' ? undefined : org} />
    </div>
  );
}

function Users({ org }: { org: string }) {
  const [loaded] = useLoad(() => get<{ items: OrganisationUser[] }>(`/organisations/${encodeURIComponent(org)}/users`), [org]);
  return (
    <section aria-labelledby="gebruikers" className="werkplek-stack">
      <h2 id="gebruikers" className="ams-heading ams-heading--2">Gebruikers</h2>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ProblemAlert error={loaded.error} heading="De gebruikers konden niet worden geladen" /> : null}
      {loaded.state === 'ok' ? (
        <Table>
          <Table.Caption className="werkplek-visually-hidden">Gebruikers van de organisatie</Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Naam</Table.HeaderCell>
              <Table.HeaderCell scope="col">Rol</Table.HeaderCell>
              <Table.HeaderCell scope="col">Team</Table.HeaderCell>
              <Table.HeaderCell scope="col">Actief</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {loaded.value.items.map((u) => (
              <Table.Row key={u.userId}>
                <Table.Cell>
                  {u.name ?? u.userId}
                  {u.email ? ` (${u.email})` : ''}
                </Table.Cell>
                <Table.Cell>{ROLE_LABELS[u.role] ?? u.role}</Table.Cell>
                <Table.Cell>{u.teamId ?? '—'}</Table.Cell>
                <Table.Cell>{u.enabled ? 'Ja' : 'Nee'}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : null}
    </section>
  );
}

function Bounces({ org }: { org: string }) {
  const [loaded, reload] = useLoad(() => get<{ items: Bounce[] }>(`/organisations/${encodeURIComponent(org)}/bounces?limit=100`), [org]);
  const [problem, setProblem] = useState<unknown>();
  const clear = async (address: string) => {
    setProblem(undefined);
    try {
      await request(`/organisations/${encodeURIComponent(org)}/bounces/${encodeURIComponent(address)}`, { method: 'DELETE' });
    } catch (error) {
      setProblem(error);
    }
    reload();
  };
  return (
    <section aria-labelledby="onbestelbaar" className="werkplek-stack">
      <h2 id="onbestelbaar" className="ams-heading ams-heading--2">Onbestelbare adressen</h2>
      {problem ? <ProblemAlert error={problem} /> : null}
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ProblemAlert error={loaded.error} heading="De adressen konden niet worden geladen" /> : null}
      {loaded.state === 'ok' && loaded.value.items.length === 0 ? <Paragraph>Alle adressen zijn bestelbaar.</Paragraph> : null}
      {loaded.state === 'ok' && loaded.value.items.length > 0 ? (
        <Table>
          <Table.Caption className="werkplek-visually-hidden">Onbestelbare adressen, de laatste eerst</Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Adres</Table.HeaderCell>
              <Table.HeaderCell scope="col">Wat</Table.HeaderCell>
              <Table.HeaderCell scope="col">Laatst</Table.HeaderCell>
              <Table.HeaderCell scope="col">Status</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {loaded.value.items.map((b) => (
              <Table.Row key={b.address}>
                <Table.Cell>{b.address}</Table.Cell>
                <Table.Cell>
                  {b.lastKind === 'complaint' ? 'Klacht' : 'Onbestelbaar'} ({b.count}×)
                </Table.Cell>
                <Table.Cell>{formatInstant(b.lastAt)}</Table.Cell>
                <Table.Cell>
                  {b.suppressed ? (
                    <Button variant="secondary" onClick={() => void clear(b.address)} aria-label={`Vrijgeven: ${b.address}`}>
                      Vrijgeven
                    </Button>
                  ) : (
                    `Vrijgegeven${b.clearedAt ? ` op ${formatInstant(b.clearedAt)}` : ''}`
                  )}
                  {b.onSesSuppressionList ? ' (ook bij SES geblokkeerd: vraag systeembeheer)' : ''}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : null}
    </section>
  );
}

function Monitor({ org }: { org?: string }) {
  const [chosen, setChosen] = useState(org ?? '');
  const [typed, setTyped] = useState('');
  return (
    <section aria-labelledby="monitor" className="werkplek-stack">
      <h2 id="monitor" className="ams-heading ams-heading--2">Monitorcijfers</h2>
      {org ? null : (
        <form
          className="werkplek-row"
          onSubmit={(e) => {
            e.preventDefault();
            setChosen(typed.trim());
          }}
        >
          <Field>
            <Label htmlFor="monitor-organisatie">Organisatie (zorgaanbieder of woningcorporatie)</Label>
            <TextInput id="monitor-organisatie" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </Field>
          <Button type="submit" variant="secondary">Toon cijfers</Button>
        </form>
      )}
      {chosen ? <MonitorFigures org={chosen} /> : null}
    </section>
  );
}

function MonitorFigures({ org }: { org: string }) {
  const [loaded] = useLoad(() => get<MonitorReport>(`/monitor/${encodeURIComponent(org)}`), [org]);
  const [problem, setProblem] = useState<unknown>();
  const download = async () => {
    setProblem(undefined);
    try {
      const csv = await request<string>(`/monitor/${encodeURIComponent(org)}?format=csv`, { accept: 'text/csv' });
      const url = URL.createObjectURL(new Blob([csv.body], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `monitor-${org}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setProblem(error);
    }
  };
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <ProblemAlert error={loaded.error} heading="De cijfers konden niet worden geladen" />;
  const report = loaded.value;
  return (
    <div className="werkplek-stack">
      <Paragraph>
        {report.organisationId}
        {report.regio ? `, regio ${report.regio}` : ''}: {report.from} tot en met {report.to}.
      </Paragraph>
      <BarChart months={report.months} />
      <Table>
        <Table.Caption>Monitorcijfers per maand</Table.Caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Maand</Table.HeaderCell>
            <Table.HeaderCell scope="col">Urgenties aangevraagd</Table.HeaderCell>
            <Table.HeaderCell scope="col">Urgenties verleend</Table.HeaderCell>
            <Table.HeaderCell scope="col">Omklappen</Table.HeaderCell>
            <Table.HeaderCell scope="col">Termijnen gehaald</Table.HeaderCell>
            <Table.HeaderCell scope="col">Mediaan dagen sleutel → omklap</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {report.months.map((m) => (
            <Table.Row key={m.maand}>
              <Table.HeaderCell scope="row">{m.maand}</Table.HeaderCell>
              <Table.Cell>{m.urgentiesAangevraagd}</Table.Cell>
              <Table.Cell>{m.urgentiesVerleend}</Table.Cell>
              <Table.Cell>{m.omklappen}</Table.Cell>
              <Table.Cell>{m.termijnen.gehaald}</Table.Cell>
              <Table.Cell>{m.mediaanDagenSleuteloverdrachtTotOmklap ?? '—'}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {problem ? <ProblemAlert error={problem} /> : null}
      <Button variant="secondary" onClick={() => void download()}>
        Download als CSV
      </Button>
    </div>
  );
}

/** Urgenties aangevraagd per month as bars; the text alternative names every figure (the table below has them all). */
function BarChart({ months }: { months: MonthFigures[] }) {
  const max = Math.max(1, ...months.map((m) => m.urgentiesAangevraagd));
  const width = 40;
  const height = 120;
  const description = months.map((m) => `${m.maand}: ${m.urgentiesAangevraagd}`).join(', ');
  return (
    <figure className="werkplek-chart">
      <svg role="img" aria-labelledby="grafiek-titel grafiek-tekst" viewBox={`0 0 ${months.length * width} ${height + 30}`} width="100%" height={height + 30}>
        <title id="grafiek-titel">Urgenties aangevraagd per maand</title>
        <desc id="grafiek-tekst">{description}</desc>
        {months.map((m, i) => {
          const h = Math.round((m.urgentiesAangevraagd / max) * height);
          return (
            <g key={m.maand} aria-hidden="true">
              <rect x={i * width + 6} y={height - h} width={width - 12} height={h} fill="#004699" />
              <text x={i * width + width / 2} y={height + 14} textAnchor="middle" fontSize="10" fill="#202020">
                {m.maand.slice(5)}
              </text>
              <text x={i * width + width / 2} y={height - h - 3} textAnchor="middle" fontSize="10" fill="#202020">
                {m.urgentiesAangevraagd}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="ams-paragraph">Urgenties aangevraagd per maand (de tabel hieronder heeft alle cijfers).</figcaption>
    </figure>
  );
}
