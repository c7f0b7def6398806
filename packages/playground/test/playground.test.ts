import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describeInChromium } from '@synapticflow/browser-testing/vitest';
import { loadNetworkScenario, parseScenario, simulateNetwork, simulateScenario } from '@synapticflow/cli';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_STATE, type PageState, urlQueryOf } from '../src/page-state.js';
import {
  ARTIFACTS,
  buildSite,
  devServer,
  type OpenBrowser,
  openBrowser,
  previewSite,
  type Served,
  serveWithoutIsolation,
} from './open-playground.js';

/** The page's default run as a CLI scenario: the same model, size, steps and input sweep. */
const SCENARIO = {
  model: DEFAULT_STATE.model,
  n: DEFAULT_STATE.n,
  dt: DEFAULT_STATE.dt,
  steps: DEFAULT_STATE.steps,
  dtype: 'float64',
  input: { constant: { linspace: [DEFAULT_STATE.input.from, DEFAULT_STATE.input.to] } },
};

async function cliCounts(): Promise<number[]> {
  const run = await simulateScenario(parseScenario(SCENARIO), { backend: 'js' });
  return Array.from(run.spikeCounts);
}

async function runInPage(page: Page, base: string, state: PageState) {
  await page.goto(`${base}${urlQueryOf(state)}`);
  await page.waitForSelector('body[data-ready]');
  await page.click('#run');
  await page.waitForFunction(
    () => {
      const summary = document.getElementById('run-summary')!;
      return summary.dataset.spikeCount !== undefined || summary.dataset.error !== undefined;
    },
    undefined,
    { timeout: 60_000 },
  );
  return page.$eval('#run-summary', (summary) => ({
    text: summary.textContent ?? '',
    spikeCount: Number(summary.dataset.spikeCount),
    counts: (summary.dataset.counts ?? '').split(',').map(Number),
    kernel: summary.dataset.kernel ?? '',
    error: summary.dataset.error ?? null,
    rasterMarks: document.querySelectorAll('#raster svg').length,
  }));
}

