/** The bundle budgets of bench/bundles.ts (issue 15): what counts as over, and by how much. */
import { describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { budgetOf, floorPackages, overBudget, ownShare } from '../../bench/bundles.js';

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

  it('holds the budget against own = total − floor, for bytes and import time alike', () => {
    const measured = { name: 'get-case', bytes: 480_000, importMs: 70, floorBytes: 300_000, floorImportMs: 45 };
    expect(ownShare(measured)).toEqual({ bytes: 180_000, importMs: 25 });
    expect(overBudget(measured)).toBe('');
    expect(overBudget({ ...measured, bytes: 560_000, importMs: 110 })).toBe('size +10.0 kB, import +5.0 ms');
    // Import time below the floor's (noise) counts as nothing of our own, not as a negative.
    expect(ownShare({ name: 'x', bytes: 1, importMs: 40, floorBytes: 0, floorImportMs: 45 }).importMs).toBe(0);
  });

  it('finds the floor packages a bundle carries from its metafile, not those tree shaking dropped', () => {
    const metafile = {
      inputs: {},
      outputs: {
        'index.mjs': {
          entryPoint: 'functions/get-case.ts',
          inputs: {
            'node_modules/@aws-sdk/client-dynamodb/dist-es/DynamoDBClient.js': { bytesInOutput: 876 },
            'node_modules/@aws-sdk/lib-dynamodb/dist-es/index.js': { bytesInOutput: 12 },
            'node_modules/zod/v4/classic/external.js': { bytesInOutput: 300 },
            'node_modules/@aws-sdk/client-s3/dist-es/S3Client.js': { bytesInOutput: 0 },
            'node_modules/@aws-sdk/client-s3-like/index.js': { bytesInOutput: 50 },
            'shared/domain/case.ts': { bytesInOutput: 900 },
          },
        },
      },
    } as unknown as Metafile;
    expect(floorPackages(metafile)).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'zod']);
  });
});
