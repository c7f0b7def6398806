import { formatExpression } from '../../expr/format.js';
import type { DeliveryProgram, DeliveryStatement } from '../kernel/contract.js';

/** A delivery statement in the `onPre` syntax (`ge = ge + w`); compiling it again gives the same statement. */
export function formatDeliveryStatement(statement: DeliveryStatement): string {
  const prefix = statement.kind === 'let' ? 'let ' : '';
  return `${prefix}${statement.name} = ${formatExpression(statement.expr)}`;
}

/** A delivery program's statements, one a line. */
export function formatDeliveryProgram(program: DeliveryProgram): string {
  return program.statements.map(formatDeliveryStatement).join('\n');
}
