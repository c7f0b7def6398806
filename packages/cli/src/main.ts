import { SynapticFlowError } from '@synapticflow/core';
import { runBenchCommand } from './commands/bench.js';
import { runConformanceCommand } from './commands/conformance.js';
import { runPlotCommand } from './commands/plot.js';
import { runSimulate } from './commands/simulate.js';
import { UsageError } from './errors.js';
import { MAIN_HELP } from './help.js';
import { type CliIo, processIo } from './io.js';

const COMMANDS: Readonly<Record<string, (argv: readonly string[], io: CliIo) => Promise<number>>> = {
  simulate: runSimulate,
  conformance: runConformanceCommand,
  bench: runBenchCommand,
  plot: runPlotCommand,
};

/** The `synapticflow` command; returns the exit code (0 done, 1 scenario or simulation error, 2 usage). */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(MAIN_HELP);
      return 0;
    }
    const known = Object.keys(COMMANDS).join(', ');
    if (command === undefined) throw new UsageError(`no command given; expected one of ${known}`);
    if (!Object.hasOwn(COMMANDS, command)) {
      const what = command.startsWith('-') ? 'flag' : 'command';
      throw new UsageError(`unknown ${what} "${command}"; expected one of ${known}, --help`);
    }
    return await COMMANDS[command]!(rest, io);
  } catch (error) {
    return report(error, io);
  }
}

/** Expected errors print their message only; anything else is a bug, so it keeps its stack. */
function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    const command = error.command === undefined ? 'synapticflow' : `synapticflow ${error.command}`;
    io.stderr.write(`${command}: ${error.message}\nRun "${command} --help" for usage.\n`);
    return 2;
  }
  if (error instanceof SynapticFlowError) {
    io.stderr.write(`synapticflow: ${error.message}\n`);
    return 1;
  }
  io.stderr.write(`synapticflow: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
  return 1;
}
