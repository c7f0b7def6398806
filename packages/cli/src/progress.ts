import type { CliIo } from './io.js';

/** Runs shorter than this never show a bar, so quick runs and their output stay clean. */
const SHOW_AFTER_MS = 500;
const REDRAW_EVERY_MS = 100;

export interface Progress {
  update(stepsDone: number, steps: number): void;
  /** Clears the bar, if one was drawn. */
  finish(): void;
}

/** A one-line progress bar on stderr, drawn only when stderr is a terminal and the run is long. */
export function createProgress(
  stream: CliIo['stderr'],
  now: () => number = () => performance.now(),
): Progress {
  const start = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(stepsDone, steps) {
      const time = now();
      if (!stream.isTTY || time - start < SHOW_AFTER_MS || time - lastDraw < REDRAW_EVERY_MS) return;
      lastDraw = time;
      drawn = true;
      stream.write(`\r${formatBar(stepsDone, steps, time - start, stream.columns || 80)}`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

/** `[#####.....]  50%  5000/10000 steps  1.2 s`, fitted to the terminal width. */
export function formatBar(stepsDone: number, steps: number, elapsedMs: number, columns: number): string {
  const fraction = steps > 0 ? stepsDone / steps : 1;
  const text = ` ${String(Math.floor(fraction * 100)).padStart(3)}%  ${stepsDone}/${steps} steps  ${(elapsedMs / 1000).toFixed(1)} s`;
  const width = Math.max(10, Math.min(40, columns - text.length - 3));
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${text}`;
}
