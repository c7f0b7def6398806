import { BackendError, WorkerError } from '../errors.js';
import { SIGNAL, SIGNAL_SLOTS, WORKER_BOOTSTRAP } from './worker-bootstrap.js';
import { spawnWorker, type WorkerHandle } from './worker-host.js';

/** Options of a worker team: how many workers, the job handler each runs and what it starts with. */
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
/** A waiting caller looks at the lost-worker count at least this often (milliseconds). */
const WAIT_SLICE_MS = 50;
/**
 * Once a worker is lost, how long the others get to finish their jobs (milliseconds). A worker that exits in
 * a job counts it done, so this only runs out where one died without taking its job, e.g. killed outright.
 */
const LOST_GRACE_MS = 1000;

/**
 * A fixed team of workers (Node `worker_threads` or browser Web Workers) that run jobs on shared memory.
 * `start` posts one job per worker, the caller does its own share meanwhile, and `finish` (blocking, where the
 * thread may block) or `finishAsync` waits for all of them. Completion is counted in a SharedArrayBuffer, so
 * a blocked thread needs no event loop to learn that the workers are done.
 *
 * A job that throws fails that dispatch with a `WorkerError`; the team stays usable. A worker that exits or
 * meets an uncaught error reports itself lost in the same shared memory (and its creator's event loop hears
 * of it too), so waits end with a `WorkerError` instead of hanging; the team then starts fresh workers.
 */
export class WorkerTeam {
  readonly size: number;
  private readonly options: WorkerTeamOptions;
  private workers: WorkerHandle[] = [];
  /** See SIGNAL; each generation of workers gets its own, so workers replaced cannot disturb the next. */
  private signal!: Int32Array<SharedArrayBuffer>;
  private errorText!: Uint8Array<SharedArrayBuffer>;
  private startsOnItsOwn = true;
  /** Why a worker was lost, as the event loop heard it: a worker killed outright cannot report itself. */
  private lossHeard: string | undefined;
  private expected = 0;
  private disposed = false;

  constructor(options: WorkerTeamOptions) {
    this.options = options;
    this.size = options.workers;
    requireSharedMemory(options.owner);
    this.spawn();
  }

  /**
   * Whether a thread that blocks in `finish` may start jobs now. Node starts workers on threads of their own
   * whatever their creator does; a browser worker starts its nested workers through its event loop, which a
   * blocked thread never returns to, so there the answer waits until every worker has started.
   */
  get ready(): boolean {
    return this.startsOnItsOwn || Atomics.load(this.signal, SIGNAL.started) === this.size;
  }

  /**
   * Whether a job failed or a worker was lost since the last `finish`: a caller that waits on shared memory of
   * its own (jobs that serve many commands) stops waiting then and calls `finish`, which reports the failure.
   */
  get faulted(): boolean {
    return this.lost() || Atomics.load(this.signal, SIGNAL.failed) !== 0;
  }

  /** Posts `jobs[w]` to worker w (fewer jobs leave the rest idle). */
  start(jobs: readonly unknown[]): void {
    const { owner } = this.options;
    if (this.disposed) throw new BackendError(`${owner}: worker team used after dispose()`);
    if (this.expected !== 0) throw new BackendError(`${owner}: a job is still running on the workers`);
    if (jobs.length > this.workers.length) {
      throw new BackendError(`${owner}: ${jobs.length} jobs for ${this.workers.length} workers`);
    }
    // A worker lost between dispatches took no job with it: fresh workers take over.
    if (this.lost()) this.spawn();
    Atomics.store(this.signal, SIGNAL.done, 0);
    this.expected = jobs.length;
    for (const [w, job] of jobs.entries()) this.workers[w]!.post(job);
  }

  /** Blocks until every started job is done; throws the first failure as a WorkerError. */
  finish(): void {
    const { signal } = this;
    let lostSince: number | undefined;
    for (let done = Atomics.load(signal, SIGNAL.done); done < this.expected; ) {
      if (this.lost()) lostSince ??= Date.now();
      if (lostSince !== undefined && Date.now() - lostSince > LOST_GRACE_MS) break;
      Atomics.wait(signal, SIGNAL.done, done, WAIT_SLICE_MS);
      done = Atomics.load(signal, SIGNAL.done);
    }
    this.settle();
  }

  /** Waits without blocking the thread (a browser's main thread may not block). */
  async finishAsync(): Promise<void> {
    const { signal } = this;
    let lostSince: number | undefined;
    for (let done = Atomics.load(signal, SIGNAL.done); done < this.expected; ) {
      if (this.lost()) lostSince ??= Date.now();
      if (lostSince !== undefined && Date.now() - lostSince > LOST_GRACE_MS) break;
      await waitForChange(signal, done);
      done = Atomics.load(signal, SIGNAL.done);
    }
    this.settle();
  }

  /** Stops every worker of the team. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const worker of this.workers) worker.terminate();
  }

  /** Starts a generation of workers (replacing any before it) with a signal of its own. */
  private spawn(): void {
    const { owner, workers, handler, init } = this.options;
    for (const worker of this.workers) worker.terminate();
    const signal = new Int32Array(new SharedArrayBuffer(SIGNAL_SLOTS * 4));
    this.signal = signal;
    this.errorText = new Uint8Array(new SharedArrayBuffer(ERROR_BYTES));
    this.lossHeard = undefined;
    this.workers = [];
    this.startsOnItsOwn = true;
    for (let w = 0; w < workers; w++) {
      const worker = spawnWorker(WORKER_BOOTSTRAP, owner);
      this.startsOnItsOwn &&= worker.startsOnItsOwn;
      worker.onLoss((reason) => {
        if (this.disposed || this.signal !== signal) return;
        this.lossHeard ??= reason;
        Atomics.notify(signal, SIGNAL.done);
      });
      worker.post({ signal: signal.buffer, errorText: this.errorText.buffer, handler, init });
      this.workers.push(worker);
    }
  }

  private lost(): boolean {
    return Atomics.load(this.signal, SIGNAL.lost) > 0 || this.lossHeard !== undefined;
  }

  private settle(): void {
    this.expected = 0;
    const lost = this.lost();
    if (!lost && Atomics.load(this.signal, SIGNAL.failed) === 0) return;
    let message = this.lossHeard ?? 'a worker was lost';
    if (Atomics.load(this.signal, SIGNAL.failed) !== 0) {
      const length = Atomics.load(this.signal, SIGNAL.errorLength);
      message = new TextDecoder().decode(this.errorText.slice(0, length));
      Atomics.store(this.signal, SIGNAL.failed, 0);
    }
    // Survivors still in a job after the grace period are replaced too.
    if (lost) this.spawn();
    throw new WorkerError(`${this.options.owner}: a worker failed: ${message}`);
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
      waitAsync?: (
        a: Int32Array,
        i: number,
        v: number,
        timeout: number,
      ) => { async: boolean; value: unknown };
    }
  ).waitAsync;
  if (waitAsync) {
    const result = waitAsync(signal, SIGNAL.done, value, WAIT_SLICE_MS);
    if (result.async) await result.value;
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, 1));
}
