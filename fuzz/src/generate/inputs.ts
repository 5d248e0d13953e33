/**
 * Precompile inputs, valid and invalid, per precompile address. Each generator returns bytes and the intent
 * (what the input was built to be); coverage is measured from what the precompile actually did.
 */
import { sha256 } from '../evmkit.js';
import type { Rng } from '../rng.js';
import {
  BLS_P, BN254_P, SECP256K1_N, blsFp, blsG1, blsG2, bn254G1, bn254G2, cat, p256VerifyInput, signSecp256k1, word,
} from './curves.js';

/** An input and what it was built to be. */
export interface PrecompileInput {
  readonly data: Uint8Array;
  readonly intent: 'valid' | 'invalid';
}

type InputGen = (rng: Rng) => PrecompileInput;

/** Valid KZG openings of one fixed blob, computed with rust-eth-kzg (computeKzgProof) for three points. */
const KZG_COMMITMENT = 'a7079bc992380a73a906816ddc07494699079282b8d731e2edf13c84c4a39403057b5bee645373881cdd5c151442bc59';
const KZG_OPENINGS: readonly (readonly [string, string, string])[] = [
  ['0000000000000000000000000000000000000000000000000000000000000001', '0000000000000000000000000000000000000000000000000000000000000001', '96354ca0cd31483514f54b00e8732843d6e0db37e85a08a84a7c668c8bb464370f80e60afaf2bb75bd19dfd6fcee4cbd'],
  ['0000000000000000000000000000000000000000000000001234567890abcdef', '006597465c7af759264ec1081a2868d0f6458674c2ba98d4b6c5b875410dbfa0', 'b101f8d79dbd97528ab2bef4760fa752fbb77eab37f3591394fcc04d1686c4f4b28a6846c7c9e72990473ee3e523b7c3'],
  ['0400000000000000000000000000000000000000000000000000000000003039', '0de662062b4cf612d911b5a6ea77356980d6470bd61e9324ffb95d07c4e17260', 'a2e7be2e2dcd87ad1185c488404afe31b064d8db2bd040f346dd3ba266a9473dd4211328e099b698ac292c4c498a8ae8'],
];
const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;

const fromHex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g)!.map((b) => Number.parseInt(b, 16)));

/** Corrupts a valid input: a flipped byte, a truncation, or an extension. */
function corrupt(rng: Rng, data: Uint8Array): Uint8Array {
  const copy = data.slice();
  switch (rng.int(3)) {
    case 0:
      if (copy.length > 0) copy[rng.int(copy.length)] ^= 1 << rng.int(8);
      return copy;
    case 1:
      return copy.subarray(0, rng.int(Math.max(copy.length, 1)));
    default:
      return cat(copy, rng.bytes(rng.range(1, 40)));
  }
}

function ecrecover(rng: Rng): PrecompileInput {
  const hash = rng.bytes(32);
  const key = word(BigInt(rng.range(1, 1 << 30)));
  const s = signSecp256k1(hash, key);
  const valid = cat(hash, word(BigInt(27 + s.recovery)), word(s.r), word(s.s));
  if (rng.chance(0.5)) return { data: valid, intent: 'valid' };
  const bad = [
    () => cat(hash, word(BigInt(rng.pick([0, 1, 26, 29, 256 + 27]))), word(s.r), word(s.s)),
    () => cat(hash, word(27n), word(0n), word(s.s)),
    () => cat(hash, word(28n), word(s.r), word(SECP256K1_N + BigInt(rng.int(3)))),
    () => corrupt(rng, valid),
  ];
  return { data: rng.pick(bad)(), intent: 'invalid' };
}

function anyBytes(rng: Rng): PrecompileInput {
  return { data: rng.bytes(rng.weighted([[5, rng.int(70)], [1, rng.range(70, 600)]])), intent: 'valid' };
}

