import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { PACKAGES, type WorkspacePackage } from './published-packages.js';

/** Packages that exist to test others; nothing that ships may import them. */
const TEST_PACKAGES = ['@synapticflow/browser-testing', '@synapticflow/docs-tests'];

/** The files a package's build compiles, i.e. its source without tests and test helpers. */
function shippedSources({ dir }: WorkspacePackage): string[] {
  const config = join(dir, 'tsconfig.build.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    config,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  return parsed?.fileNames ?? [];
}

/** The workspace packages a source file imports, statically, dynamically or for types. */
function workspaceImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => /^@synapticflow\/[^/]+/.exec(fileName)?.[0])
    .filter((name): name is string => name !== undefined);
}

const BUILT = PACKAGES.filter((p) => p.json.scripts?.build !== undefined);
const graph = new Map(
  BUILT.map((p) => [p.json.name as string, new Set(shippedSources(p).flatMap(workspaceImports))]),
);

describe('dependency graph of the shipped sources', () => {
  test('every package that builds has sources to check', () => {
    for (const p of BUILT) expect(shippedSources(p).length, p.folder).toBeGreaterThan(0);
  });

  test('core imports no other package and has no runtime dependencies', () => {
    expect([...graph.get('@synapticflow/core')!]).toEqual([]);
    const core = BUILT.find((p) => p.folder === 'core')!;
    expect(core.json.dependencies ?? {}).toEqual({});
  });

  test('a backend imports core only: no other backend, no test package, not the conformance suite', () => {
    for (const [name, imports] of graph) {
      if (!name.startsWith('@synapticflow/backend-')) continue;
      const others = [...imports].filter(
        (imported) => imported !== '@synapticflow/core' && imported !== name,
      );
      expect(others, name).toEqual([]);
    }
  });

  test('nothing that ships imports a test package', () => {
    for (const [name, imports] of graph) {
      expect(
        [...imports].filter((imported) => TEST_PACKAGES.includes(imported)),
        name,
      ).toEqual([]);
    }
  });

  test('every workspace import is a declared dependency or peer, not a dev dependency only', () => {
    for (const p of BUILT) {
      const declared = { ...p.json.dependencies, ...p.json.peerDependencies };
      const name = p.json.name as string;
      const undeclared = [...graph.get(name)!].filter(
        (imported) => imported !== name && !(imported in declared),
      );
      expect(undeclared, name).toEqual([]);
    }
  });
});
