/** Worker thread body of `evmkit blocktest`: loads the files the pool sends, runs their tests, streams records back. */
import { parentPort, workerData } from 'node:worker_threads';
import { FixtureError } from '../statetest/load.js';
import type { FileTask, WorkerMessage } from '../statetest/protocol.js';
import { filterFromData, type CaseExtras, type CaseFilterData } from '../statetest/types.js';
import { loadBlockTestFile } from './load.js';
import { runBlockTest } from './runner.js';
import { prepareEngine } from '../statetest/engine.js';

const port = parentPort;
if (port === null) throw new Error('blocktest/worker.js must run in a worker thread');
const data = workerData as { filter: CaseFilterData; extras: CaseExtras };
const filter = filterFromData(data.filter);
const dump = data.extras.dump;

function post(message: WorkerMessage): void {
  port!.postMessage(message);
}

/** Runs one file task to the end; a file that cannot be loaded is one failed record. */
async function runTask({ task, file, startAt }: FileTask): Promise<void> {
  post({ kind: 'loading', task });
  let loaded;
  try {
    loaded = await loadBlockTestFile(file, filter);
  } catch (e) {
    const error = e instanceof FixtureError ? e.message : `${file}: ${e instanceof Error ? e.message : String(e)}`;
    post({ kind: 'record', task, record: { name: file, file, fork: '', pass: false, error } });
    return;
  }
  if (startAt === 0) {
    post({ kind: 'loaded', task, cases: loaded.tests.length }); // for the progress line's total
    if (loaded.skipped.length > 0) post({ kind: 'skip', task, cases: loaded.skipped });
  }
  for (let i = startAt; i < loaded.tests.length; i++) {
    const t = loaded.tests[i];
    post({ kind: 'start', task, ordinal: i, name: t.name, fork: t.network });
    post({ kind: 'record', task, record: runBlockTest(t, { dump }) });
  }
}

port.on('message', (task: FileTask) => {
  runTask(task).finally(() => post({ kind: 'done', task: task.task }));
});
await prepareEngine(); // before the first task: keccak in WebAssembly, the KZG setup installed
post({ kind: 'ready', task: -1 });
