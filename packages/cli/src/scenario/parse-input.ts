import { ScenarioError } from '../errors.js';
import { checkArray, checkFiniteNumber, checkNumbers, checkObject, fail } from './check.js';
import type { ScenarioInput } from './scenario.js';

export interface InputShape {
  n: number;
  batchSize: number;
  steps: number;
}

/** `input`: exactly one of `constant` or `steps`, with every length checked against n, batchSize and steps. */
export function parseInput(value: unknown, path: string, shape: InputShape): ScenarioInput {
  const input = checkObject(value, path, { optional: ['constant', 'steps'] });
  if ((input.constant === undefined) === (input.steps === undefined)) {
    throw new ScenarioError(path, 'expected exactly one of "constant" or "steps"');
  }
  if (input.constant !== undefined)
    return { constant: parseConstant(input.constant, `${path}.constant`, shape) };
  return { steps: parseSteps(input.steps, `${path}.steps`, shape) };
}

function parseConstant(value: unknown, path: string, { n, batchSize }: InputShape) {
  if (typeof value === 'number') return checkFiniteNumber(value, path);
  if (Array.isArray(value) && Array.isArray(value[0])) return parseBatch(value, path, n, batchSize);
  if (Array.isArray(value)) return checkNumbers(value, path, n, `numbers (one per neuron, n = ${n})`);
  if (typeof value === 'object' && value !== null) {
    const { linspace } = checkObject(value, path, { required: ['linspace'] });
    const [from, to] = checkNumbers(linspace, `${path}.linspace`, 2, 'numbers [from, to]');
    return { linspace: [from!, to!] as [number, number] };
  }
  return fail(
    path,
    `a finite number, ${n} numbers, [batchSize][n] numbers or { "linspace": [from, to] }`,
    value,
  );
}

/** [batchSize][n] numbers. */
function parseBatch(value: unknown, path: string, n: number, batchSize: number): number[][] {
  return checkArray(value, path, batchSize, `rows (batchSize = ${batchSize}) of n = ${n} numbers`).map(
    (row, b) => checkNumbers(row, `${path}[${b}]`, n, `numbers (n = ${n})`),
  );
}

function parseSteps(value: unknown, path: string, { n, batchSize, steps }: InputShape): number[][][] {
  const blocks = checkArray(value, path, steps, `[batchSize][n] blocks (one per step, steps = ${steps})`);
  return blocks.map((block, t) => parseBatch(block, `${path}[${t}]`, n, batchSize));
}
