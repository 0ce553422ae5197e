/**
 * The body of POST /cases: opening a case (onderzoek, 001 §2). In the domain, not the use case, because the werkplek
 * draws its "Nieuw dossier" form from this same schema (one schema: API validation, OpenAPI, the form, its labels).
 */
import { z } from 'zod';
import { DOELGROEPEN, REGIOS, ROUTE_KEYS } from './case.js';
import { isoDate, shortText } from './forms/fields.js';

/** Opening a case (onderzoek, 001 §2). Only a pseudonym of the client is stored. */
export const createCaseSchema = z.object({
  regio: z.enum(REGIOS),
  route: z.enum(ROUTE_KEYS).describe('Instroomroute (001 §3); bepaalt het akkoorddocument'),
  doelgroep: z.enum(DOELGROEPEN).describe('Bepaalt de frequentie van de woonevaluatie (002 WA4 noot 5)'),
  clientPseudonym: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.\- ]{2,20}$/, 'Alleen initialen of een pseudoniem (2–20 tekens, geen volledige naam)'),
  teamId: shortText.optional(),
  /** Klantreis 2023 (003 Doorstroom): planned uitstroom, for the zoekprofiel deadline. */
  geplandeUitstroomOp: isoDate.optional(),
});
export type CreateCaseInput = z.infer<typeof createCaseSchema>;
