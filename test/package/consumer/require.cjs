// CommonJS: require() of the ES module (Node >= 20.19) works because nothing in it waits at the top level.
const { WorldState, parseAlloc, stateRoot, bytesToHex } = require('evmkit');
const state = WorldState.fromAlloc(parseAlloc({ '0x1000000000000000000000000000000000000000': { balance: '0x1' } }));
console.log(bytesToHex(stateRoot(state)));
