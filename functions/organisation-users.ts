import { privacyDeps, userDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { organisationUsersRoute } from '#http/routes/organisation-users.js';

export const handler = lambdaFor(organisationUsersRoute, userDeps, privacyDeps);
