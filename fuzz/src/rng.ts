/** A small deterministic PRNG (sfc32, seeded through splitmix32): the same seed gives the same cases everywhere. */

/** Mixes a 32-bit value (splitmix32's finaliser). */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A 32-bit hash of a seed string (FNV-1a, then mixed). */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h >>> 0);
}

/** Deterministic random source; every choice the generator makes goes through one of these. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A generator for case `index` of campaign `seed`. */
  constructor(seed: string, index = 0) {
    const h = hashString(seed);
    this.a = mix32(h ^ index);
    this.b = mix32(this.a ^ 0x6a09e667);
    this.c = mix32(this.b ^ (index >>> 0));
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.u32() / 0x1_0000_0000) * n);
  }

  /** A uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }

  /** One element, chosen by weight: `[[weight, value], …]`. */
  weighted<T>(options: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [w] of options) total += w;
    let x = (this.u32() / 0x1_0000_0000) * total;
    for (const [w, v] of options) {
      if ((x -= w) < 0) return v;
    }
    return options[options.length - 1][1];
  }

  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }

  /** A uniform unsigned integer of `bits` bits. */
  bigBits(bits: number): bigint {
    let v = 0n;
    for (let i = 0; i < bits; i += 32) v = (v << 32n) | BigInt(this.u32());
    return v & ((1n << BigInt(bits)) - 1n);
  }
}
