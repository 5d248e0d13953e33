/** The ordered list of forks; behaviour differences are written as `fork >= Fork.X` comparisons. */

/** Mainnet forks in activation order. */
export enum Fork {
  Frontier = 0,
  Homestead,
  TangerineWhistle, // EIP-150
  SpuriousDragon, // EIP-155/158/160/161/170
  Byzantium,
  Constantinople, // with EIP-1283
  Petersburg, // Constantinople without EIP-1283 ("ConstantinopleFix")
  Istanbul,
  MuirGlacier,
  Berlin,
  London,
  ArrowGlacier,
  GrayGlacier,
  Paris, // "Merge"
  Shanghai,
  Cancun,
  Prague,
  Osaka, // "Fusaka"
}

/** The newest fork evmkit knows: the last of the enum, and the default of the CLI and the library. */
export const LATEST_FORK = Fork.Osaka;

/**
 * Fork names as the official fixtures (and geth's tools) spell them, mapped onto the enum. A Map, not an
 * object literal: a lookup of 'constructor' or '__proto__' must find nothing.
 */
const FORK_NAMES: ReadonlyMap<string, Fork> = new Map(Object.entries({
  Frontier: Fork.Frontier,
  Homestead: Fork.Homestead,
  EIP150: Fork.TangerineWhistle,
  TangerineWhistle: Fork.TangerineWhistle,
  EIP158: Fork.SpuriousDragon,
  SpuriousDragon: Fork.SpuriousDragon,
  Byzantium: Fork.Byzantium,
  Constantinople: Fork.Constantinople,
  ConstantinopleFix: Fork.Petersburg,
  Petersburg: Fork.Petersburg,
  Istanbul: Fork.Istanbul,
  MuirGlacier: Fork.MuirGlacier,
  Berlin: Fork.Berlin,
  London: Fork.London,
  ArrowGlacier: Fork.ArrowGlacier,
  GrayGlacier: Fork.GrayGlacier,
  Paris: Fork.Paris,
  Merge: Fork.Paris,
  Shanghai: Fork.Shanghai,
  Cancun: Fork.Cancun,
  Prague: Fork.Prague,
  Osaka: Fork.Osaka,
}));

/** Lower-cased name → fork, for the case-insensitive lookup. */
const FORK_NAMES_LOWER: ReadonlyMap<string, Fork> = new Map([...FORK_NAMES].map(([name, fork]) => [name.toLowerCase(), fork]));

/** Looks a fork name up (case-insensitive); undefined when unknown. */
export function parseFork(name: string): Fork | undefined {
  return FORK_NAMES.get(name) ?? FORK_NAMES_LOWER.get(name.toLowerCase());
}

/** Every name parseFork accepts, for error messages and --help. */
export function knownForkNames(): string[] {
  return [...FORK_NAMES.keys()];
}

/** The canonical display name of a fork. */
export function forkName(fork: Fork): string {
  return Fork[fork];
}
