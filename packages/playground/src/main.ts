import { MODEL_LIBRARY } from '@synapticflow/core';
import { dtypesOf, threadCount } from './backends.js';
import { networkRaster, show, showCharts } from './charts.js';
import { conformanceOf, conformanceTable } from './conformance.js';
import { errorText, resolveModel, specTextOf } from './model-choice.js';
import { simulateExample } from './network-examples.js';
import {
  BACKEND_CHOICES,
  type BackendChoice,
  type PageState,
  stateFromUrl,
  urlQueryOf,
} from './page-state.js';
import { parameterSliders } from './parameter-sliders.js';
import { simulate } from './simulate.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const state = stateFromUrl(location.search);

const modelSelect = byId<HTMLSelectElement>('model');
const specArea = byId<HTMLTextAreaElement>('spec');
const specError = byId<HTMLPreElement>('spec-error');
const backendSelect = byId<HTMLSelectElement>('backend');
const dtypeSelect = byId<HTMLSelectElement>('dtype');
const summary = byId<HTMLParagraphElement>('run-summary');
const numberInputs = {
  n: byId<HTMLInputElement>('n'),
  dt: byId<HTMLInputElement>('dt'),
  steps: byId<HTMLInputElement>('steps'),
};
const inputFields = {
  kind: byId<HTMLSelectElement>('input-kind'),
  from: byId<HTMLInputElement>('input-from'),
  to: byId<HTMLInputElement>('input-to'),
  onset: byId<HTMLInputElement>('input-onset'),
};

function options(select: HTMLSelectElement, values: readonly string[], selected: string): void {
  select.replaceChildren(...values.map((value) => new Option(value, value, false, value === selected)));
}

function updateUrl(): void {
  const query = urlQueryOf(state);
  history.replaceState(null, '', query);
  byId<HTMLAnchorElement>('permalink').href = query;
}

/** Checks the spec as it is typed; shows core's message (with its caret) under the editor, or the sliders. */
function refreshModel(): void {
  const outcome = resolveModel(state);
  specError.hidden = outcome.ok;
  specError.textContent = outcome.ok ? '' : outcome.message;
  byId<HTMLButtonElement>('run').disabled = !outcome.ok;
  if (outcome.ok) {
    for (const name of Object.keys(state.params))
      if (!outcome.model.parameters.has(name)) delete state.params[name];
    parameterSliders(byId('params'), outcome.model, state.params, updateUrl);
    byId('input-unit').textContent = `input unit: ${outcome.model.spec.inputUnit ?? 'a.u.'}`;
  }
  updateUrl();
}

async function refreshDtypes(): Promise<void> {
  const choice = state.backend;
  const dtypes = await dtypesOf(choice);
  // A later choice made while this one loaded wins.
  if (state.backend !== choice) return;
  if (!dtypes.includes(state.dtype)) state.dtype = dtypes[dtypes.length - 1]!;
  options(dtypeSelect, dtypes, state.dtype);
}

async function run(): Promise<void> {
  const outcome = resolveModel(state);
  if (!outcome.ok) return;
  summary.textContent = `running on ${state.backend}…`;
  delete summary.dataset.spikeCount;
  try {
    const result = await simulate(state, outcome.model);
    const v = outcome.model.spec.state?.v?.unit ?? '';
    await showCharts({ raster: byId('raster'), traces: byId('traces'), fi: byId('fi') }, state, result, {
      v,
      input: outcome.model.spec.inputUnit ?? 'a.u.',
    });
    summary.textContent =
      `${result.spikeCount} spikes · ran on ${result.kernelDescription} · ${(result.seconds * 1000).toFixed(1)} ms · ` +
      `${(result.neuronUpdatesPerSecond / 1e6).toFixed(2)} M neuron-updates/s`;
    summary.dataset.spikeCount = String(result.spikeCount);
    summary.dataset.kernel = result.kernelDescription;
    summary.dataset.counts = result.counts.join(',');
  } catch (error) {
    summary.textContent = errorText(error);
    summary.dataset.error = summary.textContent;
  }
}

