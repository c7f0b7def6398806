import { BackendError } from '../../errors.js';
import { children, type Expr } from '../../expr/ast.js';
import { functionInfo } from '../../expr/functions.js';
import type { StepProgram } from '../program.js';

/** The only shape of name a code generator writes into source it compiles (`new Function`, gpu.js, tfjs). */
export const SAFE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `name`, if it has the shape of a plain identifier; otherwise a `BackendError`. Validation already
 * restricts names; this keeps a hand-built or tampered program from putting code into generated source.
 */
export function checkedIdentifier(name: string, generator: string): string {
  if (typeof name === 'string' && SAFE_IDENTIFIER.test(name)) return name;
  throw new BackendError(
    `${generator}: refusing to generate code for the name ${JSON.stringify(String(name)).slice(0, 80)}; ` +
      'names must match /^[A-Za-z_][A-Za-z0-9_]*$/ (build programs with buildProgram from a validated model)',
  );
}

/** `fn`, if it is one of the expression language's functions; otherwise a `BackendError`. */
export function checkedFunction(fn: string, generator: string): string {
  if (functionInfo(fn)) return fn;
  throw new BackendError(`${generator}: unknown function ${JSON.stringify(String(fn)).slice(0, 80)}`);
}

/**
 * Checks every name a step program holds (state, parameters, derived constants, statement targets, and
 * each identifier and function its expressions use) before a generator writes any of them into source.
 */
export function checkProgramIdentifiers(program: StepProgram, generator: string): void {
  const checkExpr = (expr: Expr): void => {
    if (expr.kind === 'identifier') checkedIdentifier(expr.name, generator);
    if (expr.kind === 'call') checkedFunction(expr.fn, generator);
    for (const child of children(expr)) checkExpr(child);
  };
  for (const name of program.parameters) checkedIdentifier(name, generator);
  for (const { name, expr } of program.derived) {
    checkedIdentifier(name, generator);
    checkExpr(expr);
  }
  for (const { name, initial } of program.state) {
    checkedIdentifier(name, generator);
    checkExpr(initial);
  }
  for (const { name, expr } of program.statements) {
    checkedIdentifier(name, generator);
    checkExpr(expr);
  }
  if (program.spikes !== null) checkedIdentifier(program.spikes, generator);
}
