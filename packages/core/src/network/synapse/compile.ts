import { ModelSpecError, SynapseSpecError } from '../../errors.js';
import { binary, type Expr, ident, mapChildren } from '../../expr/ast.js';
import { depthLimitDetail, MAX_EXPRESSION_DEPTH, measureExpression } from '../../expr/limits.js';
import { closestName, shownName } from '../../model/closest-name.js';
import { typeOf } from '../../model/typecheck.js';
import type { DeliveryProgram, DeliveryStatement } from '../kernel/contract.js';
import type { SynapseSpec, SynapseTarget } from './spec.js';
import type { ParsedStatement } from './statements.js';
import { validateSynapse } from './validate.js';

/** What a name in a statement stands for. */
type Resolved = { scope: 'synapse' | 'target'; name: string } | { scope: 'time' };

const POST = '_post';
const PRE = '_pre';

/**
 * Checks a synapse spec against the population it connects to and compiles its `onPre` to a delivery
 * program: `a op= e` becomes `a = a op (e)`, `v_post` becomes `v`. Every problem is a `SynapseSpecError`
 * pointing at the statement and column.
 */
export function compileSynapse(spec: SynapseSpec, target: SynapseTarget): DeliveryProgram {
  const synapse = validateSynapse(spec);
  const names = targetNames(target);
  for (const variable of synapse.variables.keys()) {
    if (names.numbers.has(variable) || names.booleans.has(variable)) {
      const clash = `"${variable}" is also a state variable of model "${target.model}"`;
      throw new SynapseSpecError(
        {
          synapse: synapse.name,
          field: spec.variables === undefined ? 'variables' : `variables.${variable}`,
        },
        spec.variables === undefined
          ? `the default synapse variable ${clash}; declare the synapse's own, e.g. variables: { weight: {} }`
          : `${clash}; rename the synapse variable (e.g. "${variable}_syn") so that a statement says which ` +
              'one it means',
      );
    }
  }
  const synapseVariables: string[] = [];
  const targetVariables: string[] = [];
  const use = (resolved: Resolved): void => {
    if (resolved.scope === 'time') return;
    const list = resolved.scope === 'synapse' ? synapseVariables : targetVariables;
    if (!list.includes(resolved.name)) list.push(resolved.name);
  };
  const statements = synapse.statements.map((statement): DeliveryStatement => {
    const context = new StatementContext(statement, synapse.name, synapse.variables, target, names);
    const written = context.resolveWritten();
    use(written);
    const value = context.resolveValue(statement.value, use);
    const current = ident(written.name);
    current.span = statement.nameSpan;
    const expr = statement.operator === '=' ? value : compound(statement, current, value);
    if (measureExpression(expr).depth > MAX_EXPRESSION_DEPTH) {
      context.fail(statement.value.span?.start ?? 0, depthLimitDetail('nests'));
    }
    return { kind: 'set', scope: written.scope, name: written.name, expr };
  });
  return {
    specificationVersion: 'v1',
    synapse: synapse.name ?? 'synapse',
    synapseVariables,
    targetVariables,
    statements,
  };
}

function compound(statement: ParsedStatement, current: Expr, value: Expr): Expr {
  const op = statement.operator.slice(0, 1) as '+' | '-' | '*' | '/';
  return { ...binary(op, current, value), span: { start: 0, end: statement.text.length } };
}

interface TargetNames {
  readonly numbers: ReadonlySet<string>;
  readonly booleans: ReadonlySet<string>;
  readonly parameters: ReadonlySet<string>;
}

function targetNames(target: SynapseTarget): TargetNames {
  return {
    numbers: new Set(target.state.filter((s) => s.type === 'number').map((s) => s.name)),
    booleans: new Set(target.state.filter((s) => s.type === 'boolean').map((s) => s.name)),
    parameters: new Set(target.parameters),
  };
}

/** Resolves the names of one statement against the synapse's variables and the target model. */
class StatementContext {
  constructor(
    private readonly statement: ParsedStatement,
    private readonly synapse: string | undefined,
    private readonly variables: ReadonlyMap<string, unknown>,
    private readonly target: SynapseTarget,
    private readonly names: TargetNames,
  ) {}

  fail(offset: number, detail: string): never {
    throw new SynapseSpecError(
      { synapse: this.synapse, field: this.statement.field, source: this.statement.text, offset },
      detail,
    );
  }

