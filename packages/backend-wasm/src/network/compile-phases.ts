import { type PhasedProgram, type Statement, stateUsage } from '@synapticflow/core/backend';
import type { Precision } from '../emit-expression.js';
import { FunctionBuilder } from '../encoder/function-builder.js';
import { ModuleBuilder } from '../encoder/module-builder.js';
import type { LaneFunction } from '../lane-calls.js';
import { StateAccess } from '../state-access.js';
import { emitTimeSplat, LaneImports, VectorStatements } from '../vector-statements.js';
import type { PhaseLayout } from './phase-layout.js';

/** The phased module, what it imports and the mnemonics of its functions. */
export interface PhaseModule {
  readonly bytes: Uint8Array;
  readonly laneFunctions: readonly LaneFunction[];
  readonly instructions: {
    readonly integrate: readonly string[];
    readonly afterSpike: readonly string[];
    /** Present where the program's afterSpike touches spiking elements only. */
    readonly afterSpikeOnSpikes?: readonly string[];
  };
}

/** Parameters of both functions: the step number k (f64), for t = k*dt, and the byte range of vectors to run. */
const STEP = 0;
const START = 1;
const END = 2;

/**
 * Compiles a phased program into a module exporting `integrate(step, start, end) → count` and
 * `afterSpike(step, start, end)`, each a loop over the vectors at byte offsets [start, end) of every region
 * (see `PhaseLayout`; threads take disjoint ranges) evaluating its part of the program with state in v128
 * locals, as the fused kernel does in one loop. `integrate` also writes the indices of the elements that
 * spiked, ascending, into the spike region from the range's first element on, and returns their count.
 * Where `phased.afterSpikeOnSpikesOnly`, it also exports `afterSpikeOnSpikes(step, from, to)`: the afterSpike
 * body on each vector that holds one of the spike indices at byte offsets [from, to) of the spike region.
 * Memory is imported (shared, with `sharedMemoryPages`).
 */
export function compilePhaseModule(
  phased: PhasedProgram,
  layout: PhaseLayout,
  scalarParameters: ReadonlyMap<string, number>,
  sharedMemoryPages?: number,
  precision: Precision = 'exact',
): PhaseModule {
  const module = new ModuleBuilder().importMemory('env', 'memory', 0, sharedMemoryPages);
  const imports = new LaneImports(module);
  const phase = { layout, scalarParameters, imports, program: phased.program, precision };
  const integrate = phaseFunction(phase, phased.integrate, { spikes: phased.program.spikes });
  const afterSpike = phaseFunction(phase, phased.afterSpike, null);
  module.addFunction(integrate, 'integrate');
  module.addFunction(afterSpike, 'afterSpike');
  const onSpikes = phased.afterSpikeOnSpikesOnly ? onSpikesFunction(phase, phased.afterSpike) : null;
  if (onSpikes) module.addFunction(onSpikes, 'afterSpikeOnSpikes');
  return {
    bytes: module.bytes(),
    laneFunctions: imports.names,
    instructions: {
      integrate: integrate.instructions,
      afterSpike: afterSpike.instructions,
      ...(onSpikes ? { afterSpikeOnSpikes: onSpikes.instructions } : {}),
    },
  };
}

interface Phase {
  readonly layout: PhaseLayout;
  readonly scalarParameters: ReadonlyMap<string, number>;
  readonly imports: LaneImports;
  readonly program: PhasedProgram['program'];
  readonly precision: Precision;
}

/**
 * One phase's function. With `counting` (the integrate phase) it returns the spike count: it collects the
 * spikes of the state `counting.spikes`, or returns 0 for a model without a threshold.
 */
function phaseFunction(
  { layout, scalarParameters, imports, program, precision }: Phase,
  body: readonly Statement[],
  counting: { spikes: string | null } | null,
): FunctionBuilder {
  const { shape } = layout;
  const code = new FunctionBuilder(['f64', 'i32', 'i32'], counting ? ['i32'] : []);
  const stateNames = new Set(program.state.map((s) => s.name));
  const { read, loaded, written } = stateUsage(body, stateNames);
  const stateAt = code.local('i32'); // byte offset of this vector within every number region
  const scratch = code.local('v128');
  const statements = new VectorStatements(code, shape, scalarParameters, imports, precision);
  const state = new StateAccess(code, shape, stateAt, scratch);

  if (read.has('t')) {
    code.get(STEP);
    emitTimeSplat(code, shape, program.dt);
    code.set(statements.vector('t'));
  }
  const spikes = counting?.spikes ?? null;
  const count = code.local('i32');
  const spikeAt = code.local('i32'); // byte offset of the next spike index within the spike region
  code.get(START).set(stateAt);
  code
    .get(START)
    .i32Const(shape.log2Bytes - 2)
    .op('i32.shr_u')
    .set(spikeAt);
  code.begin('block');
  code.get(START).get(END).op('i32.ge_u').brIf(0);
  code.begin('loop');
  emitVectorBody(code, layout, body, { read, loaded, written, stateAt, statements, state });
  if (spikes !== null) {
    emitSpikeCollection(code, layout, { stateAt, spikeAt, count, mask: statements.vector(spikes) });
  }
  code.get(stateAt).i32Const(16).op('i32.add').tee(stateAt);
  code.get(END).op('i32.lt_u').brIf(0);
  code.op('end').op('end');
  if (counting) code.get(count);
  return code;
}

