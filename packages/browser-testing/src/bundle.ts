import { build, type Plugin } from 'esbuild';

export interface BundleOptions {
  /** Entry modules (TypeScript or JavaScript) by output name: `{ page: 'src/page.ts' }` gives `page.js`. */
  entries: Readonly<Record<string, string>>;
  outdir: string;
  /** Module specifiers replaced by the given JavaScript source, for modules a browser has not (node:fs). */
  shims?: Readonly<Record<string, string>>;
}

/** Bundles modules for the browser, each as one ES module (which keeps import.meta.url, for fixtures). */
export async function bundlePage(options: BundleOptions): Promise<void> {
  await build({
    entryPoints: Object.entries(options.entries).map(([out, entry]) => ({ in: entry, out })),
    outdir: options.outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    plugins: [shimPlugin(options.shims ?? {})],
  });
}

function shimPlugin(shims: Readonly<Record<string, string>>): Plugin {
  return {
    name: 'shims',
    setup(bundler) {
      bundler.onResolve({ filter: /.*/ }, (args) =>
        Object.hasOwn(shims, args.path) ? { path: args.path, namespace: 'shim' } : undefined,
      );
      bundler.onLoad({ filter: /.*/, namespace: 'shim' }, (args) => ({
        contents: shims[args.path],
        loader: 'js',
      }));
    },
  };
}
