import { ScenarioError } from '../errors.js';
import { describeValue } from './check.js';
import type { ScenarioInput } from './scenario.js';

export interface InputShape {
  n: number;
  batchSize: number;
  steps: number;
}

/** `input` (its shape already checked): every length checked against n, batchSize and steps. */
export function parseInput(input: ScenarioInput, path: string, shape: InputShape): ScenarioInput {
  if ('steps' in input) {
    const what = `[batchSize][n] blocks (one per step, steps = ${shape.steps})`;
    checkLength(input.steps, `${path}.steps`, shape.steps, what);
    for (const [t, block] of input.steps.entries()) checkRows(block, `${path}.steps[${t}]`, shape);
    return { steps: input.steps };
  }
  const { constant } = input;
  const at = `${path}.constant`;
  if (Array.isArray(constant)) {
    if (isRows(constant)) checkRows(constant, at, shape);
    else checkLength(constant, at, shape.n, `numbers (one per neuron, n = ${shape.n})`);
  }
  return { constant };
}

function isRows(constant: number[] | number[][]): constant is number[][] {
  return Array.isArray(constant[0]);
}

/** [batchSize][n] numbers. */
function checkRows(rows: readonly number[][], path: string, { n, batchSize }: InputShape): void {
  checkLength(rows, path, batchSize, `rows (batchSize = ${batchSize}) of n = ${n} numbers`);
  for (const [b, row] of rows.entries()) checkLength(row, `${path}[${b}]`, n, `numbers (n = ${n})`);
}

function checkLength(items: readonly unknown[], path: string, length: number, what: string): void {
  if (items.length !== length)
    throw new ScenarioError(path, `expected an array of ${length} ${what}, got ${describeValue(items)}`);
}
