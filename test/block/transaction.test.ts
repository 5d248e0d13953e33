// Transaction decoding: every type from real fixture bytes (sender as the fixture states it), re-encoding,
// signing, and the rejections: bad signature, wrong chain id, EIP-2 and EIP-155 by fork, trailing bytes.
import { describe, expect, it } from 'vitest';
import { decodeTransaction, encodeTransaction, signTransaction, signatureRejection } from '../../src/block/transaction.js';
import { DecodeError } from '../../src/block/rlp-fields.js';
import { Fork } from '../../src/forks/fork.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { keccak256 } from '../../src/primitives/keccak.js';
import { SECP256K1_N } from '../../src/primitives/secp256k1.js';

/** txbytes and sender of execution-spec-tests tests-v5.4.0 state tests (file in the comment). */
const VECTORS = [
  // cancun/eip7516_blobgasfee/test_blobbasefee_before_fork.json
  { type: 0, sender: '0x1889ab4c0903004a7d4b724951c5513ab8750f00', raw: '0xf860800a830f424094e9414e5ce1d6ddb22fdfc5fd3e9cde9368305ba0018026a0c4e8c00ff360f90e6197d3f4b9c5da7563153025fd59c9ac6e2bf96efe74c746a0011e78f3dce16b8020134402281305dd9e57afa1f69202beb4bc717039318db9' },
  // prague/eip7623_increase_calldata_cost/test_eip_7623.json
  { type: 1, sender: '0xc6ca9ad3e72be14fc716c02e36f0b6df10993f7a', raw: '0x01f9014f01800a826e0a9407a533a8a5b4869372f014581858a299e53911a080b8b4010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010100f838f7940000000000000000000000000000000000000001e1a0000000000000000000000000000000000000000000000000000000000000000001a0f08465d1807c5f6104d89467ff7d1e8692e6f11b6319a988e1462b0191371dcea03279e4a6adfba2d90ef3cb74693646afda78fe9ed8bdb55c8fea40759b146db1' },
  // osaka/eip7825_transaction_gas_limit_cap/test_tx_gas_limit_cap_at_maximum.json
  { type: 2, sender: '0x9a15735b9b881d3856d5e62a71ecde96976a8443', raw: '0x02f8640180800784010000009442b24e5d48846699cab68f8318fdff2110dd6d8e8080c001a0d51b275f1569711d9c7cb83088b66ffe32ebf91a0f03b1acedb8bcfa4a9ef2a0a0446cd133686578fb6ca352b4811780543d5f8a85b19a77275d54f809a59840db' },
  // cancun/eip4844_blobs/test_blob_tx_attribute_opcodes.json
  { type: 3, sender: '0x166a9cab58625d4e42878205ff43d545a1d9bc0f', raw: '0x03f886018080078307a120941dc8ba3ad2fdb4e69a4ba9fb4b2588c48ddef12a0180c001e1a0010000000000000000000000000000000000000000000000000000000000000001a089b3d3ba83202131df5a53c0a2f53640e72163f38072bdd5d9d4c56e8695f79ca00a242b81eb10587da04967889c8d81d8e2188b43d79afb04b95452804bbfb2d2' },
  // prague/eip7702_set_code_tx/test_eip_7702.json
  { type: 4, sender: '0x78d03ebeca16df0be46069103a22faeaf727cb48', raw: '0x04f8c1018080078301b6bb9478d03ebeca16df0be46069103a22faeaf727cb480180c0f85cf85a8094fab860e17f926f7cdb3c2cf02d0646e9fefb076b0180a03361aac6278699c96b2f068db52d9905fda1ae1afe5631e5f6ea054c392f547da03061a175659117fed7b98162dd29d88bb8e2bd99cfb91f1eb58f78077c6eaec380a093a7c9dde752a3510d07b0f5afb975ec392d0254f2902b97be63b0a70cb874aba07eac733f60e0a26e9c0424e8ac0709a9eb2ec0cacccbf6e98b9e856772e7f826' },
];

const KEY = hexToBytes('0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8');
const KEY_ADDRESS = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const BASE = { nonce: 0n, gasLimit: 21_000n, to: '0x1000000000000000000000000000000000000000', value: 1n, data: new Uint8Array(0) };

