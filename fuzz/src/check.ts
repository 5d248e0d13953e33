/** One case through both EVMs: outcomes, the first difference, and on request the details (traces, dumps). */
import { compareOutcomes, diffDumps, firstTraceDifference, stepLine, type AccountDifference, type Divergence } from './compare.js';
import { Fork, opcodeName, parseFork, runEvmkit, type Coverage, type EvmkitResult } from './evmkit.js';
import { runOracle, type OracleResult } from './oracle.js';
import type { StateTestJson } from './statetest.js';

/** Both sides' results and what differs. */
export interface Checked {
  readonly evmkit?: EvmkitResult;
  readonly oracle?: OracleResult;
  readonly divergence?: Divergence;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Runs `test` (one fork, one index) on both sides and compares. Never throws. */
export async function checkCase(test: StateTestJson, coverage?: Coverage): Promise<Checked> {
  const forkName = Object.keys(test.post)[0];
  let evmkit: EvmkitResult;
  try {
    evmkit = runEvmkit(test, { coverage });
  } catch (e) {
    return { divergence: { kind: 'crash', summary: `evmkit threw: ${message(e)}` } };
  }
  let oracle: OracleResult;
  try {
    oracle = await runOracle(test, forkName);
  } catch (e) {
    return { evmkit, divergence: { kind: 'oracleCrash', summary: `oracle threw: ${message(e)}` } };
  }
  const hasReceiptStatus = parseFork(forkName)! >= Fork.Byzantium; // EIP-658
  const divergence = compareOutcomes(evmkit.outcome, oracle.outcome, hasReceiptStatus) ?? runnerCheck(evmkit);
  return { evmkit, oracle, ...(divergence ? { divergence } : {}) };
}

/** evmkit's `statetest` runner must report the root its engine gives under the convention. */
function runnerCheck(r: EvmkitResult): Divergence | undefined {
  if (r.runnerRoot === r.outcome.stateRoot) return undefined;
  return {
    kind: 'runner',
    summary: `evmkit statetest reports root ${r.runnerRoot ?? `none (${r.runnerError})`}, the engine under the state-test convention ${r.outcome.stateRoot} (${r.outcome.status})`,
  };
}

/** The explanation of a divergence: first differing trace step and differing accounts. */
export interface DivergenceDetails {
  readonly trace: string[];
  readonly accounts: AccountDifference[];
}

/** Re-runs both sides with traces and dumps and describes where they part. */
export async function explain(test: StateTestJson): Promise<DivergenceDetails> {
  try {
    return await explainOrThrow(test);
  } catch (e) {
    return { trace: [`no trace: ${message(e)}`], accounts: [] };
  }
}

async function explainOrThrow(test: StateTestJson): Promise<DivergenceDetails> {
  const forkName = Object.keys(test.post)[0];
  const fork = parseFork(forkName)!;
  const name = (op: number) => opcodeName(op, fork);
  const a = runEvmkit(test, { trace: true, dump: true });
  const b = await runOracle(test, forkName, { trace: true, dump: true });
  const d = firstTraceDifference(a.trace!, b.trace!);
  const trace =
    d === undefined
      ? [`traces identical (${a.trace!.length} steps)`]
      : [
          `first differing step #${d.step} (of ${a.trace!.length} evmkit, ${b.trace!.length} oracle):`,
          `  before: ${stepLine(d.previous, name)}`,
          `  evmkit: ${stepLine(d.evmkit, name)}`,
          `  oracle: ${stepLine(d.oracle, name)}`,
        ];
  return { trace, accounts: diffDumps(a.dump!, b.dump!) };
}
