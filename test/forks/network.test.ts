// Networks: a fork, transitions by block, timestamp and total difficulty, the DAO fork, and BPO steps.
import { describe, expect, it } from 'vitest';
import { BPO_BLOB_SCHEDULES } from '../../src/forks/blob.js';
import { Fork } from '../../src/forks/fork.js';
import { NetworkError, parseNetwork, rulesAt } from '../../src/forks/network.js';

const at = (network: string, number: bigint, timestamp = 0n, parentTotalDifficulty?: bigint) => rulesAt(parseNetwork(network), { number, timestamp, parentTotalDifficulty });

describe('parseNetwork and rulesAt', () => {
  it('one fork from genesis on', () => {
    expect(at('Cancun', 0n).fork).toBe(Fork.Cancun);
    expect(at('ConstantinopleFix', 9n).fork).toBe(Fork.Petersburg);
    expect(at('Cancun', 1n).blobSchedule).toMatchObject({ target: 3, max: 6 });
    expect(at('Shanghai', 1n).blobSchedule).toBeUndefined();
  });

  it('by block number', () => {
    expect(at('FrontierToHomesteadAt5', 4n).fork).toBe(Fork.Frontier);
    expect(at('FrontierToHomesteadAt5', 5n).fork).toBe(Fork.Homestead);
    expect(at('HomesteadToEIP150At5', 5n).fork).toBe(Fork.TangerineWhistle);
  });

  it('by timestamp', () => {
    expect(at('ShanghaiToCancunAtTime15k', 100n, 14_999n).fork).toBe(Fork.Shanghai);
    expect(at('ShanghaiToCancunAtTime15k', 1n, 15_000n).fork).toBe(Fork.Cancun);
  });

  it('by total difficulty: the first proof-of-stake block is the child of the first to reach it', () => {
    expect(at('ArrowGlacierToParisAtDiffC0000', 10n, 0n, 0xbffffn).fork).toBe(Fork.ArrowGlacier);
    expect(at('ArrowGlacierToParisAtDiffC0000', 10n, 0n, 0xc0000n).fork).toBe(Fork.Paris);
    expect(at('ArrowGlacierToParisAtDiffC0000', 0n).fork).toBe(Fork.ArrowGlacier); // the genesis has no parent
  });

  it('the DAO fork is Homestead with the irregular change at its block', () => {
    const config = parseNetwork('HomesteadToDaoAt5');
    expect(config.daoForkBlock).toBe(5n);
    expect(rulesAt(config, { number: 7n, timestamp: 0n }).fork).toBe(Fork.Homestead);
    expect(() => parseNetwork('Dao')).toThrow(NetworkError);
  });

  it('BPO steps (EIP-7892): Osaka rules with the blob schedule by timestamp', () => {
    const before = at('OsakaToBPO1AtTime15k', 1n, 14_999n);
    const after = at('OsakaToBPO1AtTime15k', 1n, 15_000n);
    expect([before.fork, before.name, before.blobSchedule?.max]).toEqual([Fork.Osaka, 'Osaka', 9]);
    expect([after.fork, after.name, after.blobSchedule]).toEqual([Fork.Osaka, 'BPO1', BPO_BLOB_SCHEDULES.get('BPO1')]);
    expect(at('BPO2ToBPO3AtTime15k', 1n, 0n).blobSchedule).toEqual(BPO_BLOB_SCHEDULES.get('BPO2'));
  });

  it('a chain\'s own blob schedule replaces the built-in one', () => {
    const own = { target: 1, max: 2, baseFeeUpdateFraction: 3n };
    const config = parseNetwork('Prague', 1n, new Map([['Prague', own]]));
    expect(rulesAt(config, { number: 1n, timestamp: 0n }).blobSchedule).toBe(own);
  });

  it('names what it does not know', () => {
    expect(() => parseNetwork('Amsterdam')).toThrow("network 'Amsterdam': unknown fork 'Amsterdam'");
    expect(() => parseNetwork('CancunToAmsterdamAtTime15k')).toThrow("unknown fork 'Amsterdam'");
    expect(() => parseNetwork('__proto__')).toThrow(NetworkError);
  });
});
