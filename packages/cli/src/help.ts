import { BACKEND_NAMES } from './backends.js';
import { MODEL_NAMES } from './scenario/models.js';
import { INTEGRATOR_NAMES, SCENARIO_DEFAULTS } from './scenario/scenario.js';

export const MAIN_HELP = `synapticflow: spiking neural populations from scenario files

Usage:
  synapticflow simulate SCENARIO.json [options]   run a scenario, print a summary, optionally write a trace
  synapticflow simulate --help                    options of simulate and the scenario format
  synapticflow conformance [options]              check that backends agree with the float64 oracle
  synapticflow conformance --help                 options of conformance and what it checks
  synapticflow bench [options]                    neuron-updates per second per backend and size
  synapticflow plot TRACE.json --out FILE         charts of a trace file as SVG or an HTML page
  synapticflow --help                             this help

Exit codes: 0 done, 1 invalid scenario, simulation error or a FAIL in the conformance matrix,
2 command-line mistake.
`;

export const SIMULATE_HELP = `Usage: synapticflow simulate SCENARIO.json [options]

Runs the scenario and prints model, size, backend, spike count, firing rates, wall time and throughput.
Warnings about the parameter set (e.g. exp() overflowing the dtype) go to stderr before the run.

Options:
  --backend NAME       compute backend (available: ${BACKEND_NAMES.join(', ')}; default js)
  --backend-module FILE  run the backend a module exports (default export, "backend" or "createBackend")
  --threads N          split neurons over N threads (js and wasm; default 1; results are bit-identical;
                       at most the number of cores, or 4)
  --dtype TYPE         float32 or float64; overrides the scenario's "dtype" (default float32)
  --model FILE.json    a model spec (JSON) or a model library name (e.g. adex) to run; overrides the
                       scenario's "model"
  --integrator NAME    ${INTEGRATOR_NAMES.join(', ')}; overrides "integrator" (default ${SCENARIO_DEFAULTS.integrator})
  --out TRACE.json     write spikes (and recorded state) as a trace file; without it a recording is
                       discarded. The file is replaced whole once written; it cannot be the scenario
  --record VARS        record state, comma-separated: v, traces or any state of the model (e.g. w);
                       overrides "record.vars"
  --v-stride K         record every K-th step (row j = state after step j*K); overrides "record.vStride"
  --plot FILE          also draw the run: FILE.svg gets one chart (the f-I curve for a constant input
                       that differs between neurons, else the raster), FILE.html every chart it can;
                       a network's: raster, rate and isi of every group, one colour each
  --plot-kind LIST     the charts for --plot, as plot's --kind (raster, fi, isi, rate, recorded state)
  -h, --help           this help

Scenario file (JSON; unknown fields are errors):
  { "model": "elif", "n": 8, "batchSize": 1, "dt": 0.1, "steps": 3000,
    "params": { "tau": 10, "R": 20, "lowerBound": null },
    "refractory": "steps",
    "traces": { "enabled": true, "additive": false, "traceTau": 10, "traceScale": 1 },
    "input": { "constant": [0.04, 0.05, 0.051, 0.06, 0.1, 0.5, 1, 10] },
    "record": { "vars": ["v"], "vStride": 10 } }

  model       a model library name (${MODEL_NAMES.join(', ')};
              docs/models/library.md) or an inline model spec object (docs/custom-models.md)
  params      any model parameter: a number, one per neuron, or null where allowed (defaults from the model)
  init        initial state by name, e.g. { "v": [-70, -65] }: one number, n numbers or batchSize*n
  integrator  ${INTEGRATOR_NAMES.map((name) => `"${name}"`).join(', ')} (default "${SCENARIO_DEFAULTS.integrator}")
  refractory  "steps" (an integer number of frozen steps, default) or "seed" (the seed's float countdown)
  dtype       "float32" (default) or "float64";  sumInput  true to keep a running input sum
  input       { "constant": number | [n] | [batchSize][n] }, { "steps": [steps][batchSize][n] },
              or { "constant": { "linspace": [from, to] } }: n constants evenly spaced from..to inclusive
  record      { "vars": [...], "vStride": K }: v, traces or any state of the model; a trace file has v and
              traces at the top level and every other variable under "state"
  Relative paths resolve against the directory the command was run from.

Network scenario (a "network" field; docs/cli.md#network-scenarios; js and wasm): populations, spike and
Poisson sources, projections and monitors, e.g. examples/cuba.json and examples/brunel.json. The summary
gives per group the rate, the CV of inter-spike intervals and the synchrony chi (Golomb 2007), then
synaptic events, wall time and throughput; --out writes spikes per group and the state monitors' rows.
`;

