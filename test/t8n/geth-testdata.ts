// Inputs and expected outputs of a few of geth's own t8n examples (go-ethereum cmd/evm/testdata/<n> and
// cmd/evm/README.md), written out again here from their documented values.

/** testdata/1: two copies of one signed legacy transfer; the second is rejected (nonce too low). */
export const T1 = {
  alloc: {
    a94f5374fce5edbc8e2a8697c15331677e6ebf0b: { balance: '0x5ffd4878be161d74', code: '0x', nonce: '0xac', storage: {} },
    '0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192': { balance: '0xfeedbead', nonce: '0x00' },
  },
  env: { currentCoinbase: '0xc94f5374fce5edbc8e2a8697c15331677e6ebf0b', currentDifficulty: '0x20000', currentGasLimit: '0x750a163df65e8a', currentNumber: '1', currentTimestamp: '1000' },
  txs: [0, 1].map(() => ({
    gas: '0x5208',
    gasPrice: '0x2',
    hash: '0x0557bacce3375c98d806609b8d5043072f0b6a8bae45ae5a67a00d3a1a18d673',
    input: '0x',
    nonce: '0x0',
    r: '0x9500e8ba27d3c33ca7764e107410f44cbd8c19794bde214d694683a7aa998cdb',
    s: '0x7235ae07e4bd6e0206d102b1f8979d6adab280466b6a82d2208ee08951f1f600',
    to: '0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192',
    v: '0x1b',
    value: '0x1',
  })),
  expAlloc: {
    '0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192': { balance: '0xfeed1a9d', nonce: '0x1' },
    '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b': { balance: '0x5ffd4878be161d74', nonce: '0xac' },
    '0xc94f5374fce5edbc8e2a8697c15331677e6ebf0b': { balance: '0xa410' },
  },
  expResult: {
    stateRoot: '0x84208a19bc2b46ada7445180c1db162be5b39b9abc8c0a54b05d32943eae4e13',
    txRoot: '0xc4761fd7b87ff2364c7c60b6c5c8d02e522e815328aaea3f20e3b7b7ef52c42d',
    receiptsRoot: '0x056b23fbba480696b65fe5a59b8f2148a1299103c4f57df839233af2cf4ca2d2',
    logsHash: '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347',
    currentDifficulty: '0x20000',
    gasUsed: '0x5208',
  },
  txHash: '0x0557bacce3375c98d806609b8d5043072f0b6a8bae45ae5a67a00d3a1a18d673',
};

/** testdata/3: code `PUSH1 1 BLOCKHASH`, with block 1's hash given in env.blockHashes (Berlin). */
export const T3 = {
  alloc: {
    '0x095e7baea6a6c7c4c2dfeb977efac326af552d87': { balance: '0x0de0b6b3a7640000', code: '0x600140', nonce: '0x00', storage: {} },
    '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b': { balance: '0x0de0b6b3a7640000', code: '0x', nonce: '0x00', storage: {} },
  },
  env: {
    currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba',
    currentDifficulty: '0x020000',
    currentGasLimit: '0x3b9aca00',
    currentNumber: '0x05',
    currentTimestamp: '0x03e8',
    blockHashes: { '1': '0xdac58aa524e50956d0c0bae7f3f8bb9d35381365d07804dd5b48a5a297c06af4' },
  },
  txs: [
    {
      input: '0x',
      gas: '0x5f5e100',
      gasPrice: '0x1',
      nonce: '0x0',
      to: '0x095e7baea6a6c7c4c2dfeb977efac326af552d87',
      value: '0x186a0',
      v: '0x1b',
      r: '0x88544c93a564b4c28d2ffac2074a0c55fdd4658fe0d215596ed2e32e3ef7f56b',
      s: '0x7fb4075d54190f825d7c47bb820284757b34fd6293904a93cddb1d3aa961ac28',
      hash: '0x72fadbef39cd251a437eea619cfeda752271a5faaaa2147df012e112159ffb81',
    },
  ],
  expAlloc: {
    '0x095e7baea6a6c7c4c2dfeb977efac326af552d87': { code: '0x600140', balance: '0xde0b6b3a76586a0' },
    '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba': { balance: '0x521f' },
    '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b': { balance: '0xde0b6b3a7622741', nonce: '0x1' },
  },
  expResult: {
    stateRoot: '0xb7341da3f9f762a6884eaa186c32942734c146b609efee11c4b0214c44857ea1',
    txRoot: '0x75e61774a2ff58cbe32653420256c7f44bc715715a423b0b746d5c622979af6b',
    receiptsRoot: '0xd0d26df80374a327c025d405ebadc752b1bbd089d864801ae78ab704bcad8086',
    gasUsed: '0x521f',
  },
  /** The trace geth's README shows for it (`--trace`, file trace-0-<hash>.jsonl). */
  expTrace: [
    '{"pc":0,"op":96,"gas":"0x5f58ef8","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}',
    '{"pc":2,"op":64,"gas":"0x5f58ef5","gasCost":"0x14","memSize":0,"stack":["0x1"],"depth":1,"refund":0,"opName":"BLOCKHASH"}',
    '{"pc":3,"op":0,"gas":"0x5f58ee1","gasCost":"0x0","memSize":0,"stack":["0xdac58aa524e50956d0c0bae7f3f8bb9d35381365d07804dd5b48a5a297c06af4"],"depth":1,"refund":0,"opName":"STOP"}',
    '{"output":"","gasUsed":"0x17"}',
  ],
};

