import { existsSync } from 'node:fs';

/** Debian's Chromium; CI installs it with apt. Playwright's own browser downloads are never used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu', // no GPU on CI machines: WebGL2 runs on SwiftShader, Chromium's software rasterizer
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why headless Chromium cannot run here, or null where it can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} not found (install Debian's chromium package)`;
}