  /** The variable the statement assigns: a synapse variable or a number state variable of the target. */
  resolveWritten(): { scope: 'synapse' | 'target'; name: string } {
    const { name } = this.statement;
    const resolved = this.lookUp(name);
    if (resolved?.scope === 'synapse' || resolved?.scope === 'target') return resolved;
    if (resolved?.scope === 'time') this.fail(0, '"t" is the time; a statement cannot assign it');
    const base = name.endsWith(POST) ? name.slice(0, -POST.length) : name;
    if (this.names.parameters.has(base)) {
      this.fail(
        0,
        `"${base}" is a parameter of model "${this.target.model}"; parameters are constants during a run, so ` +
          'a synapse changes state variables or synapse variables',
      );
    }
    return this.unknown(name, 0, 'assign');
  }

  /** `value` with `_post` names made canonical, checked to be a number expression of readable names. */
  resolveValue(value: Expr, use: (resolved: Resolved) => void): Expr {
    const canonical = this.rename(value, use);
    const symbols = new Map<string, 'number'>([['t', 'number']]);
    for (const name of this.variables.keys()) symbols.set(name, 'number');
    for (const name of this.names.numbers) symbols.set(name, 'number');
    let type: string;
    try {
      type = typeOf(
        canonical,
        { symbols, describe: 'names' },
        {
          model: this.synapse ?? 'synapse',
          field: this.statement.field,
          source: this.statement.text,
        },
      );
    } catch (error) {
      if (error instanceof ModelSpecError) return this.fail((error.column ?? 1) - 1, error.detail);
      throw error;
    }
    if (type !== 'number') {
      this.fail(value.span?.start ?? 0, `expected a number to assign, got a ${type} (a comparison)`);
    }
    return canonical;
  }

  private rename(expr: Expr, use: (resolved: Resolved) => void): Expr {
    if (expr.kind !== 'identifier') return mapChildren(expr, (child) => this.rename(child, use));
    const resolved = this.lookUp(expr.name) ?? this.unknown(expr.name, expr.span?.start ?? 0, 'read');
    use(resolved);
    return resolved.scope === 'time' || resolved.name === expr.name ? expr : { ...expr, name: resolved.name };
  }

  private lookUp(name: string): Resolved | undefined {
    if (this.variables.has(name)) return { scope: 'synapse', name };
    if (this.names.numbers.has(name)) return { scope: 'target', name };
    if (name.endsWith(POST) && this.names.numbers.has(name.slice(0, -POST.length))) {
      return { scope: 'target', name: name.slice(0, -POST.length) };
    }
    if (name === 't') return { scope: 'time' };
    return undefined;
  }

  private unknown(name: string, offset: number, action: 'read' | 'assign'): never {
    const model = `model "${this.target.model}"`;
    const base = name.endsWith(POST) ? name.slice(0, -POST.length) : name;
    if (this.names.booleans.has(base)) {
      this.fail(
        offset,
        `"${base}" is a boolean state variable of ${model}; a synapse reads and changes numbers`,
      );
    }
    if (action === 'read' && this.names.parameters.has(base)) {
      this.fail(
        offset,
        `"${base}" is a parameter of ${model}; a statement reads synapse variables, the target's state ` +
          'variables and t (give the value as a number, or as a synapse variable)',
      );
    }
    if (name === 'dt') {
      this.fail(
        offset,
        '"dt" is not known to a synapse; write the time step as a number where one is needed',
      );
    }
    if (name === 'I') {
      this.fail(
        offset,
        `"I" is the constant input current of model "${this.target.model}", not state; a synapse changes a ` +
          'state variable the model integrates (a conductance or synaptic current)',
      );
    }
    if (name.endsWith(POST) && this.variables.has(base)) {
      this.fail(offset, `"${base}" is a synapse variable; write it without the _post suffix`);
    }
    if (name.endsWith(PRE)) {
      this.fail(
        offset,
        `"${shownName(name)}" names the source neuron; a statement reads the synapse and the target neuron only`,
      );
    }
    const candidates = [...this.variables.keys(), ...this.names.numbers, ...(action === 'read' ? ['t'] : [])];
    const guess = closestName(name, candidates);
    const hint = guess ? `; did you mean "${guess}"?` : '';
    const what = action === 'read' ? 'read' : 'assign';
    return this.fail(
      offset,
      `unknown name "${shownName(name)}"${hint} (a statement may ${what} ${candidates.join(', ') || 'nothing'})`,
    );
  }
}
