import { MAX_DELAY_STEPS } from '../kernel/contract.js';
import { DelayError } from './delay-error.js';

/** Brian2 works in seconds; its `ms` unit is this factor. */
const SECONDS_PER_MS = 0.001;

/**
 * Rounds a delay in ms to whole steps as Brian2's C++ spike queue does (`prepare` in cspikequeue.cpp,
 * Brian2 2.5): `(int)(delay / dt + 0.5)` on both converted to seconds the way `x*ms` converts them, so a delay
 * and dt written in ms give Brian2's step count even at exact halves (0.175 ms at dt 0.05 ms is 4 steps,
 * where 0.175 / 0.05 in ms would give 3.4999… and 3). Halves round up: 0.05 ms at dt 0.1 ms is 1 step.
 * A per-synapse array whose steps are all equal comes back as that one number (the homogeneous fast path);
 * `name` names the delays in messages.
 */
export function delayToSteps(
  delayMs: number | ArrayLike<number>,
  dt: number,
  name: string,
): number | Uint32Array {
  if (typeof dt !== 'number' || !Number.isFinite(dt) || !(dt > 0)) {
    throw new DelayError(`${name}: dt must be a finite number of ms above 0, got ${String(dt)}`);
  }
  if (typeof delayMs === 'number') return roundDelay(delayMs, dt, name);
  const steps = new Uint32Array(delayMs.length);
  for (let s = 0; s < steps.length; s++) steps[s] = roundDelay(delayMs[s]!, dt, `${name}[${s}]`);
  return steps.length > 0 && steps.every((value) => value === steps[0]) ? steps[0]! : steps;
}

function roundDelay(delayMs: number, dt: number, name: string): number {
  if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) {
    throw new DelayError(`${name} must be a finite number of ms, 0 or more, got ${String(delayMs)}`);
  }
  const steps = Math.trunc((delayMs * SECONDS_PER_MS) / (dt * SECONDS_PER_MS) + 0.5);
  if (steps > MAX_DELAY_STEPS) {
    throw new DelayError(
      `${name} of ${delayMs} ms is ${steps} steps of ${dt} ms, more than the ${MAX_DELAY_STEPS} a synapse may ` +
        'wait; shorten the delay or lengthen dt',
    );
  }
  return steps;
}
