import { resolve } from 'node:path';
import { PLOT_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { checkOutPath } from '../trace/out-path.js';
import { parsePlotArgs } from './plot-args.js';
import { availableOf, checkKinds, defaultKinds } from './plot-charts.js';
import { writePlot } from './plot-output.js';
import { readPlotRun } from './plot-trace-file.js';

/** `synapticflow plot TRACE.json --kind raster,fi --out report.html`: charts of a trace file. */
export async function runPlotCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parsePlotArgs(argv);
  if (args.help) {
    io.stdout.write(PLOT_HELP);
    return 0;
  }
  const tracePath = resolve(io.cwd, args.tracePath);
  const outPath = resolve(io.cwd, args.out);
  checkOutPath({ path: outPath, shownAs: args.out }, [{ path: tracePath, flag: 'trace file' }], 'plot');
  const run = await readPlotRun(tracePath, args.tracePath);
  const kinds = args.kinds ?? defaultKinds(run, args.format === 'svg');
  checkKinds(availableOf(run), kinds, 'plot');
  await writePlot(run, kinds, { path: outPath, shownAs: args.out, format: args.format }, args.tracePath);
  io.stdout.write(`plot        ${args.out} (${kinds.join(', ')})\n`);
  return 0;
}
