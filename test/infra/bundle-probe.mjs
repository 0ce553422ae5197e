// Loads synthesised Lambda bundles (index.mjs) in a fresh Node process, the way the Lambda runtime does, and invokes
// each handler with an API Gateway v2 event. Input (argv[2]): JSON [{ file, event }]. Output: one JSON array of
// { statusCode, errors } or { loadError, errors }. Bundles are self-contained, so one process can load them all.
// Used through probeBundles (test/infra/synth.ts): proves each ESM bundle loads (no "Dynamic require", no missing module) and that
// a table-reading function gets as far as calling DynamoDB (pointed at a closed port by the test).
const probes = JSON.parse(process.argv[2]);
let errors = [];
console.error = (...args) => errors.push(args.map(String).join(' '));
const results = [];
for (const { file, event } of probes) {
  errors = [];
  try {
    const module = await import(file);
    if (typeof module.handler !== 'function') throw new Error('bundle exports no handler');
    const result = await module.handler(event, { awsRequestId: 'probe', getRemainingTimeInMillis: () => 10_000 });
    results.push({ statusCode: result?.statusCode, errors });
  } catch (error) {
    results.push({ loadError: String(error?.stack ?? error), errors });
  }
}
process.stdout.write(JSON.stringify(results) + '\n');
