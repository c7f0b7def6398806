import { describe, expect, test } from 'vitest';
import { cubaPairs, loadCubaReference, loadFeedforwardReference } from './brian2-references.js';
import { firstDivergentStep, populationStatistics } from './spike-statistics.js';

describe('network spike statistics', () => {
  test('reproduce the statistics the Brian2 generator stored for CUBA (same definitions)', async () => {
    const cuba = await loadCubaReference();
    for (const [name, first, end] of [
      ['exc', 0, cuba.nExc],
      ['inh', cuba.nExc, cuba.n],
    ] as const) {
      const ours = populationStatistics(cuba.spikes, {
        first,
        end,
        fromStep: cuba.statisticsFromStep,
        toStep: cuba.steps,
        dt: cuba.dt,
        binSteps: cuba.fanoBinSteps,
      });
      const theirs = cuba.statistics[name];
      expect(ours.spikes).toBe(theirs.spikes);
      expect(ours.rate).toBeCloseTo(theirs.rate, 10);
      expect(ours.cv!).toBeCloseTo(theirs.cv!, 10);
      expect(ours.fano!).toBeCloseTo(theirs.fano!, 10);
    }
  });

  test('hand-computed: rate, CV and Fano factor of a small spike list', () => {
    // Neuron 0 spikes at steps 0, 10, 30 (ISIs 10, 20: CV = 5/15); neuron 1 twice (no CV); neuron 2 outside.
    const spikes = { steps: [0, 10, 30, 5, 6, 7], indices: [0, 0, 0, 1, 1, 2] };
    const stats = populationStatistics(spikes, {
      first: 0,
      end: 2,
      fromStep: 0,
      toStep: 40,
      dt: 0.5,
      binSteps: 20,
    });
    expect(stats.spikes).toBe(5);
    expect(stats.rate).toBeCloseTo(5 / (2 * 40 * 0.5e-3), 12);
    expect(stats.cv).toBeCloseTo(5 / 15, 12);
    // Bins [0, 20): 4 spikes, [20, 40): 1; mean 2.5, variance 2.25.
    expect(stats.fano).toBeCloseTo(2.25 / 2.5, 12);
  });

  test('the first divergent step is the first step whose spiking neurons differ, order within a step aside', () => {
    const a = { steps: [1, 1, 4, 9], indices: [2, 3, 0, 1] };
    expect(firstDivergentStep(a, { steps: [1, 1, 4, 9], indices: [3, 2, 0, 1] })).toBeNull();
    expect(firstDivergentStep(a, { steps: [1, 1, 4, 8], indices: [2, 3, 0, 1] })).toBe(8);
    expect(firstDivergentStep(a, { steps: [1, 4, 9], indices: [2, 0, 1] })).toBe(1);
  });

  test('the references load with their provenance, and CUBA connectivity expands to sorted pairs', async () => {
    const feedforward = await loadFeedforwardReference();
    expect(feedforward.provenance.brian2).toBe('2.5.1');
    expect(feedforward.v).toHaveLength(feedforward.steps);
    const cuba = await loadCubaReference();
    const exc = cubaPairs(cuba, 'exc');
    expect(exc.i).toHaveLength(exc.j.length);
    expect(exc.i[exc.i.length - 1]!).toBeLessThan(cuba.nExc);
    expect(exc.i.every((s, q) => q === 0 || s >= exc.i[q - 1]!)).toBe(true);
    expect(exc.i.some((s, q) => s === exc.j[q])).toBe(false);
  });
});
