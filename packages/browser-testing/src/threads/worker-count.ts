import type { WorkerCount } from './page-api.js';

/** Counts the Web Workers the page starts and ends; install before any backend creates a kernel. */
export function countWorkers(): () => WorkerCount {
  const count: WorkerCount = { started: 0, fromBlob: 0, terminated: 0 };
  const Native = globalThis.Worker;
  globalThis.Worker = class CountedWorker extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      count.started++;
      if (String(url).startsWith('blob:')) count.fromBlob++;
    }
    override terminate(): void {
      count.terminated++;
      super.terminate();
    }
  };
  return () => ({ ...count });
}
