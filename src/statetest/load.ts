/** Fixture loader: one JSON file (ethereum/tests or execution-spec-tests shape) into typed, validated cases. */
import { parseFork } from '../forks/fork.js';
import { parseBlobSchedules, parseEnv } from './env.js';
import { FieldError, array, hash32, object, smallInt } from '../primitives/fields.js';
import { parsePre } from './pre.js';
import { readFixtureText } from './read.js';
import { buildTransaction, checkIndex, parseTxTemplate, type TxTemplate } from './transaction.js';
import type { CaseFilter, CaseIndex, SkippedCase, StateTestCase } from './types.js';

/** A fixture file that cannot be used; the message names the file, the test and the field. */
export class FixtureError extends Error {}

/** The selected cases of one file, in file order, and the ones found but not runnable. */
export interface LoadedFixture {
  readonly cases: StateTestCase[];
  readonly skipped: SkippedCase[];
}

/** Reads and parses one fixture file; throws FixtureError (also for I/O errors). */
export async function loadFixtureFile(file: string, filter: CaseFilter = {}): Promise<LoadedFixture> {
  let text: string;
  try {
    text = await readFixtureText(file);
  } catch (e) {
    throw new FixtureError(`${file}: ${(e as Error).message}`);
  }
  return parseFixture(text, file, filter);
}

/** Parses fixture text; `file` is only used in messages and records. Throws FixtureError. */
export function parseFixture(text: string, file: string, filter: CaseFilter = {}): LoadedFixture {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FixtureError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new FixtureError(`${file}: expected a JSON object of tests`);
  }
  const out: LoadedFixture = { cases: [], skipped: [] };
  for (const [name, test] of Object.entries(json)) {
    if (filter.run !== undefined && !filter.run.test(name)) continue;
    try {
      addTestCases(out, file, name, test, filter);
    } catch (e) {
      if (e instanceof FieldError) throw new FixtureError(`${file}: test '${name}': ${e.message}`);
      throw e;
    }
  }
  return out;
}

/** Appends the selected cases of one test; throws FieldError. */
function addTestCases(out: LoadedFixture, file: string, name: string, value: unknown, filter: CaseFilter): void {
  const test = object(value, 'test');
  const baseEnv = parseEnv(test.env, test.config);
  const blobSchedules = parseBlobSchedules(test.config);
  const pre = parsePre(test.pre);
  const blockReward = filledByExecutionSpecTests(test._info) ? null : 0n;
  const template = parseTxTemplate(test.transaction);
  for (const [forkName, entries] of Object.entries(object(test.post, 'post'))) {
    const fork = parseFork(forkName);
    if (filter.fork !== undefined && fork !== filter.fork) continue;
    const list = array(entries, `post.${forkName}`);
    const blobSchedule = blobSchedules.get(forkName);
    const env = blobSchedule === undefined ? baseEnv : { ...baseEnv, blobSchedule };
    for (let i = 0; i < list.length; i++) {
      if (filter.index !== undefined && i !== filter.index) continue;
      if (fork === undefined) {
        out.skipped.push({ file, name, forkName, reason: `fork ${forkName} not supported` });
        continue;
      }
      const where = `post.${forkName}[${i}]`;
      const entry = object(list[i], where);
      const index = parseIndexes(entry.indexes, `${where}.indexes`);
      checkIndex(template, index, where);
      out.cases.push({
        file,
        name,
        forkName,
        fork,
        postIndex: i,
        index,
        pre,
        env,
        blockReward,
        ...builtTx(template, index),
        expectedHash: hash32(entry.hash, `${where}.hash`),
        expectedLogs: hash32(entry.logs, `${where}.logs`),
        expectException: expectException(entry.expectException, `${where}.expectException`),
        expectedState: entry.state,
      });
    }
  }
}

/**
 * execution-spec-tests records the transition tool it filled with (`_info["filling-transition-tool"]`);
 * retesteth, which filled ethereum/tests, does not.
 */
function filledByExecutionSpecTests(info: unknown): boolean {
  return typeof info === 'object' && info !== null && 'filling-transition-tool' in info;
}

function builtTx(template: TxTemplate, index: CaseIndex): Pick<StateTestCase, 'tx' | 'txError'> {
  const built = buildTransaction(template, index);
  return 'tx' in built ? { tx: built.tx } : { tx: null, txError: built.error };
}

function parseIndexes(value: unknown, where: string): CaseIndex {
  const ix = object(value, where);
  return {
    data: smallInt(ix.data, `${where}.data`),
    gas: smallInt(ix.gas, `${where}.gas`),
    value: smallInt(ix.value, `${where}.value`),
  };
}

function expectException(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new FieldError(where, 'expected a string');
  return value;
}
