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
  | 'shared-batch-state'
  | 'block-boundary'
  | 'far-element'
  | 'inexact-exp'
  | 'inexact-division';

/** Each injected fault with what it breaks; the suite must catch every one. */
export const FAULTS: Readonly<Record<Fault, string>> = {
  'exp-sign': 'a sign flip in the exponential term',
  'refractory-off-by-one': 'a refractory period one step too long',
  'skipped-reset': 'no reset after a spike',
  'float64-arithmetic': 'float64 arithmetic where float32 was asked',
  'shared-batch-state': 'state shared between batch rows',
  'block-boundary': 'a wrong value in the first element of the second 4096-element block',
  'far-element': 'a wrong value in element 5003 only',
  'inexact-exp': 'an exp with a relative error of 1e-4',
  'inexact-division': 'every division with a relative error of 2^-40 (a reciprocal good to 40 bits)',
};

/** Where the element faults strike: the start of backend-js's second sweep block, and an element past it. */
const CORRUPTED_ELEMENT: Partial<Record<Fault, number>> = { 'block-boundary': 4096, 'far-element': 5003 };

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
        case 'block-boundary':
        case 'far-element':
          return corruptElement(base.createKernel(request), request, CORRUPTED_ELEMENT[fault]!);
        case 'inexact-exp':
          return base.createKernel({ ...request, program: mapExpressions(request.program, inexactExp) });
        case 'inexact-division':
          return base.createKernel({ ...request, program: mapExpressions(request.program, inexactDivision) });
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

/** exp(x) * (1 + 1e-4): a fast exp approximation of the kind that loses about 13 bits. */
function inexactExp(expr: Expr): Expr {
  switch (expr.kind) {
    case 'call': {
      const mapped = { ...expr, args: expr.args.map(inexactExp) };
      return expr.fn === 'exp' ? binary('*', mapped, num(1 + 1e-4)) : mapped;
    }
    case 'unary':
      return { ...expr, operand: inexactExp(expr.operand) };
    case 'binary':
      return { ...expr, left: inexactExp(expr.left), right: inexactExp(expr.right) };
    case 'select':
      return {
        ...expr,
        cond: inexactExp(expr.cond),
        whenTrue: inexactExp(expr.whenTrue),
        whenFalse: inexactExp(expr.whenFalse),
      };
    default:
      return expr;
  }
}

/**
 * x / y * (1 + 2^-40): a float64 division about 2^12 ulps off, as a reciprocal refined too few times would be,
 * yet far below a float32 ulp.
 */
function inexactDivision(expr: Expr): Expr {
  const mapped = mapChildren(expr, inexactDivision);
  return mapped.kind === 'binary' && mapped.op === '/' ? binary('*', mapped, num(1 + 2 ** -40)) : mapped;
}

/**
 * Element `index` (where the population has one) gets a wrong input, 1.25x + 0.01: a slip confined to one
 * element far into the population, as an off-by-one at a block or thread boundary would be.
 */
function corruptElement(kernel: Kernel, request: KernelRequest, index: number): Kernel {
  const size = request.n * request.batchSize;
  if (index >= size) return kernel;
  return {
    description: `${kernel.description} (element ${index} corrupted)`,
    writeState: (name, values) => kernel.writeState(name, values),
    readState: (name) => kernel.readState(name),
    readStateAsync: (name) => kernel.readStateAsync(name),
    run(run) {
      const { input } = run;
      const block = { scalar: 1, neuron: request.n, full: size }[input.layout];
      const data = new (input.data.constructor as new (length: number) => typeof input.data)(
        (input.perStep ? run.steps : 1) * size,
      );
      const expand = (k: number) => {
        for (let i = 0; i < size; i++) {
          const offset = input.layout === 'scalar' ? 0 : input.layout === 'neuron' ? i % request.n : i;
          data[k * size + i] = input.data[k * block + offset]!;
        }
        data[k * size + index] = data[k * size + index]! * 1.25 + 0.01;
      };
      for (let k = 0; k < (input.perStep ? run.steps : 1); k++) expand(k);
      const beforeStep = input.beforeStep;
      return kernel.run({
        ...run,
        input: {
          layout: 'full',
          perStep: input.perStep,
          data,
          ...(beforeStep
            ? {
                beforeStep: (k: number) => {
                  beforeStep(k);
                  expand(input.perStep ? k : 0);
                },
              }
            : {}),
        },
      });
    },
    dispose: () => kernel.dispose(),
  };
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
