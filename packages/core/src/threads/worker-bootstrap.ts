/**
 * Slots of a team's shared Int32Array signal. A blocked caller has no event loop, so everything it must learn
 * from the workers (a job done, a job failed, a worker lost) arrives here.
 */
export const SIGNAL = {
  /** Jobs finished, failed ones and those of lost workers included; callers wait on this slot. */
  done: 0,
  /** 1 while the error text holds a failure not yet reported. */
  failed: 1,
  errorLength: 2,
  /** Workers that have installed their job handler. */
  started: 3,
  /** Workers gone for good (exited, or an uncaught error outside a job). */
  lost: 4,
} as const;
export const SIGNAL_SLOTS = 5;

/**
 * The script every team worker starts with, in Node (`worker_threads`, evaluated as CommonJS) and in browsers
 * (a classic Web Worker). The first message installs the job handler; each later message is one job, whose
 * completion (and failure text) goes into shared memory, where a blocked caller sees it. A worker that exits
 * or meets an uncaught error says so there too, and counts its unfinished job as done, so no caller waits on
 * it forever.
 */
export const WORKER_BOOTSTRAP = `
'use strict';
const inNode = typeof self === 'undefined';
const port = inNode ? require('node:worker_threads').parentPort : self;
let signal, errorText, handle, setupError, busy = false, lost = false;
function fail(error) {
  if (Atomics.compareExchange(signal, ${SIGNAL.failed}, 0, 1) !== 0) return;
  const text = new TextEncoder().encode(String((error && error.stack) || error)).slice(0, errorText.length);
  errorText.set(text);
  Atomics.store(signal, ${SIGNAL.errorLength}, text.length);
}
function loseWorker(reason) {
  if (lost || signal === undefined) return;
  lost = true;
  fail(reason);
  Atomics.add(signal, ${SIGNAL.lost}, 1);
  if (busy) Atomics.add(signal, ${SIGNAL.done}, 1);
  busy = false;
  Atomics.notify(signal, ${SIGNAL.done});
}
function receive(data) {
  if (signal === undefined) {
    signal = new Int32Array(data.signal);
    errorText = new Uint8Array(data.errorText);
    try {
      handle = new Function('return (' + data.handler + ');')()(data.init);
    } catch (error) {
      setupError = error;
    }
    Atomics.add(signal, ${SIGNAL.started}, 1);
    return;
  }
  if (lost) return;
  busy = true;
  try {
    if (setupError !== undefined) throw setupError;
    handle(data);
  } catch (error) {
    fail(error);
  }
  busy = false;
  Atomics.add(signal, ${SIGNAL.done}, 1);
  Atomics.notify(signal, ${SIGNAL.done});
}
if (inNode) {
  port.on('message', receive);
  process.on('exit', (code) => loseWorker('the worker exited with code ' + code));
  process.on('uncaughtException', (error) => {
    loseWorker(error);
    throw error;
  });
} else {
  port.onmessage = (event) => receive(event.data);
  self.addEventListener('error', (event) => loseWorker(event.error || event.message));
  self.addEventListener('unhandledrejection', (event) => loseWorker(event.reason));
}
`;
