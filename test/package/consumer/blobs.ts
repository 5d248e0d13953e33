// A browser bundle of a user of blobs: `evmkit/kzg` brings the trusted setup (the size check compares).
import { enableKzg } from 'evmkit/kzg';
import { run } from './program.js';

enableKzg();
void run();
