import { type Backend, ELIF_MODEL, ELIFPopulation, Population } from '@synapticflow/core';
import { compareWithReference, problemsOf } from './reference-comparison.js';
import { REFERENCE_IMPLEMENTATIONS, REFERENCE_SCENARIOS } from './reference-traces.js';
import type { SuiteRunner } from './target.js';

/** A backend whose float32 kernels have an exact and an opt-in fast arithmetic (`precision: 'fast'`). */
export interface FastModeTarget {
  /** Shown in test names, e.g. "wasm" or "wasm, relaxed SIMD". */
  label: string;
  /** A fresh backend in the given arithmetic. */
  createBackend(precision: 'exact' | 'fast'): Backend;
}

/** Neurons and steps of the fast-against-exact run; the input (3 nA) drives every neuron past threshold. */
const NEURONS = 2000;
const STEPS = 400;

/**
 * Registers what the fast mode must keep of the exact one, on float32 ELIF: against every reference trace, the
 * seed's float32 spikes on the same step and the float64 ones within ±1 step (v within the project's
 * tolerances); and, with per-neuron tau, every neuron spiking as often as in the exact mode, each spike on the
 * same step or one apart (a step apart only where a crossing is marginal: under 1% of spikes).
 */
export function describeFastModeAgreement(runner: SuiteRunner, target: FastModeTarget): void {
  runner.describe(`fast mode against the reference traces and the exact mode: ${target.label}`, () => {
    runner.test("the seed's float32 spikes on the same step, the float64 ones within ±1 step", async () => {
      const problems: string[] = [];
      for (const scenario of REFERENCE_SCENARIOS) {
        for (const implementation of REFERENCE_IMPLEMENTATIONS) {
          const populations: ELIFPopulation[] = [];
          const backend = target.createBackend('fast');
          const comparison = await compareWithReference(
            `${scenario}.${implementation}`,
            'float32',
            (options) => {
              const population = new ELIFPopulation({ ...options, backend });
              populations.push(population);
              return population;
            },
          );
          for (const population of populations) population.dispose();
          const { spikes, name } = comparison;
          for (const problem of problemsOf(comparison)) problems.push(`${name}: ${problem}`);
          if (spikes.expected === 0) problems.push(`${name}: the reference has no spike to compare`);
          const agreeing = implementation === 'seed-pytorch-float32' ? spikes.exact : spikes.withinOne;
          if (agreeing !== spikes.expected) {
            problems.push(
              `${name}: ${agreeing} of ${spikes.expected} spikes ${implementation === 'seed-pytorch-float32' ? 'on the same step' : 'within ±1 step'}`,
            );
          }
        }
      }
      if (problems.length > 0) throw new Error(`${target.label}, fast:\n${problems.join('\n')}`);
    });

    runner.test(
      'ELIF spikes on the same step as the exact mode, or one step apart, with per-neuron tau',
      async () => {
        const tau = Float64Array.from({ length: NEURONS }, (_, i) => 5 + (25 * i) / NEURONS);
        const run = (precision: 'exact' | 'fast') => {
          const population = new Population(ELIF_MODEL, {
            n: NEURONS,
            params: { tau },
            backend: target.createBackend(precision),
          });
          const { spikes } = population.run(STEPS, { input: 3 });
          population.dispose();
          return spikes!;
        };
        const exact = run('exact');
        const fast = run('fast');
        const spikeSteps = (spikes: Uint8Array, neuron: number) =>
          Array.from({ length: STEPS }, (_, k) => k).filter((k) => spikes[k * NEURONS + neuron] === 1);
        const problems: string[] = [];
        let total = 0;
        let sameStep = 0;
        for (let neuron = 0; neuron < NEURONS; neuron++) {
          const a = spikeSteps(exact, neuron);
          const b = spikeSteps(fast, neuron);
          if (b.length !== a.length) problems.push(`neuron ${neuron}: ${b.length} spikes, exact ${a.length}`);
          a.forEach((k, i) => {
            if (b[i] !== undefined && Math.abs(b[i] - k) > 1)
              problems.push(`neuron ${neuron}, spike ${i}: step ${b[i]}, exact ${k}`);
            if (b[i] === k) sameStep++;
          });
          total += a.length;
        }
        if (total <= NEURONS) problems.push(`${total} spikes in all; the input should drive every neuron`);
        else if (sameStep / total <= 0.99)
          problems.push(
            `${sameStep} of ${total} spikes on the exact mode's step (more than 1% a step apart)`,
          );
        if (problems.length > 0)
          throw new Error(`${target.label}, fast against exact:\n${problems.slice(0, 20).join('\n')}`);
      },
    );
  });
}
