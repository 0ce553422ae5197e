import { bindable, privacyOf, usersPart } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { organisationUsersRoute } from '#http/routes/organisation-users.js';

export const handler = bindable((c) => lambdaFor(organisationUsersRoute, () => c().part(usersPart), () => privacyOf(c())));
