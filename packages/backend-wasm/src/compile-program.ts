import { type KernelInput, type StepProgram, stateUsage } from '@synapticflow/core/backend';
import type { Precision } from './emit-expression.js';
import { FunctionBuilder } from './encoder/function-builder.js';
import { ModuleBuilder } from './encoder/module-builder.js';
import type { LaneFunction } from './lane-calls.js';
import type { MemoryLayout } from './memory-layout.js';
import { StateAccess } from './state-access.js';
import { emitTimeSplat, LaneImports, VectorStatements } from './vector-statements.js';

/** The module of one input layout, with what it imports and the mnemonics of its run function. */
export interface RunModule {
  readonly bytes: Uint8Array;
  readonly laneFunctions: readonly LaneFunction[];
  readonly instructions: readonly string[];
}

/** Parameters of the exported `run`. */
const STEPS = 0;
const FIRST_STEP = 1;
/** Byte address of step 0's input, and bytes between steps (0 for input that is the same every step). */
const INPUT = 2;
const INPUT_STRIDE = 3;
/** Byte offsets within a row of the first vector and one past the last this call computes (threads split rows). */
const COLUMN_START = 4;
const COLUMN_END = 5;

/**
 * Compiles the step program into a module exporting `run(steps, firstStep, input, inputStride, columnStart,
 * columnEnd)`: a loop over steps around a loop over batch rows and the vectors of neurons in the column range, evaluating the whole program per vector with
 * state in v128 locals. Memory is imported, so every layout's module works on the same state.
 */
export function compileRunModule(
  program: StepProgram,
  layout: MemoryLayout,
  scalarParameters: ReadonlyMap<string, number>,
  inputLayout: KernelInput['layout'],
  sharedMemoryPages?: number,
  precision: Precision = 'exact',
  relaxedSimd = false,
  vectorsPerIteration = 1,
): RunModule {
  const { shape } = layout;
  const module = new ModuleBuilder().importMemory('env', 'memory', 0, sharedMemoryPages);
  const imports = new LaneImports(module);
  const code = new FunctionBuilder(['i32', 'f64', 'i32', 'i32', 'i32', 'i32'], []);

  const stateNames = new Set(program.state.map((s) => s.name));
  const { read, loaded, written } = stateUsage(program.statements, stateNames);

  const step = code.local('i32');
  const row = code.local('i32');
  const stateAt = code.local('i32'); // byte offset of this vector within each number state region
  const column = code.local('i32'); // byte offset of this vector within its row
  const stepInput = code.local('i32');
  const rowInput = code.local('i32');
  const scratch = code.local('v128');
  const statements = new VectorStatements(code, shape, scalarParameters, imports, precision, relaxedSimd);
  const vector = (name: string): number => statements.vector(name);
  const state = new StateAccess(code, shape, stateAt, scratch);
  const pitchBytes = layout.pitch * shape.bytes;

  code.begin('block').begin('loop');
  code.get(step).get(STEPS).op('i32.ge_u').brIf(1);
  if (read.has('t')) {
    code.get(FIRST_STEP).get(step).op('f64.convert_i32_u').op('f64.add');
    emitTimeSplat(code, shape, program.dt);
    code.set(vector('t'));
  }
  code.get(INPUT).get(step).get(INPUT_STRIDE).op('i32.mul').op('i32.add').tee(stepInput).set(rowInput);
  const readsInput = read.has('I');
  if (readsInput && inputLayout === 'scalar') {
    code.get(stepInput);
    code.simdMemory(shape.bytes === 4 ? 'v128.load32_splat' : 'v128.load64_splat', {
      offset: 0,
      align: shape.log2Bytes,
    });
    code.set(vector('I'));
  }
  code.get(COLUMN_START).set(stateAt).i32Const(0).set(row);
  const rowLoop = layout.batchSize > 1;
  if (rowLoop) code.begin('loop');
  code.get(COLUMN_START).set(column);

  // One vector's update, `shift` bytes after the current column: loads, the program, stores.
  const emitVector = (shift: number): void => {
    if (readsInput && inputLayout !== 'scalar') {
      // Inputs are stored unpadded (one copy per run), so these loads may be unaligned and may read the next
      // row's first elements into padding lanes, whose results are never stored.
      code
        .get(inputLayout === 'neuron' ? stepInput : rowInput)
        .get(column)
        .op('i32.add');
      code.simdMemory('v128.load', { offset: shift, align: 0 }).set(vector('I'));
    }
    for (const [name, offset] of layout.perNeuron) {
      if (!read.has(name)) continue;
      code
        .get(column)
        .simdMemory('v128.load', { offset: offset + shift, align: 4 })
        .set(vector(name));
    }
    statements.loadState(state, layout.state, loaded, shift);
    statements.evaluate(program.statements);
    statements.storeState(state, layout.state, written, shift);
  };
  // `count` vectors per iteration while that many remain before the column end.
  const emitVectorLoop = (count: number): void => {
    const bytes = 16 * count;
    code.begin('block');
    code.get(column).i32Const(bytes).op('i32.add').get(COLUMN_END).op('i32.gt_u').brIf(0);
    code.begin('loop');
    for (let vectorIndex = 0; vectorIndex < count; vectorIndex++) emitVector(16 * vectorIndex);
    code.get(stateAt).i32Const(bytes).op('i32.add').set(stateAt);
    code.get(column).i32Const(bytes).op('i32.add').tee(column);
    code.i32Const(bytes).op('i32.add').get(COLUMN_END).op('i32.le_u').brIf(0);
    code.op('end').op('end');
  };
  emitVectorLoop(vectorsPerIteration);
  if (vectorsPerIteration > 1) emitVectorLoop(1);
  if (rowLoop) {
    // From this row's column end to the next row's column start.
    code.get(stateAt).i32Const(pitchBytes).op('i32.add').get(COLUMN_END).op('i32.sub');
    code.get(COLUMN_START).op('i32.add').set(stateAt);
    code
      .get(rowInput)
      .i32Const(layout.n * shape.bytes)
      .op('i32.add')
      .set(rowInput);
    code.get(row).i32Const(1).op('i32.add').tee(row).i32Const(layout.batchSize).op('i32.lt_u').brIf(0);
    code.op('end');
  }
  code.get(step).i32Const(1).op('i32.add').set(step).br(0);
  code.op('end').op('end');

  module.addFunction(code, 'run');
  return { bytes: module.bytes(), laneFunctions: imports.names, instructions: code.instructions };
}
