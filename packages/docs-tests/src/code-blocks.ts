import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface CodeBlock {
  /** Path relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  /** Words after the language, e.g. "no-run". */
  flags: string[];
  code: string;
}

/** Every fenced code block of the Markdown files given (or found under the directories given). */
export function collectCodeBlocks(root: string, paths: string[]): CodeBlock[] {
  return markdownFiles(root, paths).flatMap((file) =>
    blocksOf(relative(root, file), readFileSync(file, 'utf8')),
  );
}

function markdownFiles(root: string, paths: string[]): string[] {
  return paths.flatMap((path) => {
    const full = join(root, path);
    if (!statSync(full).isDirectory()) return [full];
    return readdirSync(full)
      .sort()
      .flatMap((entry) => markdownFiles(root, [join(path, entry)]))
      .filter((file) => file.endsWith('.md'));
  });
}

export function blocksOf(file: string, text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) throw new Error(`${file}:${i + 1}: code block never closed`);
    blocks.push({
      file,
      line: i + 1,
      language: open[1]!,
      flags: open[2]!.split(/\s+/).filter(Boolean),
      code: lines.slice(i + 1, end).join('\n'),
    });
    i = end;
  }
  return blocks;
}
