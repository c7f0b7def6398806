import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiReport, compilerOptionsOf } from './testing/api-report.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const packageJson = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8'));
const options = compilerOptionsOf(`${packageRoot}tsconfig.json`);
const update = process.env.UPDATE_API_REPORT === '1';

/** Each public entry, its source and the checked-in report of what it exports. */
const ENTRIES = [
  { subpath: '.', source: 'src/index.ts', report: 'api/core.api.txt' },
  { subpath: './backend', source: 'src/backend-entry.ts', report: 'api/backend.api.txt' },
  { subpath: './reference', source: 'src/reference-entry.ts', report: 'api/reference.api.txt' },
];

describe('API report', () => {
  it('covers every entry that package.json exports', () => {
    const exported = Object.keys(packageJson.exports).filter((subpath) => subpath !== './package.json');
    expect(exported.sort()).toEqual(ENTRIES.map((entry) => entry.subpath).sort());
  });

  for (const entry of ENTRIES) {
    it(`${entry.subpath} exports exactly what ${entry.report} lists`, () => {
      const specifier = `@synapticflow/core${entry.subpath.slice(1)}`;
      const actual = apiReport({ specifier, source: `${packageRoot}${entry.source}` }, options);
      if (update) writeFileSync(`${packageRoot}${entry.report}`, actual);
      const expected = readFileSync(`${packageRoot}${entry.report}`, 'utf8');
      expect(actual, `run \`pnpm --filter @synapticflow/core api:update\` and review ${entry.report}`).toBe(
        expected,
      );
    }, 30_000);
  }

  it('keeps test helpers, the interpreter and generic AST constructors out of the main entry', () => {
    const main = readFileSync(`${packageRoot}api/core.api.txt`, 'utf8');
    for (const name of [
      'interpreterBackend',
      'num',
      'ident',
      'call',
      'select',
      'WorkerTeam',
      'emitJsExpression',
    ]) {
      expect(main).not.toMatch(new RegExp(` ${name}\\b`));
    }
  });
});
