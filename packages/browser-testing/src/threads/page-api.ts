export type ThreadedBackendName = 'js' | 'wasm';
export type Dtype = 'float32' | 'float64';

export interface ThreadsEnvironment {
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
  waitAsync: boolean;
}

export interface CaughtError {
  name: string;
  message: string;
  /** SynapticFlowError's stable code, if it is one. */
  code: string | null;
}

/** What a dedicated worker saw of a threaded population it created and ran with `run`. */
export interface WorkerRun {
  synchronousRuns: boolean | undefined;
  description: string;
  /** Whether `run` returned within the time allowed. */
  finished: boolean;
}

/** Web Workers the page started and ended (counted by wrapping `Worker`). */
export interface WorkerCount {
  started: number;
  /** Of those, started from a blob: URL. */
  fromBlob: number;
  terminated: number;
}

export interface ThreadedComparison {
  description: string;
  synchronousRuns: boolean | undefined;
  /** `population.run` and `population.forward` on the threaded population, as `Name: message`. */
  runError: string | null;
  forwardError: string | null;
  /** Results of the run kinds (and final state) whose values differ from one thread's. */
  differing: string[];
  compared: string[];
  /** Values compared in all, and spikes among them, so an all-zero run cannot pass unnoticed. */
  values: number;
  spikes: number;
  /** Workers started by creating the threaded population, and ended by disposing it. */
  workers: WorkerCount;
}

/** The page's functions, on `window.synapticflowThreads`. */
export interface PageApi {
  environment(): ThreadsEnvironment;
  /** One thread against `threads: 2`, every value of every run kind, both populations in this page. */
  compareThreads(backend: ThreadedBackendName, dtype: Dtype): Promise<ThreadedComparison>;
  /** Creating a threaded population: null, or the error it throws. */
  threadedCreationError(backend: ThreadedBackendName): CaughtError | null;
  /** One case of the shared suite on the backend with 3 threads, on the main thread; null, or the failure. */
  runSuiteCase(backend: ThreadedBackendName, id: string, dtype: Dtype): Promise<string | null>;
  /** A threaded population (3 threads) created and run at once in a fresh dedicated worker. */
  runInWorker(backend: ThreadedBackendName, timeoutMs: number): Promise<WorkerRun>;
}
