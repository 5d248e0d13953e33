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
}

/** The newest fork evmkit implements. */
export const LATEST_FORK = Fork.Cancun;

/** Fork names as the official fixtures (and geth's tools) spell them, mapped onto the enum. */
const FORK_NAMES: Record<string, Fork> = {
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
};

/** Looks a fork name up (case-insensitive); undefined when unknown. */
export function parseFork(name: string): Fork | undefined {
  const exact = FORK_NAMES[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const key of Object.keys(FORK_NAMES)) if (key.toLowerCase() === lower) return FORK_NAMES[key];
  return undefined;
}

/** Every name parseFork accepts, for error messages and --help. */
export function knownForkNames(): string[] {
  return Object.keys(FORK_NAMES);
}

/** The canonical display name of a fork. */
export function forkName(fork: Fork): string {
  return Fork[fork];
}
