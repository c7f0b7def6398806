import { WorkerError } from '../errors.js';

/**
 * A kernel's memory of a run that failed in a worker: the neurons of other threads may have advanced while
 * that worker's did not, so the kernel refuses to run until every state variable has been written again.
 */
export class FailedRunGuard {
  private unwritten = new Set<string>();
  private cause = '';

  constructor(
    private readonly owner: string,
    private readonly stateNames: readonly string[],
  ) {}

  /** Runs `run` after checking that state is whole; a WorkerError it throws or rejects with marks state broken. */
  run(run: () => void | Promise<void>): void | Promise<void> {
    if (this.unwritten.size > 0) {
      throw new WorkerError(
        `${this.owner}: an earlier run failed in a worker (${this.cause}) and left state half-advanced; ` +
          `write every state variable again (population.reset() does) before running; not yet written: ${[...this.unwritten].join(', ')}`,
      );
    }
    try {
      const result = run();
      return result instanceof Promise ? result.catch((error: unknown) => this.fail(error)) : result;
    } catch (error) {
      return this.fail(error);
    }
  }

  /** State `name` was overwritten: it no longer holds a half-advanced run. */
  written(name: string): void {
    this.unwritten.delete(name);
  }

  private fail(error: unknown): never {
    if (error instanceof WorkerError) {
      this.unwritten = new Set(this.stateNames);
      this.cause = error.message.split('\n', 1)[0]!;
    }
    throw error;
  }
}
