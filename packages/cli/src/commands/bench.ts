import { cpus } from 'node:os';
import { resolve } from 'node:path';
import type { ConformanceColumn } from '@synapticflow/conformance';
import { backendEntry } from '../backends.js';
import { findBrian2Python, runBrian2, runBrian2Cuba } from '../bench/brian2.js';
import { buildCeiling, C_BUILDS, removeCeiling, runCeiling } from '../bench/c-ceiling.js';
import { formatBench } from '../bench/format-bench.js';
import { formatNetworkBench, type NetworkBenchRow } from '../bench/format-network-bench.js';
import { type BenchRow, BRIAN2, runBench } from '../bench/run-bench.js';
import { DTYPE_ORDER, runNetworkBench } from '../bench/run-network-bench.js';
import { FileError, UsageError } from '../errors.js';
import { BENCH_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { writeAtomically } from '../trace/write-atomically.js';
import { type BenchArgs, type NetworkBenchSpec, parseBenchArgs } from './bench-args.js';

/** `synapticflow bench`: ELIF neuron-updates per second per backend and size, as ratios to a hand-written loop. */
export async function runBenchCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseBenchArgs(argv);
  if (args.help) {
    io.stdout.write(BENCH_HELP);
    return 0;
  }
  const python = args.brian2 === 'off' ? null : findBrian2Python();
  if (args.brian2 === 'on' && !python) {
    throw new UsageError('--brian2 on, but no python3 here imports brian2 (install python3-brian)', 'bench');
  }
  const progress = (row: BenchRow) => {
    if (io.stderr.isTTY)
      io.stderr.write(`  n = ${row.n}: ${row.implementation} ${(row.rate.median / 1e6).toFixed(1)} M/s\n`);
  };
  const columns: (ConformanceColumn & { threads?: number })[] = [];
  for (const name of args.backends) {
    const entry = backendEntry(name);
    if (!(await entry.supportsThreads())) columns.push(...(await entry.columns()));
    else
      for (const threads of args.threads) {
        // Network populations are small next to the population bench's: split them whatever their size, so
        // that a "2 threads" row runs on two.
        const threadOptions =
          args.network !== undefined && threads > 1 ? { minUpdatesForThreads: 0 } : undefined;
        columns.push(...(await entry.columns(threads, threadOptions)).map((c) => ({ ...c, threads })));
      }
  }
  if (args.network !== undefined) {
    return runNetworkBenchCommand(args, args.network, columns, python, io);
  }
  const rows = await runBench({
    columns,
    sizes: args.sizes,
    reps: args.reps,
    updates: args.updates,
    onRow: progress,
  });
  const failures: string[] = [];
  if (python) {
    for (const n of args.brian2Sizes) {
      for (const dtype of args.brian2Dtypes) {
        for (const threads of args.threads) {
          const implementation = `${BRIAN2}${dtype === 'float32' ? '' : ` ${dtype}`}, ${threads} thread${threads > 1 ? 's' : ''}`;
          const steps = Math.max(100, Math.round(args.updates / n));
          const request = {
            n,
            steps,
            threads,
            reps: args.reps,
            dtype,
            timeoutSeconds: args.brian2TimeoutSeconds,
          };
          const result = await runBrian2(python, request);
          if ('failure' in result) {
            failures.push(`${implementation}, n = ${n}: ${result.failure}`);
            if (io.stderr.isTTY) io.stderr.write(`  n = ${n}: ${implementation} ${result.failure}\n`);
            continue;
          }
          const row: BenchRow = { n, implementation, dtype, threads, rate: result.rate };
          rows.push(row);
          progress(row);
        }
      }
    }
  }
  // The C ceiling, and the same loop at wasm's SIMD width, where `cc` builds them: every size and thread
  // count, as many updates as the others.
  for (const { label, flags } of C_BUILDS) {
    const ceiling = buildCeiling(flags);
    try {
      for (const n of ceiling ? args.sizes : []) {
        for (const threads of args.threads) {
          const steps = Math.max(1, Math.round(args.updates / n));
          const implementation = `${label}, ${threads} thread${threads > 1 ? 's' : ''}`;
          const result = runCeiling(ceiling!, { n, steps, reps: args.reps, threads });
          if ('failure' in result) {
            failures.push(`${implementation}, n = ${n}: ${result.failure}`);
            continue;
          }
          const row: BenchRow = { n, implementation, dtype: 'float32', threads, rate: result.rate };
          rows.push(row);
          progress(row);
        }
      }
    } finally {
      if (ceiling) removeCeiling(ceiling);
    }
  }
  rows.sort((a, b) => a.n - b.n);
  io.stdout.write(`${machineLine()}\n${formatBench(rows)}\n`);
  if (!python && args.brian2 === 'auto')
    io.stdout.write('(Brian2 not measured: no python3 here imports brian2)\n');
  for (const failure of failures) io.stdout.write(`(not measured: ${failure})\n`);
  if (args.json) await writeJson(args.json, { machine: machineLine(), rows, failures }, io);
  // The measured rows are out; a reference run that was asked for and failed still fails the command.
  return failures.length > 0 && args.brian2 === 'on' ? 1 : 0;
}

