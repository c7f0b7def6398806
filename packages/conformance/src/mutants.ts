import type { Backend } from '@synapticflow/core';
import {
  binary,
  call,
  type Expr,
  ident,
  type Kernel,
  type KernelRequest,
  mapChildren,
  num,
  type StepProgram,
  substitute,
  unary,
} from '@synapticflow/core/backend';

/**
 * Deliberate faults to wrap a working backend with, so that tests can show the checks fail when they
 * should. A check that no fault can trip proves nothing.
 */
export type Fault =
  | 'exp-sign'
  | 'refractory-off-by-one'
  | 'skipped-reset'
  | 'float64-arithmetic'
  | 'shared-batch-state';

export const FAULTS: Readonly<Record<Fault, string>> = {
  'exp-sign': 'a sign flip in the exponential term',
  'refractory-off-by-one': 'a refractory period one step too long',
  'skipped-reset': 'no reset after a spike',
  'float64-arithmetic': 'float64 arithmetic where float32 was asked',
  'shared-batch-state': 'state shared between batch rows',
};

/** `base` with one fault built in; the backend's name says which. */
export function faultyBackend(base: Backend, fault: Fault): Backend {
  return {
    ...base,
    name: `${base.name} with ${fault}`,
    createKernel(request: KernelRequest): Kernel {
      switch (fault) {
        case 'exp-sign':
          return base.createKernel({ ...request, program: mapExpressions(request.program, flipExp) });
        case 'refractory-off-by-one':
          return base.createKernel({
            ...request,
            program: mapExpressions(request.program, (e) =>
              substitute(e, (name) =>
                name === '_refractorySteps' ? binary('+', ident(name), num(1)) : undefined,
              ),
            ),
          });
        case 'skipped-reset':
          return base.createKernel({
            ...request,
            program: {
              ...request.program,
              statements: request.program.statements.filter(
                (s) => !(s.kind === 'set' && s.name === 'v' && isSpikeSelect(s.expr)),
              ),
            },
          });
        case 'float64-arithmetic':
          return base.createKernel({ ...request, dtype: 'float64' });
        case 'shared-batch-state':
          return shareBatchRows(base.createKernel(request), request);
      }
    },
  };
}

function mapExpressions(program: StepProgram, map: (expr: Expr) => Expr): StepProgram {
  return { ...program, statements: program.statements.map((s) => ({ ...s, expr: map(s.expr) })) };
}

function isSpikeSelect(expr: Expr): boolean {
  return expr.kind === 'select' && expr.cond.kind === 'identifier' && expr.cond.name === 's';
}

function flipExp(expr: Expr): Expr {
  if (expr.kind === 'call' && expr.fn === 'exp') return call('exp', unary('-', flipExp(expr.args[0]!)));
  return mapChildren(expr, flipExp);
}

/** After every run, batch row 0's state overwrites the other rows, as if the rows shared one buffer. */
function shareBatchRows(kernel: Kernel, request: KernelRequest): Kernel {
  const copyRowZero = () => {
    for (const variable of request.program.state) {
      const values = Array.from(kernel.readState(variable.name));
      for (let i = request.n; i < values.length; i++) values[i] = values[i % request.n]!;
      kernel.writeState(variable.name, values);
    }
  };
  return {
    description: `${kernel.description} (rows shared)`,
    writeState: (name, values) => kernel.writeState(name, values),
    readState: (name) => kernel.readState(name),
    readStateAsync: (name) => kernel.readStateAsync(name),
    run(run) {
      const done = kernel.run(run);
      if (done instanceof Promise) return done.then(copyRowZero);
      copyRowZero();
    },
    dispose: () => kernel.dispose(),
  };
}
