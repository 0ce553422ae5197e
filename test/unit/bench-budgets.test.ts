/** The bundle budgets of bench/bundles.ts (issue 15): what counts as over, and by how much. */
import { describe, expect, it } from 'vitest';
import { budgetOf, overBudget } from '../../bench/bundles.js';

describe('bundle budgets', () => {
  it('is 250 kB and 60 ms for every function, 1 MB for inbound-mail', () => {
    expect(budgetOf('get-case')).toEqual({ bytes: 250_000, importMs: 60 });
    expect(budgetOf('a-function-added-later')).toEqual({ bytes: 250_000, importMs: 60 });
    expect(budgetOf('inbound-mail')).toEqual({ bytes: 1_000_000, importMs: 60 });
  });

  it('names what is over and by how much, and nothing at the budget itself', () => {
    expect(overBudget({ name: 'get-case', bytes: 250_000, importMs: 60 })).toBe('');
    expect(overBudget({ name: 'get-case', bytes: 393_400, importMs: 58 })).toBe('size +143.4 kB');
    expect(overBudget({ name: 'get-case', bytes: 200_000, importMs: 75.25 })).toBe('import +15.3 ms');
    expect(overBudget({ name: 'inbound-mail', bytes: 1_809_700, importMs: 61 })).toBe('size +809.7 kB, import +1.0 ms');
  });

  it('counts a function that does not bundle or load as over', () => {
    expect(overBudget({ name: 'get-case', error: 'load failed' })).toBe('load failed');
  });
});
