import { describe, expect, test } from 'vitest';
import { createProgress, formatBar } from './progress.js';

function fakeStderr(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text), isTTY, columns: 80 } };
}

describe('progress bar', () => {
  test('draws on a terminal once the run has taken half a second, then clears itself', () => {
    let time = 0;
    const { writes, stream } = fakeStderr(true);
    const progress = createProgress(stream, () => time);
    time = 100;
    progress.update(10, 100);
    expect(writes).toEqual([]);
    time = 600;
    progress.update(50, 100);
    time = 650;
    progress.update(60, 100); // too soon to redraw
    progress.finish();
    expect(writes).toHaveLength(2);
    expect(writes[0]).toMatch(/^\r\[#+\.+\] {2}50% {2}50\/100 steps {2}0\.6 s$/);
    expect(writes[1]).toBe('\r\x1b[K');
  });

  test('never writes when stderr is not a terminal', () => {
    let time = 0;
    const { writes, stream } = fakeStderr(false);
    const progress = createProgress(stream, () => time);
    time = 5000;
    progress.update(50, 100);
    progress.finish();
    expect(writes).toEqual([]);
  });

  test('fits the terminal width', () => {
    expect(formatBar(1, 4, 0, 80).length).toBeLessThanOrEqual(80);
    expect(formatBar(4, 4, 0, 30)).toMatch(/^\[#{10}\] 100%/); // never narrower than 10
  });
});
