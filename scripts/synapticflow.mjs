// `pnpm synapticflow <command> ...` at the repository root: build the CLI and what it depends on (turbo's
// cache makes this cheap), show the build output only if it failed, then run the command in this process.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const turbo = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'turbo.cmd' : 'turbo');
const build = spawnSync(
  turbo,
  ['run', 'build', '--filter=@synapticflow/cli...', '--output-logs=errors-only'],
  {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  },
);
if (build.status !== 0) {
  process.stderr.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? '');
  process.stderr.write(
    `synapticflow: building the CLI failed${build.error ? ` (${build.error.message})` : ''}\n`,
  );
  process.exit(build.status ?? 1);
}
// pnpm runs this script at the repository root; relative paths on the command line mean where it was typed.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
await import('../packages/cli/dist/bin.js');
