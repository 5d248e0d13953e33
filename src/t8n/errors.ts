/** The errors of a transition-tool run, each with the exit code geth's `evm t8n` gives it (cmd/evm/README.md). */

/** geth's t8n exit codes. */
export const T8nExit = {
  /** An EVM-level failure of the block itself (a requests system call that fails, a deposit log out of shape). */
  evm: 2,
  /** A configuration the tool cannot run: an unknown fork, an env field the fork needs and lacks. */
  config: 3,
  /** BLOCKHASH asked for a block whose hash `env.blockHashes` does not give. */
  missingBlockhash: 4,
  /** Input that is not valid JSON, or a field of the wrong shape. */
  json: 10,
  /** A file that cannot be read or written. */
  io: 11,
  /** A `.rlp` transactions file that is not a hex string of an RLP list. */
  rlp: 12,
} as const;

/** A t8n failure: `exitCode` is geth's code for it, the message one line naming what and where. */
export class T8nError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
