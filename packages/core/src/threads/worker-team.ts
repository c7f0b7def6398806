import { BackendError } from '../errors.js';
import { WORKER_BOOTSTRAP } from './worker-bootstrap.js';
import { spawnWorker, type WorkerHandle } from './worker-host.js';

export interface WorkerTeamOptions {
  /** Who runs on the team, for error messages ("js backend"). */
  readonly owner: string;
  readonly workers: number;
  /**
   * Source of a function expression `(init) => (message) => void`, evaluated once in each worker with `init`;
   * the function it returns handles every job message. It must be self-contained: it sees no closure.
   */
  readonly handler: string;
  /** Structured-cloneable (SharedArrayBuffers, WebAssembly modules and shared memories travel by reference). */
  readonly init: unknown;
}

const ERROR_BYTES = 4096;

/**
 * A fixed team of workers (Node `worker_threads` or browser Web Workers) that run jobs on shared memory.
 * `start` posts one job per worker, the caller does its own share meanwhile, and `finish` (blocking, where the
 * thread may block) or `finishAsync` waits for all of them. Completion is counted in a SharedArrayBuffer, so
 * a blocked thread needs no event loop to learn that the workers are done.
 */
export class WorkerTeam {
  readonly size: number;
  private readonly owner: string;
  private readonly workers: WorkerHandle[];
  /** [jobs finished, failed flag, error length, workers started]. */
  private readonly signal: Int32Array;
  private readonly errorText: Uint8Array;
  private readonly startsOnItsOwn: boolean;
  private expected = 0;
  private disposed = false;

  constructor(options: WorkerTeamOptions) {
    this.owner = options.owner;
    this.size = options.workers;
    requireSharedMemory(options.owner);
    this.signal = new Int32Array(new SharedArrayBuffer(16));
    this.errorText = new Uint8Array(new SharedArrayBuffer(ERROR_BYTES));
    this.workers = [];
    this.startsOnItsOwn = true;
    for (let w = 0; w < options.workers; w++) {
      const worker = spawnWorker(WORKER_BOOTSTRAP, options.owner);
      this.startsOnItsOwn &&= worker.startsOnItsOwn;
      worker.post({
        signal: this.signal.buffer,
        errorText: this.errorText.buffer,
        handler: options.handler,
        init: options.init,
      });
      this.workers.push(worker);
    }
  }

  /**
   * Whether a thread that blocks in `finish` may start jobs now. Node starts workers on threads of their own
   * whatever their creator does; a browser worker starts its nested workers through its event loop, which a
   * blocked thread never returns to, so there the answer waits until every worker has started.
   */
  get ready(): boolean {
    return this.startsOnItsOwn || Atomics.load(this.signal, 3) === this.size;
  }

  /** Posts `jobs[w]` to worker w (fewer jobs leave the rest idle). */
  start(jobs: readonly unknown[]): void {
    if (this.disposed) throw new BackendError(`${this.owner}: worker team used after dispose()`);
    if (this.expected !== 0) throw new BackendError(`${this.owner}: a job is still running on the workers`);
    if (jobs.length > this.workers.length) {
      throw new BackendError(`${this.owner}: ${jobs.length} jobs for ${this.workers.length} workers`);
    }
    Atomics.store(this.signal, 0, 0);
    this.expected = jobs.length;
    for (const [w, job] of jobs.entries()) this.workers[w]!.post(job);
  }

  /** Blocks until every started job is done; throws the first worker error as a BackendError. */
  finish(): void {
    for (let done = Atomics.load(this.signal, 0); done < this.expected; done = Atomics.load(this.signal, 0)) {
      Atomics.wait(this.signal, 0, done);
    }
    this.settle();
  }

  /** Waits without blocking the thread (a browser's main thread may not block). */
  async finishAsync(): Promise<void> {
    for (let done = Atomics.load(this.signal, 0); done < this.expected; done = Atomics.load(this.signal, 0)) {
      await waitForChange(this.signal, done);
    }
    this.settle();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const worker of this.workers) worker.terminate();
  }

  private settle(): void {
    this.expected = 0;
    if (Atomics.load(this.signal, 1) === 0) return;
    const length = Atomics.load(this.signal, 2);
    const message = new TextDecoder().decode(this.errorText.slice(0, length));
    Atomics.store(this.signal, 1, 0);
    throw new BackendError(`${this.owner}: a worker failed: ${message}`);
  }
}

/** Whether this thread may block in `Atomics.wait` (Node and workers may; a browser's main thread may not). */
export function canBlockThread(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/** Throws a BackendError that says how to get SharedArrayBuffer where the runtime has none. */
export function requireSharedMemory(owner: string): void {
  if (typeof SharedArrayBuffer === 'undefined') {
    throw new BackendError(
      `${owner}: threads need SharedArrayBuffer, which browsers only offer to cross-origin isolated pages; ` +
        'serve the page with "Cross-Origin-Opener-Policy: same-origin" and ' +
        '"Cross-Origin-Embedder-Policy: require-corp", or use threads: 1',
    );
  }
}

async function waitForChange(signal: Int32Array, value: number): Promise<void> {
  const waitAsync = (
    Atomics as unknown as {
      waitAsync?: (a: Int32Array, i: number, v: number) => { async: boolean; value: unknown };
    }
  ).waitAsync;
  if (waitAsync) {
    const result = waitAsync(signal, 0, value);
    if (result.async) await result.value;
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, 1));
}