async function runNetwork(): Promise<void> {
  const shown = byId('network-summary');
  const name = byId<HTMLSelectElement>('network').value;
  shown.textContent = `running ${name} on ${state.backend}…`;
  delete shown.dataset.spikeCount;
  try {
    const duration = Number(byId<HTMLInputElement>('network-duration').value);
    const simulation = await simulateExample(name, state.backend, duration);
    await show(byId('network-raster'), networkRaster(name, simulation));
    const counts = simulation.groups.map((g) => `${g.name} ${g.spikes.steps.length}`).join(', ');
    const total = simulation.groups.reduce((sum, g) => sum + g.spikes.steps.length, 0);
    shown.textContent = `${name}: ${counts} spikes · ran on ${simulation.description} · ${(simulation.wallSeconds * 1000).toFixed(0)} ms`;
    shown.dataset.spikeCount = String(total);
  } catch (error) {
    shown.textContent = errorText(error);
    shown.dataset.error = shown.textContent;
  }
}

async function runMatrix(): Promise<void> {
  const chosen = [...document.querySelectorAll<HTMLInputElement>('#conformance-backends input:checked')].map(
    (box) => box.value as BackendChoice,
  );
  const status = byId('conformance-status');
  status.textContent = 'running the conformance matrix…';
  try {
    const report = await conformanceOf(chosen, (done) => {
      status.textContent = `running the conformance matrix… ${done} cells done`;
    });
    byId('conformance-result').replaceChildren(conformanceTable(report));
    status.textContent = report.passed ? 'conformance: every cell passed' : 'conformance: some cells FAILED';
  } catch (error) {
    status.textContent = `conformance: ${(error as Error).message}`;
  }
}

async function setUp(): Promise<void> {
  const isolated = globalThis.crossOriginIsolated;
  byId('isolation').textContent = isolated
    ? `cross-origin isolated: js and wasm run on ${threadCount()} threads`
    : 'not cross-origin isolated: js and wasm run on one thread';
  options(modelSelect, [...Object.keys(MODEL_LIBRARY), 'custom'], state.model);
  specArea.value = specTextOf(state);
  options(backendSelect, BACKEND_CHOICES, state.backend);
  await refreshDtypes();
  numberInputs.n.value = String(state.n);
  numberInputs.dt.value = String(state.dt);
  numberInputs.steps.value = String(state.steps);
  options(inputFields.kind, ['constant', 'step', 'ramp'], state.input.kind);
  inputFields.from.value = String(state.input.from);
  inputFields.to.value = String(state.input.to);
  inputFields.onset.value = String(state.input.onset);
  byId('conformance-backends').replaceChildren(
    ...BACKEND_CHOICES.map((choice) => {
      const label = document.createElement('label');
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: choice });
      box.checked = choice === 'js' || choice === 'wasm';
      label.append(box, ` ${choice}`);
      return label;
    }),
  );

  modelSelect.addEventListener('change', () => {
    state.spec = state.model === 'custom' ? state.spec : specArea.value;
    state.model = modelSelect.value;
    state.params = {};
    specArea.value = specTextOf(state);
    refreshModel();
  });
  specArea.addEventListener('input', () => {
    state.model = 'custom';
    state.spec = specArea.value;
    modelSelect.value = 'custom';
    refreshModel();
  });
  backendSelect.addEventListener('change', () => {
    state.backend = backendSelect.value as BackendChoice;
    void refreshDtypes().then(updateUrl);
  });
  dtypeSelect.addEventListener('change', () => {
    state.dtype = dtypeSelect.value as PageState['dtype'];
    updateUrl();
  });
  for (const [key, input] of Object.entries(numberInputs) as [
    keyof typeof numberInputs,
    HTMLInputElement,
  ][]) {
    input.addEventListener('change', () => {
      state[key] = Number(input.value);
      updateUrl();
    });
  }
  inputFields.kind.addEventListener('change', () => {
    state.input.kind = inputFields.kind.value as PageState['input']['kind'];
    updateUrl();
  });
  for (const key of ['from', 'to', 'onset'] as const) {
    inputFields[key].addEventListener('change', () => {
      state.input[key] = Number(inputFields[key].value);
      updateUrl();
    });
  }
  byId('run').addEventListener('click', () => void run());
  byId('run-network').addEventListener('click', () => void runNetwork());
  byId('conformance').addEventListener('click', () => void runMatrix());
  refreshModel();
  document.body.dataset.ready = 'true';
}

void setUp();
