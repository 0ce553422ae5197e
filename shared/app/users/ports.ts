/**
 * The port of the organisation's users (the Cognito user pool on AWS, the local people file locally).
 */
export interface OrganisationUser {
  userId: string;
  name?: string;
  email?: string;
  role: string;
  teamId?: string;
  regio?: string;
  /** False for a user the identity provider has disabled. */
  enabled: boolean;
}

/** Port: the people of one organisation (custom:org), as the identity provider has them. */
export interface UserDirectory {
  listUsers(organisationId: string): Promise<OrganisationUser[]>;
}
