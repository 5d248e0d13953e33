/**
 * A chain of blocks on a genesis: blocks are imported in any order of branches, each onto its parent's
 * state, and the head is the block of most total difficulty (proof of work) or the latest block (proof of
 * stake, which adds no difficulty). The world state follows the block last applied; importing onto another
 * branch replays that branch from the genesis, which the official tests' few competing branches afford.
 */
import { type BlockRules, type ChainConfig, rulesAt } from '../forks/network.js';
import { bytesEqual, bytesToBigInt, bytesToHex, hexToBytes } from '../primitives/bytes.js';
import { stateRoot } from '../state/root.js';
import { WorldState } from '../state/world.js';
import type { Alloc } from '../transition/types.js';
import { type AppliedBlock, applyBlock, type ChainBlock, type ParentChain } from './apply.js';
import type { Block } from './block.js';
import type { BuilderOptions } from './builder.js';
import { InvalidBlockError } from './errors.js';
import { headerHash } from './header.js';

/** A block in the chain's store. */
interface Stored extends ChainBlock {
  readonly block: Block;
  /** null for the genesis. */
  readonly parent: Stored | null;
}

/** The genesis does not match its allocation, or is not a genesis. */
export class GenesisError extends Error {}

/** Options of an import: a tracer per transaction, the block's encoded size (EIP-7934). */
export type ImportOptions = BuilderOptions & { readonly size?: number };

/** A chain that imports blocks onto a genesis; see the module comment. */
export class Chain {
  private readonly store = new Map<string, Stored>();
  private headBlock: Stored;
  private stateBlock: Stored;
  private current: WorldState;

  /** A chain whose genesis is `genesis` on the accounts `alloc`; its state root must match. Throws GenesisError. */
  constructor(
    readonly config: ChainConfig,
    genesis: Block,
    private readonly alloc: Alloc,
  ) {
    const h = genesis.header;
    this.current = WorldState.fromAlloc(alloc);
    const root = stateRoot(this.current);
    if (!bytesEqual(root, h.stateRoot)) throw new GenesisError(`genesis header.stateRoot: ${bytesToHex(h.stateRoot)} in the header, ${bytesToHex(root)} from pre`);
    const rules = rulesAt(config, { number: h.number, timestamp: h.timestamp });
    const stored: Stored = { hash: bytesToHex(headerHash(h)), header: h, ommerHashes: [], totalDifficulty: h.difficulty, rules, block: genesis, parent: null };
    this.store.set(stored.hash, stored);
    this.headBlock = this.stateBlock = stored;
  }

  /** The head's hash. */
  get headHash(): string {
    return this.headBlock.hash;
  }

  /** The head block. */
  get head(): Block {
    return this.headBlock.block;
  }

  /** The head's total difficulty. */
  get totalDifficulty(): bigint {
    return this.headBlock.totalDifficulty;
  }

  /** The state at the head (replaying the head's branch if the last import was on another). */
  state(): WorldState {
    if (this.stateBlock !== this.headBlock) this.moveStateTo(this.headBlock);
    return this.current;
  }

  /** True when a block of this hash was imported. */
  has(hash: string): boolean {
    return this.store.has(hash);
  }

  /**
   * Imports a block onto its parent, which must be known. Throws InvalidBlockError for an invalid block
   * (the chain and its state are then as before). Returns the applied block, or null if it was known.
   */
  importBlock(block: Block, options: ImportOptions = {}): AppliedBlock | null {
    const hash = bytesToHex(headerHash(block.header));
    if (this.store.has(hash)) return null;
    const parentHash = bytesToHex(block.header.parentHash);
    const parent = this.store.get(parentHash);
    if (parent === undefined) throw new InvalidBlockError('UNKNOWN_PARENT', `header.parentHash: ${parentHash} is no known block`);
    if (this.stateBlock !== parent) this.moveStateTo(parent);
    const applied = applyBlock(this.current, this.config, parentChain(parent), block, options);
    const stored: Stored = {
      hash,
      header: block.header,
      ommerHashes: block.ommers.map((o) => bytesToHex(headerHash(o))),
      totalDifficulty: parent.totalDifficulty + block.header.difficulty,
      rules: applied.rules,
      block,
      parent,
    };
    this.store.set(hash, stored);
    this.stateBlock = stored;
    if (isBetterHead(stored, this.headBlock)) this.headBlock = stored;
    return applied;
  }

  /** Rebuilds the state of `target` from the genesis by replaying its branch. */
  private moveStateTo(target: Stored): void {
    const path: Stored[] = [];
    for (let b: Stored | null = target; b !== null && b.parent !== null; b = b.parent) path.push(b);
    this.current = WorldState.fromAlloc(this.alloc);
    for (const b of path.reverse()) applyBlock(this.current, this.config, parentChain(b.parent!), b.block);
    this.stateBlock = target;
  }
}

/** More total difficulty wins; a tie goes to the lower block (geth's rule); a proof-of-stake block always becomes the head. */
function isBetterHead(block: Stored, head: Stored): boolean {
  if (block.header.difficulty === 0n) return true;
  if (block.totalDifficulty !== head.totalDifficulty) return block.totalDifficulty > head.totalDifficulty;
  return block.header.number < head.header.number;
}

/** The chain a child of `parent` extends: seven generations of ancestors and BLOCKHASH over its branch. */
function parentChain(parent: Stored): ParentChain {
  const ancestors: Stored[] = [];
  for (let b: Stored | null = parent; b !== null && ancestors.length < 8; b = b.parent) ancestors.push(b);
  let hashes: Map<bigint, bigint> | null = null;
  return {
    ancestors,
    blockHash: (number) => {
      if (hashes === null) {
        hashes = new Map();
        for (let b: Stored | null = parent, n = 0; b !== null && n < 256; b = b.parent, n++) hashes.set(b.header.number, bytesToBigInt(hexToBytes(b.hash)));
      }
      return hashes.get(number) ?? 0n;
    },
  };
}
