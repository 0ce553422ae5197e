// Child process of `synthesize` (synth.ts): synthesises the stages named in argv[2] ({ outdir, webDist, stages }).
import { synthesizeInProcess } from './synth.js';

synthesizeInProcess(JSON.parse(process.argv[2]!));
