import { userDeps } from '#app/users/wiring.js';
import { privacyDeps } from '#app/wiring.js';
import { lambdaFor } from '#http/handler.js';
import { organisationUsersRoute } from '#http/routes/organisation-users.js';

export const handler = lambdaFor(organisationUsersRoute, userDeps, privacyDeps);
