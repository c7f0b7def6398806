import type { KernelInput, StepProgram } from '@synapticflow/core/backend';
import {
  generateKernelSource,
  type KernelArgument,
  type KernelSource,
  subKernelProperty,
} from '../codegen/kernel-source.js';
import type { LaunchGroup } from '../codegen/launch-plan.js';
import type { DeviceValue } from '../device/device-store.js';
import type { GpuInstance, KernelShortcut } from '../gpujs.js';

export interface LaunchValues {
  state: ReadonlyMap<string, DeviceValue>;
  parameters: ReadonlyMap<string, DeviceValue>;
  input: DeviceValue | number;
  time: number;
}

interface CompiledLaunch {
  source: KernelSource;
  shortcut: KernelShortcut;
}

export interface StepLauncherOptions {
  gpu: GpuInstance;
  program: StepProgram;
  layout: KernelInput['layout'];
  groups: readonly LaunchGroup[];
  perNeuron: ReadonlySet<string>;
  /** Scalar parameters, already rounded to float32. */
  scalars: ReadonlyMap<string, number>;
  /** gpu.js settings shared with the population's other kernels (output, precision, pipeline...). */
  settings: object;
}

/** The kernels of one step for one input layout, compiled by gpu.js on their first launch. */
export class StepLauncher {
  private readonly launches: CompiledLaunch[];

  constructor(options: StepLauncherOptions) {
    const written = new Set<string>();
    this.launches = options.groups.map((group) => {
      const source = generateKernelSource({
        program: options.program,
        group,
        layout: options.layout,
        perNeuron: options.perNeuron,
        available: new Set(written),
      });
      for (const name of group.outputs) written.add(name);
      const constants = Object.fromEntries(
        source.constants.map((name) => [`p_${name}`, options.scalars.get(name)!]),
      );
      // Explicit Float: gpu.js would otherwise pick the type from the value, and types decide the shader.
      const constantTypes = Object.fromEntries(Object.keys(constants).map((name) => [name, 'Float']));
      const settings = { ...options.settings, constants, constantTypes };
      const shortcut =
        Object.keys(source.subKernels).length > 0
          ? options.gpu.createKernelMap(source.subKernels, source.source, settings)
          : options.gpu.createKernel(source.source, settings);
      return { source, shortcut };
    });
  }

  /** Runs every launch of one step and returns the new value of each updated state variable. */
  launch(values: LaunchValues): Map<string, DeviceValue> {
    const updated = new Map<string, DeviceValue>();
    for (const { source, shortcut } of this.launches) {
      const args = source.arguments.map((argument) => argumentValue(argument, values, updated));
      const result = shortcut(...args);
      const [primary, ...mapped] = source.outputs;
      if (mapped.length === 0) {
        updated.set(primary!, result as DeviceValue);
        continue;
      }
      const map = result as Record<string, DeviceValue>;
      updated.set(primary!, map.result!);
      for (const name of mapped) updated.set(name, map[subKernelProperty(name)]!);
    }
    return updated;
  }

  /** The kernel classes that ran (after any gpu.js fallback) and why gpu.js fell back, if it did. */
  kernelsInUse(): { className: string; fallbackReason: string | null }[] {
    return this.launches.map(({ shortcut }) => ({
      className: shortcut.kernel.constructor.name,
      fallbackReason: shortcut.kernel.fallbackReason ?? null,
    }));
  }

  /** The generated kernel sources, for inspection and docs. */
  get sources(): readonly KernelSource[] {
    return this.launches.map((launch) => launch.source);
  }

  dispose(): void {
    for (const { shortcut } of this.launches) shortcut.destroy(true);
  }
}

function argumentValue(
  argument: KernelArgument,
  values: LaunchValues,
  updated: ReadonlyMap<string, DeviceValue>,
): DeviceValue | number | undefined {
  if (argument.kind === 'state') return values.state.get(argument.name);
  if (argument.kind === 'final') return updated.get(argument.name);
  if (argument.kind === 'parameter') return values.parameters.get(argument.name);
  return argument.kind === 'input' ? values.input : values.time;
}
