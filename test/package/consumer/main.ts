// Node consumers (tsc nodenext, esbuild for Node, tsx): print the report as one JSON line.
import { run } from './program.js';

console.log(JSON.stringify(await run()));
