import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface ServeOptions {
  /** Served at `/`; `/` itself is `index.html`. */
  root: string;
  /** More folders, by URL prefix (`'/fixtures/'`). */
  folders?: Readonly<Record<string, string>>;
  /** Sent with every response, e.g. the two that make a page cross-origin isolated. */
  headers?: Readonly<Record<string, string>>;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  close(): Promise<void>;
}

/** The headers that make a page cross-origin isolated, which browsers require for SharedArrayBuffer. */
export const CROSS_ORIGIN_ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Serves files on a free port of 127.0.0.1; GET only, no directory listings. */
export async function serveFolders(options: ServeOptions): Promise<StaticServer> {
  const folders = Object.entries(options.folders ?? {});
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = { ...options.headers };
    if (path.includes('..')) {
      response.writeHead(403, headers).end();
      return;
    }
    const mount = folders.find(([prefix]) => path.startsWith(prefix));
    const file = mount
      ? join(mount[1], path.slice(mount[0].length))
      : join(options.root, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'text/plain';
      response.writeHead(200, { ...headers, 'content-type': type }).end(body);
    } catch {
      response.writeHead(404, headers).end();
    }
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}
