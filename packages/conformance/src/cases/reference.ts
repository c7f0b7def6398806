import { check } from '../assert.js';
import { compareWithReference, problemsOf } from '../reference-comparison.js';
import { REFERENCE_IMPLEMENTATIONS, REFERENCE_SCENARIOS, type ReferenceName } from '../reference-traces.js';
import type { SuiteCase } from '../suite-types.js';

function referenceCase(name: ReferenceName): SuiteCase {
  const [scenario, implementation] = name.split('.') as [string, string];
  return {
    id: `reference.${name}`,
    group: 'reference traces',
    title: `${scenario} against ${implementation}`,
    async run(context) {
      const comparison = await compareWithReference(name, context.dtype, context.elif);
      const problems = problemsOf(comparison);
      check(problems.length === 0, `against ${name}: ${problems.join('; ')}`);
    },
  };
}

/** Each reference scenario against the seed's float32 trace and the independent float64 trace. */
export const REFERENCE_CASES: SuiteCase[] = REFERENCE_SCENARIOS.flatMap((scenario) =>
  REFERENCE_IMPLEMENTATIONS.map((implementation) => referenceCase(`${scenario}.${implementation}`)),
);