/** What one vector's evaluation needs: the state it reads and writes, and the function's helpers. */
interface VectorBody {
  readonly read: ReadonlySet<string>;
  readonly loaded: ReadonlySet<string>;
  readonly written: ReadonlySet<string>;
  /** The local holding the vector's byte offset within every number region. */
  readonly stateAt: number;
  readonly statements: VectorStatements;
  readonly state: StateAccess;
}

/** Loads the vector at `stateAt` (per-element values and state), evaluates `body` and stores what it wrote. */
function emitVectorBody(
  code: FunctionBuilder,
  layout: PhaseLayout,
  body: readonly Statement[],
  { read, loaded, written, stateAt, statements, state }: VectorBody,
): void {
  for (const [name, offset] of layout.perElement) {
    if (!read.has(name)) continue;
    code.get(stateAt).simdMemory('v128.load', { offset, align: 4 }).set(statements.vector(name));
  }
  statements.loadState(state, layout.state, loaded);
  statements.evaluate(body);
  statements.storeState(state, layout.state, written);
}

/**
 * `afterSpikeOnSpikes(step, from, to)`: walks the spike indices at byte offsets [from, to) of the spike region
 * (ascending, so indices in one vector are neighbours) and evaluates `body` once on each vector that holds
 * one. Once, even where several of its lanes spiked: `x = select(s, x + b, x)` twice would add b twice.
 * Lanes of the vector that did not spike keep their values, as the body's statements are spike-gated.
 */
function onSpikesFunction(
  { layout, scalarParameters, imports, program }: Phase,
  body: readonly Statement[],
): FunctionBuilder {
  const { shape } = layout;
  const code = new FunctionBuilder(['f64', 'i32', 'i32'], []);
  const stateNames = new Set(program.state.map((s) => s.name));
  const { read, loaded, written } = stateUsage(body, stateNames);
  const stateAt = code.local('i32');
  const scratch = code.local('v128');
  const statements = new VectorStatements(code, shape, scalarParameters, imports);
  const state = new StateAccess(code, shape, stateAt, scratch);
  if (read.has('t')) {
    code.get(STEP);
    emitTimeSplat(code, shape, program.dt);
    code.set(statements.vector('t'));
  }
  const at = code.local('i32'); // byte offset of the next spike index within the spike region
  const done = code.local('i32'); // byte offset of the last vector evaluated, -1 before the first
  code.get(START).set(at);
  code.i32Const(-1).set(done);
  code.begin('block');
  code.get(START).get(END).op('i32.ge_u').brIf(0);
  code.begin('loop');
  // The byte offset of the index's vector: index * bytes, rounded down to 16.
  code.get(at).load('i32.load', { offset: layout.spikes, align: 2 });
  code.i32Const(shape.log2Bytes).op('i32.shl').i32Const(-16).op('i32.and').tee(stateAt);
  code.get(done).op('i32.ne');
  code.begin('if');
  code.get(stateAt).set(done);
  emitVectorBody(code, layout, body, { read, loaded, written, stateAt, statements, state });
  code.op('end');
  code.get(at).i32Const(4).op('i32.add').tee(at);
  code.get(END).op('i32.lt_u').brIf(0);
  code.op('end').op('end');
  return code;
}

/**
 * Appends the element index of every set lane of the spike mask to the spike region, lowest lane first, so the
 * indices come out ascending. Padding lanes (index ≥ size) compute but never count. Most vectors have no spike,
 * which one bitmask test skips.
 */
function emitSpikeCollection(
  code: FunctionBuilder,
  layout: PhaseLayout,
  locals: { stateAt: number; spikeAt: number; count: number; mask: number },
): void {
  const { shape } = layout;
  const { stateAt, spikeAt, count, mask } = locals;
  const bits = code.local('i32');
  const index = code.local('i32');
  code
    .get(mask)
    .simd(shape.lanes === 4 ? 'i32x4.bitmask' : 'i64x2.bitmask')
    .tee(bits);
  code.begin('if').begin('loop');
  code.get(stateAt).i32Const(shape.log2Bytes).op('i32.shr_u');
  code.get(bits).op('i32.ctz').op('i32.add').tee(index);
  code.i32Const(layout.size).op('i32.lt_u');
  code.begin('if');
  code.get(spikeAt).get(index).store('i32.store', { offset: layout.spikes, align: 2 });
  code.get(spikeAt).i32Const(4).op('i32.add').set(spikeAt);
  code.get(count).i32Const(1).op('i32.add').set(count);
  code.op('end');
  // Clear the lowest set bit; go on while any is left.
  code.get(bits).get(bits).i32Const(1).op('i32.sub').op('i32.and').tee(bits).brIf(0);
  code.op('end').op('end');
}
