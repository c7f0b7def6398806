import { BackendError } from '@synapticflow/core';
import type { TfjsNamespace } from './tf-namespace.js';

/** tfjs backends whose `dataSync` works: tfjs-backend-cpu, tfjs-backend-wasm and tfjs-node ("tensorflow"). */
export const SYNCHRONOUS_READ_BACKENDS: ReadonlySet<string> = new Set(['cpu', 'wasm', 'tensorflow']);

/**
 * Which tfjs backend (engine) the kernels run on: the one the user named, made active when needed, or
 * otherwise whatever tfjs has active (its highest-priority registered backend unless the user chose one).
 * tfjs has one active backend per process, so naming one switches tfjs to it.
 */
export class ActiveBackend {
  constructor(
    readonly tf: TfjsNamespace,
    readonly requested: string | undefined,
  ) {}

  /** The tfjs backend's name, activating the requested one if another is active; throws a BackendError. */
  activate(): string {
    const { tf, requested } = this;
    if (requested === undefined) return this.current();
    const engine = tf.engine();
    if (tf.getBackend() === requested && requested in engine.registry) return requested;
    if (!(requested in engine.registryFactory)) {
      throw new BackendError(
        `tfjs backend "${requested}" is not registered (registered: ${Object.keys(engine.registryFactory).join(', ') || 'none'}); ` +
          `import its package, e.g. @tensorflow/tfjs-backend-${requested}, before creating a population`,
      );
    }
    // Already initialized (or synchronous to initialize, as cpu is): setBackend finishes before returning.
    tf.setBackend(requested).catch(() => {});
    if (tf.getBackend() !== requested || !(requested in engine.registry)) {
      throw new BackendError(
        `tfjs backend "${requested}" is still initializing; await tfjsBackend(...).ready() ` +
          `(or await tf.setBackend("${requested}")) before creating or running a population`,
      );
    }
    return requested;
  }

  /** The active tfjs backend's name without switching; throws a BackendError if none is ready. */
  current(): string {
    const { tf } = this;
    const engine = tf.engine();
    let name: string | null = tf.getBackend();
    if (!name) {
      try {
        void engine.backend; // initializes the highest-priority backend, as the first tfjs op would
      } catch {
        // reported below, with the backend tfjs is waiting for
      }
      name = tf.getBackend();
    }
    if (name && name in engine.registry) return name;
    const waiting = name ?? highestPriority(engine.registryFactory) ?? 'none registered';
    throw new BackendError(
      `no tfjs backend is ready: tfjs picked "${waiting}", which initializes asynchronously; ` +
        `await tf.ready() or await tfjsBackend().ready() first, or pass tfjsBackend({ backendName: 'cpu' })`,
    );
  }

  /** Whether reads can be synchronous on the backend the kernels use. */
  canReadSync(): boolean {
    try {
      return SYNCHRONOUS_READ_BACKENDS.has(this.requested ?? this.current());
    } catch {
      return false;
    }
  }
}

function highestPriority(factories: Readonly<Record<string, { priority: number }>>): string | undefined {
  return Object.entries(factories).sort(([, a], [, b]) => b.priority - a.priority)[0]?.[0];
}
