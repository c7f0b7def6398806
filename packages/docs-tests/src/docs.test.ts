import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseScenario, main as synapticflow } from '@synapticflow/cli';
import { validateModel } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { type CodeBlock, collectCodeBlocks } from './code-blocks.js';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(PACKAGE, '..', '..');
const BLOCKS_DIR = join(PACKAGE, '.blocks');
const CLI_PREFIXES = ['npx -y pnpm@12.4.2 synapticflow ', 'synapticflow '];

const blocks = collectCodeBlocks(ROOT, ['README.md', 'docs']);
rmSync(BLOCKS_DIR, { recursive: true, force: true });
mkdirSync(BLOCKS_DIR, { recursive: true });

const name = (block: CodeBlock) => `${block.file}:${block.line} (${block.language || 'no language'})`;

describe('every code block in the docs', () => {
  test('has a language, and is runnable or says why not', () => {
    for (const block of blocks) {
      expect(block.language, `${name(block)} needs a language (ts, json, sh, text)`).toMatch(
        /^(ts|js|json|sh|text)$/,
      );
    }
    expect(blocks.length).toBeGreaterThan(10);
  });

  for (const [index, block] of blocks.entries()) {
    if (block.flags.includes('no-run') || block.language === 'text') continue;
    test(`${name(block)} runs`, async () => {
      if (block.language === 'ts' || block.language === 'js') await runScript(block, index);
      else if (block.language === 'json') checkJson(block);
      else if (block.language === 'sh') await runCommands(block);
    }, 120_000);
  }
});

/** TypeScript and JavaScript blocks run as modules of this package, where every workspace package resolves. */
async function runScript(block: CodeBlock, index: number): Promise<void> {
  const file = join(BLOCKS_DIR, `${index}-${block.file.replace(/[^\w]+/g, '-')}.${block.language}`);
  writeFileSync(file, `// ${block.file}:${block.line}\n${block.code}\nexport {};\n`);
  await import(pathToFileURL(file).href);
}

/** JSON blocks parse; scenarios and model specs also pass their validators. */
function checkJson(block: CodeBlock): void {
  const value = JSON.parse(block.code) as Record<string, unknown>;
  if ('steps' in value && 'model' in value) parseScenario(value);
  else if ('equations' in value || 'parameters' in value) validateModel(value as never);
}

/** Shell blocks may only hold `synapticflow` commands, run in-process at the repository root; each must succeed. */
async function runCommands(block: CodeBlock): Promise<void> {
  const commands = block.code.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
  for (const command of commands) {
    const prefix = CLI_PREFIXES.find((p) => command.startsWith(p));
    if (!prefix)
      throw new Error(`${name(block)}: "${command}" is not a synapticflow command; mark the block no-run`);
    const argv = command.slice(prefix.length).split(/\s+/).filter(Boolean);
    let output = '';
    const code = await synapticflow(argv, {
      stdout: { write: (text: string) => (output += text) },
      stderr: { write: (text: string) => (output += text), isTTY: false },
      cwd: ROOT,
    });
    expect(code, `${command}\n${output}`).toBe(0);
  }
}
