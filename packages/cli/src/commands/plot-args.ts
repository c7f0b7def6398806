import { type FlagSpec, parseArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { type PlotFormat, plotFormatOf } from './plot-output.js';

const COMMAND = 'plot';

const PLOT_FLAGS: FlagSpec = {
  kind: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** `synapticflow plot`'s arguments. */
export interface PlotArgs {
  help: boolean;
  tracePath: string;
  /** The chart kinds asked for, in order; undefined: the defaults for the format. */
  kinds: string[] | undefined;
  out: string;
  format: PlotFormat;
}

/** Reads `plot`'s flags and checks their values, so command-line mistakes exit with code 2. */
export function parsePlotArgs(argv: readonly string[]): PlotArgs {
  const { flags, positionals } = parseArgs(argv, PLOT_FLAGS, COMMAND);
  const help = flags.help === true;
  if (help) return { help, tracePath: '', kinds: undefined, out: '', format: 'html' };
  if (positionals.length !== 1) {
    const given = positionals.length === 0 ? 'none' : positionals.map((p) => `"${p}"`).join(', ');
    throw new UsageError(`expected one trace file (written by simulate --out), got ${given}`, COMMAND);
  }
  const out = flags.out as string | undefined;
  if (out === undefined) throw new UsageError('--out FILE is required (chart.svg or report.html)', COMMAND);
  const format = plotFormatOf(out, '--out', COMMAND);
  const kinds = flags.kind === undefined ? undefined : parseKinds(flags.kind as string, '--kind', COMMAND);
  if (format === 'svg' && kinds !== undefined && kinds.length > 1) {
    throw new UsageError(
      `an SVG holds one chart, but --kind names ${kinds.length} (${kinds.join(', ')}); write several to an .html file`,
      COMMAND,
    );
  }
  return { help, tracePath: positionals[0]!, kinds, out, format };
}

/** A kind is raster, fi, isi, rate or a state variable's name (a network's: population.variable). */
const KIND = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/;

/** "raster,v,fi" -> ["raster", "v", "fi"]; whether each can be drawn is checked against the run. */
export function parseKinds(value: string, flag: string, command: string): string[] {
  const kinds = value
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind) => kind !== '');
  if (kinds.length === 0)
    throw new UsageError(`${flag} names no chart; e.g. ${flag} raster,fi,isi,v`, command);
  for (const kind of kinds) {
    if (!KIND.test(kind)) {
      throw new UsageError(
        `${flag} takes a comma-separated list (raster, fi, isi, rate or a recorded state variable; for a network, population.variable); got "${kind}"`,
        command,
      );
    }
  }
  return [...new Set(kinds)];
}