function machineLine(): string {
  const cores = cpus();
  return `node ${process.version}, ${process.platform} ${process.arch}, ${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}`;
}

/** `bench --network`: the network on each backend configuration and, where it is installed, in Brian2. */
async function runNetworkBenchCommand(
  args: BenchArgs,
  spec: NetworkBenchSpec,
  columns: readonly (ConformanceColumn & { threads?: number })[],
  python: string | null,
  io: CliIo,
): Promise<number> {
  const progress = (row: NetworkBenchRow) => {
    if (io.stderr.isTTY) io.stderr.write(`  ${row.implementation}: ${row.seconds.median.toFixed(3)} s\n`);
  };
  const rows = await runNetworkBench(spec, columns, args.reps, progress);
  const failures: string[] = [];
  // Brian2 in each dtype the backends ran in, so that every row has a reference of its own dtype.
  const dtypes = [...new Set(columns.map((c) => c.dtype))].sort((a, b) => DTYPE_ORDER[a] - DTYPE_ORDER[b]);
  const brian2Runs = dtypes.flatMap((dtype) => args.threads.map((threads) => ({ dtype, threads })));
  for (const { dtype, threads } of python ? brian2Runs : []) {
    const implementation = `${BRIAN2} ${dtype}, ${threads} thread${threads > 1 ? 's' : ''}`;
    const result = await runBrian2Cuba(python as string, {
      n: spec.n,
      probability: spec.probability,
      connector: spec.connector,
      duration: spec.duration,
      threads,
      reps: args.reps,
      dtype,
      timeoutSeconds: args.brian2TimeoutSeconds,
    });
    if ('failure' in result) {
      failures.push(`${implementation}: ${result.failure}`);
      continue;
    }
    const { measured } = result;
    const row: NetworkBenchRow = {
      network: spec.name,
      neurons: measured.neurons,
      synapses: measured.synapses,
      implementation,
      threads,
      dtype,
      duration: spec.duration,
      steps: measured.steps,
      seconds: { median: measured.seconds, min: measured.min, max: measured.max },
      spikes: measured.spikes,
      events: measured.events,
    };
    rows.push(row);
    progress(row);
  }
  // Each dtype's rows, then its Brian2 rows (a stable sort keeps the order within a dtype).
  rows.sort((a, b) => DTYPE_ORDER[a.dtype] - DTYPE_ORDER[b.dtype]);
  io.stdout.write(`${machineLine()}\n${formatNetworkBench(rows)}\n`);
  if (!python && args.brian2 === 'auto')
    io.stdout.write('(Brian2 not measured: no python3 here imports brian2)\n');
  for (const failure of failures) io.stdout.write(`(not measured: ${failure})\n`);
  if (args.json) await writeJson(args.json, { machine: machineLine(), network: spec, rows, failures }, io);
  return failures.length > 0 && args.brian2 === 'on' ? 1 : 0;
}

async function writeJson(path: string, value: unknown, io: CliIo): Promise<void> {
  const target = resolve(io.cwd, path);
  try {
    await writeAtomically(target, [`${JSON.stringify(value, null, 2)}\n`]);
  } catch (error) {
    throw new FileError(`cannot write "${path}" (${target}): ${(error as Error).message}`);
  }
}