function decodeError(raw: Uint8Array): DecodeError {
  try {
    decodeTransaction(raw);
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('decoded');
}

describe('decodeTransaction', () => {
  for (const v of VECTORS) {
    it(`type ${v.type}: recovers the fixture's sender and re-encodes to the same bytes`, () => {
      const raw = hexToBytes(v.raw);
      const signed = decodeTransaction(raw);
      expect(signed.tx.type).toBe(v.type);
      expect(signed.tx.sender).toBe(v.sender);
      expect(signed.chainId).toBe(1n); // the legacy vector is EIP-155 signed (v = 38)
      expect(bytesToHex(signed.hash)).toBe(bytesToHex(keccak256(raw)));
      const { sender: _, ...unsigned } = signed.tx;
      expect(bytesToHex(encodeTransaction(unsigned as never, signed.chainId, signed.signature))).toBe(v.raw);
    });
  }

  it('reads the fields of each type', () => {
    const [t0, t1, t2, t3, t4] = VECTORS.map((v) => decodeTransaction(hexToBytes(v.raw)).tx);
    expect(t0).toMatchObject({ type: 0, nonce: 0n, gasPrice: 10n, gasLimit: 1_000_000n, value: 1n });
    expect(t1.type === 1 && t1.accessList?.[0]).toEqual({ address: '0x0000000000000000000000000000000000000001', storageKeys: [0n] });
    expect(t2).toMatchObject({ type: 2, maxPriorityFeePerGas: 0n, maxFeePerGas: 7n, gasLimit: 1n << 24n });
    expect(t3.type === 3 && t3.blobVersionedHashes.length).toBe(1);
    expect(t4.type === 4 && t4.authorizationList[0]).toMatchObject({ chainId: 0n, address: '0xfab860e17f926f7cdb3c2cf02d0646e9fefb076b', nonce: 1n });
  });

  it('signs each type so that decoding recovers the signer', () => {
    const fees = { maxFeePerGas: 10n, maxPriorityFeePerGas: 1n, accessList: [] };
    const unsigned = [
      { type: 0, ...BASE, gasPrice: 10n },
      { type: 1, ...BASE, gasPrice: 10n, accessList: [] },
      { type: 2, ...BASE, ...fees },
      { type: 3, ...BASE, ...fees, maxFeePerBlobGas: 1n, blobVersionedHashes: [new Uint8Array(32).fill(1, 0, 1)] },
      { type: 4, ...BASE, ...fees, authorizationList: [{ chainId: 1n, address: BASE.to, nonce: 0n, yParity: 0, r: 1n, s: 1n }] },
    ] as const;
    for (const tx of unsigned) {
      const signed = signTransaction(tx as never, KEY, 1n);
      const back = decodeTransaction(signed.raw);
      expect(back.tx).toEqual({ ...tx, sender: KEY_ADDRESS });
      expect(back.chainId).toBe(1n);
    }
    const unprotected = decodeTransaction(signTransaction({ type: 0, ...BASE, gasPrice: 1n }, KEY, undefined).raw);
    expect(unprotected.chainId).toBeUndefined();
    expect(unprotected.signature.v === 27n || unprotected.signature.v === 28n).toBe(true);
  });

  it('rejects trailing bytes after the envelope', () => {
    for (const v of VECTORS) {
      const e = decodeError(hexToBytes(v.raw + '00'));
      expect(e.message).toMatch(/invalid RLP/);
    }
  });

  it('rejects a signature that recovers no sender', () => {
    const signed = signTransaction({ type: 2, ...BASE, maxFeePerGas: 1n, maxPriorityFeePerGas: 1n }, KEY, 1n);
    const { sender: _, ...unsigned } = signed.tx;
    for (const bad of [{ ...signed.signature, r: 0n }, { ...signed.signature, s: SECP256K1_N }, { ...signed.signature, v: 2n }]) {
      const e = decodeError(encodeTransaction(unsigned as never, 1n, bad));
      expect(e.field).toMatch(/transaction\.(signature|yParity)/);
    }
  });

  it('rejects malformed fields, naming them', () => {
    expect(decodeError(hexToBytes('0x05c0')).field).toBe('transaction.type'); // no such type
    expect(decodeError(hexToBytes('0x02c0')).message).toMatch(/expected 12 fields/);
    // A legacy transaction whose nonce has a leading zero byte.
    const legacy = hexToBytes(VECTORS[0].raw);
    const bad = new Uint8Array([0xf8, 0x61, 0x81, 0x00, ...legacy.subarray(3)]);
    expect(decodeError(bad).message).toMatch(/transaction\.nonce: integer with leading zero bytes|invalid RLP/);
  });
});

describe('signatureRejection', () => {
  const t2 = decodeTransaction(hexToBytes(VECTORS[2].raw));
  const legacy155 = decodeTransaction(signTransaction({ type: 0, ...BASE, gasPrice: 1n }, KEY, 1n).raw);

  it('rejects a chain id other than the chain\'s', () => {
    expect(signatureRejection(t2, Fork.Osaka, 1n)).toBeUndefined();
    expect(signatureRejection(t2, Fork.Osaka, 5n)).toMatch(/wrong chain id 1/);
    expect(signatureRejection(legacy155, Fork.Osaka, 5n)).toMatch(/wrong chain id 1/);
  });

  it('EIP-155: replay-protected legacy transactions from Spurious Dragon on', () => {
    expect(signatureRejection(legacy155, Fork.TangerineWhistle, 1n)).toMatch(/before Spurious Dragon/);
    expect(signatureRejection(legacy155, Fork.SpuriousDragon, 1n)).toBeUndefined();
  });

  it('EIP-2: s above n/2 is rejected from Homestead on', () => {
    const low = signTransaction({ type: 0, ...BASE, gasPrice: 1n }, KEY, undefined);
    const { sender: _, ...unsigned } = low.tx;
    // (r, n − s) with the other parity signs the same hash.
    const high = { v: low.signature.v === 27n ? 28n : 27n, r: low.signature.r, s: SECP256K1_N - low.signature.s };
    const signed = decodeTransaction(encodeTransaction(unsigned as never, undefined, high));
    expect(signed.tx.sender).toBe(KEY_ADDRESS);
    expect(signatureRejection(signed, Fork.Frontier, 1n)).toBeUndefined();
    expect(signatureRejection(signed, Fork.Homestead, 1n)).toMatch(/EIP-2/);
  });
});
