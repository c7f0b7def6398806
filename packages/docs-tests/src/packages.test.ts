import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PUBLISHED } from './published-packages.js';

/** Threads start workers through process.getBuiltinModule, which Node 20.16 introduced. */
const NODE_MINIMUM = '>=20.16.0';

describe('every published package', () => {
  test('the workspace publishes the core, the four backends, the conformance suite, the CLI and the plots', () => {
    expect(PUBLISHED.map((p) => p.folder).sort()).toEqual([
      'backend-gpujs',
      'backend-js',
      'backend-tfjs',
      'backend-wasm',
      'cli',
      'conformance',
      'core',
      'plot',
    ]);
  });

  for (const { folder, dir, json } of PUBLISHED) {
    describe(json.name, () => {
      test('has a README that names it and shows how it is used', () => {
        const readmePath = join(dir, 'README.md');
        expect(existsSync(readmePath), `${folder}/README.md is missing`).toBe(true);
        const readme = readFileSync(readmePath, 'utf8');
        expect(readme).toContain(`# ${json.name}`);
        expect(readme).toMatch(/```(ts|sh)/);
        expect(json.files).toContain('README.md');
      });

      test('has the metadata a registry page needs', () => {
        expect(json.description).toMatch(/\w{3,}/);
        expect(json.keywords?.length).toBeGreaterThan(0);
        expect(json.license).toBe('MIT');
        expect(json.homepage).toMatch(/^https:\/\//);
        expect(json.bugs?.url).toMatch(/^https:\/\//);
        expect(json.repository).toMatchObject({ type: 'git', directory: `packages/${folder}` });
        expect(json.repository.url).toMatch(/^git\+https:\/\/.+\.git$/);
        expect(json.engines).toEqual({ node: NODE_MINIMUM });
      });

      test('every export has types, import and a default condition', () => {
        for (const [subpath, target] of Object.entries(json.exports)) {
          if (typeof target === 'string') continue;
          expect(Object.keys(target as object), `${json.name} exports["${subpath}"]`).toEqual([
            'types',
            'import',
            'default',
          ]);
        }
      });

      test('packs no tests, and every file it declares or exports is in the pack', () => {
        const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
          cwd: dir,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        const packed: string[] = JSON.parse(output)[0].files.map((f: { path: string }) => f.path);
        expect(packed.filter((path) => /\.test(-d)?\.[cm]?[jt]s$|(^|\/)testing\//.test(path))).toEqual([]);
        for (const entry of json.files as string[]) {
          if (entry.startsWith('!')) continue;
          expect(
            packed.some((path) => path === entry || path.startsWith(`${entry}/`)),
            `${entry}`,
          ).toBe(true);
        }
        const targets = Object.values(json.exports).flatMap((t) =>
          typeof t === 'string' ? [t] : Object.values(t as object),
        );
        for (const target of [...targets, ...Object.values(json.bin ?? {})] as string[]) {
          expect(packed, `${json.name} points at ${target}`).toContain(target.replace(/^\.\//, ''));
        }
        // Source maps point into src, so every mapped source ships too.
        for (const map of packed.filter((path) => path.endsWith('.js.map'))) {
          const { sources } = JSON.parse(readFileSync(join(dir, map), 'utf8')) as { sources: string[] };
          for (const source of sources)
            expect(packed, `${map} maps to ${source}`).toContain(join(map, '..', source));
        }
      }, 60_000);
    });
  }
});

describe('require() of an ES-module-only package', () => {
  const requireFrom = (specifier: string, nodeFlags: string[]) => {
    const dir = mkdtempSync(join(import.meta.dirname, '..', '.require-'));
    try {
      const file = join(dir, 'main.cjs');
      writeFileSync(
        file,
        `const m = require(${JSON.stringify(specifier)}); console.log(Object.keys(m).length);\n`,
      );
      return spawnSync(process.execPath, [...nodeFlags, file], { encoding: 'utf8' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  for (const { json } of PUBLISHED) {
    test(`${json.name}: where Node cannot require ES modules, the error says to use import()`, () => {
      const run = requireFrom(json.name, ['--no-experimental-require-module']);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('ERR_REQUIRE_ESM');
      expect(run.stderr).toContain('dynamic import()');
    });
  }

  test.runIf(process.features.require_module)(
    'where Node can require ES modules, require() loads core',
    () => {
      const run = requireFrom('@synapticflow/core', []);
      expect(run.stderr).not.toContain('ERR_');
      expect(Number(run.stdout)).toBeGreaterThan(10);
    },
  );
});
