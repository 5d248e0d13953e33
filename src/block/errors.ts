/** The error of a block that breaks a rule of the protocol. */

/** A block that breaks a rule; `kind` is the fixtures' BlockException name where one fits, else the transaction layer's reason code. */
export class InvalidBlockError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}
