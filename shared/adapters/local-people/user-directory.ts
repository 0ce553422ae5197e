/**
 * UserDirectory on the local stack: the seeded people of config/people.local.json (the people the dev OpenID provider
 * lets you sign in as, shared/local/oidc.ts). There is no local Cognito; this is the identity provider locally.
 */
import { readFileSync } from 'node:fs';
import type { OrganisationUser, UserDirectory } from '#app/users/ports.js';

interface SeededPerson {
  sub: string;
  name: string;
  organisationId: string;
  role: string;
  teamId?: string;
  regio?: string;
}

export class LocalPeopleDirectory implements UserDirectory {
  constructor(private readonly file: string | URL) {}

  async listUsers(organisationId: string): Promise<OrganisationUser[]> {
    const { people } = JSON.parse(readFileSync(this.file, 'utf8')) as { people: SeededPerson[] };
    return people
      .filter((p) => p.organisationId === organisationId)
      .map((p) => ({ userId: p.sub, name: p.name, role: p.role, ...(p.teamId ? { teamId: p.teamId } : {}), ...(p.regio ? { regio: p.regio } : {}), enabled: true }));
  }
}
