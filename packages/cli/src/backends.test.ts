import { afterEach, describe, expect, test } from 'vitest';
import {
  BACKEND_NAMES,
  createBackend,
  type PackageImporter,
  setPackageImporter,
  threadedBackendNames,
} from './backends.js';
import { MissingBackendError } from './errors.js';
import { runCli, tempDirWith } from './testing/run-cli.js';

const realImporter: PackageImporter = (packageName) => import(packageName);

/** An importer for which `missing` (and whatever imports it) is not installed. */
function without(missing: string): PackageImporter {
  return (packageName) => {
    if (packageName !== missing) return realImporter(packageName);
    const error = Object.assign(new Error(`Cannot find package '${missing}' imported from cli`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    return Promise.reject(error);
  };
}

afterEach(() => {
  setPackageImporter(realImporter);
});

describe('backends the CLI loads on demand', () => {
  test('every backend creates through its package and declares whether it has threads', async () => {
    const declared: Record<string, boolean | undefined> = {};
    for (const name of BACKEND_NAMES) declared[name] = (await createBackend(name)).supportsThreads;
    expect(declared).toEqual({ js: true, wasm: true, tfjs: false, gpujs: false });
    expect(await threadedBackendNames()).toEqual(['js', 'wasm']);
  });

  test('a missing optional backend is a named error that says which packages to install', async () => {
    setPackageImporter(without('@synapticflow/backend-tfjs'));
    const error = await createBackend('tfjs').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingBackendError);
    expect(error).toMatchObject({
      code: 'BACKEND_NOT_INSTALLED',
      backend: 'tfjs',
      packages: ['@synapticflow/backend-tfjs', '@tensorflow/tfjs-core'],
    });
    expect((error as Error).message).toContain(
      'npm install @synapticflow/backend-tfjs @tensorflow/tfjs-core',
    );
  });

  test('the command line reports the missing package, and the other backends still run', async () => {
    setPackageImporter(without('@synapticflow/backend-gpujs'));
    const dir = tempDirWith({
      'tiny.json': { model: 'elif', n: 2, dt: 0.1, steps: 10, input: { constant: 0.5 } },
    });
    const missing = await runCli(['simulate', 'tiny.json', '--backend', 'gpujs'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('backend "gpujs" needs @synapticflow/backend-gpujs');
    expect(missing.stderr).toContain('npm install @synapticflow/backend-gpujs');
    const js = await runCli(['simulate', 'tiny.json', '--backend', 'js'], dir);
    expect(js.stderr).toBe('');
    expect(js.code).toBe(0);
    // The threads check skips what is not installed instead of failing on it.
    expect(await threadedBackendNames()).toEqual(['js', 'wasm']);
  });

  test('a built-in backend that fails to import keeps its own error', async () => {
    setPackageImporter(without('@synapticflow/backend-js'));
    const error = await createBackend('js').catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(MissingBackendError);
    expect((error as { code?: string }).code).toBe('ERR_MODULE_NOT_FOUND');
  });

  test('after the package becomes importable the backend loads', async () => {
    setPackageImporter(without('@synapticflow/backend-tfjs'));
    await expect(createBackend('tfjs')).rejects.toBeInstanceOf(MissingBackendError);
    setPackageImporter(realImporter);
    expect((await createBackend('tfjs')).name).toBe('tfjs');
  });
});