export const CONFORMANCE_HELP = `Usage: synapticflow conformance [options]

Runs the cross-backend conformance matrix: rows are checks, columns are backends (with dtype), each cell
OK, POOR (within a loose bound only), FAIL or N/A with the measured error. Exits with 1 on any FAIL.

Options:
  --backends LIST          built-in backends, comma-separated (available: ${BACKEND_NAMES.join(', ')}; default js)
  --threads N              run the built-in backends on N threads (js and wasm; default 1)
  --backend-module FILE    also check the backend a module exports (default export, "backend" or
                           "createBackend": a backend or a function returning one); comma-separated
  --model FILE             check this model spec (JSON) or library model (e.g. adex) instead of the
                           built-in ELIF; comma-separated
  --checks LIST            only these checks (one-step, oracle-trajectories, reference-traces,
                           analytic-elif, invariances, robustness)
  --json FILE              also write the report as JSON
  --seed N                 seed of the random samples (default 20261125)
  --effort X               scale of the sampled work, 0 < X <= 10 (default 1)
  --input-range MIN,MAX    drive the robustness check with inputs in [MIN, MAX] (default: each model's
                           inputRange, else magnitudes up to 1e6)
  --allowed-ulps N         accept one-step errors up to N ulps as POOR (default: FAIL beyond the model's bound)
  --span N|off             widen each check's first population to N neurons per row, so it spans the
                           backend's blocks and thread shares (default 13000; off: the checks' own sizes)
  -h, --help               this help
`;

export const BENCH_HELP = `Usage: synapticflow bench [options]

Measures ELIF neuron-updates per second for each backend configuration (and dtype) and network size:
the median of --reps repetitions after a warm-up, with the range, as a ratio to a hand-written JS loop of
the same update run in the same process. When a python3 with brian2 (Debian's python3-brian) is present,
Brian2's cpp_standalone target runs the same model too (1 and 2 threads). Where cc builds it, a hand-written C
loop (-O3 -ffast-math, OpenMP threads) is the ceiling each row is a fraction of; on x86 the same loop also
runs at WebAssembly's SIMD width (128-bit vectors, no FMA) as a reference row. A benchmark, not a test.

Options:
  --backends LIST     backends, comma-separated (available: ${BACKEND_NAMES.join(', ')}; default all)
  --threads LIST      thread counts for the backends that have threads (js, wasm), comma-separated
                      (default 1 and the number of cores)
  --sizes LIST        neurons, comma-separated (default 10,1e3,1e5,1e6)
  --reps N            timed repetitions per cell (default 5)
  --updates N         neuron-updates per repetition (default 2e7, at most 1e9)
  --brian2 MODE       auto (default), on (fail without it) or off
  --brian2-sizes LIST sizes Brian2 runs at (default: every size)
  --brian2-dtypes LIST  dtypes Brian2 runs in (default float32)
  --brian2-timeout S  seconds one Brian2 run may take before it is stopped (default 900)
  --json FILE         also write the rows as JSON
  --network NAME      time a network instead: cuba (Brette et al. 2007: 4,000 neurons, p = 0.02) or
                      cuba-scale (100,000 neurons, 10 million synapses), float64 and float32, on js and wasm
                      (exact and fast) and in Brian2
  --duration MS       biological time of the network run (default 1000)
  -h, --help          this help
`;

export const PLOT_HELP = `Usage: synapticflow plot TRACE.json --out chart.svg|report.html [--kind LIST]

Draws charts of a trace file written by simulate --out. An .svg file holds one chart; an .html page holds
several, each as an inline SVG.

Options:
  --out FILE       chart.svg (one chart) or report.html (a page of charts); required
  --kind LIST      charts, comma-separated, in order:
                     raster  spikes against time (a binned density above 20,000 spikes)
                     fi      firing rate against the constant input, with the analytic rheobase of
                             ELIF and LIF
                     isi     inter-spike interval histogram with the neurons' mean CV
                     rate    population rate over time
                     NAME    a recorded state variable (v, traces, w, ...) of up to 5 neurons
                   default: .svg the f-I curve (constant inputs that differ) or the raster; .html all
                   the trace can draw
  -h, --help       this help
`;
