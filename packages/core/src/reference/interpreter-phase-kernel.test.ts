import { describe, expect, test } from 'vitest';
import type { Dtype } from '../backend.js';
import { ADAPTIVE_LIF_MODEL } from '../model/library/adaptive-lif.js';
import { LIF_MODEL } from '../model/library/lif.js';
import type { ModelSpec } from '../model/spec.js';
import { everyStep, plan, population } from '../testing/network-plans.js';
import { interpreterBackend } from './interpreter-backend.js';

const CASES: [string, ModelSpec, Record<string, number>][] = [
  ['lif', LIF_MODEL, { refracLength: 0.5 }],
  ['adaptive lif', ADAPTIVE_LIF_MODEL, {}],
];

describe('interpreter phase kernel', () => {
  for (const dtype of ['float64', 'float32'] as Dtype[]) {
    test.each(CASES)(
      `integrate + afterSpike equal the fused run step for step (%s, ${dtype})`,
      (_, model, params) => {
        const n = 4;
        const input = [0.4, 1, 3, 8];
        const steps = 100;
        const group = population(model, { n, batchSize: 2, params, input, dtype });
        const backend = interpreterBackend();
        const network = backend.createNetworkKernel!(plan([group], [], { dtype, batchSize: 2 }));
        const fused = backend.createKernel({
          program: group.phased.program,
          dtype,
          n,
          batchSize: 2,
          parameters: group.parameters,
        });
        for (const [name, values] of group.initial) fused.writeState(name, values);
        const stateNames = group.phased.program.state.map((s) => s.name);
        const probes = stateNames.map((name) => everyStep(0, name, 2 * n, steps, dtype));
        network.run({ steps, firstStep: 0, probes, sinks: [] });
        const data = dtype === 'float32' ? Float32Array.from(input) : Float64Array.from(input);
        let spikes = 0;
        for (let k = 0; k < steps; k++) {
          fused.run({
            steps: 1,
            firstStep: k,
            input: { layout: 'neuron', perStep: false, data },
            recordings: [],
          });
          for (const [p, name] of stateNames.entries()) {
            const row = [...probes[p]!.buffer.subarray(k * 2 * n, (k + 1) * 2 * n)];
            expect(row, `${name} after step ${k}`).toEqual([...fused.readState(name)]);
          }
          for (const fired of fused.readState('s')) spikes += fired;
        }
        expect(spikes).toBeGreaterThan(4);
      },
    );
  }
});
