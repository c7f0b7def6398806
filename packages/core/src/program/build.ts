import { ModelSpecError } from '../errors.js';
import {
  binary,
  call,
  type Expr,
  ident,
  identifiersOf,
  mapChildren,
  num,
  select,
  substitute,
} from '../expr/ast.js';
import type { ValidatedModel } from '../model/validate.js';
import { euler } from './euler.js';
import type { Integrator } from './integrator.js';
import type { DerivedParameter, ProgramState, Statement, StepProgram } from './program.js';

/** How refractory periods are counted: whole steps, or the seed's float countdown. */
export type RefractoryMode = 'steps' | 'seed';
/** The refractory conventions a population can follow, and the default (see docs/custom-models.md). */
export const REFRACTORY_MODES: readonly RefractoryMode[] = ['steps', 'seed'];
/** The refractory mode of a population that does not choose one. */
export const DEFAULT_REFRACTORY_MODE: RefractoryMode = 'steps';

/** Options of building a step program from a validated model. */
export interface ProgramOptions {
  dt: number;
  /** `steps`: an integer counter freezing exactly ceil(period/dt) steps; `seed`: the seed's float32 countdown. */
  refractory?: RefractoryMode;
  integrator?: Integrator;
  traces?: { enabled: boolean; additive: boolean };
  sumInput?: boolean;
  /** Nullable parameters whose value is null: whatever reads them (a bound) is left out. */
  nullParameters?: ReadonlySet<string>;
  /**
   * Whether the threshold is checked while refractory (default true, the seed's order). Networks pass false,
   * as Brian2 does: a refractory neuron never spikes, even where synaptic input lifts it past the threshold.
   */
  spikesWhileRefractory?: boolean;
}

const STEPS_EPSILON = 1e-9;

/**
 * Builds the step program, in the seed's order: (a) integrate where not refractory, (b) spike check,
 * (c) refractory bookkeeping, (d) reset, (e) bounds, (f) spike traces, (g) input sum. In 'steps' mode the
 * refractory countdown runs in (a), next to the read of the counter, and (c) only restarts it on a spike: the
 * state after each step is the same as counting down in (c).
 */
