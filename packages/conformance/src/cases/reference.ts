import type { Dtype } from '@synapticflow/core';
import { check, checkClose, checkEqual } from '../assert.js';
import {
  flatInput,
  fromJsonNumber,
  loadReferenceTrace,
  REFERENCE_IMPLEMENTATIONS,
  REFERENCE_SCENARIOS,
  type ReferenceName,
  type ReferenceTrace,
} from '../reference-traces.js';
import { compareSpikes, spikeEvents } from '../spike-match.js';
import type { CaseContext, SuiteCase } from '../suite-types.js';
import { NUMPY_FLOAT64_V_TOLERANCE, SEED_FLOAT32_V_TOLERANCE } from '../tolerance.js';

const group = 'reference traces';

/**
 * Across precisions (a float32 run against the float64 reference, or the reverse), rounding differences,
 * including the float32 rounding of inputs such as 0.051 nA next to the 0.05 nA rheobase, are amplified by
 * the exponential term while v climbs towards the threshold. Where the reference v is below thetaRh the
 * dynamics contract, so v stays within 1e-3 mV. Above it v rises by up to a few mV per step just before a
 * spike, and spikes may shift by one step; there v is only held to 1 mV (seen: at most 0.15 mV).
 */
const CROSS_PRECISION_SUBTHRESHOLD = 1e-3;
const CROSS_PRECISION_UPSWING = 1;

function referenceDtype(trace: ReferenceTrace): Dtype {
  return trace.scenario.dtype;
}

async function runReference(context: CaseContext, trace: ReferenceTrace) {
  const s = trace.scenario;
  const population = context.elif({
    n: s.n,
    batchSize: s.batchSize,
    dt: s.dt,
    refractory: s.refractory,
    params: s.params as Record<string, number>,
    spikeTrace: s.traces.enabled,
    additiveSpikeTrace: s.traces.additive,
    traceTau: s.traces.traceTau,
    traceScale: s.traces.traceScale,
  });
  const vars = s.traces.enabled ? ['v', 'traces'] : ['v'];
  const result = await population.runAsync(s.steps, {
    input: flatInput(s),
    record: vars,
    stride: trace.vStride,
  });
  return { result, spikes: spikeEvents(result.spikes!, s.steps, s.batchSize, s.n) };
}

function referenceCase(name: ReferenceName): SuiteCase {
  const [scenario, implementation] = name.split('.') as [string, string];
  return {
    id: `reference.${name}`,
    group,
    title: `${scenario} against ${implementation}`,
    async run(context) {
      const trace = await loadReferenceTrace(name);
      const { result, spikes } = await runReference(context, trace);
      const samePrecision = referenceDtype(trace) === context.dtype;
      const comparison = compareSpikes(spikes, trace.spikes);
      if (samePrecision) {
        checkEqual(
          comparison.firstDivergence,
          null,
          `first step where the spikes differ from ${implementation}`,
        );
      } else {
        checkEqual(comparison.actual, comparison.expected, 'spike count');
        checkEqual(comparison.withinOne, comparison.expected, 'spikes matched within ±1 step');
      }
      const thetaRh = trace.scenario.params.thetaRh ?? -60;
      for (const variable of ['v', 'traces'] as const) {
        const rows = trace[variable];
        if (!rows) continue;
        const expected = rows.flatMap((row) => row.flat().map(fromJsonNumber));
        const actual = Array.from(result.recorded[variable]!);
        if (samePrecision) {
          const tolerance = implementation.startsWith('seed')
            ? SEED_FLOAT32_V_TOLERANCE
            : NUMPY_FLOAT64_V_TOLERANCE;
          checkClose(actual, expected, tolerance, `${variable} (every ${trace.vStride} steps)`);
        } else {
          const v = trace.v.flatMap((row) => row.flat().map(fromJsonNumber));
          const below = (i: number) => v[i]! < thetaRh;
          const pick = (values: number[], keep: boolean) => values.filter((_, i) => below(i) === keep);
          checkClose(
            pick(actual, true),
            pick(expected, true),
            CROSS_PRECISION_SUBTHRESHOLD,
            `${variable} where v < thetaRh`,
          );
          checkClose(
            pick(actual, false),
            pick(expected, false),
            CROSS_PRECISION_UPSWING,
            `${variable} where v >= thetaRh`,
          );
        }
      }
      check(comparison.expected > 0, 'the reference scenario has spikes to compare');
    },
  };
}

export const REFERENCE_CASES: SuiteCase[] = REFERENCE_SCENARIOS.flatMap((scenario) =>
  REFERENCE_IMPLEMENTATIONS.map((implementation) => referenceCase(`${scenario}.${implementation}`)),
);
