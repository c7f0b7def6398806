import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CHECKS, type ConformanceColumn, formatMatrix, runConformance } from '@synapticflow/conformance';
import { ELIF_MODEL, type ModelSpec } from '@synapticflow/core';
import { loadBackendModule } from '../backend-module.js';
import { backendEntry } from '../backends.js';
import { FileError, UsageError } from '../errors.js';
import { CONFORMANCE_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { readModelArgument } from '../scenario/read-scenario-file.js';
import { requireThreadsSupport } from '../thread-args.js';
import { parseConformanceArgs } from './conformance-args.js';

/** `synapticflow conformance`: the cross-backend matrix; exit code 1 when any cell is FAIL. */
export async function runConformanceCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseConformanceArgs(argv);
  if (args.help) {
    io.stdout.write(CONFORMANCE_HELP);
    return 0;
  }
  const unknownCheck = args.checks?.find((id) => !CHECKS.some((c) => c.id === id));
  if (unknownCheck) {
    throw new UsageError(
      `unknown check "${unknownCheck}" in --checks; available: ${CHECKS.map((c) => c.id).join(', ')}`,
      'conformance',
    );
  }
  await requireThreadsSupport(args.threads, args.backends, 'conformance');
  const columns: ConformanceColumn[] = [];
  for (const name of args.backends) columns.push(...(await backendEntry(name).columns(args.threads)));
  for (const path of args.backendModules) columns.push(...(await backendModuleColumns(path, io)));
  const models: ModelSpec[] = [];
  for (const argument of args.modelFiles) models.push((await readModelArgument(argument, io.cwd)).spec);

  const report = await runConformance({
    backends: columns,
    models: models.length > 0 ? models : [ELIF_MODEL],
    ...(args.checks ? { checks: args.checks } : {}),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.effort === undefined ? {} : { effort: args.effort }),
    ...(args.inputRange === undefined ? {} : { inputRange: args.inputRange }),
    ...(args.allowedUlps === undefined ? {} : { allowedUlps: args.allowedUlps }),
    ...(args.span === undefined ? {} : { span: args.span }),
    onCell: (row, column, cell) => {
      if (io.stderr.isTTY)
        io.stderr.write(`  ${cell.status.padEnd(4)} ${row.check} [${row.model}] on ${column.label}\n`);
    },
  });
  io.stdout.write(`${formatMatrix(report)}\n`);
  if (args.json) {
    const target = resolve(io.cwd, args.json);
    try {
      await writeFile(target, `${JSON.stringify(report, null, 2)}\n`);
    } catch (error) {
      throw new FileError(`cannot write report "${args.json}" (${target}): ${(error as Error).message}`);
    }
  }
  return report.passed ? 0 : 1;
}

/** A `--backend-module` file, with a column per dtype it declares. */
async function backendModuleColumns(path: string, io: CliIo): Promise<ConformanceColumn[]> {
  const { name, dtypes, create } = await loadBackendModule(path, io.cwd);
  return dtypes.map((dtype) => ({ label: `${name} ${dtype}`, createBackend: create, dtype }));
}
