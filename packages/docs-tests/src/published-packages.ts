/** The workspace's packages, as the checks on what gets published see them. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface WorkspacePackage {
  /** Folder under packages/, e.g. `backend-js`. */
  readonly folder: string;
  readonly dir: string;
  // biome-ignore lint/suspicious/noExplicitAny: package.json is free-form JSON
  readonly json: Record<string, any>;
}

export const PACKAGES: readonly WorkspacePackage[] = readdirSync(join(ROOT, 'packages')).map((folder) => {
  const dir = join(ROOT, 'packages', folder);
  return { folder, dir, json: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
});

export const PUBLISHED = PACKAGES.filter((p) => p.json.private !== true);
