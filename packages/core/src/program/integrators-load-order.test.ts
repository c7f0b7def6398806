import { expect, test } from 'vitest';

test('every integrator is defined whichever integrator module loads first', async () => {
  // Loading runge-kutta.ts before integrators.ts once left rk2 and rk4 undefined in INTEGRATORS (an import cycle).
  await import('./runge-kutta.js');
  await import('./exponential-euler.js');
  const { INTEGRATORS } = await import('./integrators.js');
  for (const [name, integrator] of Object.entries(INTEGRATORS))
    expect(integrator, name).toBeTypeOf('function');
});
