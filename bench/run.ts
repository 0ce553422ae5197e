/** `npm run bench`: every benchmark in turn, printing figures. Benchmarks never run in `npm test`. */
import { existsSync } from 'node:fs';

const benches = ['./bundles.ts', './api.ts', './reminders.ts', './web.ts'];
for (const bench of benches) {
  if (!existsSync(new URL(bench, import.meta.url))) continue;
  const module = (await import(bench)) as { main: () => Promise<void> };
  await module.main();
}
// A bench that failed loudly (bundles over budget) set process.exitCode.
process.exit(process.exitCode ?? 0);
