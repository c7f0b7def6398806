/** Everything a run depends on; kept in the URL so that a link reproduces the run. */
export interface PageState {
  /** A model library name, or "custom" for `spec`. */
  model: string;
  /** The model spec as JSON text, used when `model` is "custom". */
  spec: string;
  params: Record<string, number>;
  n: number;
  dt: number;
  steps: number;
  input: InputState;
  backend: BackendChoice;
  dtype: 'float32' | 'float64';
}

/** The input current of neuron j is a value from..to spread over the neurons (an f–I sweep), shaped in time by `kind`. */
export interface InputState {
  kind: 'constant' | 'step' | 'ramp';
  from: number;
  to: number;
  /** Step input: the time in ms at which it switches on. */
  onset: number;
}

export const BACKEND_CHOICES = ['js', 'wasm', 'tfjs-cpu', 'tfjs-webgl', 'gpujs'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export const DEFAULT_STATE: PageState = {
  model: 'lif',
  spec: '',
  params: {},
  n: 100,
  dt: 0.1,
  steps: 1000,
  input: { kind: 'constant', from: 0, to: 1.5, onset: 20 },
  backend: 'js',
  dtype: 'float64',
};

/** The page state from a URL's query (`?state=<JSON>`); missing fields take their defaults. */
export function stateFromUrl(search: string): PageState {
  const text = new URLSearchParams(search).get('state');
  if (text === null) return structuredClone(DEFAULT_STATE);
  try {
    const parsed = JSON.parse(text) as Partial<PageState>;
    return {
      ...structuredClone(DEFAULT_STATE),
      ...parsed,
      input: { ...DEFAULT_STATE.input, ...parsed.input },
    };
  } catch {
    return structuredClone(DEFAULT_STATE);
  }
}

export function urlQueryOf(state: PageState): string {
  return `?${new URLSearchParams({ state: JSON.stringify(state) })}`;
}
