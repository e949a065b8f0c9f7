/** TypeBox helpers shared by the API contracts. */
import { Type, type TSchema } from '@sinclair/typebox';

/** `schema` or JSON null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An instant as ISO 8601 text (UTC in the database, shown in Asia/Taipei by the client). */
export const DateTime = Type.String({ format: 'date-time' });

/** One of a fixed list of strings (a union of literals, so clients get the exact values). */
export const Literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