describeInChromium('playground in Chromium, cross-origin isolated (vite preview)', () => {
  let outDir: string;
  let served: Served;
  let open: OpenBrowser;
  let expected: number[];
  beforeAll(async () => {
    await rm(ARTIFACTS, { recursive: true, force: true });
    await mkdir(ARTIFACTS, { recursive: true });
    outDir = await buildSite();
    served = await previewSite(outDir);
    open = await openBrowser();
    expected = await cliCounts();
  }, 120_000);
  afterAll(async () => {
    await open?.browser.close();
    await served?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  test('the page loads without console errors and is cross-origin isolated', async () => {
    await open.page.goto(served.url);
    await open.page.waitForSelector('body[data-ready]');
    expect(await open.page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(await open.page.textContent('#isolation')).toMatch(/run on \d+ threads/);
    await open.page.screenshot({ path: join(ARTIFACTS, 'loaded.png'), fullPage: true });
    expect(open.errors).toEqual([]);
  });

  // float64 backends must match the CLI exactly; float32 ones within the precision bound of docs/conformance.md
  // (every spike within ±1 step across precisions), i.e. at most one spike per neuron more or fewer.
  const cases: { backend: PageState['backend']; dtype: PageState['dtype'] }[] = [
    { backend: 'js', dtype: 'float64' },
    { backend: 'wasm', dtype: 'float64' },
    { backend: 'tfjs-cpu', dtype: 'float32' },
    { backend: 'tfjs-webgl', dtype: 'float32' },
    { backend: 'gpujs', dtype: 'float32' },
  ];
  for (const { backend, dtype } of cases) {
    test(`a default run on ${backend} ${dtype} draws a raster with the Node CLI's spike count`, async () => {
      const result = await runInPage(open.page, served.url, { ...DEFAULT_STATE, backend, dtype });
      await open.page.screenshot({ path: join(ARTIFACTS, `run-${backend}.png`), fullPage: true });
      expect(result.error).toBeNull();
      expect(result.rasterMarks).toBe(1);
      const total = expected.reduce((sum, c) => sum + c, 0);
      expect(total).toBeGreaterThan(100);
      if (dtype === 'float64') {
        expect(result.counts).toEqual(expected);
        expect(result.spikeCount).toBe(total);
      } else {
        const worst = Math.max(...result.counts.map((c, j) => Math.abs(c - expected[j]!)));
        expect(worst).toBeLessThanOrEqual(1);
      }
      expect(result.text).toContain('neuron-updates/s');
      if (backend === 'js' || backend === 'wasm') expect(result.kernel).toMatch(/\d+ threads/);
    });
  }

  test('an invalid equation shows core’s caret message under the editor', async () => {
    await open.page.goto(served.url);
    await open.page.waitForSelector('body[data-ready]');
    const spec = JSON.parse(await open.page.inputValue('#spec'));
    spec.equations.v = '(R*I + restPot - v) / tau +';
    await open.page.fill('#spec', JSON.stringify(spec, null, 2));
    const message = await open.page.textContent('#spec-error');
    await open.page.screenshot({ path: join(ARTIFACTS, 'invalid-equation.png'), fullPage: true });
    expect(await open.page.isVisible('#spec-error')).toBe(true);
    expect(message).toContain('MODEL_SPEC: ');
    expect(message).toContain('equation for v: unexpected end of expression');
    expect(message).toMatch(/\n\s*\^/);
    expect(await open.page.isDisabled('#run')).toBe(true);
  });

  test('the CUBA example runs on js in the page with the Node CLI’s spike counts per group', async () => {
    const example = JSON.parse(
      await readFile(new URL('../../../examples/cuba.json', import.meta.url), 'utf8'),
    );
    const node = await simulateNetwork(loadNetworkScenario(example), { backend: 'js', steps: 1000 });
    const expectedText = node.groups.map((g) => `${g.name} ${g.spikes.steps.length}`).join(', ');
    await open.page.goto(served.url);
    await open.page.waitForSelector('body[data-ready]');
    await open.page.selectOption('#network', 'cuba');
    await open.page.fill('#network-duration', '100');
    await open.page.click('#run-network');
    await open.page.waitForFunction(
      () => {
        const shown = document.getElementById('network-summary')!;
        return shown.dataset.spikeCount !== undefined || shown.dataset.error !== undefined;
      },
      undefined,
      { timeout: 60_000 },
    );
    await open.page.screenshot({ path: join(ARTIFACTS, 'network-cuba.png'), fullPage: true });
    const text = (await open.page.textContent('#network-summary')) ?? '';
    expect(text).toContain(`cuba: ${expectedText} spikes`);
    expect(node.groups.reduce((sum, g) => sum + g.spikes.steps.length, 0)).toBeGreaterThan(100);
    expect(await open.page.locator('#network-raster svg').count()).toBe(1);
  });

  test('the conformance button runs the matrix on js and wasm and shows the table', async () => {
    await open.page.goto(served.url);
    await open.page.waitForSelector('body[data-ready]');
    await open.page.click('#conformance');
    await open.page.waitForSelector('#conformance-table', { timeout: 90_000 });
    await open.page.screenshot({ path: join(ARTIFACTS, 'conformance.png'), fullPage: true });
    const headers = await open.page.$$eval('#conformance-table th', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(headers).toEqual(
      expect.arrayContaining(['js float64', 'js float32', 'wasm float64', 'wasm float32']),
    );
    const statuses = await open.page.$$eval('#conformance-table td[class^="status-"]', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(statuses.length).toBeGreaterThan(8);
    expect(statuses).not.toContain('FAIL');
  }, 120_000);
});

describeInChromium('playground in Chromium, not cross-origin isolated', () => {
  let outDir: string;
  let served: Served;
  let open: OpenBrowser;
  beforeAll(async () => {
    outDir = await buildSite();
    served = await serveWithoutIsolation(outDir);
    open = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    await open?.browser.close();
    await served?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  test('js runs on one thread and says why', async () => {
    const result = await runInPage(open.page, served.url, DEFAULT_STATE);
    expect(result.error).toBeNull();
    expect(result.kernel).not.toMatch(/\d+ threads/);
    expect(await open.page.textContent('#isolation')).toContain('not cross-origin isolated');
  });
});

describeInChromium('playground on the vite dev server', () => {
  let served: Served;
  let open: OpenBrowser;
  beforeAll(async () => {
    served = await devServer();
    open = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    await open?.browser.close();
    await served?.close();
  });

  test('serves the page cross-origin isolated, without console errors, and a default run works', async () => {
    const result = await runInPage(open.page, served.url, DEFAULT_STATE);
    expect(result.error).toBeNull();
    expect(result.counts).toEqual(await cliCounts());
    expect(await open.page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(open.errors).toEqual([]);
  });
});
