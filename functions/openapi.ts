import { publicLambdaFor } from '#http/public-handler.js';
import { openApiRoute } from '#http/routes/openapi.js';

export const handler = publicLambdaFor(openApiRoute);