/** testdata/4: as testdata/3, but the code asks for block 3's hash, which env.blockHashes lacks: exit code 4. */
export const T4 = { ...T3, alloc: { ...T3.alloc, '0x095e7baea6a6c7c4c2dfeb977efac326af552d87': { ...T3.alloc['0x095e7baea6a6c7c4c2dfeb977efac326af552d87'], code: '0x600340' } } };

/** testdata/5 (README "About Ommers"): no transactions, two uncles, a reward of 0x80 wei. */
export const T5 = {
  alloc: {},
  txs: [],
  env: {
    currentCoinbase: '0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    currentDifficulty: '0x20000',
    currentGasLimit: '0x750a163df65e8a',
    currentNumber: '1',
    currentTimestamp: '1000',
    ommers: [
      { delta: 1, address: '0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' },
      { delta: 2, address: '0xcccccccccccccccccccccccccccccccccccccccc' },
    ],
  },
  expAlloc: {
    '0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa': { balance: '0x88' },
    '0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb': { balance: '0x70' },
    '0xcccccccccccccccccccccccccccccccccccccccc': { balance: '0x60' },
  },
};

/** testdata/13: two unsigned EIP-1559 transactions with a secretKey (London); the sender's calls hit INVALID. */
const key13 = '0x41f6e321b31e72173f8ff2e292359e1862f24fba42fe6f97efaf641980eff298';
export const T13 = {
  alloc: {
    '0x1111111111111111111111111111111111111111': { balance: '0x010000000000', code: '0xfe', nonce: '0x01', storage: {} },
    '0xa94f5374Fce5edBC8E2a8697C15331677e6EbF0B': { balance: '0x010000000000', code: '0x', nonce: '0x01', storage: {} },
    '0xd02d72E067e77158444ef2020Ff2d325f929B363': { balance: '0x01000000000000', code: '0x', nonce: '0x01', storage: {} },
  },
  env: {
    currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba',
    currentDifficulty: '0x020000',
    currentNumber: '0x01',
    currentTimestamp: '0x079e',
    previousHash: '0xcb23ee65a163121f640673b41788ee94633941405f95009999b502eedfbbfd4f',
    currentGasLimit: '0x40000000',
    currentBaseFee: '0x036b',
    blockHashes: { '0': '0xcb23ee65a163121f640673b41788ee94633941405f95009999b502eedfbbfd4f' },
  },
  txs: ['0x1', '0x2'].map((nonce) => ({
    input: '0x',
    gas: '0x84d0',
    nonce,
    to: '0x1111111111111111111111111111111111111111',
    value: '0x0',
    v: '0x0',
    r: '0x0',
    s: '0x0',
    secretKey: key13,
    chainId: '0x1',
    type: '0x2',
    maxFeePerGas: '0xfa0',
    maxPriorityFeePerGas: '0x0',
    accessList: [],
  })),
  /** README "Transactions in RLP form": the body (signed_txs.rlp) geth writes for them. */
  expBody:
    '0xf8d2b86702f864010180820fa08284d09411111111111111111111111111111111111111118080c001a0b7dfab36232379bb3d1497a4f91c1966b1f932eae3ade107bf5d723b9cb474e0a06261c359a10f2132f126d250485b90cf20f30340801244a08ef6142ab33d1904b86702f864010280820fa08284d09411111111111111111111111111111111111111118080c080a0d4ec563b6568cd42d998fc4134b36933c6568d01533b5adf08769270243c6c7fa072bf7c21eac6bbeae5143371eef26d5e279637f3bd73482b55979d76d935b1e9',
  /** exp2.json: the result of running that body. */
  expResult: {
    stateRoot: '0xe4b924a6adb5959fccf769d5b7bb2f6359e26d1e76a2443c5a91a36d826aef61',
    txRoot: '0x013509c8563d41c0ae4bf38f2d6d19fc6512a1d0d6be045079c8c9f68bf45f9d',
    receiptsRoot: '0xa532a08aa9f62431d6fe5d924951b8efb86ed3c54d06fee77788c3767dd13420',
    gasUsed: '0x109a0',
    currentBaseFee: '0x36b',
  },
  expHashes: ['0xa98a24882ea90916c6a86da650fbc6b14238e46f0af04a131ce92be897507476', '0x36bad80acce7040c45fd32764b5c2b2d2e6f778669fb41791f73f546d56e739a'],
};

