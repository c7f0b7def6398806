import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PUBLISHED, ROOT } from './published-packages.js';

const config = JSON.parse(readFileSync(join(ROOT, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };

describe('the API reference (TypeDoc, `pnpm docs:api`)', () => {
  test('covers every published package', () => {
    expect([...config.entryPoints].sort()).toEqual(PUBLISHED.map((p) => `packages/${p.folder}`).sort());
  });

  test('builds without a warning: every exported symbol documented, every {@link} resolved', () => {
    const typedoc = join(
      ROOT,
      'node_modules',
      '.bin',
      process.platform === 'win32' ? 'typedoc.cmd' : 'typedoc',
    );
    const run = spawnSync(typedoc, ['--emit', 'none'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(output).not.toMatch(/\[warning\]|\[error\]/);
    expect(run.status, output).toBe(0);
  }, 600_000);
});
