import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import type { TfjsNamespace } from './tf-namespace.js';

const PREFIX = 'SynapticFlowStep_';
const BACKEND = 'cpu';

interface Registration {
  readonly source: string;
  readonly config: KernelConfig;
  users: number;
}

// tfjs's kernel registry is one global map per JavaScript realm (shared by every copy of tfjs-core), so the
// reference counts that decide when to unregister are module-wide too.
const registrations = new Map<string, Registration>();

/**
 * The tfjs kernel name of a generated program: a hash of its source, so identical programs (same model,
 * options and scalar parameter values) share one registered kernel.
 */
export function fusedKernelName(source: string): string {
  return PREFIX + hash53(source).toString(16).padStart(14, '0');
}

/** A kernel held in tfjs's registry for as long as some TfjsKernel uses it. */
export class FusedKernelLease {
  private released = false;

  constructor(
    private readonly tf: TfjsNamespace,
    readonly name: string,
    private readonly registration: Registration,
  ) {}

  /** Registers it again if something removed it from tfjs's registry (a Map lookup otherwise). */
  ensureRegistered(): void {
    if (!this.tf.getKernel(this.name, BACKEND)) this.tf.registerKernel(this.registration.config);
  }

  /** The last user unregisters it, if the registry still holds this kernel and not another one. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (--this.registration.users > 0) return;
    registrations.delete(this.name);
    if (this.tf.getKernel(this.name, BACKEND)?.kernelFunc === this.registration.config.kernelFunc) {
      this.tf.unregisterKernel(this.name, BACKEND);
    }
  }
}

/** Registers the kernel for `source` with tfjs (once; later users share it). */
export function acquireFusedKernel(
  tf: TfjsNamespace,
  source: string,
  makeKernelFunc: () => KernelFunc,
): FusedKernelLease {
  const name = fusedKernelName(source);
  let registration = registrations.get(name);
  if (registration && registration.source !== source) {
    throw new Error(`tfjs backend: two generated programs hash to the kernel name ${name}`);
  }
  if (!registration) {
    const config = { kernelName: name, backendName: BACKEND, kernelFunc: makeKernelFunc() };
    registration = { source, config, users: 0 };
    registrations.set(name, registration);
  }
  registration.users++;
  const lease = new FusedKernelLease(tf, name, registration);
  lease.ensureRegistered();
  return lease;
}

/** cyrb53: a fast 53-bit string hash with good spread (collisions are checked against the source). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
