/** The body of the t8n thread (see t8n-thread.ts): runs each request it is sent and posts the answer. */
import { parentPort } from 'node:worker_threads';
import { T8nError } from '../t8n/errors.js';
import { transition } from '../t8n/transition.js';
import { answerOf } from './t8n-batch.js';
import type { ThreadAnswer, ThreadRequest } from './t8n-thread.js';
import { TraceFiles } from './t8n-trace.js';

function answer(request: ThreadRequest): ThreadAnswer {
  if (request.kind === 'batch') return { answer: answerOf(request.line, request.defaults) };
  const tracing = request.trace === undefined ? undefined : new TraceFiles(request.trace.basedir, request.trace.content);
  try {
    return { output: transition(request.input, { ...request.options, tracing }) };
  } finally {
    tracing?.abandon();
  }
}

parentPort!.on('message', (request: ThreadRequest) => {
  let reply: ThreadAnswer;
  try {
    reply = answer(request);
  } catch (e) {
    reply = e instanceof T8nError ? { error: { exitCode: e.exitCode, message: e.message } } : { internal: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
