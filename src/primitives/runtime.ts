/**
 * Capabilities of the JavaScript runtime, probed at run time, never imported: the library entry must bundle
 * for a browser, so nothing here names a Node module statically. In Node (≥ 20.16, `process.getBuiltinModule`)
 * the built-ins are used where they are faster; elsewhere callers fall back to portable code.
 */

/** Node's `createHash`, the only part of `node:crypto` evmkit uses. */
export type NodeCreateHash = (algorithm: string) => { update(data: Uint8Array): { digest(): Uint8Array } };
/** A CommonJS-style `require`, as `node:module`'s `createRequire` returns. */
export type NodeRequire = (id: string) => unknown;

type BuiltinLoader = (id: string) => unknown;

function builtin(id: string): unknown {
  const proc = (globalThis as { process?: { getBuiltinModule?: BuiltinLoader } }).process;
  try {
    return typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule(id) : undefined;
  } catch {
    return undefined;
  }
}

/** `createHash` of `node:crypto`, or undefined outside Node. */
export function nodeCreateHash(): NodeCreateHash | undefined {
  const crypto = builtin('node:crypto') as { createHash?: NodeCreateHash } | undefined;
  return typeof crypto?.createHash === 'function' ? crypto.createHash : undefined;
}

/** A synchronous `require` relative to `base` (a module URL), or undefined outside Node. */
export function nodeRequire(base: string): NodeRequire | undefined {
  const mod = builtin('node:module') as { createRequire?: (base: string) => NodeRequire } | undefined;
  return typeof mod?.createRequire === 'function' ? mod.createRequire(base) : undefined;
}
