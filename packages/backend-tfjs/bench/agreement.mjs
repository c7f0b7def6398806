// Numerical agreement of the tfjs backend (cpu, and wasm where it loads) with the float64 reference traces
// ("steps" refractory) and with backend-js float32, on the four reference scenarios.
// Usage: node bench/agreement.mjs (after building). Not a test: it prints the figures docs/backends/tfjs.md quotes.
import { createRequire } from 'node:module';
import path from 'node:path';
import { jsBackend } from '@synapticflow/backend-js';
import {
  compareSpikes,
  flatInput,
  fromJsonNumber,
  loadReferenceTrace,
  REFERENCE_SCENARIOS,
  spikeEvents,
} from '@synapticflow/conformance';
import { ELIFPopulation } from '@synapticflow/core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { tfjsBackend } from '../dist/index.js';

tf.env().set('PROD', true); // silences tfjs's "install tfjs-node" banner

async function loadWasm() {
  try {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}${path.sep}`);
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

function simulate(backend, scenario) {
  const population = new ELIFPopulation({
    backend,
    n: scenario.n,
    batchSize: scenario.batchSize,
    dt: scenario.dt,
    refractory: 'steps',
    params: scenario.params,
    spikeTrace: scenario.traces.enabled,
    additiveSpikeTrace: scenario.traces.additive,
    traceTau: scenario.traces.traceTau,
    traceScale: scenario.traces.traceScale,
  });
  const result = population.run(scenario.steps, { input: flatInput(scenario), record: ['v'] });
  const description = population.kernelDescription;
  population.dispose();
  const spikes = spikeEvents(result.spikes, scenario.steps, scenario.batchSize, scenario.n);
  return { v: result.recorded.v, spikes, description };
}

const maxAbs = (a, b) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
const rows = [];
const engines = ['cpu', ...((await loadWasm()) ? ['wasm'] : [])];
for (const name of REFERENCE_SCENARIOS) {
  const trace = await loadReferenceTrace(`${name}.numpy-float64-steps`);
  const s = trace.scenario;
  const js = simulate(jsBackend(), s);
  const size = s.batchSize * s.n;
  for (const engine of engines) {
    await tf.setBackend(engine);
    const mine = simulate(tfjsBackend({ backendName: engine }), s);
    // v against the reference at its stride (every vStride steps), and against backend-js at every step.
    const vRef = trace.v.flatMap((row) => row.flat().map(fromJsonNumber));
    const vMine = vRef.map((_, i) => mine.v[Math.floor(i / size) * trace.vStride * size + (i % size)]);
    const below = vRef.map((v) => v < (s.params.thetaRh ?? -60));
    const pick = (values, keep) => values.filter((_, i) => below[i] === keep);
    const reference = compareSpikes(mine.spikes, trace.spikes);
    const vsJs = compareSpikes(mine.spikes, js.spikes);
    rows.push({
      scenario: name,
      engine: mine.description.split(' on ')[1].split(' ')[0],
      spikes: `${reference.actual}/${reference.expected}`,
      exact: reference.exact,
      withinOne: reference.withinOne,
      'dv<thetaRh': maxAbs(pick(vMine, true), pick(vRef, true)).toExponential(1),
      'dv>=thetaRh': maxAbs(pick(vMine, false), pick(vRef, false)).toExponential(1),
      'js: spikes same': vsJs.firstDivergence === null,
      'js: max |dv|': maxAbs(Array.from(mine.v), Array.from(js.v)).toExponential(1),
      'js: bit-identical': mine.v.every((x, i) => Object.is(x, js.v[i])),
    });
  }
}
console.log(
  `tfjs ${tf.version_core}, node ${process.version}; reference: numpy-float64-steps, "steps" refractory`,
);
console.table(rows);

// A wider sweep against backend-js: many neurons, inputs 0.04-2.04 nA, v recorded on every step.
const n = 20_000;
const steps = 2000;
const input = Float32Array.from({ length: n }, (_, i) => 0.04 + (i / n) * 2);
const sweep = (backend) => {
  const population = new ELIFPopulation({ n, backend });
  const result = population.run(steps, { input, record: ['v'] });
  population.dispose();
  return result;
};
const reference = sweep(jsBackend());
for (const engine of engines) {
  await tf.setBackend(engine);
  const result = sweep(tfjsBackend({ backendName: engine }));
  let differing = 0;
  let max = 0;
  reference.recorded.v.forEach((v, i) => {
    const d = Math.abs(v - result.recorded.v[i]);
    if (d > 0) differing++;
    max = Math.max(max, d);
  });
  const spikes = reference.spikes.reduce((a, b) => a + b, 0);
  const sameSpikes = reference.spikes.every((s, i) => s === result.spikes[i]);
  console.log(
    `sweep, tfjs-${engine} vs backend-js f32: n = ${n}, ${steps} steps, ${spikes} spikes, spikes identical: ${sameSpikes}; ` +
      `v differs in ${differing} of ${reference.recorded.v.length} values, max |dv| ${max.toExponential(2)} mV`,
  );
}
