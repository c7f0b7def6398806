import type { Backend, Dtype, ELIFPopulation, ELIFPopulationOptions } from '@synapticflow/core';

/** A backend configuration the suite runs against: one column of the conformance matrix. */
export interface BackendTarget {
  /** Shown in test names, e.g. "js float32". */
  label: string;
  createBackend(): Backend;
  dtype: Dtype;
  /** Cases this backend cannot support, by case id, each with the reason (shown as a skipped test). */
  exclude?: Readonly<Record<string, string>>;
}

export interface CaseContext {
  readonly target: BackendTarget;
  readonly dtype: Dtype;
  /** An ELIF population on the target's backend and dtype; disposed after the case. */
  elif(options: Omit<ELIFPopulationOptions, 'backend'>): ELIFPopulation;
  /** A state variable as plain numbers, read through the async `read` that every backend supports. */
  read(population: ELIFPopulation, name: string): Promise<number[]>;
}

export interface SuiteCase {
  id: string;
  group: string;
  title: string;
  /** Whether the case applies to this target at all (e.g. seed-trace comparisons need float32). */
  appliesTo?(target: BackendTarget): boolean;
  run(context: CaseContext): Promise<void>;
}

/** What the suite needs from a test runner: vitest's, jest's, or a hand-rolled one in a browser page. */
export interface SuiteRunner {
  describe(name: string, body: () => void): void;
  test: ((name: string, body: () => Promise<void>) => void) & {
    skip?: (name: string, body: () => Promise<void>) => void;
  };
}
