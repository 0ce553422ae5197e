/**
 * The werkplek's shell: the city's page header with the navigation, a skip link, the routes. Every page but the
 * sign-in page needs a signed-in person; a deep link (a reminder's "Bekijk het dossier") survives the sign-in.
 * Pages other than the lists are loaded when opened, so the first page stays small.
 */
import { Grid, Page, PageFooter, PageHeader, SkipLink } from '@amsterdam/design-system-react';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AuthProvider, authManager, signOut, useAuth } from './auth';
import { BEHEERDER_ROLES } from '#domain/roles.js';
import { ROLE_LABELS } from './labels';
import { CasesPage } from './pages/Cases';
import { DeadlinesPage } from './pages/Deadlines';
import { SignInPage } from './pages/SignIn';
import { Loading, RouterLink } from './ui';

const CasePage = lazy(() => import('./pages/Case'));
const FormPage = lazy(() => import('./pages/Form'));
const NewCasePage = lazy(() => import('./pages/NewCase'));
const WonenQueuePage = lazy(() => import('./pages/Wonen'));
const UnmatchedMailPage = lazy(() => import('./pages/WonenMail'));
const WonenDigestPage = lazy(() => import('./pages/WonenDigest'));
const BeheerPage = lazy(() => import('./pages/Beheer'));

export function App({ environment }: { environment?: string }) {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Shell environment={environment}>
          <Routes>
            <Route path="/auth/callback" element={<Callback />} />
            <Route path="/" element={<Protected><CasesPage /></Protected>} />
            <Route path="/termijnen" element={<Protected><DeadlinesPage /></Protected>} />
            <Route path="/te-beoordelen" element={<Protected><DeadlinesPage teBeoordelen /></Protected>} />
            <Route path="/cases/nieuw" element={<Protected><NewCasePage /></Protected>} />
            <Route path="/cases/:caseId" element={<Protected><CasePage /></Protected>} />
            <Route path="/cases/:caseId/formulieren/:action" element={<Protected><FormPage /></Protected>} />
            {/* Wonen: the digest mail links to /wonen/wachtrij, the refused-mail notice to /wonen/unmatched/<mailId>. */}
            <Route path="/wonen" element={<Protected><WonenQueuePage /></Protected>} />
            <Route path="/wonen/wachtrij" element={<Protected><WonenQueuePage /></Protected>} />
            <Route path="/wonen/vandaag" element={<Protected><WonenDigestPage /></Protected>} />
            <Route path="/wonen/unmatched" element={<Protected><UnmatchedMailPage /></Protected>} />
            <Route path="/wonen/unmatched/:mailId" element={<Protected><UnmatchedMailPage /></Protected>} />
            <Route path="/beheer" element={<Protected><BeheerPage /></Protected>} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Shell>
      </BrowserRouter>
    </AuthProvider>
  );
}

function Shell({ children, environment }: { children: ReactNode; environment?: string }) {
  const { profile } = useAuth();
  const location = useLocation();
  useEffect(() => {
    // A route change is a new page for a screen reader: move focus to the main content.
    document.getElementById('inhoud')?.focus();
  }, [location.pathname]);
  return (
    <Page>
      <SkipLink href="#inhoud">Direct naar de inhoud</SkipLink>
      <PageHeader
        brandName={`Werkplek Omslagroute${environment ? ` (${environment})` : ''}`}
        logoLink="/"
        logoLinkComponent={RouterLink}
        navigationLabel="Hoofdmenu"
        menuItems={
          profile ? (
            <>
              <PageHeader.MenuLink linkComponent={RouterLink} href="/" fixed>Mijn dossiers</PageHeader.MenuLink>
              <PageHeader.MenuLink linkComponent={RouterLink} href="/termijnen" fixed>Termijnen</PageHeader.MenuLink>
              {profile.role === 'contactpersoon' ? (
                <PageHeader.MenuLink linkComponent={RouterLink} href="/te-beoordelen" fixed>Te beoordelen</PageHeader.MenuLink>
              ) : null}
              {profile.role === 'medewerker-wonen' ? (
                <>
                  <PageHeader.MenuLink linkComponent={RouterLink} href="/wonen/wachtrij" fixed>Werkvoorraad</PageHeader.MenuLink>
                  <PageHeader.MenuLink linkComponent={RouterLink} href="/wonen/vandaag" fixed>Vandaag</PageHeader.MenuLink>
                  <PageHeader.MenuLink linkComponent={RouterLink} href="/wonen/unmatched" fixed>Ongekoppelde mail</PageHeader.MenuLink>
                </>
              ) : null}
              {(BEHEERDER_ROLES as readonly string[]).includes(profile.role) ? (
                <PageHeader.MenuLink linkComponent={RouterLink} href="/beheer" fixed>Beheer</PageHeader.MenuLink>
              ) : null}
              <PageHeader.MenuLink href="#uitloggen" onClick={(e) => { e.preventDefault(); void signOut(); }}>
                Uitloggen ({profile.name}, {ROLE_LABELS[profile.role] ?? profile.role})
              </PageHeader.MenuLink>
            </>
          ) : undefined
        }
      />
      <main id="inhoud" tabIndex={-1} className="werkplek-main">
        <Grid paddingVertical="large">
          <Grid.Cell span="all">
            <Suspense fallback={<Loading />}>{children}</Suspense>
          </Grid.Cell>
        </Grid>
      </main>
      <PageFooter>
        <PageFooter.Menu>
          <PageFooter.MenuLink href="/api/openapi.json">API-documentatie</PageFooter.MenuLink>
        </PageFooter.Menu>
      </PageFooter>
    </Page>
  );
}

function Protected({ children }: { children: ReactNode }) {
  const { ready, user } = useAuth();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!user) return <SignInPage returnTo={location.pathname + location.search} />;
  return <>{children}</>;
}

/** The code exchange runs once per page load (React may mount the callback twice; the code is single-use). */
let callbackOnce: Promise<string> | undefined;
function completeSignIn(): Promise<string> {
  callbackOnce ??= authManager()
    .signinRedirectCallback()
    .then((user) => {
      const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
      // Only paths of this app: a crafted state cannot send the person elsewhere.
      return returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
    })
    .catch(() => '/');
  return callbackOnce;
}

function Callback() {
  const navigate = useNavigate();
  useEffect(() => {
    void completeSignIn().then((to) => navigate(to, { replace: true }));
  }, [navigate]);
  return <Loading label="U wordt ingelogd…" />;
}

function NotFoundPage() {
  return (
    <div className="werkplek-stack">
      <h1 className="ams-heading ams-heading--1">Pagina niet gevonden</h1>
      <p className="ams-paragraph">
        Deze pagina bestaat niet. <Link to="/">Naar mijn dossiers</Link>
      </p>
    </div>
  );
}
