/** The error of a block that breaks a rule of the protocol. */

/** A block that breaks a rule; `kind` is the fixtures' exception name without its prefix where one fits. */
export class InvalidBlockError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}
