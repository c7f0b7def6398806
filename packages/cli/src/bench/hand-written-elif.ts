/**
 * Hand-written ELIF loops with the same per-step order as a generated kernel (default parameters, traces
 * off, steps-mode refractory): the baselines `synapticflow bench` divides by. Model-specific on purpose, so
 * they live with the bench and not in a backend.
 */

const tau = 10;
const threshold = -52;
const thetaRh = -60;
const deltaT = 1;
const restPot = -62;
const resetPot = -62;
const R = 20;
const dt = 0.1;
const refractorySteps = 50;

type Loop = (
  v: Float32Array | Float64Array,
  refractory: Float32Array | Float64Array,
  spikes: Uint8Array,
  input: Float32Array | Float64Array,
  steps: number,
) => void;

/** float32 state with every operation rounded to float32 (what backend-js float32 computes). */
export const froundElifLoop: Loop = (v, refractory, spikes, input, steps) => {
  const f = Math.fround;
  const n = v.length;
  const cR = f(R);
  const cRest = f(restPot);
  const cDelta = f(deltaT);
  const cTheta = f(thetaRh);
  const cTau = f(tau);
  const cDt = f(dt);
  const cThreshold = f(threshold);
  const cReset = f(resetPot);
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < n; i++) {
      let u = v[i]!;
      const r = refractory[i]!;
      if (!(r > 0)) {
        const d = f(
          f(f(f(f(cR * input[i]!) + cRest) - u) + f(cDelta * f(Math.exp(f(f(u - cTheta) / cDelta))))) / cTau,
        );
        u = f(u + f(d * cDt));
      }
      const s = u >= cThreshold;
      refractory[i] = s ? refractorySteps : Math.max(r - 1, 0);
      spikes[i] = s ? 1 : 0;
      v[i] = s ? cReset : u;
    }
  }
};

/** Typed-array storage with double arithmetic in between: the usual hand-written JS loop. */
export const plainElifLoop: Loop = (v, refractory, spikes, input, steps) => {
  const n = v.length;
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < n; i++) {
      let u = v[i]!;
      const r = refractory[i]!;
      if (!(r > 0))
        u += ((R * input[i]! + restPot - u + deltaT * Math.exp((u - thetaRh) / deltaT)) / tau) * dt;
      const s = u >= threshold;
      refractory[i] = s ? refractorySteps : Math.max(r - 1, 0);
      spikes[i] = s ? 1 : 0;
      v[i] = s ? resetPot : u;
    }
  }
};
