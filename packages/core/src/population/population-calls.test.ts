import { describe, expect, test } from 'vitest';
import type { Backend, Kernel, RunRequest } from '../backend.js';
import { BrokenPopulationError, BusyError, DisposedError, SynapticFlowError } from '../errors.js';
import type { ModelSpec } from '../model/spec.js';
import { interpreterBackend } from '../reference/interpreter-backend.js';
import { thrown } from '../testing/helpers.js';
import { Population } from './population.js';

// x' = t: the state depends on the time each step runs at, so a step run twice or out of order shows.
const CLOCK: ModelSpec = {
  name: 'clock',
  parameters: {},
  state: { x: { initial: 0 } },
  equations: { x: 't' },
};

/** A backend whose kernels run only after the event loop turns, as a GPU or worker backend does. */
function deferredBackend(): Backend {
  const inner = interpreterBackend({ synchronousReads: true });
  return {
    ...inner,
    name: 'deferred',
    synchronousRuns: false,
    createKernel(request) {
      const kernel = inner.createKernel(request);
      return wrapKernel(kernel, {
        run: (run) => new Promise<void>((resolve) => setTimeout(resolve, 1)).then(() => kernel.run(run)),
      });
    },
  };
}

/** A backend whose kernels advance the first neuron of a run and then fail, like a worker that threw. */
function failingBackend(failures: { left: number }): Backend {
  const inner = interpreterBackend();
  return {
    ...inner,
    name: 'failing',
    createKernel(request) {
      const kernel = inner.createKernel(request);
      return wrapKernel(kernel, {
        run: (run) => {
          if (failures.left <= 0) return kernel.run(run);
          failures.left--;
          kernel.run(run);
          const half = Array.from(kernel.readState('x'), (x, i) => (i === 0 ? x : 0));
          kernel.writeState('x', half);
          throw new Error('worker 1 of 2 stopped');
        },
      });
    },
  };
}

function wrapKernel(
  kernel: Kernel,
  overrides: { run: (request: RunRequest) => void | Promise<void> },
): Kernel {
  return {
    description: kernel.description,
    writeState: (name, values) => kernel.writeState(name, values),
    readState: (name) => kernel.readState(name),
    readStateAsync: (name) => kernel.readStateAsync(name),
    findNonFinite: () => kernel.findNonFinite?.() ?? null,
    dispose: () => kernel.dispose(),
    run: overrides.run,
  };
}

describe('concurrent runAsync calls', () => {
  test('two concurrent runAsync(5) end in the state of two sequential ones', async () => {
    const sequential = new Population(CLOCK, { n: 2, backend: deferredBackend(), dtype: 'float64' });
    await sequential.runAsync(5);
    await sequential.runAsync(5);
    const concurrent = new Population(CLOCK, { n: 2, backend: deferredBackend(), dtype: 'float64' });
    const [first, second] = await Promise.all([concurrent.runAsync(5), concurrent.runAsync(5)]);
    expect(first.steps + second.steps).toBe(10);
    expect(concurrent.stepCount).toBe(10);
    expect([...(await concurrent.read('x'))]).toEqual([...(await sequential.read('x'))]);
  });

  test('a failed runAsync does not stop the next one', async () => {
    const pop = new Population(CLOCK, { n: 1, backend: deferredBackend(), dtype: 'float64' });
    const bad = pop.runAsync(0);
    const good = pop.runAsync(3);
    await expect(bad).rejects.toThrow('steps must be a positive integer');
    await expect(good).resolves.toMatchObject({ steps: 3 });
    expect(pop.stepCount).toBe(3);
  });

  test.each(['reset', 'dispose', 'setBatchSize', 'writeState'] as const)(
    '%s while a runAsync is pending is a BusyError and changes nothing',
    async (method) => {
      const pop = new Population(CLOCK, { n: 1, backend: deferredBackend(), dtype: 'float64' });
      const running = pop.runAsync(4);
      const call = {
        reset: () => pop.reset(),
        dispose: () => pop.dispose(),
        setBatchSize: () => pop.setBatchSize(3),
        writeState: () => pop.writeState('x', [1]),
      }[method];
      const error = thrown(call, BusyError);
      expect(error.code).toBe('BUSY');
      expect(error.message).toContain(`${method}() was called while runAsync() is still running`);
      await running;
      expect(pop.stepCount).toBe(4);
      expect(pop.batchSize).toBe(1);
      call(); // allowed once the run settled
    },
  );
});

