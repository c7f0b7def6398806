/** Brian2 works in seconds; its `ms` unit is this factor. */
const SECONDS_PER_MS = 0.001;

/** How far off the step grid an end time may be and still count as on it, in steps (Brian2's `Clock.epsilon_dt`). */
const EPSILON_STEPS = 1e-4;

/**
 * Steps a run of `durationMs` takes from step `stepCount`, ending where Brian2's clock ends it
 * (`Clock._calc_timestep`, Brian2 2.5): the end time, in seconds, rounded to the nearest step where it lies
 * within a ten-thousandth of a step of it, else the next step up.
 */
export function durationToSteps(stepCount: number, durationMs: number, dt: number): number {
  const step = dt * SECONDS_PER_MS;
  const end = stepCount * step + durationMs * SECONDS_PER_MS;
  const nearest = Math.round(end / step);
  const endStep =
    nearest * step === end || Math.abs(nearest * step - end) / step <= EPSILON_STEPS
      ? nearest
      : Math.ceil(end / step);
  return Math.max(0, endStep - stepCount);
}
