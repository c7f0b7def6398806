import { checkFiniteNumber, checkObject, fail } from './check.js';
import type { ScenarioModel } from './models.js';
import type { Scenario } from './scenario.js';

/**
 * `init`: initial values of the model's state, each one number or a flat array (n values, or batchSize*n).
 * Names are the model's state variables; whether an array's length fits is core's `init` check.
 */
export function parseInit(value: unknown, path: string, model: ScenarioModel): NonNullable<Scenario['init']> {
  const names = model.validated.state.map((s) => s.target);
  const given = checkObject(value, path, { optional: names });
  const init: NonNullable<Scenario['init']> = {};
  for (const [name, raw] of Object.entries(given)) {
    const at = `${path}.${name}`;
    if (typeof raw === 'number') init[name] = checkFiniteNumber(raw, at);
    else if (Array.isArray(raw) && raw.length > 0)
      init[name] = raw.map((x, i) => checkFiniteNumber(x, `${at}[${i}]`));
    else fail(at, 'a finite number, or an array of n (or batchSize*n) finite numbers', raw);
  }
  return init;
}
