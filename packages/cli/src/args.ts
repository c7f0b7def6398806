import { closestName } from '@synapticflow/core';
import { UsageError } from './errors.js';

/** Flags a command takes: `--name value` (string) or `--name` alone (boolean). */
export type FlagSpec = Readonly<Record<string, { type: 'string' | 'boolean'; short?: string }>>;

export interface ParsedArgs {
  flags: Record<string, string | boolean>;
  positionals: string[];
}

/**
 * Parses `--name value`, `--name=value`, `-h` and `--` (everything after it is positional).
 * A later repeat of a flag wins, as in most CLIs. `command` names the subcommand in error messages.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec, command: string): ParsedArgs {
  const flags: ParsedArgs['flags'] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [flag, inline] = splitInline(arg);
    const name = flagName(flag, spec, command);
    if (spec[name]!.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value, got "${arg}"`, command);
      flags[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`${flag} needs a value`, command);
    }
    flags[name] = value;
  }
  return { flags, positionals };
}

function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function flagName(flag: string, spec: FlagSpec, command: string): string {
  const name = flag.startsWith('--')
    ? flag.slice(2)
    : Object.keys(spec).find((key) => spec[key]!.short !== undefined && `-${spec[key]!.short}` === flag);
  if (name === undefined || !Object.hasOwn(spec, name)) {
    const known = Object.keys(spec).map((key) => `--${key}`);
    const near = flag.startsWith('--') ? closestFlag(flag, known) : undefined;
    const expected = `xpected one of ${known.join(', ')}`;
    const rest = near === undefined ? `; e${expected}` : `; did you mean ${near}? E${expected}`;
    throw new UsageError(`unknown flag "${flag}"${rest}`, command);
  }
  return name;
}

/** The flag a typo most likely meant, by core's suggester on the names without their dashes. */
function closestFlag(typed: string, flags: readonly string[]): string | undefined {
  const guess = closestName(
    typed.slice(2),
    flags.map((flag) => flag.slice(2)),
  );
  return guess === undefined ? undefined : `--${guess}`;
}
