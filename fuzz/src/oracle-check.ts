/**
 * `node fuzz/dist/oracle-check.js FILE|DIR… [--fork F] [--skip REGEX]`: runs official state tests through the oracle harness
 * and prints how many match their expected root, so the oracle's own fidelity is measured, not assumed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { oracleSupports, runOracle } from './oracle.js';
import { splitFixture, type StateTestJson } from './statetest.js';

function files(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) out.push(...files(readdirSync(p).sort().map((n) => join(p, n))));
    else if (p.endsWith('.json')) out.push(p);
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const forkAt = args.indexOf('--fork');
  const only = forkAt >= 0 ? args.splice(forkAt, 2)[1] : undefined;
  const skipAt = args.indexOf('--skip');
  const skip = skipAt >= 0 ? new RegExp(args.splice(skipAt, 2)[1]) : undefined;
  let pass = 0;
  let fail = 0;
  for (const file of files(args)) {
    if (skip?.test(file)) continue;
    if (process.stderr.isTTY) process.stderr.write(`\r${file}\x1b[K`);
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, StateTestJson>;
    for (const [name, test] of Object.entries(json)) {
      if (test.transaction.secretKey === undefined) continue;
      for (const s of splitFixture(test)) {
        if ((only !== undefined && s.fork !== only) || !oracleSupports(s.fork)) continue;
        const want = s.test.post[s.fork][0];
        const r = await runOracle(s.test, s.fork);
        const rejected = r.outcome.status === 'invalid';
        const ok = r.outcome.stateRoot === want.hash && (want.expectException !== undefined) === rejected;
        if (ok) pass++;
        else {
          fail++;
          console.log(`FAIL ${file} ${name} ${s.fork} #${s.index}: root ${r.outcome.stateRoot} want ${want.hash}, ${r.outcome.status}${r.outcome.error ? ' (' + r.outcome.error + ')' : ''}${want.expectException ? ', expected ' + want.expectException : ''}`);
        }
      }
    }
  }
  console.log(`${pass} passed, ${fail} failed`);
}

await main();
