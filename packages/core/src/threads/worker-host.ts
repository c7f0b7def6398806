import { BackendError } from '../errors.js';

/** The little a worker team needs from a worker, on Node and in browsers. */
export interface WorkerHandle {
  /** Whether the worker starts without its creator's event loop (Node: yes; a browser worker's nested workers: no). */
  readonly startsOnItsOwn: boolean;
  post(message: unknown): void;
  terminate(): void;
  /** Calls `listener` when the worker errs or exits (seen only while the creator's event loop runs). */
  onLoss(listener: (reason: string) => void): void;
}

interface NodeWorker {
  postMessage(message: unknown): void;
  on(event: 'error', listener: (error: unknown) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  terminate(): unknown;
  unref(): void;
}
interface WebWorker {
  postMessage(message: unknown): void;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
  terminate(): void;
}
interface Host {
  process?: { getBuiltinModule?: (id: string) => unknown; versions?: { node?: string } };
  Worker?: new (url: string) => WebWorker;
  Blob?: new (parts: string[], options: { type: string }) => unknown;
  URL?: { createObjectURL(blob: unknown): string; revokeObjectURL(url: string): void };
}

/**
 * Starts a worker running `source`: a `worker_threads` Worker in Node (unref'd, so a forgotten kernel does not
 * keep the process alive), a Web Worker from a blob URL in browsers.
 */
export function spawnWorker(source: string, owner: string): WorkerHandle {
  const host = globalThis as unknown as Host;
  if (host.process?.versions?.node !== undefined) {
    const threads = host.process.getBuiltinModule?.('node:worker_threads') as
      | { Worker: new (code: string, options: { eval: true }) => NodeWorker }
      | undefined;
    if (!threads) {
      throw new BackendError(
        `${owner}: threads need Node.js 20.16 or newer (process.getBuiltinModule); this is Node ${host.process.versions.node}`,
      );
    }
    const worker = new threads.Worker(source, { eval: true });
    worker.unref();
    return {
      startsOnItsOwn: true,
      post: (message) => worker.postMessage(message),
      terminate: () => void worker.terminate(),
      onLoss: (listener) => {
        worker.on('error', (error) => listener(describeError(error)));
        worker.on('exit', (code) => listener(`the worker exited with code ${code}`));
      },
    };
  }
  if (host.Worker && host.Blob && host.URL) {
    const url = host.URL.createObjectURL(new host.Blob([source], { type: 'text/javascript' }));
    const worker = new host.Worker(url);
    const urls = host.URL;
    // The URL stays valid until the worker is gone: some browsers fetch the script after the constructor returns.
    return {
      startsOnItsOwn: false,
      post: (message) => worker.postMessage(message),
      terminate: () => {
        worker.terminate();
        urls.revokeObjectURL(url);
      },
      onLoss: (listener) => {
        worker.onerror = (event) => {
          event.preventDefault();
          listener(event.message ?? 'the worker failed to load or run');
        };
      },
    };
  }
  throw new BackendError(
    `${owner}: threads need Web Workers or Node.js worker_threads, and this runtime has neither`,
  );
}

function describeError(error: unknown): string {
  return String((error as { stack?: unknown } | null)?.stack ?? error);
}
