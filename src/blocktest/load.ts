/**
 * Blockchain-test fixture files: one JSON object of tests, each kept as raw JSON and read field by field
 * when it runs, so that a malformed test fails alone (one line naming the test, the block and the field)
 * and the run goes on. Tests of a network evmkit does not know are skipped with the reason.
 */
import { NetworkError, parseNetwork } from '../forks/network.js';
import { FixtureError } from '../statetest/load.js';
import { readFixtureText } from '../statetest/read.js';
import type { CaseFilter, SkippedCase } from '../statetest/types.js';

/** One blockchain test of a file, not yet parsed beyond its network. */
export interface BlockTest {
  readonly file: string;
  readonly name: string;
  /** The `network` field as written ('' when missing: the runner reports it). */
  readonly network: string;
  readonly json: unknown;
}

/** The selected tests of one file and the ones skipped. */
export interface LoadedBlockTests {
  readonly tests: BlockTest[];
  readonly skipped: SkippedCase[];
}

/** Reads one file; throws FixtureError for a file that cannot be read or is not a JSON object of tests. */
export async function loadBlockTestFile(file: string, filter: CaseFilter = {}): Promise<LoadedBlockTests> {
  let text: string;
  try {
    text = await readFixtureText(file);
  } catch (e) {
    throw new FixtureError(`${file}: ${(e as Error).message}`);
  }
  return parseBlockTests(text, file, filter);
}

/** Splits fixture text into tests; `file` names them in records. */
export function parseBlockTests(text: string, file: string, filter: CaseFilter = {}): LoadedBlockTests {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FixtureError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new FixtureError(`${file}: expected a JSON object of tests`);
  const out: LoadedBlockTests = { tests: [], skipped: [] };
  for (const [name, test] of Object.entries(json)) {
    if (filter.run !== undefined && !filter.run.test(name)) continue;
    const network = typeof test === 'object' && test !== null && typeof (test as { network?: unknown }).network === 'string' ? (test as { network: string }).network : '';
    if (network !== '' && !knownNetwork(network)) {
      out.skipped.push({ file, name, forkName: network, reason: `network ${network} not supported` });
      continue;
    }
    out.tests.push({ file, name, network, json: test });
  }
  return out;
}

function knownNetwork(network: string): boolean {
  try {
    parseNetwork(network);
    return true;
  } catch (e) {
    if (e instanceof NetworkError) return false;
    throw e;
  }
}