function modexp(rng: Rng, osaka: boolean): PrecompileInput {
  const len = (): number => rng.weighted([[4, rng.int(33)], [2, rng.range(33, 80)], [1, 0], [1, rng.range(200, 300)]]);
  let [b, e, m] = [len(), rng.weighted([[3, rng.int(33)], [1, rng.range(33, 64)], [1, 0]]), len()];
  let intent: PrecompileInput['intent'] = 'valid';
  // EIP-7823 (Osaka): each length at most 1024 bytes; before it any length is valid (and priced).
  if (rng.chance(0.1)) {
    [b, e, m] = rng.pick([[1025, 1, 1], [1, 1025, 1], [1, 1, 1025]] as const);
    if (osaka) intent = 'invalid';
  }
  const body = rng.bytes(Math.min(b + e + m, 1200));
  if (rng.chance(0.2) && e > 0 && b + e <= body.length) body.fill(0xff, b, b + Math.min(e, 32));
  const data = cat(word(BigInt(b)), word(BigInt(e)), word(BigInt(m)), rng.chance(0.15) ? body.subarray(0, rng.int(body.length + 1)) : body);
  return { data, intent };
}

function bnScalar(rng: Rng): bigint {
  return rng.weighted([[3, BigInt(rng.range(0, 5))], [3, rng.bigBits(256)], [1, (1n << 256n) - 1n]]);
}

function bnAdd(rng: Rng): PrecompileInput {
  const valid = cat(bn254G1(bnScalar(rng)), bn254G1(bnScalar(rng)));
  if (rng.chance(0.6)) return { data: rng.chance(0.2) ? valid.subarray(0, rng.int(64)) : valid, intent: 'valid' };
  const bad = [() => cat(word(1n), word(3n), bn254G1(1n)), () => cat(word(BN254_P), word(2n), bn254G1(2n)), () => corrupt(rng, valid)];
  return { data: rng.pick(bad)(), intent: 'invalid' };
}

function bnMul(rng: Rng): PrecompileInput {
  const valid = cat(bn254G1(bnScalar(rng)), word(bnScalar(rng)));
  if (rng.chance(0.6)) return { data: valid, intent: 'valid' };
  const bad = [() => cat(word(1n), word(3n), word(2n)), () => cat(word(0n), word(BN254_P + 2n), word(1n)), () => corrupt(rng, valid)];
  return { data: rng.pick(bad)(), intent: 'invalid' };
}

function bnPairing(rng: Rng): PrecompileInput {
  const pairs = rng.weighted([[1, 0], [3, 1], [3, 2], [1, 3]]);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < pairs; i++) {
    const k = BigInt(rng.range(1, 9));
    // Pairs (kG1, G2) and (-kG1, G2) cancel: the product is 1.
    parts.push(bn254G1(i % 2 === 1 ? -k : k), bn254G2(rng.chance(0.8) ? 1n : BigInt(rng.range(0, 5))));
  }
  const valid = cat(...parts);
  if (rng.chance(0.6)) return { data: valid, intent: 'valid' };
  const bad = [() => valid.subarray(0, Math.max(valid.length - 1 - rng.int(100), 0)), () => cat(bn254G1(1n), word(1n), word(2n), word(3n), word(4n)), () => corrupt(rng, valid)];
  return { data: rng.pick(bad)(), intent: 'invalid' };
}

function blake2f(rng: Rng): PrecompileInput {
  const rounds = rng.weighted([[5, rng.int(25)], [1, 0], [1, rng.range(100, 3000)], [1, 0xffffffff]]);
  const valid = cat(word(BigInt(rounds), 4), rng.bytes(64 + 128 + 16), Uint8Array.of(rng.int(2)));
  if (rng.chance(0.7)) return { data: valid, intent: 'valid' };
  const bad = [() => cat(valid.subarray(0, 212), Uint8Array.of(2 + rng.int(250))), () => valid.subarray(0, 212), () => cat(valid, Uint8Array.of(0))];
  return { data: rng.pick(bad)(), intent: 'invalid' };
}

function versionedHash(commitment: Uint8Array): Uint8Array {
  const h = sha256(commitment);
  h[0] = 0x01;
  return h;
}

