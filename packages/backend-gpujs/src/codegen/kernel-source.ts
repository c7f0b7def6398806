import { checkProgramIdentifiers, type KernelInput, type StepProgram } from '@synapticflow/core/backend';
import { emitValue, isBooleanExpression, type KernelSymbols } from './emit-expression.js';
import type { LaunchGroup } from './launch-plan.js';
import { finalName, liveStatements } from './live-statements.js';

/** One kernel argument, in order: what the launcher passes for it. */
export type KernelArgument =
  | { kind: 'state'; name: string }
  /** The end-of-step value an earlier launch of this step wrote. */
  | { kind: 'final'; name: string }
  | { kind: 'parameter'; name: string }
  | { kind: 'input' }
  | { kind: 'time' };

/** A generated gpu.js kernel: its source, arguments and the state it writes. */
export interface KernelSource {
  /** `function (...) { ... }`, the gpu.js kernel (the root kernel of a kernel map). */
  source: string;
  arguments: KernelArgument[];
  /** The state written: `outputs[0]` is the kernel's return value, the rest come from sub-kernels. */
  outputs: string[];
  /** Sub-kernel property (as gpu.js names the result) → its source; empty for a plain kernel. */
  subKernels: Record<string, string>;
  /** Scalar parameters read, as gpu.js constants `p_<name>`. */
  constants: string[];
}

export interface KernelSourceRequest {
  program: StepProgram;
  group: LaunchGroup;
  layout: KernelInput['layout'];
  /** Parameters with one value per neuron (read from an array); the rest are gpu.js constants. */
  perNeuron: ReadonlySet<string>;
  /** State already written by earlier launches of the step, whose end-of-step values the kernel may read. */
  available?: ReadonlySet<string>;
}

/** gpu.js's name for the sub-kernel result that carries state `name`. */
export function subKernelProperty(name: string): string {
  return `out_${name}`;
}

/**
 * Generates gpu.js kernel source for one launch: thread (x, y) is neuron x of batch row y. The statements
 * that the group's outputs need (and only those) run with state in locals; end-of-step values that earlier
 * launches wrote are read, not recomputed. The first output is returned and the others are handed to
 * identity sub-kernels, which gpu.js turns into extra outputs of a kernel map.
 */
export function generateKernelSource(request: KernelSourceRequest): KernelSource {
  const { program, group, layout, perNeuron } = request;
  checkProgramIdentifiers(program, 'gpujs backend');
  // Core's folding pass is left out: GPU exp and log are not Math's, so a constant folded here could differ
  // from what the kernel computes. liveStatements is this backend's per-launch dead-statement removal.
  const slice = liveStatements(program.statements, group.outputs, request.available);
  const stateNames = new Set(program.state.map((s) => s.name));
  const booleans = new Set(program.state.filter((s) => s.type === 'boolean').map((s) => s.name));
  const locals = new Set(slice.statements.filter((s) => s.kind === 'let').map((s) => s.name));
  const finalNames = new Map([...slice.readsFinal].map((name) => [finalName(name), name]));
  const symbols: KernelSymbols = {
    resolve(name) {
      if (finalNames.has(name)) return `n_${finalNames.get(name)}`;
      if (name === 'I') return 'cur_I';
      if (name === 't') return 'T_now';
      if (stateNames.has(name)) return `s_${name}`;
      if (locals.has(name)) return `l_${name}`;
      if (perNeuron.has(name)) return `q_${name}`;
      return `this.constants.p_${name}`;
    },
    isBoolean: (name) => booleans.has(finalNames.get(name) ?? name),
  };
  for (const statement of slice.statements) {
    // A let is boolean if its value is; later expressions test it as `> 0`, like boolean state.
    if (statement.kind === 'let' && isBooleanExpression(statement.expr, symbols))
      booleans.add(statement.name);
  }

  const args: KernelArgument[] = [];
  const names: string[] = [];
  const body: string[] = [];
  const loaded = program.state.map((s) => s.name).filter((name) => slice.reads.has(name));
  for (const name of loaded) {
    args.push({ kind: 'state', name });
    names.push(`S_${name}`);
    body.push(`let s_${name} = S_${name}[this.thread.y][this.thread.x];`);
  }
  for (const name of program.state.map((s) => s.name).filter((n) => slice.readsFinal.has(n))) {
    args.push({ kind: 'final', name });
    names.push(`N_${name}`);
    body.push(`const n_${name} = N_${name}[this.thread.y][this.thread.x];`);
  }
  for (const name of program.parameters) {
    if (!slice.reads.has(name) || !perNeuron.has(name)) continue;
    args.push({ kind: 'parameter', name });
    names.push(`P_${name}`);
    body.push(`const q_${name} = P_${name}[this.thread.x];`);
  }
  if (slice.reads.has('I')) {
    args.push({ kind: 'input' });
    names.push('X_input');
    const index = { scalar: '', neuron: '[this.thread.x]', full: '[this.thread.y][this.thread.x]' }[layout];
    body.push(`const cur_I = X_input${index};`);
  }
  if (slice.reads.has('t')) {
    args.push({ kind: 'time' });
    names.push('T_now');
  }

  const declared = new Set(loaded);
  for (const statement of slice.statements) {
    const value = emitValue(statement.expr, symbols);
    if (statement.kind === 'let') {
      body.push(`const l_${statement.name} = ${value};`);
    } else if (declared.has(statement.name)) {
      body.push(`s_${statement.name} = ${value};`);
    } else {
      declared.add(statement.name);
      body.push(`let s_${statement.name} = ${value};`);
    }
  }
  const [primary, ...mapped] = group.outputs;
  const subKernels: Record<string, string> = {};
  for (const name of mapped) {
    const property = subKernelProperty(name);
    subKernels[property] = `function ${property}(value) { return value; }`;
    body.push(`${property}(s_${name});`);
  }
  body.push(`return s_${primary};`);
  return {
    source: `function (${names.join(', ')}) {\n  ${body.join('\n  ')}\n}`,
    arguments: args,
    outputs: [...group.outputs],
    subKernels,
    constants: program.parameters.filter((name) => slice.reads.has(name) && !perNeuron.has(name)),
  };
}
