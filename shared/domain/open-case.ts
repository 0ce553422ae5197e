/**
 * The body of POST /cases: opening a case (onderzoek, 001 §2). In the domain, not the use case, because the werkplek
 * draws its "Nieuw dossier" form from this same schema (one schema: API validation, OpenAPI, the form, its labels).
 */
import * as z from 'zod';
import { DOELGROEPEN, REGIOS, ROUTE_KEYS } from './case.js';
import { isoDate, shortText } from './forms/fields.js';

/** Opening a case (onderzoek, 001 §2). Only a pseudonym of the client is stored. */
export const createCaseSchema = z.object({
  regio: z.enum(REGIOS).describe('Regio'),
  route: z.enum(ROUTE_KEYS).meta({ description: 'Instroomroute', hint: 'Bepaalt het akkoorddocument (001 §3)' }),
  doelgroep: z.enum(DOELGROEPEN).meta({ description: 'Doelgroep', hint: 'Bepaalt de frequentie van de woonevaluatie (002 WA4 noot 5)' }),
  clientPseudonym: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.\- ]{2,20}$/, 'Alleen initialen of een pseudoniem (2–20 tekens, geen volledige naam)')
    .meta({ description: 'Initialen of pseudoniem van de cliënt', hint: '2–20 tekens, geen volledige naam; bijvoorbeeld J.D.' }),
  teamId: shortText.optional().describe('Team'),
  /** Klantreis 2023 (003 Doorstroom): planned uitstroom, for the zoekprofiel deadline. */
  geplandeUitstroomOp: isoDate.optional().meta({ description: 'Geplande uitstroomdatum', hint: 'Voor de termijn van het zoekprofiel' }),
});
export type CreateCaseInput = z.infer<typeof createCaseSchema>;
