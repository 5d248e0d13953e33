// Preloaded into the CLI by hostile.test.ts (node --import): reports the peak resident memory (KiB) of the
// whole process on fd 3 when the main thread exits. Not part of evmkit.
import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => {
    try {
      writeSync(3, String(process.resourceUsage().maxRSS));
    } catch {
      // fd 3 is not open: run outside the corpus
    }
  });
}
