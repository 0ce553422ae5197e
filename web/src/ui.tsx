/** Small pieces every page uses, composed from the Amsterdam Design System. */
import { Alert, Badge, Heading, Paragraph } from '@amsterdam/design-system-react';
import { useEffect, useState, type DependencyList } from 'react';
import { Link } from 'react-router';
import { ApiError } from './api';
import { badgeColor, werkdagenText } from './labels';

export function Loading({ label = 'Bezig met laden…' }: { label?: string }) {
  return (
    <Paragraph role="status" aria-live="polite">
      {label}
    </Paragraph>
  );
}

export function PageTitle({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} – Werkplek Omslagroute`;
  }, [children]);
  return <Heading level={1}>{children}</Heading>;
}

/** A problem from the API in words; the request id helps the servicedesk. */
export function ProblemAlert({ error, heading = 'Dat lukte niet' }: { error: unknown; heading?: string }) {
  const problem = error instanceof ApiError ? error.problem : undefined;
  return (
    <Alert heading={heading} headingLevel={2} severity="error" role="alert">
      <Paragraph>{problem?.detail ?? problem?.title ?? (error as Error)?.message ?? 'Onbekende fout'}</Paragraph>
      {problem?.requestId ? <Paragraph size="small">Kenmerk van de fout: {String(problem.requestId)}</Paragraph> : null}
    </Alert>
  );
}

export function DeadlineBadge({ werkdagenLeft, overdue }: { werkdagenLeft?: number; overdue?: boolean }) {
  const text = werkdagenText(werkdagenLeft, overdue);
  return text ? <Badge color={badgeColor(werkdagenLeft, overdue)} label={text} /> : null;
}

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ok'; value: T };

/** Loads once per change of `deps`; `reload` runs it again. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setResult((r) => (r.state === 'ok' ? r : { state: 'loading' }));
    load().then(
      (value) => current && setResult({ state: 'ok', value }),
      (error: unknown) => current && setResult({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  return [result, () => setRound((n) => n + 1)];
}

/** An ADS link component (PageHeader menu and logo, LinkList, …) rendered as a router link, so navigation stays in the app. */
export function RouterLink({ href, ...rest }: { href: string } & Record<string, unknown>) {
  return <Link to={href} {...rest} />;
}
