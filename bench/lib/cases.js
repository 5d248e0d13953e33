/** The 27 benchmark programs of bench/cases/ (ipsilon/evm-benchmarks; provenance in bench/cases/README.md). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const DIR = fileURLToPath(new URL('../cases/', import.meta.url));

/** Address the code runs at and the caller, as in the reference measurement (bench/cases/README.md). */
export const CONTRACT = '0xbe7c43a580000000000000000000000000000001';
export const CALLER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
/** Gas given to each run (1e12: no case comes near it). */
export const GAS_LIMIT = 10n ** 12n;

/** Loads every case listed in index.json, with code and input decoded to bytes. */
export function loadCases() {
  const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8'));
  return index.map((entry) => {
    const c = JSON.parse(readFileSync(join(DIR, entry.file), 'utf8'));
    return {
      name: c.name,
      kind: entry.kind,
      code: hexToBytes(c.code),
      input: hexToBytes(c.input),
      gasUsed: BigInt(c.reference.gasUsed),
      output: c.reference.output.toLowerCase(),
      expectedOutput: c.expectedOutput?.toLowerCase(),
    };
  });
}

/**
 * Compares a run's result ({status, gasUsed, output bytes}) with the case's reference; returns '' when equal,
 * else what differs. Runners return raw bytes so that the timed runs do not include hex formatting.
 */
export function checkResult(c, raw) {
  const result = { ...raw, output: bytesToHex(raw.output) };
  const problems = [];
  if (result.status !== 'success') problems.push(`status ${result.status}`);
  if (result.gasUsed !== c.gasUsed) problems.push(`gas ${result.gasUsed} != ${c.gasUsed}`);
  if (result.output !== c.output) problems.push(`output ${result.output.slice(0, 20)}… != reference`);
  if (c.expectedOutput !== undefined && result.output !== c.expectedOutput) problems.push('output != expectedOutput');
  return problems.join('; ');
}

export function hexToBytes(hex) {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex;
  return Uint8Array.from(Buffer.from(h, 'hex'));
}

export function bytesToHex(bytes) {
  return '0x' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Like checkResult, for a side that shows no gas (EDR's eth_call): status and output only. */
export function checkOutput(c, raw) {
  const output = bytesToHex(raw.output);
  const problems = [];
  if (raw.status !== 'success') problems.push(`status ${raw.status}${raw.error ? ` (${raw.error})` : ''}`);
  if (output !== c.output) problems.push(`output ${output.slice(0, 20)}… != reference`);
  return problems.join(', ');
}
