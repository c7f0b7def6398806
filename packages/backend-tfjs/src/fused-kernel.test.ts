import { ELIFPopulation } from '@synapticflow/core';
import { binary, ident, type KernelInput, num, type StepProgram } from '@synapticflow/core/backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { capturing, registerStandIn } from '../test/backends.js';
import { BOOLEAN_SELECT_AFTER_5_STEPS, runBooleanSelect } from '../test/models.js';
import { type TfjsKernel, tfjsBackend } from './index.js';

const N = 4;
const BATCH = 2;
const SIZE = N * BATCH;
const INPUT = [0.2, 0.8, 1.5, 3];

function elif(options: { tau?: number } = {}) {
  const { backend, kernels } = capturing(tfjsBackend());
  const population = new ELIFPopulation({ n: N, batchSize: BATCH, backend, ...options });
  return { population, kernel: kernels[0]! };
}

/** The kernels a block launches, by name, and the tensors and bytes it leaves behind. */
async function profile(block: () => void) {
  const info = await tf.profile(block);
  return { info, names: info.kernels.map((k) => k.name) };
}

describe('the fused kernel on tfjs-cpu', () => {
  test('a run is one call of a kernel in the tfjs registry; its outputs replace the state', async () => {
    const { population, kernel } = elif();
    const { name } = kernel.fusedKernel()!;
    expect(tf.getKernel(name, 'cpu')).toBeUndefined(); // registered on the first run, not before
    population.run(10, { input: INPUT, spikes: false });
    expect(tf.getKernel(name, 'cpu')?.kernelName).toBe(name);

    const { info, names } = await profile(() => population.run(1000, { input: INPUT, spikes: false }));
    expect(names).toEqual([name]);
    // One new array per state variable the step assigns (v, s, refractory, traces): the previous state is
    // disposed, so the run leaves no tensor behind.
    expect(info.kernels[0]!.tensorsAdded).toBe(4);
    expect(info.kernels[0]!.bytesAdded).toBe(SIZE * (4 + 1 + 4 + 4));
    expect(info.newTensors).toBe(0);
    expect(info.newBytes).toBe(0);
    population.dispose();
  });

  test('a run splits only where a recording needs the state or a callback runs between steps', async () => {
    const { population, kernel } = elif();
    const { name } = kernel.fusedKernel()!;
    const launches = async (block: () => void) =>
      (await profile(block)).names.filter((n) => n === name).length;
    expect(await launches(() => population.run(100, { input: INPUT, spikes: false, record: ['v'] }))).toBe(
      100,
    );
    const strided = { input: INPUT, spikes: false, record: ['v'], stride: 10 };
    // Rows are the state after steps 0, 10, ..., 90: calls end there, and one more runs steps 91-99.
    expect(await launches(() => population.run(100, strided))).toBe(11);
    expect(await launches(() => population.run(100, { input: INPUT }))).toBe(100); // spikes: every step
    const callback = (step: number, buffer: Float32Array | Float64Array) => buffer.fill(step * 0.01);
    expect(await launches(() => population.run(7, { input: callback, spikes: false }))).toBe(7);
    const perStep = { steps: Array.from({ length: 50 * N }, (_, i) => (i % 9) * 0.3) };
    expect(await launches(() => population.run(50, { input: perStep, spikes: false }))).toBe(1);
    population.dispose();
  });

  test('identical programs share one registration; the last dispose unregisters it', () => {
    const first = elif();
    const second = elif();
    const other = elif({ tau: 12 });
    const { name } = first.kernel.fusedKernel()!;
    expect(second.kernel.fusedKernel()!.name).toBe(name);
    // A scalar parameter is a constant of the generated loop, so another value is another kernel.
    expect(other.kernel.fusedKernel()!.name).not.toBe(name);
    for (const { population } of [first, second, other]) population.forward(1);
    first.population.dispose();
    expect(tf.getKernel(name, 'cpu')).toBeDefined();
    second.population.dispose();
    expect(tf.getKernel(name, 'cpu')).toBeUndefined();
    other.population.dispose();
  });

  test('state made on another tfjs backend moves to tfjs-cpu on the way in', async () => {
    const unregister = registerStandIn('cpu-elsewhere'); // tfjs-cpu's kernels, its own storage
    try {
      await tf.setBackend('cpu-elsewhere');
      const moved = elif();
      expect(moved.population.kernelDescription).toContain('(one kernel per operation)');
      await moved.population.runAsync(30, { input: INPUT }); // a backend tfjsBackend reads asynchronously
      await tf.setBackend('cpu');
      moved.population.run(30, { input: INPUT });
      expect(moved.population.kernelDescription).toContain('(one fused kernel per run');
      const stayed = elif();
      stayed.population.run(60, { input: INPUT });
      expect(moved.population.v).toEqual(stayed.population.v);
      moved.population.dispose();
      stayed.population.dispose();
    } finally {
      await tf.setBackend('cpu');
      unregister();
    }
  });

  test('registers itself again if something removed it from the registry', () => {
    const { population, kernel } = elif();
    population.forward(1);
    const { name } = kernel.fusedKernel()!;
    tf.unregisterKernel(name, 'cpu');
    population.forward(1);
    expect(tf.getKernel(name, 'cpu')).toBeDefined();
    population.dispose();
    expect(tf.getKernel(name, 'cpu')).toBeUndefined();
  });
});

