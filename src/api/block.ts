/** Block environments for createEvm: the engine's blockEnv() (transition/env.ts), one definition of the defaults. */
export { blockEnv, type BlockEnvInit } from '../transition/env.js';
