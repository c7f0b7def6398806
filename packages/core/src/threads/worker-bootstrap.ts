/**
 * The script every team worker starts with, in Node (`worker_threads`, evaluated as CommonJS) and in browsers
 * (a classic Web Worker). The first message installs the job handler; each later message is one job, whose
 * completion (and failure text) goes into shared memory, where a blocked caller sees it.
 */
export const WORKER_BOOTSTRAP = `
'use strict';
const inNode = typeof self === 'undefined';
const port = inNode ? require('node:worker_threads').parentPort : self;
let signal, errorText, handle, setupError;
function fail(error) {
  const text = new TextEncoder().encode(String((error && error.stack) || error)).slice(0, errorText.length);
  errorText.set(text);
  Atomics.store(signal, 2, text.length);
  Atomics.store(signal, 1, 1);
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
    Atomics.add(signal, 3, 1);
    return;
  }
  try {
    if (setupError !== undefined) throw setupError;
    handle(data);
  } catch (error) {
    fail(error);
  }
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
if (inNode) port.on('message', receive);
else port.onmessage = (event) => receive(event.data);
`;
