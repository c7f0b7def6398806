import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';

/** Pieces are gathered to about this many characters per write. */
const WRITE_SIZE = 1 << 16;

/**
 * Streams `pieces` into a temporary file next to `path` and renames it over `path` once complete, so the text
 * never has to fit in one string and a failure or kill mid-write leaves the previous file as it was.
 */
export async function writeAtomically(path: string, pieces: Iterable<string>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const out = createWriteStream(temporary);
  try {
    let buffered = '';
    for (const piece of pieces) {
      buffered += piece;
      if (buffered.length < WRITE_SIZE) continue;
      if (!out.write(buffered)) await once(out, 'drain');
      buffered = '';
    }
    out.end(buffered);
    await finished(out);
    await rename(temporary, path);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}
