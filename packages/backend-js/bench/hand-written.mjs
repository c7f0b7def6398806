// Hand-written ELIF loops with the same per-step order as the generated kernel: the baseline the
// benchmark divides by. Parameters are the ELIF defaults; traces off, steps-mode refractory.

const tau = 10,
  threshold = -52,
  thetaRh = -60,
  deltaT = 1,
  restPot = -62,
  resetPot = -62,
  R = 20,
  dt = 0.1;
const refractorySteps = 50;

/** float32 state, every operation rounded to float32 with Math.fround (what backend-js float32 computes). */
export function froundLoop(v, refractory, spikes, input, steps) {
  const f = Math.fround;
  const n = v.length;
  const cR = f(R),
    cRest = f(restPot),
    cDelta = f(deltaT),
    cTheta = f(thetaRh),
    cTau = f(tau),
    cDt = f(dt);
  const cThreshold = f(threshold),
    cReset = f(resetPot);
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < n; i++) {
      let u = v[i];
      const r = refractory[i];
      if (!(r > 0)) {
        const d = f(
          f(f(f(f(cR * input[i]) + cRest) - u) + f(cDelta * f(Math.exp(f(f(u - cTheta) / cDelta))))) / cTau,
        );
        u = f(u + f(d * cDt));
      }
      const s = u >= cThreshold;
      refractory[i] = s ? refractorySteps : Math.max(r - 1, 0);
      spikes[i] = s ? 1 : 0;
      v[i] = s ? cReset : u;
    }
  }
}

/** float32 storage with double arithmetic in between: the common hand-written JS loop. */
export function plainLoop(v, refractory, spikes, input, steps) {
  const n = v.length;
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < n; i++) {
      let u = v[i];
      const r = refractory[i];
      if (!(r > 0))
        u += ((R * input[i] + restPot - u + deltaT * Math.exp((u - thetaRh) / deltaT)) / tau) * dt;
      const s = u >= threshold;
      refractory[i] = s ? refractorySteps : Math.max(r - 1, 0);
      spikes[i] = s ? 1 : 0;
      v[i] = s ? resetPot : u;
    }
  }
}
