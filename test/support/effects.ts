/**
 * A Map standing in for the table in pure tests: applies a change's writes, in the items the DynamoDB adapter makes
 * of them (adapters/dynamo/intents.ts), as DynamoDB would without conditions (a put
 * replaces, a delete removes, an update merges into the item or creates it), keyed by `PK|SK`.
 */
import type { CaseIntent } from '../../shared/app/ports.js';
import { storeEffectsOf } from '../../shared/adapters/dynamo/intents.js';

export type Table = Map<string, Record<string, unknown>>;

export function applyEffects(table: Table, writes: CaseIntent[]): void {
  for (const effect of storeEffectsOf(writes)) {
    if (effect.kind === 'put') table.set(`${effect.item.PK}|${effect.item.SK}`, effect.item);
    else if (effect.kind === 'delete') table.delete(`${effect.key.PK}|${effect.key.SK}`);
    else {
      const id = `${effect.key.PK}|${effect.key.SK}`;
      const next: Record<string, unknown> = { ...(table.get(id) ?? effect.key), ...effect.set };
      for (const attribute of effect.remove ?? []) delete next[attribute];
      table.set(id, next);
    }
  }
}

/** The items of one partition, as a Query of `PK = partition` returns them. */
export function partitionOf(table: Table, partition: string): Record<string, unknown>[] {
  return [...table.values()].filter((item) => item.PK === partition);
}