export function buildProgram(model: ValidatedModel, options: ProgramOptions): StepProgram {
  const dt = options.dt;
  const mode = options.refractory ?? 'steps';
  const nulls = options.nullParameters ?? new Set<string>();
  const withDt = (expr: Expr): Expr => substitute(expr, (name) => (name === 'dt' ? num(dt) : undefined));
  const statements: Statement[] = [];
  const state: ProgramState[] = model.state.map(({ target, expr }) => ({
    name: target,
    type: 'number',
    initial: withDt(expr),
  }));
  const derived: DerivedParameter[] = [];
  const spikes = model.threshold ? 's' : null;
  const traces = options.traces?.enabled ?? false;
  if (traces && !spikes) {
    throw new ModelSpecError(
      { model: model.name, field: 'traces' },
      'spike traces need a threshold; this model never spikes',
    );
  }

  // (a) integrate; a refractory neuron keeps the frozen variables.
  const refractory = model.refractory;
  const frozenName = '_refractory';
  if (refractory) {
    state.push({ name: 'refractory', type: 'number', initial: num(0) });
    statements.push({ kind: 'let', name: frozenName, expr: binary('>', ident('refractory'), num(0)) });
    if (mode === 'steps') {
      // Counted down where it is read, so the reset after the spike only restarts it: spike-gated, which lets
      // a network run that phase on the spiking neurons alone.
      const countdown = call('max', binary('-', ident('refractory'), num(1)), num(0));
      statements.push({ kind: 'set', name: 'refractory', expr: countdown });
    }
  }
  const frozen = new Set(refractory?.freeze ?? []);
  const integrate = options.integrator ?? euler;
  const guards = model.overflowGuard.filter(({ cap }) => !nulls.has(cap));
  statements.push(
    ...integrate(
      model.equations.map((e) => ({ ...e, expr: withDt(capInsideExp(e.expr, guards)) })),
      {
        model: model.name,
        dt,
        frozen: (target) => (frozen.has(target) ? ident(frozenName) : null),
        stageCap: (target) => {
          const guard = guards.find((g) => g.target === target);
          return guard ? ident(guard.cap) : null;
        },
      },
    ),
  );

  if (spikes && model.threshold) {
    // (b) spike check, also while refractory unless the caller says otherwise.
    state.push({ name: spikes, type: 'boolean', initial: { kind: 'boolean', value: false } });
    const threshold = withDt(model.threshold);
    const gated =
      refractory && options.spikesWhileRefractory === false
        ? binary('and', threshold, { kind: 'unary', op: 'not', operand: ident(frozenName) })
        : threshold;
    statements.push({ kind: 'set', name: spikes, expr: gated });
    const spiked = ident(spikes);

    // (c) refractory bookkeeping.
    if (refractory) {
      const counter = ident('refractory');
      if (mode === 'seed') {
        // The seed counts down `refrac -= dt` in float32 and freezes while > 0.
        const countdown = call('float32', binary('-', counter, call('float32', num(dt))));
        statements.push({ kind: 'set', name: 'refractory', expr: countdown });
        const length = call('float32', withDt(refractory.period));
        statements.push({ kind: 'set', name: 'refractory', expr: select(spiked, length, counter) });
      } else {
        derived.push({
          name: '_refractorySteps',
          expr: call(
            'ceil',
            binary('-', binary('/', withDt(refractory.period), num(dt)), num(STEPS_EPSILON)),
          ),
          precision: 'float64',
        });
        // Counted down in (a) already.
        statements.push({
          kind: 'set',
          name: 'refractory',
          expr: select(spiked, ident('_refractorySteps'), counter),
        });
      }
    }

    // (d) reset, in the spec's order.
    for (const { target, expr } of model.reset) {
      statements.push({ kind: 'set', name: target, expr: select(spiked, withDt(expr), ident(target)) });
    }
  }

  // (e) bounds, after the reset; a bound reading a null parameter is off.
  const isOn = (expr: Expr | null): expr is Expr =>
    expr !== null && ![...identifiersOf(expr)].some((n) => nulls.has(n));
  for (const { target, lower, upper } of model.bounds) {
    const value = ident(target);
    if (isOn(lower)) {
      const bound = withDt(lower);
      statements.push({ kind: 'set', name: target, expr: select(binary('<', value, bound), bound, value) });
    }
    if (isOn(upper)) {
      const bound = withDt(upper);
      statements.push({ kind: 'set', name: target, expr: select(binary('>', value, bound), bound, value) });
    }
  }

  // (f) spike traces: decay, then add or set where spiking.
  if (traces && spikes) {
    state.push({ name: 'traces', type: 'number', initial: num(0) });
    derived.push({
      name: '_traceDecay',
      expr: call('exp', binary('/', { kind: 'unary', op: '-', operand: num(dt) }, ident('traceTau'))),
      precision: 'dtype',
    });
    const decayed = binary('*', ident('traces'), ident('_traceDecay'));
    statements.push({ kind: 'set', name: 'traces', expr: decayed });
    const bumped = options.traces?.additive ? binary('+', ident('traces'), ident('traceScale')) : num(1);
    statements.push({ kind: 'set', name: 'traces', expr: select(ident(spikes), bumped, ident('traces')) });
  }

  // (g) running sum of the input.
  if (options.sumInput) {
    state.push({ name: 'summedInput', type: 'number', initial: num(0) });
    statements.push({
      kind: 'set',
      name: 'summedInput',
      expr: binary('+', ident('summedInput'), ident('I')),
    });
  }

  const stateNames = new Set(state.map((s) => s.name));
  const locals = new Set(statements.filter((s) => s.kind === 'let').map((s) => s.name));
  const read = new Set<string>();
  for (const statement of statements) identifiersOf(statement.expr, read);
  const parameters = [...read].filter(
    (name) => !stateNames.has(name) && !locals.has(name) && name !== 'I' && name !== 't',
  );
  return {
    specificationVersion: 'v1',
    model: model.name,
    parameters,
    derived,
    state,
    statements,
    spikes,
    dt,
  };
}

/** NEST's overflow guard: inside every exp() argument, each guarded variable becomes `min(variable, cap)`. */
function capInsideExp(expr: Expr, guards: readonly { target: string; cap: string }[]): Expr {
  if (guards.length === 0) return expr;
  const capped = (inner: Expr): Expr =>
    substitute(inner, (name) => {
      const guard = guards.find((g) => g.target === name);
      return guard ? call('min', ident(name), ident(guard.cap)) : undefined;
    });
  const walk = (e: Expr): Expr =>
    e.kind === 'call' && e.fn === 'exp' ? call('exp', capped(e.args[0]!)) : mapChildren(e, walk);
  return walk(expr);
}
