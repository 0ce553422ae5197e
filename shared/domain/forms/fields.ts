/** Zod building blocks shared by the forms. Messages are Dutch: they reach the professionals. */
import { z } from 'zod';

/** A calendar date `YYYY-MM-DD` that exists (no 31 February). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Verwacht een datum als JJJJ-MM-DD')
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'Deze datum bestaat niet')
  .meta({ format: 'date' });

/** Short free text: a name, a function, a reference. */
export const shortText = z.string().trim().min(1, 'Verplicht').max(200, 'Hoogstens 200 tekens');
/** Longer free text for the form's open questions. Not for health details the form does not ask for. */
export const longText = z.string().trim().min(1, 'Verplicht').max(4000, 'Hoogstens 4000 tekens');
export const optionalLongText = z.string().trim().max(4000, 'Hoogstens 4000 tekens').optional();

export const email = z.email('Geen geldig e-mailadres');
export const phone = z.string().regex(/^[+0-9 ()-]{6,20}$/, 'Geen geldig telefoonnummer');

/** A professional's contact (begeleider, contactpersoon corporatie). Professionals' details are not client data. */
export const contact = z.object({
  naam: shortText,
  telefoon: phone.optional(),
  email: email.optional(),
});

/** A signature on a paper-era form: name (or initials for the client) and date (002 Bijlage 2b, 3). */
export const signature = z.object({
  akkoord: z.literal(true, { error: 'Akkoord is nodig' }),
  naam: shortText,
  datum: isoDate,
});

/** An organisation id from the directory, e.g. `corp-ymere`. */
export const organisationId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Onbekende organisatie-id');

export const dutchAddress = z.object({
  straat: shortText,
  huisnummer: z.string().trim().regex(/^\d{1,5}( ?[A-Za-z0-9-]{1,6})?$/, 'Geen geldig huisnummer'),
  postcode: z.string().trim().regex(/^\d{4} ?[A-Z]{2}$/, 'Verwacht een postcode als 1234 AB'),
  plaats: shortText,
});
