import { BackendError } from '../../errors.js';
import {
  MAX_DELAY_STEPS,
  type NetworkPlan,
  type PlanGroup,
  type PlanProjection,
} from '../kernel/contract.js';

/**
 * Checks the shapes a runner relies on before it allocates anything. Core's network front end builds valid
 * plans; this catches a hand-built or stale plan with a clear message instead of an out-of-range write.
 */
export function checkPlan(plan: NetworkPlan, owner: string): void {
  const fail = (message: string): BackendError => new BackendError(`${owner} network: ${message}`);
  if (plan.specificationVersion !== 'v1')
    throw fail(
      `plan version ${JSON.stringify(plan.specificationVersion)} is not supported; this runner reads "v1"`,
    );
  if (!Number.isSafeInteger(plan.batchSize) || plan.batchSize < 1)
    throw fail(`batchSize must be a whole number >= 1, got ${plan.batchSize}`);
  if (!(plan.dt > 0) || !Number.isFinite(plan.dt))
    throw fail(`dt must be a finite number > 0, got ${plan.dt}`);
  for (const [index, group] of plan.groups.entries()) checkGroup(group, index, fail);
  for (const [index, projection] of plan.projections.entries())
    checkProjection(plan, projection, index, fail);
}

function checkGroup(group: PlanGroup, index: number, fail: (message: string) => BackendError): void {
  const where = `group ${index} (${JSON.stringify(group.name)})`;
  if (!Number.isSafeInteger(group.n) || group.n < 1) throw fail(`${where} must have n >= 1, got ${group.n}`);
  if (group.kind === 'population') {
    if (group.input.length !== group.n)
      throw fail(`${where} has ${group.input.length} input values, expected ${group.n}`);
  } else if (group.kind === 'poisson') {
    if (group.probabilities.length !== group.n)
      throw fail(`${where} has ${group.probabilities.length} probabilities, expected ${group.n}`);
    for (const p of group.probabilities)
      if (!(p >= 0 && p <= 1)) throw fail(`${where} has a spike probability ${p} per step outside [0, 1]`);
  } else {
    const { steps, indices } = group;
    if (steps.length !== indices.length)
      throw fail(`${where} has ${steps.length} spike steps but ${indices.length} indices`);
    for (let q = 0; q < steps.length; q++) {
      if (indices[q]! >= group.n) throw fail(`${where} has spike index ${indices[q]} for ${group.n} neurons`);
      if (
        q > 0 &&
        (steps[q]! < steps[q - 1]! || (steps[q] === steps[q - 1] && indices[q]! < indices[q - 1]!))
      )
        throw fail(`${where} spikes must be sorted by step, then index (entry ${q} is out of order)`);
    }
  }
}

function checkProjection(
  plan: NetworkPlan,
  projection: PlanProjection,
  index: number,
  fail: (message: string) => BackendError,
): void {
  const where = `projection ${index} (${JSON.stringify(projection.name)})`;
  const source = plan.groups[projection.source];
  const target = plan.groups[projection.target];
  if (!source) throw fail(`${where} names source group ${projection.source}, which the plan lacks`);
  if (target?.kind !== 'population')
    throw fail(`${where} must target a population; group ${projection.target} is not one`);
  const { connectivity, delaySteps, onPre } = projection;
  if (connectivity.sourceCount !== source.n || connectivity.targetCount !== target.n) {
    throw fail(
      `${where} connects ${connectivity.sourceCount} → ${connectivity.targetCount} neurons, but its groups have ${source.n} and ${target.n}`,
    );
  }
  const synapses = connectivity.targets.length;
  const { rowStarts } = connectivity;
  if (rowStarts.length !== source.n + 1 || rowStarts[0] !== 0 || rowStarts[source.n] !== synapses)
    throw fail(`${where} needs ${source.n + 1} row starts from 0 to its ${synapses} synapses`);
  for (let i = 0; i < source.n; i++)
    if (rowStarts[i + 1]! < rowStarts[i]!) throw fail(`${where} has row starts that decrease at source ${i}`);
  for (const t of connectivity.targets)
    if (t >= target.n) throw fail(`${where} has target index ${t} for ${target.n} neurons`);
  const delays = typeof delaySteps === 'number' ? [delaySteps] : delaySteps;
  if (typeof delaySteps !== 'number' && delaySteps.length !== synapses)
    throw fail(`${where} has ${delaySteps.length} delays for ${synapses} synapses`);
  for (const d of delays) {
    if (!Number.isInteger(d) || d < 0 || d > MAX_DELAY_STEPS)
      throw fail(`${where} has delay ${d} steps; delays are whole numbers from 0 to ${MAX_DELAY_STEPS}`);
  }
  for (const name of onPre.synapseVariables) {
    const values = projection.variables.get(name);
    if (!values || values.length !== synapses)
      throw fail(
        `${where} needs ${synapses} values of synapse variable "${name}", got ${values?.length ?? 'none'}`,
      );
  }
  const state = new Set(target.phased.program.state.map((variable) => variable.name));
  for (const name of onPre.targetVariables)
    if (!state.has(name))
      throw fail(
        `${where} writes "${name}", which is not a state variable of ${JSON.stringify(target.name)}`,
      );
}
