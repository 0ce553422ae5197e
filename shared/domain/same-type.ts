/**
 * A type-level check that a response schema (zod) and the TypeScript type of what produces it are the same type, so
 * neither can drift from the other (issue 14 point 13): `const _x: SameType<z.infer<typeof s>, T> = true;` fails to
 * compile as soon as a field is added, removed or retyped on one side only.
 */
export type SameType<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
