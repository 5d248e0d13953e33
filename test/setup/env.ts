/**
 * Before each test file: the CLI processes its tests start (and the pools they run in-process) keep the
 * statetest cost book in the run's temporary file (global.ts), never in the user's cache.
 */
import { inject } from 'vitest';

process.env.EVMKIT_COST_FILE = inject('costFile');
