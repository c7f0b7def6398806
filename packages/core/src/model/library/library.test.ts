import { describe, expect, test } from 'vitest';
import { Population } from '../../population/population.js';
import { interpreterBackend } from '../../reference/interpreter-backend.js';
import { validateModel } from '../validate.js';
import { IZHIKEVICH_MODEL, IZHIKEVICH_PRESETS, MODEL_LIBRARY } from './index.js';

/** A drive well above each model's rheobase, in its own input unit. */
const DRIVE: Record<string, number> = {
  if: 0.5,
  lif: 1,
  qif: 0.5,
  elif: 0.5,
  adex: 800,
  'adaptive-lif': 1,
  izhikevich: 10,
  'lif-exp-synapse': 1,
  'cuba-lif': 5,
};

/** Models whose resting potential lies above threshold, so that they fire with no input at all. */
const SPONTANEOUS = new Set(['cuba-lif']);

function spikeTimes(population: Population, steps: number, input: number): number[] {
  const { spikes } = population.run(steps, { input });
  const times: number[] = [];
  spikes!.forEach((s, k) => {
    if (s) times.push(k * population.dt);
  });
  return times;
}

const intervals = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('the model library', () => {
  test('has every model of the issue, each with a reference and an input unit', () => {
    expect(Object.keys(MODEL_LIBRARY).sort()).toEqual(Object.keys(DRIVE).sort());
    for (const model of Object.values(MODEL_LIBRARY)) {
      expect(validateModel(model).name).toBe(model.name);
      expect(model.reference).toBeTruthy();
      expect(model.inputUnit).toBeTruthy();
    }
  });

  test.each(Object.keys(DRIVE))(
    '%s is silent without input (or held below El) and fires when driven',
    (name) => {
      const model = MODEL_LIBRARY[name]!;
      const quiet = new Population(model, { n: 1, dtype: 'float64', backend: interpreterBackend() });
      if (SPONTANEOUS.has(name)) expect(spikeTimes(quiet, 2000, -5)).toEqual([]);
      else expect(spikeTimes(quiet, 2000, 0)).toEqual([]);
      const driven = new Population(model, { n: 1, dtype: 'float64', backend: interpreterBackend() });
      expect(spikeTimes(driven, 3000, DRIVE[name]!).length).toBeGreaterThan(2);
    },
  );

  test('cuba-lif fires on its own (El above Vt) and v stays frozen for refracLength/dt - 1 steps, as in Brian2', () => {
    const cuba = new Population(MODEL_LIBRARY['cuba-lif']!, {
      n: 1,
      dtype: 'float64',
      backend: interpreterBackend(),
    });
    const { spikes, recorded } = cuba.run(1000, { input: 0, record: ['v'] });
    const first = spikes!.indexOf(1);
    expect(first).toBeGreaterThan(0);
    const v = recorded.v!;
    // Reset to Vr at the spike step, then 49 frozen steps (5 ms at 0.1 ms), then integration resumes.
    for (let k = first; k <= first + 49; k++) expect(v[k]).toBe(-60);
    expect(v[first + 50]).toBeGreaterThan(-60);
  });

  test('AdEx adapts: spike-triggered w lengthens the interspike intervals', () => {
    const adex = new Population(MODEL_LIBRARY.adex!, {
      n: 1,
      dtype: 'float64',
      backend: interpreterBackend(),
    });
    const isi = intervals(spikeTimes(adex, 5000, 800));
    expect(isi.length).toBeGreaterThan(4);
    expect(isi[isi.length - 1]!).toBeGreaterThan(1.5 * isi[0]!);
    expect(adex.state('w')[0]!).toBeGreaterThan(0);
  });

  test('the adaptive threshold rises with each spike', () => {
    const alif = new Population(MODEL_LIBRARY['adaptive-lif']!, {
      n: 1,
      dtype: 'float64',
      backend: interpreterBackend(),
    });
    const isi = intervals(spikeTimes(alif, 5000, 1));
    expect(isi[isi.length - 1]!).toBeGreaterThan(isi[0]!);
    expect(alif.state('theta')[0]!).toBeGreaterThan(-52);
  });
});

describe('Izhikevich (2003) firing patterns', () => {
  const isisOf = (preset: keyof typeof IZHIKEVICH_PRESETS) => {
    const population = new Population(IZHIKEVICH_MODEL, {
      n: 1,
      dt: 0.05,
      dtype: 'float64',
      params: IZHIKEVICH_PRESETS[preset],
      backend: interpreterBackend(),
    });
    return intervals(spikeTimes(population, 10000, 10));
  };
  const spread = (xs: number[]) => (Math.max(...xs) - Math.min(...xs)) / Math.min(...xs);

  test('regular spiking: tonic, with adaptation from a short first interval to a steady long one', () => {
    const isi = isisOf('regularSpiking');
    expect(isi[0]!).toBeLessThan(0.7 * isi[isi.length - 1]!);
    expect(spread(isi.slice(2))).toBeLessThan(0.05);
    expect(Math.min(...isi)).toBeGreaterThan(10);
  });

  test('fast spiking: high-rate regular firing, no pauses', () => {
    const isi = isisOf('fastSpiking');
    expect(isi.length).toBeGreaterThan(50);
    expect(Math.max(...isi)).toBeLessThan(10);
    expect(spread(isi.slice(5))).toBeLessThan(0.05);
  });

  test('intrinsically bursting: an initial burst, then tonic spikes', () => {
    const isi = isisOf('intrinsicallyBursting');
    expect(isi.slice(0, 2).every((x) => x < 6)).toBe(true);
    expect(isi.slice(2).every((x) => x > 20)).toBe(true);
  });

  test('chattering: short intervals grouped into bursts by long ones, again and again', () => {
    const isi = isisOf('chattering');
    const long = isi.filter((x) => x > 30);
    const short = isi.filter((x) => x < 6);
    expect(long.length).toBeGreaterThan(2);
    expect(short.length + long.length).toBe(isi.length); // nothing in between: bimodal
    // Between two consecutive long intervals there are at least two short ones: bursts of three or more spikes.
    const runs = isi
      .map((x) => (x > 30 ? 'L' : 'S'))
      .join('')
      .split('L')
      .slice(1, -1);
    expect(runs.length).toBeGreaterThan(1);
    for (const run of runs) expect(run.length).toBeGreaterThanOrEqual(2);
  });
});