/** testdata/24: after the Merge, `sstore(0, random)` reads currentRandom (geth's fork name "Merged"; evmkit's "Merge"). */
export const T24 = {
  alloc: {
    a94f5374fce5edbc8e2a8697c15331677e6ebf0b: { balance: '0x5ffd4878be161d74', code: '0x', nonce: '0xac', storage: {} },
    '0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192': { balance: '0xfeedbead', nonce: '0x00', code: '0x44600055', _comment: "The code is 'sstore(0, random)'" },
  },
  env: {
    currentCoinbase: '0xc94f5374fce5edbc8e2a8697c15331677e6ebf0b',
    currentDifficulty: null,
    currentRandom: '0xdeadc0de',
    currentGasLimit: '0x750a163df65e8a',
    currentBaseFee: '0x500',
    currentNumber: '1',
    currentTimestamp: '1000',
  },
  txs: ['0xac', '0xad'].map((nonce) => ({
    gas: '0x186a0',
    gasPrice: '0x600',
    input: '0x',
    nonce,
    to: '0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192',
    value: '0x1',
    v: '0x0',
    r: '0x0',
    s: '0x0',
    secretKey: '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8',
  })),
  expAlloc: {
    '0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192': {
      code: '0x44600055',
      storage: { '0x0000000000000000000000000000000000000000000000000000000000000000': '0x00000000000000000000000000000000000000000000000000000000deadc0de' },
      balance: '0xfeedbeaf',
    },
    '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b': { balance: '0x5ffd4878b803f972', nonce: '0xae' },
    '0xc94f5374fce5edbc8e2a8697c15331677e6ebf0b': { balance: '0x1030600' },
  },
  expResult: {
    stateRoot: '0x9e4224c6bba343d5b0fdbe9200cc66a7ef2068240d901ae516e634c45a043c15',
    txRoot: '0x16cd3a7daa6686ceebadf53b7af2bc6919eccb730907f0e74a95a4423c209593',
    receiptsRoot: '0x22b85cda738345a9880260b2a71e144aab1ca9485f5db4fd251008350fc124c8',
    currentDifficulty: null,
    gasUsed: '0x10306',
    currentBaseFee: '0x500',
  },
  expHashes: ['0x92ea4a28224d033afb20e0cc2b290d4c7c2d61f6a4800a680e4e19ac962ee941', '0x16b1d912f1d664f3f60f4e1b5f296f3c82a64a1a253117b4851d18bc03c4f1da'],
};