function pointEvaluation(rng: Rng): PrecompileInput {
  let z: Uint8Array;
  let y: Uint8Array;
  let commitment: Uint8Array;
  let proof: Uint8Array;
  if (rng.chance(0.5)) {
    // The zero polynomial (commitment and proof at infinity) evaluates to 0 everywhere.
    commitment = cat(Uint8Array.of(0xc0), new Uint8Array(47));
    proof = commitment;
    z = word(rng.bigBits(256) % BLS_MODULUS);
    y = word(0n);
  } else {
    const [zh, yh, ph] = rng.pick(KZG_OPENINGS);
    [commitment, z, y, proof] = [fromHex(KZG_COMMITMENT), fromHex(zh), fromHex(yh), fromHex(ph)];
  }
  const valid = cat(versionedHash(commitment), z, y, commitment, proof);
  if (rng.chance(0.5)) return { data: valid, intent: 'valid' };
  const bad = [
    () => cat(word(0n), z, y, commitment, proof),
    () => cat(versionedHash(commitment), word(BLS_MODULUS), y, commitment, proof),
    () => cat(versionedHash(commitment), z, word(1n), commitment, proof),
    () => valid.subarray(0, 191),
    () => corrupt(rng, valid),
  ];
  return { data: rng.pick(bad)(), intent: 'invalid' };
}

function blsScalar(rng: Rng): bigint {
  return rng.weighted([[3, BigInt(rng.range(0, 5))], [3, rng.bigBits(255)], [1, (1n << 256n) - 1n]]);
}

/** A BLS12-381 input of `count` items built by `item`, or one of the invalid forms. */
function blsInput(rng: Rng, item: () => Uint8Array, count: number, offCurve: Uint8Array): PrecompileInput {
  const valid = cat(...Array.from({ length: count }, item));
  if (rng.chance(0.55)) return { data: valid, intent: 'valid' };
  const bad = [
    () => cat(offCurve, valid.subarray(offCurve.length)),
    () => valid.subarray(0, valid.length - 1),
    () => new Uint8Array(0),
    () => {
      const c = valid.slice();
      c[rng.int(16)] = 1; // the 16 leading bytes of a field element must be zero
      return c;
    },
    () => cat(blsFp(BLS_P), valid.subarray(64)),
    () => corrupt(rng, valid),
  ];
  return { data: rng.pick(bad)(), intent: 'invalid' };
}

const BLS_G1_OFF = cat(blsFp(1n), blsFp(1n));
const BLS_G2_OFF = cat(blsFp(1n), blsFp(1n), blsFp(1n), blsFp(1n));

function p256Verify(rng: Rng): PrecompileInput {
  const valid = p256VerifyInput(rng.bytes(32), word(BigInt(rng.range(1, 1 << 30))));
  if (rng.chance(0.5)) return { data: valid, intent: 'valid' };
  return { data: rng.chance(0.3) ? valid.subarray(0, 159) : corrupt(rng, valid), intent: 'invalid' };
}

/** Input generators by precompile address; addresses without one get random bytes. */
export function precompileInput(rng: Rng, address: number, osaka: boolean): PrecompileInput {
  const k = () => BigInt(rng.range(0, 6));
  switch (address) {
    case 0x01: return ecrecover(rng);
    case 0x02: case 0x03: case 0x04: return anyBytes(rng);
    case 0x05: return modexp(rng, osaka);
    case 0x06: return bnAdd(rng);
    case 0x07: return bnMul(rng);
    case 0x08: return bnPairing(rng);
    case 0x09: return blake2f(rng);
    case 0x0a: return pointEvaluation(rng);
    case 0x0b: return blsInput(rng, () => blsG1(k()), 2, BLS_G1_OFF); // G1ADD
    case 0x0c: return blsInput(rng, () => cat(blsG1(k()), word(blsScalar(rng))), rng.range(1, 3), BLS_G1_OFF); // G1MSM
    case 0x0d: return blsInput(rng, () => blsG2(k()), 2, BLS_G2_OFF); // G2ADD
    case 0x0e: return blsInput(rng, () => cat(blsG2(k()), word(blsScalar(rng))), rng.range(1, 2), BLS_G2_OFF); // G2MSM
    case 0x0f: return blsInput(rng, () => cat(blsG1(k()), blsG2(k())), rng.range(1, 2), BLS_G1_OFF); // PAIRING_CHECK
    case 0x10: return blsInput(rng, () => blsFp(rng.bigBits(380) % BLS_P), 1, blsFp(BLS_P)); // MAP_FP_TO_G1
    case 0x11: return blsInput(rng, () => cat(blsFp(rng.bigBits(380) % BLS_P), blsFp(rng.bigBits(380) % BLS_P)), 1, blsFp(BLS_P)); // MAP_FP2_TO_G2
    case 0x100: return p256Verify(rng);
    default: return { data: rng.bytes(rng.int(300)), intent: 'invalid' };
  }
}
