import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHECKS, type ConformanceColumn, formatMatrix, runConformance } from '@synapticflow/conformance';
import { type Backend, ELIF_MODEL, type ModelSpec, validateModel } from '@synapticflow/core';
import { backendEntry } from '../backends.js';
import { FileError, UsageError } from '../errors.js';
import { CONFORMANCE_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { readJsonFile } from '../read-json-file.js';
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
  const columns: ConformanceColumn[] = args.backends.flatMap((name) =>
    backendEntry(name).columns(args.threads),
  );
  for (const path of args.backendModules) columns.push(...(await loadBackendModule(path, io)));
  const models: ModelSpec[] = [];
  for (const path of args.modelFiles) models.push(await loadModelFile(path, io));

  const report = await runConformance({
    backends: columns,
    models: models.length > 0 ? models : [ELIF_MODEL],
    ...(args.checks ? { checks: args.checks } : {}),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.effort === undefined ? {} : { effort: args.effort }),
    ...(args.inputRange === undefined ? {} : { inputRange: args.inputRange }),
    ...(args.allowedUlps === undefined ? {} : { allowedUlps: args.allowedUlps }),
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

async function loadModelFile(path: string, io: CliIo): Promise<ModelSpec> {
  const spec = (await readJsonFile(resolve(io.cwd, path), path, 'model file')) as ModelSpec;
  validateModel(spec);
  return spec;
}

/**
 * A module whose default export (or `backend` / `createBackend` export) is a backend or a function that
 * returns one; it gets a column per dtype it declares.
 */
async function loadBackendModule(path: string, io: CliIo): Promise<ConformanceColumn[]> {
  const url = pathToFileURL(resolve(io.cwd, path)).href;
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new FileError(`cannot load backend module "${path}": ${(error as Error).message}`);
  }
  const exported = module.default ?? module.createBackend ?? module.backend;
  const create = typeof exported === 'function' ? (exported as () => Backend) : () => exported as Backend;
  const backend = create();
  if (!backend || typeof backend.createKernel !== 'function' || !Array.isArray(backend.dtypes)) {
    throw new FileError(
      `backend module "${path}" must export (as default, "backend" or "createBackend") a backend or a function returning one`,
    );
  }
  return backend.dtypes.map((dtype) => ({ label: `${backend.name} ${dtype}`, createBackend: create, dtype }));
}