describe('calls from inside an input function', () => {
  test.each(['reset', 'dispose', 'setBatchSize', 'run', 'writeState'] as const)(
    '%s inside the input function is a BusyError; the steps before it count',
    (method) => {
      const pop = new Population(CLOCK, { n: 2, backend: interpreterBackend(), dtype: 'float64' });
      const calls = {
        reset: () => pop.reset(),
        dispose: () => pop.dispose(),
        setBatchSize: () => pop.setBatchSize(4),
        run: () => pop.run(1),
        writeState: () => pop.writeState('x', [0, 0]),
      };
      const input = (step: number, buffer: Float32Array | Float64Array) => {
        buffer.fill(0);
        if (step === 3) calls[method]();
      };
      const error = thrown(() => pop.run(10, { input }), BusyError);
      expect(error.message).toBe(
        `${method}() was called while run() is still running on this population; await it first`,
      );
      expect(pop.stepCount).toBe(3);
      expect(pop.batchSize).toBe(1);
      // Not broken and not disposed: the population carries on from step 3.
      pop.run(2);
      expect(pop.stepCount).toBe(5);
    },
  );

  test('reading state inside the input function is allowed (closed-loop input)', () => {
    const pop = new Population(CLOCK, { n: 1, backend: interpreterBackend(), dtype: 'float64' });
    const seen: number[] = [];
    pop.run(3, {
      input: (_step, buffer) => {
        seen.push(pop.state('x')[0]!);
        buffer.fill(0);
      },
    });
    // x' = t with dt 0.1: x after steps 0, 1 is 0, then 0.1*0.1*1.
    expect(seen).toEqual([0, 0, 0.1 * 0.1 * 1]);
  });
});

describe('a run that fails inside the backend', () => {
  test('marks the population broken until reset(), which recovers it', () => {
    const pop = new Population(CLOCK, { n: 2, backend: failingBackend({ left: 1 }), dtype: 'float64' });
    expect(() => pop.run(5)).toThrow('worker 1 of 2 stopped');
    const calls: [string, () => unknown][] = [
      ['run', () => pop.run(1)],
      ['forward', () => pop.forward(0)],
      ['state', () => pop.state('x')],
      ['writeState', () => pop.writeState('x', [0, 0])],
    ];
    for (const [method, call] of calls) {
      const error = thrown(call, BrokenPopulationError);
      expect(error).toBeInstanceOf(SynapticFlowError);
      expect(error.code).toBe('BROKEN');
      expect(error.message).toContain(`${method}() on population of "clock"`);
      expect(error.message).toContain('worker 1 of 2 stopped');
      expect(error.message).toContain('call reset()');
      expect((error.cause as Error).message).toBe('worker 1 of 2 stopped');
    }
    pop.reset();
    expect(pop.stepCount).toBe(0);
    expect([...pop.state('x')]).toEqual([0, 0]);
    pop.run(5);
    expect(pop.stepCount).toBe(5);
  });

  test('runAsync rejects with the failure and later calls are refused the same way', async () => {
    const pop = new Population(CLOCK, { n: 2, backend: failingBackend({ left: 1 }), dtype: 'float64' });
    await expect(pop.runAsync(5)).rejects.toThrow('worker 1 of 2 stopped');
    await expect(pop.runAsync(5)).rejects.toThrow(BrokenPopulationError);
    pop.dispose();
    expect(() => pop.run(1)).toThrow(DisposedError);
  });

  test('a failing input function is not a backend failure: the population stays usable', () => {
    const pop = new Population(CLOCK, { n: 2, backend: interpreterBackend(), dtype: 'float64' });
    const input = (step: number) => {
      if (step === 2) throw new Error('sensor unplugged');
    };
    expect(() => pop.run(5, { input })).toThrow('sensor unplugged');
    expect(pop.stepCount).toBe(2);
    pop.run(1);
    expect(pop.stepCount).toBe(3);
  });
});
