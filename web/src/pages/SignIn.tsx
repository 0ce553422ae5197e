import { Button, Paragraph } from '@amsterdam/design-system-react';
import { signIn } from '../auth';
import { PageTitle } from '../ui';

/** The first thing a newcomer sees; a deep link comes back here after sign-in. */
export function SignInPage({ returnTo }: { returnTo: string }) {
  return (
    <div className="werkplek-stack">
      <PageTitle>Inloggen</PageTitle>
      <Paragraph>
        De werkplek van de Omslagroute is voor begeleiders, onafhankelijke derden, woningcorporaties en de afdeling Wonen. Log in
        met het account van uw organisatie.
      </Paragraph>
      {returnTo !== '/' ? <Paragraph>Na het inloggen ziet u de pagina die u wilde openen.</Paragraph> : null}
      <Button onClick={() => void signIn(returnTo)}>Inloggen</Button>
    </div>
  );
}
