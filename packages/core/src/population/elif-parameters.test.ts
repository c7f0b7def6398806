import { describe, expectTypeOf, test } from 'vitest';
import type { ELIFParameters } from './elif-population.js';

describe('ELIFParameters is derived from the ELIF spec', () => {
  test('per-neuron parameters take a number or an array; nullable ones also null', () => {
    expectTypeOf<ELIFParameters['tau']>().toEqualTypeOf<number | ArrayLike<number> | undefined>();
    expectTypeOf<ELIFParameters['R']>().toEqualTypeOf<number | ArrayLike<number> | undefined>();
    expectTypeOf<ELIFParameters['lowerBound']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<ELIFParameters['vPeak']>().toEqualTypeOf<number | null | undefined>();
  });

  test('it names exactly the spec parameters', () => {
    expectTypeOf<keyof ELIFParameters>().toEqualTypeOf<
      | 'tau'
      | 'threshold'
      | 'thetaRh'
      | 'deltaT'
      | 'restPot'
      | 'resetPot'
      | 'refracLength'
      | 'R'
      | 'lowerBound'
      | 'vPeak'
    >();
  });
});
