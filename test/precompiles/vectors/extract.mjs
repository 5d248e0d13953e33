/**
 * Regenerates the vector files beside this script from the execution-spec-tests state tests in ../shared
 * (run from the repository root: `node test/precompiles/vectors/extract.mjs`). Those cases each send one
 * precompile input to a small contract that calls the precompile and stores what the call returned; this
 * script reads the input from the transaction and the outcome from the case's expected post-state, and stops
 * on any case that does not have that shape.
 *
 * - p256verify.json (EIP-7951): the caller gives 0x100 exactly 6,900 gas and stores success (slot 0), the
 *   return data size (slot 1) and keccak256 of the return data (slot 2); the expected output is whichever of
 *   the two possible outputs (empty, or the word 1) has that hash.
 * - modexp-eip7883.json (EIP-7883): the EIP's own test-case table (copied below from the EIP text: name,
 *   EIP-2565 price, EIP-7883 price) with each vector's input; the caller stores success (slot 0), the output
 *   size (slot 1), the gas the call used (slot 2) and keccak256 of the output (slot 3). The script checks that
 *   the fixtures' gas agrees with the EIP's table under Berlin, Prague and Osaka.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keccak_256 } from '@noble/hashes/sha3.js';

const EEST = '../shared/fixtures/eest/state_tests/osaka';
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const word = (value) => BigInt(value).toString(16).padStart(64, '0');
const caseName = (id) => id.match(/state_test-+(.*)\]$/)[1].replace(/-+$/, '');
const load = (file) => Object.entries(JSON.parse(readFileSync(join(EEST, file), 'utf8')));
/** One vector per line, so that a diff shows which vectors changed. */
const save = (file, vectors) =>
  writeFileSync(join(import.meta.dirname, file), '[\n' + vectors.map((v) => JSON.stringify(v)).join(',\n') + '\n]\n');

/** The storage of the one account of a post-state whose code is `code`. */
function callerStorage(test, fork, code, where) {
  const account = Object.values(test.post[fork][0].state).find((a) => a.code === code);
  if (account === undefined) throw new Error(`${where}: no caller contract in the ${fork} post-state`);
  return account.storage;
}

function p256verify() {
  const folder = 'eip7951_p256verify_precompiles';
  const files = ['test_valid.json', 'test_invalid.json', 'test_modular_comparison.json', 'test_wycheproof_valid.json',
    'test_wycheproof_invalid.json', 'test_wycheproof_extra.json'];
  const caller = '0x366000600037600060003660006000610100611af4f13d6001556000553d600060003e3d600020600255';
  const one = word(1);
  const outputOf = { [hex(keccak_256(new Uint8Array(0)))]: '', [hex(keccak_256(Buffer.from(one, 'hex')))]: one };
  const vectors = [];
  const seen = new Set();
  for (const file of files) {
    for (const [id, test] of load(join(folder, file))) {
      const name = caseName(id);
      const storage = callerStorage(test, 'Osaka', caller, `${file} ${name}`);
      const expected = outputOf[word(storage['0x02'])];
      if (storage['0x00'] !== '0x01' || expected === undefined || BigInt(storage['0x01'] ?? 0) !== BigInt(expected.length / 2)) {
        throw new Error(`${file} ${name}: unexpected post-state ${JSON.stringify(storage)}`);
      }
      const input = test.transaction.data[0].slice(2);
      if (seen.has(input)) continue; // a few inputs appear under two names
      seen.add(input);
      vectors.push({ name, source: `${folder}/${file}`, input, expected });
    }
  }
  save('p256verify.json', vectors);
  console.log(`p256verify.json: ${vectors.length} vectors, ${vectors.filter((v) => v.expected !== '').length} valid`);
}

/** EIP-7883 "Test Cases": [name, EIP-2565 price, EIP-7883 price]. */
const EIP7883_TABLE = [
  ['nagydani-1-square', 200, 500], ['nagydani-1-qube', 200, 500], ['nagydani-1-pow0x10001', 341, 2048],
  ['nagydani-2-square', 200, 512], ['nagydani-2-qube', 200, 512], ['nagydani-2-pow0x10001', 1365, 8192],
  ['nagydani-3-square', 341, 2048], ['nagydani-3-qube', 341, 2048], ['nagydani-3-pow0x10001', 5461, 32768],
  ['nagydani-4-square', 1365, 8192], ['nagydani-4-qube', 1365, 8192], ['nagydani-4-pow0x10001', 21845, 131072],
  ['nagydani-5-square', 5461, 32768], ['nagydani-5-qube', 5461, 32768], ['nagydani-5-pow0x10001', 87381, 524288],
  ['marius-1-even', 2057, 45296], ['guido-1-even', 2298, 51136], ['guido-2-even', 2300, 51152],
  ['guido-3-even', 5400, 32400], ['guido-4-even', 1026, 94448], ['marcin-1-base-heavy', 200, 1152],
  ['marcin-1-exp-heavy', 215, 16624], ['marcin-1-balanced', 200, 1200], ['marcin-2-base-heavy', 867, 5202],
  ['marcin-2-exp-heavy', 852, 16368], ['marcin-2-balanced', 996, 5978], ['marcin-3-base-heavy', 677, 2032],
  ['marcin-3-exp-heavy', 765, 4080], ['marcin-3-balanced', 1360, 4080],
];

function modexpEip7883() {
  const file = 'eip7883_modexp_gas_increase/test_vectors_from_eip.json';
  const byName = new Map();
  for (const [id, test] of load(file)) {
    const fork = Object.keys(test.post)[0];
    const name = caseName(id);
    if (!byName.has(name)) byName.set(name, {});
    byName.get(name)[fork] = test;
  }
  const vectors = EIP7883_TABLE.map(([name, gasBerlin, gasOsaka]) => {
    const forks = byName.get(name);
    if (forks === undefined) throw new Error(`${file}: no case ${name}`);
    const input = forks.Osaka.transaction.data[0].slice(2);
    let outputKeccak;
    for (const [fork, gas] of [['Berlin', gasBerlin], ['Prague', gasBerlin], ['Osaka', gasOsaka]]) {
      const test = forks[fork];
      if (test.transaction.data[0].slice(2) !== input) throw new Error(`${name}: ${fork} input differs`);
      const code = Object.values(test.post[fork][0].state).find((a) => a.code !== '0x').code;
      const storage = callerStorage(test, fork, code, `${file} ${name}`);
      if (storage['0x00'] !== '0x01' || Number(storage['0x02']) !== gas) {
        throw new Error(`${name} (${fork}): the fixture's gas ${Number(storage['0x02'])} is not the EIP's ${gas}`);
      }
      outputKeccak ??= word(storage['0x03']);
      if (word(storage['0x03']) !== outputKeccak) throw new Error(`${name}: outputs differ between forks`);
    }
    return { name, input, gasBerlin, gasOsaka, outputKeccak };
  });
  save('modexp-eip7883.json', vectors);
  console.log(`modexp-eip7883.json: ${vectors.length} vectors`);
}

p256verify();
modexpEip7883();
