import type { Statement } from '../program.js';
import { dropUnusedLets } from './dead-statements.js';
import { type FoldOptions, foldConstants } from './fold-constants.js';
import { inlineSingleUseLets } from './inline-lets.js';

/**
 * Which passes a backend runs over the step program's statements; each one keeps every result
 * bit-identical. A backend leaves out what it does elsewhere or cannot use, and says so where it runs them.
 */
export interface ProgramPasses {
  /** Constant and exact-identity folding in the kernel's dtype, with scalar parameters as constants. */
  fold?: FoldOptions;
  /** Move lets read once into their reader (a lazy `?:` then skips work for frozen neurons). */
  inlineLets?: boolean;
  /** Drop lets nothing reads (after folding resolved a select, say). */
  dropUnusedLets?: boolean;
}

/** Runs the chosen passes in their fixed order: fold, inline lets, drop unused lets. */
export function optimizeStatements(statements: readonly Statement[], passes: ProgramPasses): Statement[] {
  let current: Statement[] = [...statements];
  const fold = passes.fold;
  if (fold) current = current.map((s) => ({ ...s, expr: foldConstants(s.expr, fold) }));
  if (passes.inlineLets) current = inlineSingleUseLets(current);
  if (passes.dropUnusedLets) current = dropUnusedLets(current);
  return current;
}
