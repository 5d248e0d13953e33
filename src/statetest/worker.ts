/** Worker thread body: loads fixture files the pool sends, runs their cases, streams records back. */
import { parentPort, workerData } from 'node:worker_threads';
import { FixtureError, loadFixtureFile } from './load.js';
import type { FileTask, WorkerMessage } from './protocol.js';
import { runCaseWith } from './extras.js';
import { filterFromData, type CaseExtras, type CaseFilterData } from './types.js';
import { prepareEngine } from './engine.js';

const port = parentPort;
if (port === null) throw new Error('statetest/worker.js must run in a worker thread');
const data = workerData as { filter: CaseFilterData; extras: CaseExtras };
const filter = filterFromData(data.filter);
const extras = data.extras;

function post(message: WorkerMessage): void {
  port!.postMessage(message);
}

/** Runs one file task to the end, reporting a file that cannot be loaded as one failed record. */
async function runTask({ task, file, startAt }: FileTask): Promise<void> {
  post({ kind: 'loading', task });
  let loaded;
  try {
    loaded = await loadFixtureFile(file, filter);
  } catch (e) {
    const error = e instanceof FixtureError ? e.message : `${file}: ${e instanceof Error ? e.message : String(e)}`;
    post({ kind: 'record', task, record: { name: file, file, fork: '', pass: false, error } });
    return;
  }
  if (startAt === 0) {
    post({ kind: 'loaded', task, cases: loaded.cases.length });
    if (loaded.skipped.length > 0) post({ kind: 'skip', task, cases: loaded.skipped });
  }
  for (let i = startAt; i < loaded.cases.length; i++) {
    const c = loaded.cases[i];
    post({ kind: 'start', task, ordinal: i, name: c.name, fork: c.forkName, index: c.index });
    post({ kind: 'record', task, record: runCaseWith(c, extras) });
  }
}

port.on('message', (task: FileTask) => {
  runTask(task).finally(() => post({ kind: 'done', task: task.task }));
});
await prepareEngine(); // before the first task: keccak in WebAssembly, the KZG setup installed
post({ kind: 'ready', task: -1 });
