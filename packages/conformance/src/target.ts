import type { Backend, Dtype } from '@synapticflow/core';

/**
 * A backend in one configuration: what the behavioural suite runs its cases on, a column of the conformance
 * matrix, and (with threads) the subject of the thread-agreement tests.
 */
export interface ConformanceTarget {
  /** Shown in test names and matrix headers, e.g. "js float32". */
  label: string;
  /** A fresh backend in this configuration. */
  createBackend(): Backend;
  dtype: Dtype;
  /** Suite cases this backend cannot support, by case id, each with the reason (shown as a skipped test). */
  exclude?: Readonly<Record<string, string>>;
}

/** What the suite needs from a test runner: vitest's, jest's, or a hand-rolled one in a browser page. */
export interface SuiteRunner {
  /** Groups the tests `body` declares under `name`. */
  describe(name: string, body: () => void): void;
  /** Declares one test; `skip`, where the runner has it, declares a skipped one. */
  test: ((name: string, body: () => Promise<void>) => void) & {
    /** Declares a skipped test. */
    skip?: (name: string, body: () => Promise<void>) => void;
  };
}