describe('the fused kernel called through tfjs', () => {
  // x integrates I, y counts steps and is never read before it is set; k is folded in, w is per neuron.
  const program: StepProgram = {
    specificationVersion: 'v1',
    model: 'direct',
    parameters: ['k', 'w'],
    derived: [],
    state: [
      { name: 'x', type: 'number', initial: num(0) },
      { name: 'y', type: 'number', initial: num(0) },
      { name: 'up', type: 'boolean', initial: { kind: 'boolean', value: false } },
    ],
    statements: [
      { kind: 'set', name: 'x', expr: binary('+', ident('x'), binary('*', ident('I'), ident('w'))) },
      { kind: 'set', name: 'y', expr: binary('*', ident('t'), ident('k')) },
      { kind: 'set', name: 'up', expr: binary('>', ident('x'), num(2)) },
    ],
    spikes: null,
    dt: 0.5,
  };

  function kernel(): TfjsKernel {
    return tfjsBackend().createKernel({
      program,
      dtype: 'float32',
      n: 2,
      batchSize: 1,
      parameters: new Map<string, number | Float64Array>([
        ['k', 2],
        ['w', Float64Array.of(1, 10)],
      ]),
    }) as TfjsKernel;
  }

  test('its source comes from the program: constants folded, per-neuron values read per neuron', () => {
    const k = kernel();
    const { source } = k.fusedKernel()!;
    expect(source).toContain('s_x = f((s_x + f((I * P_w[j]))));');
    expect(source).toContain('s_y = f((t * 2));');
    expect(source).toContain('const t = f((firstStep + k) * 0.5);');
    expect(source).not.toContain('P_k'); // a scalar parameter is a literal, not an input
    k.dispose();
  });

  test('reads its inputs, leaves them unchanged, and returns new state tensors', () => {
    const k = kernel();
    const input: KernelInput = { layout: 'scalar', perStep: false, data: Float32Array.of(1) };
    k.run({ steps: 1, firstStep: 0, input, recordings: [] }); // registers it
    const { name } = k.fusedKernel()!;
    const x = tf.tensor([[1, 2]], [1, 2], 'float32');
    const w = tf.tensor([1, 10], [2], 'float32');
    const I = tf.tensor([0.5, 0.25], [2], 'float32'); // scalar layout, per step: one value per step
    const before = tf.memory().numTensors;
    const outputs = tf
      .engine()
      .runKernel(
        name,
        { s_x: x, p_w: w, I },
        { steps: 2, firstStep: 3, n: 2, batchSize: 1, layout: 'scalar', perStep: true },
      ) as tf.Tensor[];
    expect(tf.memory().numTensors).toBe(before + 3);
    const [newX, y, up] = outputs;
    expect(Array.from(newX!.dataSync())).toEqual([1.75, 9.5]);
    expect(Array.from(y!.dataSync())).toEqual([4, 4]); // t = (3 + 1) * 0.5, times k = 2
    expect(up!.dtype).toBe('bool');
    expect(Array.from(up!.dataSync())).toEqual([0, 1]);
    expect(Array.from(x.dataSync())).toEqual([1, 2]);
    expect(Array.from(I.dataSync())).toEqual([0.5, 0.25]);
    const attrs = { steps: 3, firstStep: 0, n: 2, batchSize: 1, layout: 'scalar', perStep: true };
    expect(() => tf.engine().runKernel(name, { s_x: x, p_w: w, I }, attrs)).toThrow(
      'input "I" has 2 values, expected 3',
    );
    tf.dispose([x, w, I, ...outputs]);
    k.dispose();
  });

  test('a select between booleans toggles as written', () => {
    expect(runBooleanSelect(tfjsBackend())).toEqual(BOOLEAN_SELECT_AFTER_5_STEPS);
  });
});
